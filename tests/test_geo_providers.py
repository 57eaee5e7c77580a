"""The providers an entry can choose, end to end: Plex simulator, fakes, repair issues."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from datetime import timedelta
import os
from pathlib import Path
import time
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_fire_time_changed

from custom_components.plexgeo.const import (
    CONF_DBIP_URL,
    CONF_GEO_PROVIDER,
    CONF_MMDB_ASN_PATH,
    CONF_MMDB_CITY_PATH,
    CONF_PLEXTV_URL,
    DOMAIN,
)
from custom_components.plexgeo.core.geo.dbip import ASN, CITY, file_name, published_name
from custom_components.plexgeo.core.models import LocationStatus, Stream
from custom_components.plexgeo.diagnostics import async_get_config_entry_diagnostics
from custom_components.plexgeo.geodata import CHECK_INTERVAL, cache_directory
from simulator.dbip import DownloadFault, FakeDbIp
from simulator.ipapi import FakeIpApi
from simulator.mmdb import gzipped, write_asn, write_city
from simulator.plex import PlexSimulator
from simulator.plextv import FakePlexTv, PlexTvFault
from simulator.scenario import wan_session

from .common import poll


@pytest.fixture
async def dbip_server(socket_enabled: None, tmp_path: Path) -> AsyncGenerator[FakeDbIp]:
    server = FakeDbIp()
    await server.start()
    month = dt_util.utcnow().date()
    server.publish(published_name(CITY, month), gzipped(write_city(tmp_path / "b" / "c.mmdb")))
    server.publish(published_name(ASN, month), gzipped(write_asn(tmp_path / "b" / "a.mmdb")))
    yield server
    await server.stop()


@pytest.fixture
async def plextv(socket_enabled: None, plex_sim: PlexSimulator) -> AsyncGenerator[FakePlexTv]:
    server = FakePlexTv(plex_sim.token)
    await server.start()
    yield server
    await server.stop()


def live(entry: MockConfigEntry) -> Stream:
    streams = entry.runtime_data.coordinator.data.live
    assert len(streams) == 1
    return streams[0]


def issue(hass: HomeAssistant, entry: MockConfigEntry) -> ir.IssueEntry | None:
    return ir.async_get(hass).async_get_issue(DOMAIN, f"geolocation_{entry.entry_id}")


async def setup(hass: HomeAssistant, entry: MockConfigEntry, options: dict[str, Any]) -> None:
    hass.config_entries.async_update_entry(entry, options={**entry.options, **options})
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done(wait_background_tasks=True)


async def test_dbip_downloads_then_locates_with_nothing_sent_to_any_service(
    hass: HomeAssistant,
    config_entry: MockConfigEntry,
    plex_sim: PlexSimulator,
    dbip_server: FakeDbIp,
    ipapi: FakeIpApi,
    plextv: FakePlexTv,
    config_dir: Path,
) -> None:
    plex_sim.add_session(wan_session("london"))
    await setup(
        hass, config_entry, {CONF_GEO_PROVIDER: "dbip", CONF_DBIP_URL: dbip_server.base_url}
    )
    # HA 2026.3+ has a cache directory (<config>/.cache); 2025.4.4 has none: the config dir.
    cache_path = getattr(hass.config, "cache_path", None)
    directory = Path(cache_path(DOMAIN)) if callable(cache_path) else config_dir / DOMAIN / "cache"
    assert cache_directory(hass) == directory
    assert (directory / file_name(CITY)).exists() and (directory / file_name(ASN)).exists()
    await poll(hass, config_entry)
    stream = live(config_entry)
    assert stream.location_status is LocationStatus.KNOWN and stream.location is not None
    assert (stream.location.city, stream.location.provider) == ("London", "dbip")
    assert stream.location.asn == "AS2856 British Telecommunications PLC"
    # Addresses stayed on this machine: no geolocation service heard from us.
    assert ipapi.requests == [] and plextv.requests == []
    assert issue(hass, config_entry) is None
    diagnostics = await async_get_config_entry_diagnostics(hass, config_entry)  # type: ignore[arg-type]
    assert diagnostics["geolocation"]["attribution"] == {
        "text": "IP Geolocation by DB-IP",
        "url": "https://db-ip.com",
    }


async def test_cache_path_is_used_where_home_assistant_has_it(
    hass: HomeAssistant, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def cache_path(*parts: str) -> str:
        return str(tmp_path / ".cache" / Path(*parts))

    monkeypatch.setattr(hass.config, "cache_path", cache_path, raising=False)
    assert cache_directory(hass) == tmp_path / ".cache" / DOMAIN


async def test_failed_download_opens_an_issue_streams_wait_and_recover(
    hass: HomeAssistant,
    config_entry: MockConfigEntry,
    plex_sim: PlexSimulator,
    dbip_server: FakeDbIp,
) -> None:
    plex_sim.add_session(wan_session("london"))
    dbip_server.fault = DownloadFault.SERVER_ERROR
    await setup(
        hass, config_entry, {CONF_GEO_PROVIDER: "dbip", CONF_DBIP_URL: dbip_server.base_url}
    )
    found = issue(hass, config_entry)
    assert found is not None and found.translation_key == "download_failed"
    assert found.translation_placeholders is not None
    assert "HTTP 503" in found.translation_placeholders["reason"]
    await poll(hass, config_entry)
    assert live(config_entry).location_status is LocationStatus.PENDING

    dbip_server.fault = DownloadFault.NONE
    async_fire_time_changed(hass, dt_util.utcnow() + CHECK_INTERVAL + timedelta(seconds=1))
    await hass.async_block_till_done(wait_background_tasks=True)
    assert issue(hass, config_entry) is None
    await poll(hass, config_entry)
    assert live(config_entry).location_status is LocationStatus.KNOWN


async def test_a_database_two_months_old_is_refreshed_or_reported(
    hass: HomeAssistant,
    config_entry: MockConfigEntry,
    plex_sim: PlexSimulator,
    dbip_server: FakeDbIp,
) -> None:
    await setup(
        hass, config_entry, {CONF_GEO_PROVIDER: "dbip", CONF_DBIP_URL: dbip_server.base_url}
    )
    city = cache_directory(hass) / file_name(CITY)
    old = time.time() - 70 * 86400
    os.utime(city, (old, old))
    dbip_server.files.clear()  # nothing new published: the old file stays in use
    requests = len(dbip_server.requests)
    async_fire_time_changed(hass, dt_util.utcnow() + CHECK_INTERVAL + timedelta(seconds=1))
    await hass.async_block_till_done(wait_background_tasks=True)
    assert len(dbip_server.requests) > requests  # a refresh was tried
    found = issue(hass, config_entry)
    assert found is not None and found.translation_key == "database_stale"
    plex_sim.add_session(wan_session("london"))
    await poll(hass, config_entry)
    assert live(config_entry).location_status is LocationStatus.KNOWN


async def test_own_maxmind_file_missing_then_provided(
    hass: HomeAssistant,
    config_entry: MockConfigEntry,
    plex_sim: PlexSimulator,
    ipapi: FakeIpApi,
    tmp_path: Path,
) -> None:
    city = tmp_path / "GeoLite2-City.mmdb"
    plex_sim.add_session(wan_session("london"))
    await setup(
        hass,
        config_entry,
        {
            CONF_GEO_PROVIDER: "maxmind",
            CONF_MMDB_CITY_PATH: str(city),
            CONF_MMDB_ASN_PATH: str(tmp_path / "GeoLite2-ASN.mmdb"),
        },
    )
    assert live(config_entry).location_status is LocationStatus.PENDING
    found = issue(hass, config_entry)
    assert found is not None and found.translation_key == "database_missing"
    assert found.translation_placeholders is not None
    assert "GeoLite2-City.mmdb does not exist" in found.translation_placeholders["reason"]

    await hass.async_add_executor_job(lambda: write_city(city, flavour="geolite2", accuracy_km=100))
    await poll(hass, config_entry)
    stream = live(config_entry)
    assert stream.location is not None and stream.location.accuracy_km == 100.0
    assert stream.location.provider == "maxmind"
    assert issue(hass, config_entry) is None
    assert ipapi.requests == []


async def test_plextv_locates_and_a_refused_token_is_reported(
    hass: HomeAssistant,
    config_entry: MockConfigEntry,
    plex_sim: PlexSimulator,
    plextv: FakePlexTv,
) -> None:
    plex_sim.add_session(wan_session("london"))
    await setup(
        hass, config_entry, {CONF_GEO_PROVIDER: "plex.tv", CONF_PLEXTV_URL: plextv.base_url}
    )
    assert live(config_entry).location is not None
    assert {r.token for r in plextv.requests} == {plex_sim.token}

    plextv.fault = PlexTvFault.UNAUTHORIZED
    plex_sim.add_session(wan_session("paris", user_id=2, user_name="bob"))
    await poll(hass, config_entry)
    statuses = {s.location_status for s in config_entry.runtime_data.coordinator.data.live}
    assert statuses == {LocationStatus.KNOWN, LocationStatus.PENDING}
    found = issue(hass, config_entry)
    assert found is not None and found.translation_key == "plextv_unauthorized"


async def test_switching_provider_keeps_the_history(
    hass: HomeAssistant,
    config_entry: MockConfigEntry,
    plex_sim: PlexSimulator,
    dbip_server: FakeDbIp,
    ipapi: FakeIpApi,
) -> None:
    first = plex_sim.add_session(wan_session("london"))
    await setup(hass, config_entry, {})
    before = live(config_entry)
    assert before.location is not None and before.location.provider == "ip-api"
    plex_sim.remove_session(first)
    await poll(hass, config_entry)

    hass.config_entries.async_update_entry(
        config_entry,
        options={
            **config_entry.options,
            CONF_GEO_PROVIDER: "dbip",
            CONF_DBIP_URL: dbip_server.base_url,
        },
    )
    await hass.config_entries.async_reload(config_entry.entry_id)
    await hass.async_block_till_done(wait_background_tasks=True)
    sent = len(ipapi.requests)
    plex_sim.add_session(wan_session("paris", user_id=2, user_name="bob"))
    await poll(hass, config_entry)
    after = live(config_entry)
    assert after.location is not None and after.location.provider == "dbip"
    assert len(ipapi.requests) == sent  # the new lookup went nowhere
    store = config_entry.runtime_data.store
    kept = await hass.async_add_executor_job(store.streams, [before.stream_id])
    assert kept[0].location is not None and kept[0].location.provider == "ip-api"


async def test_options_offer_the_providers_and_check_the_file(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, tmp_path: Path
) -> None:
    result = await hass.config_entries.options.async_init(loaded_entry.entry_id)
    city = tmp_path / "GeoLite2-City.mmdb"
    answer = {**loaded_entry.options, CONF_GEO_PROVIDER: "maxmind", CONF_MMDB_CITY_PATH: str(city)}
    result = await hass.config_entries.options.async_configure(result["flow_id"], answer)
    assert result["errors"] == {CONF_MMDB_CITY_PATH: "mmdb_missing"}
    await hass.async_add_executor_job(write_city, city)
    result = await hass.config_entries.options.async_configure(result["flow_id"], answer)
    assert result["type"] == "create_entry"
    assert loaded_entry.options[CONF_GEO_PROVIDER] == "maxmind"
    assert loaded_entry.options[CONF_MMDB_CITY_PATH] == str(city)
    await hass.async_block_till_done()
    assert await hass.config_entries.async_unload(loaded_entry.entry_id)
