"""The provider part of the forms: the choices offered and the mistakes refused."""

from __future__ import annotations

from pathlib import Path

from homeassistant.core import HomeAssistant
import pytest

from custom_components.plexgeo.const import (
    CONF_DBIP_URL,
    CONF_GEO_PROVIDER,
    CONF_MMDB_ASN_PATH,
    CONF_MMDB_CITY_PATH,
    CONF_PLEXTV_URL,
    GEO_PROVIDERS,
)
from custom_components.plexgeo.core.geo import PROVIDERS
from custom_components.plexgeo.core.geo.dbip import PROVIDER_NAME as DBIP_NAME
from custom_components.plexgeo.core.geo.plextv import PROVIDER_NAME as PLEXTV_NAME
from custom_components.plexgeo.geo_form import (
    GEO_OPTIONS,
    PROVIDER_SELECTOR,
    async_check_provider,
    provider_options,
)
from simulator.mmdb import write_asn, write_city


def test_every_provider_is_offered() -> None:
    assert PROVIDER_SELECTOR.config["options"] == list(GEO_PROVIDERS)
    assert set(GEO_PROVIDERS) == {"ip-api", "dbip", "maxmind", "plex.tv"}
    assert {CONF_DBIP_URL, CONF_PLEXTV_URL} < set(GEO_OPTIONS)


async def test_own_maxmind_file_must_exist_and_be_a_database(
    hass: HomeAssistant, tmp_path: Path
) -> None:
    city = tmp_path / "GeoLite2-City.mmdb"
    answer = {CONF_GEO_PROVIDER: "maxmind", CONF_MMDB_CITY_PATH: f" {city} "}
    assert await async_check_provider(hass, answer) == {CONF_MMDB_CITY_PATH: "mmdb_missing"}
    city.write_bytes(b"not a database")
    assert await async_check_provider(hass, answer) == {CONF_MMDB_CITY_PATH: "mmdb_invalid"}
    await hass.async_add_executor_job(write_city, city)
    assert await async_check_provider(hass, answer) == {}
    assert provider_options(answer)[CONF_MMDB_CITY_PATH] == str(city)

    asn = tmp_path / "asn.mmdb"
    with_asn = {**answer, CONF_MMDB_ASN_PATH: str(asn)}
    assert await async_check_provider(hass, with_asn) == {CONF_MMDB_ASN_PATH: "mmdb_missing"}
    await hass.async_add_executor_job(write_asn, asn)
    assert await async_check_provider(hass, with_asn) == {}
    # No file needed unless the file provider is chosen.
    assert await async_check_provider(hass, {CONF_GEO_PROVIDER: "dbip"}) == {}


@pytest.mark.parametrize(
    ("url", "errors"),
    [
        ("https://plex.tv", {}),
        ("http://127.0.0.1:8080", {}),
        ("http://plex.tv", {CONF_PLEXTV_URL: "insecure_url"}),
    ],
)
async def test_plextv_only_over_https(
    hass: HomeAssistant, url: str, errors: dict[str, str]
) -> None:
    answer = {CONF_GEO_PROVIDER: "plex.tv", CONF_PLEXTV_URL: url}
    assert await async_check_provider(hass, answer) == errors


def test_the_forms_and_the_core_name_the_same_providers() -> None:
    assert GEO_PROVIDERS == PROVIDERS
    assert PROVIDERS[0] == "ip-api"  # the default stays first
    assert (DBIP_NAME, PLEXTV_NAME) == ("dbip", "plex.tv")
