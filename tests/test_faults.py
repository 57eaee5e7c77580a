"""Faults provoked on purpose: storage, Plex and geolocation misbehaving, two servers at once."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from datetime import timedelta
from pathlib import Path
import re
import socket
from typing import Any
from unittest.mock import patch

from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import CONF_TOKEN, CONF_URL, STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.plexgeo import database_path
from custom_components.plexgeo.const import CONF_STREAM_DETAILS, CONF_VERIFY_SSL, DOMAIN
from custom_components.plexgeo.core.errors import StoreUnavailable
from simulator.ipapi import FailMode, FakeIpApi
from simulator.places import PLACES
from simulator.plex import FailureMode, PlexSimulator
from simulator.scenario import SimSession, ipv6_session, wan_session

from .common import ACTIVE, TODAY, poll, state


@pytest.fixture
def options(options: dict[str, Any]) -> dict[str, Any]:
    """The owner opted in to stream details, so the sensor lists what each stream shows."""
    return {**options, CONF_STREAM_DETAILS: True}


def _issue(hass: HomeAssistant, issue_id: str) -> ir.IssueEntry | None:
    return ir.async_get(hass).async_get_issue(DOMAIN, issue_id)


async def test_corrupt_database_is_set_aside(
    hass: HomeAssistant, plex_sim: PlexSimulator, config_entry: MockConfigEntry
) -> None:
    # Set up once (so the server has its keys), then the file is damaged while unloaded.
    assert await hass.config_entries.async_setup(config_entry.entry_id)
    assert await hass.config_entries.async_unload(config_entry.entry_id)
    path = database_path(hass, plex_sim.machine_identifier)
    for extra in ("-wal", "-shm"):
        path.with_name(path.name + extra).unlink(missing_ok=True)
    path.write_bytes(b"this is not a database" * 100)
    plex_sim.add_session(wan_session("paris"))
    assert await hass.config_entries.async_setup(config_entry.entry_id)
    await hass.async_block_till_done()
    assert config_entry.state is ConfigEntryState.LOADED
    issue = _issue(hass, f"database_recovered_{config_entry.entry_id}")
    assert issue is not None
    assert issue.translation_placeholders is not None
    # The placeholder is Markdown (escaped): the reader sees it without the backslashes.
    moved = Path(re.sub(r"\\(.)", r"\1", issue.translation_placeholders["path"]))
    assert moved.read_bytes().startswith(b"this is not a database")
    assert state(hass, ACTIVE) == "1"


async def test_disk_refusing_writes_is_reported_and_retried(
    hass: HomeAssistant, plex_sim: PlexSimulator, loaded_entry: MockConfigEntry
) -> None:
    store = loaded_entry.runtime_data.store
    plex_sim.add_session(wan_session("paris"))
    issue_id = f"database_unavailable_{loaded_entry.entry_id}"
    with patch.object(store, "start_streams", side_effect=StoreUnavailable("disk I/O error")):
        await poll(hass, loaded_entry)
        await poll(hass, loaded_entry)
        assert state(hass, ACTIVE) == STATE_UNAVAILABLE
        issue = _issue(hass, issue_id)
        assert issue is not None
        assert issue.translation_placeholders == {
            "server": loaded_entry.title,
            "error": "disk I/O error",
        }
    # The disk recovers: the stream that was playing all along is recorded, once.
    await poll(hass, loaded_entry)
    assert state(hass, ACTIVE) == "1"
    assert state(hass, TODAY) == "1"
    assert _issue(hass, issue_id) is None


async def test_locked_database_at_setup_retries(
    hass: HomeAssistant, plex_sim: PlexSimulator, config_entry: MockConfigEntry
) -> None:
    with patch(
        "custom_components.plexgeo.keys.HistoryStore.open",
        side_effect=StoreUnavailable("database is locked"),
    ):
        await hass.config_entries.async_setup(config_entry.entry_id)
    assert config_entry.state is ConfigEntryState.SETUP_RETRY


async def test_slow_plex_times_out_and_recovers(
    hass: HomeAssistant, plex_sim: PlexSimulator, config_entry: MockConfigEntry
) -> None:
    with patch("custom_components.plexgeo.PLEX_TIMEOUT", 0.5):
        assert await hass.config_entries.async_setup(config_entry.entry_id)
        await hass.async_block_till_done()
    plex_sim.add_session(wan_session("paris"))
    await plex_sim.fail(FailureMode.SLOW, delay=2)
    await poll(hass, config_entry)
    assert state(hass, ACTIVE) == STATE_UNAVAILABLE
    await plex_sim.recover()
    await poll(hass, config_entry)
    assert state(hass, ACTIVE) == "1"


async def test_garbage_attributes_do_not_break_polling(
    hass: HomeAssistant, plex_sim: PlexSimulator, loaded_entry: MockConfigEntry
) -> None:
    plex_sim.add_session(wan_session("paris"))
    await plex_sim.fail(FailureMode.GARBAGE_ATTRIBUTES)
    await poll(hass, loaded_entry)
    assert loaded_entry.runtime_data.coordinator.last_update_success
    assert int(state(hass, ACTIVE)) >= 1


@pytest.mark.parametrize("failure", [FailureMode.MALFORMED, FailureMode.HTTP_500])
async def test_bad_reply_loses_nothing_stored(
    hass: HomeAssistant, plex_sim: PlexSimulator, loaded_entry: MockConfigEntry, failure: str
) -> None:
    plex_sim.add_session(wan_session("paris"))
    await poll(hass, loaded_entry)
    await plex_sim.fail(FailureMode(failure))
    await poll(hass, loaded_entry)
    stats = await hass.async_add_executor_job(loaded_entry.runtime_data.store.stats)
    assert (stats.streams, stats.open_streams) == (1, 1)


async def test_five_hundred_sessions(
    hass: HomeAssistant, plex_sim: PlexSimulator, ipapi: FakeIpApi, loaded_entry: MockConfigEntry
) -> None:
    for index in range(500):
        where = PLACES[index % len(PLACES)]
        plex_sim.add_session(
            wan_session(where.key, user_id=index, user_name=f"user{index}", rating_key=index)
        )
    ipapi.requests.clear()
    await poll(hass, loaded_entry)
    assert state(hass, ACTIVE) == "500"
    # Every distinct address located in one batch request per hundred.
    assert len([r for r in ipapi.requests if r.path == "/batch"]) == 1


async def test_hostile_text_is_kept_as_text(
    hass: HomeAssistant, plex_sim: PlexSimulator, loaded_entry: MockConfigEntry
) -> None:
    title = "<img src=x onerror=alert(1)> \u202e Zoë 🎬 \"quoted\" 'single' & ampersand"
    plex_sim.add_session(wan_session("paris", user_name="名前\x07", title=title))
    await poll(hass, loaded_entry)
    [stream] = hass.states.get(ACTIVE).attributes["streams"]  # type: ignore[union-attr]
    assert stream["title"].startswith("<img src=x onerror=alert(1)>")
    assert "Zoë 🎬" in stream["title"]
    assert stream["user"] == "名前"


async def test_ipapi_rate_limited_then_recovers(
    hass: HomeAssistant,
    plex_sim: PlexSimulator,
    ipapi: FakeIpApi,
    loaded_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    await ipapi.fail(FailMode.RATE_LIMITED)
    plex_sim.add_session(ipv6_session("sydney"))
    await poll(hass, loaded_entry)
    [stream] = loaded_entry.runtime_data.coordinator.data.live
    assert stream.location is None
    await ipapi.recover()
    await poll(hass, loaded_entry)  # still inside the window ip-api gave: no request
    assert loaded_entry.runtime_data.coordinator.data.live[0].location is None
    ipapi.advance(120)
    freezer.tick(timedelta(seconds=120))
    await poll(hass, loaded_entry)
    [stream] = loaded_entry.runtime_data.coordinator.data.live
    assert stream.location is not None
    assert stream.location.country_code == "AU"


@pytest.fixture
async def second_sim(socket_enabled: None) -> AsyncGenerator[PlexSimulator]:
    sim = PlexSimulator(machine_identifier="second-server", friendly_name="Other Plex")
    await sim.start()
    yield sim
    await sim.stop()


async def test_two_servers_keep_their_data_apart(
    hass: HomeAssistant,
    plex_sim: PlexSimulator,
    second_sim: PlexSimulator,
    loaded_entry: MockConfigEntry,
    options: dict[str, Any],
) -> None:
    other = MockConfigEntry(
        domain=DOMAIN,
        title=second_sim.friendly_name,
        unique_id=second_sim.machine_identifier,
        data={CONF_URL: second_sim.url, CONF_TOKEN: second_sim.token, CONF_VERIFY_SSL: False},
        options=options,
    )
    other.add_to_hass(hass)
    assert await hass.config_entries.async_setup(other.entry_id)
    await hass.async_block_till_done()
    plex_sim.add_session(wan_session("paris"))
    second_sim.add_session(wan_session("tokyo", user_name="carol"))
    second_sim.add_session(SimSession(user_name="dave", rating_key=7))
    await poll(hass, loaded_entry)
    await poll(hass, other)
    assert state(hass, ACTIVE) == "1"
    assert state(hass, "sensor.other_plex_active_streams") == "2"
    assert database_path(hass, "second-server") != database_path(hass, plex_sim.machine_identifier)
    # Unloading one leaves the other polling, and the panel stays while one is loaded.
    assert await hass.config_entries.async_unload(loaded_entry.entry_id)
    await hass.async_block_till_done()
    assert "plexgeo" in hass.data["frontend_panels"]
    await poll(hass, other)
    assert state(hass, "sensor.other_plex_active_streams") == "2"


async def test_dns_failure_is_unreachable(
    hass: HomeAssistant, plex_sim: PlexSimulator, config_entry: MockConfigEntry
) -> None:
    """A name that does not resolve: setup retries, like any unreachable server."""
    hass.config_entries.async_update_entry(
        config_entry, data={**config_entry.data, CONF_URL: "http://plex.invalid:32400"}
    )

    def no_such_host(host: object, *args: object, **kwargs: object) -> object:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    # No resolver is asked: the lookup fails here, as it would with no DNS answer.
    with patch("socket.getaddrinfo", side_effect=no_such_host):
        await hass.config_entries.async_setup(config_entry.entry_id)
    assert config_entry.state is ConfigEntryState.SETUP_RETRY


def _open_files_under(folder: Path) -> list[str]:
    fds = Path("/proc/self/fd")
    targets = []
    for fd in fds.iterdir():
        try:
            targets.append(str(fd.readlink()))
        except OSError:
            continue
    return [t for t in targets if t.startswith(str(folder))]


async def test_unload_closes_every_file(
    hass: HomeAssistant, plex_sim: PlexSimulator, loaded_entry: MockConfigEntry
) -> None:
    folder = database_path(hass, plex_sim.machine_identifier).parent
    plex_sim.add_session(wan_session("paris"))
    await poll(hass, loaded_entry)
    assert _open_files_under(folder)  # the database, its WAL and shared memory
    assert await hass.config_entries.async_unload(loaded_entry.entry_id)
    await hass.async_block_till_done()
    assert _open_files_under(folder) == []
    assert loaded_entry.state is ConfigEntryState.NOT_LOADED
