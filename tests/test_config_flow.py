"""Config, discovery, reauth, reconfigure and options flows, against the simulator."""

from __future__ import annotations

from collections.abc import Generator
from datetime import timedelta
from ipaddress import ip_address
from typing import Any
from unittest.mock import AsyncMock, patch

from homeassistant.config_entries import SOURCE_USER, SOURCE_ZEROCONF
from homeassistant.const import CONF_TOKEN, CONF_URL
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers.service_info.zeroconf import ZeroconfServiceInfo
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.plexgeo.const import (
    CONF_GEO_PROVIDER,
    CONF_GEO_URL,
    CONF_RARE_COUNTRY_THRESHOLD,
    CONF_SCAN_INTERVAL,
    CONF_TRUSTED_NETWORKS,
    CONF_VERIFY_SSL,
    DEFAULT_GEO_URL,
    DOMAIN,
)
from custom_components.plexgeo.geo_form import GEO_OPTIONS
from simulator.plex import FailureMode, PlexSimulator


@pytest.fixture
def mock_setup_entry() -> Generator[AsyncMock]:
    """Flows only: do not set the created entry up."""
    with patch("custom_components.plexgeo.async_setup_entry", return_value=True) as mock:
        yield mock


def _user_input(sim: PlexSimulator, **changes: Any) -> dict[str, Any]:
    return {CONF_URL: sim.url, CONF_TOKEN: sim.token, CONF_VERIFY_SSL: False, **changes}


async def test_user_flow_creates_entry(
    hass: HomeAssistant, plex_sim: PlexSimulator, mock_setup_entry: AsyncMock
) -> None:
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], _user_input(plex_sim, **{CONF_URL: plex_sim.url + "/"})
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == plex_sim.friendly_name
    assert result["data"] == _user_input(plex_sim)
    assert result["result"].unique_id == plex_sim.machine_identifier
    assert len(mock_setup_entry.mock_calls) == 1


@pytest.mark.parametrize(
    ("failure", "error"),
    [
        (FailureMode.UNAUTHORIZED, "invalid_auth"),
        (FailureMode.REFUSE, "cannot_connect"),
        (FailureMode.HTTP_500, "cannot_connect"),
        (FailureMode.MALFORMED, "unknown"),
    ],
)
async def test_user_flow_errors_then_recovers(
    hass: HomeAssistant,
    plex_sim: PlexSimulator,
    mock_setup_entry: AsyncMock,
    failure: FailureMode,
    error: str,
) -> None:
    await plex_sim.fail(failure, all_endpoints=True)
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], _user_input(plex_sim)
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": error}
    await plex_sim.recover()
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], _user_input(plex_sim)
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY


async def test_user_form_sets_geolocation_before_first_poll(
    hass: HomeAssistant, plex_sim: PlexSimulator, mock_setup_entry: AsyncMock
) -> None:
    """Provider and URL are plain fields of the first form: no advanced mode needed."""
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    fields = {str(key): key for key in result["data_schema"].schema}
    # Every geolocation field, the download and plex.tv addresses too: none needs advanced mode.
    assert set(GEO_OPTIONS) <= fields.keys()
    assert fields[CONF_GEO_PROVIDER].default() == "ip-api"
    assert fields[CONF_GEO_URL].default() == DEFAULT_GEO_URL
    provider = result["data_schema"].schema[fields[CONF_GEO_PROVIDER]]
    assert provider.config["options"] == ["ip-api", "dbip", "maxmind", "plex.tv"]
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        _user_input(
            plex_sim, **{CONF_GEO_PROVIDER: "ip-api", CONF_GEO_URL: "http://127.0.0.1:8088"}
        ),
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"] == _user_input(plex_sim)
    options = result["result"].options
    assert {key: options[key] for key in (CONF_GEO_PROVIDER, CONF_GEO_URL)} == {
        CONF_GEO_PROVIDER: "ip-api",
        CONF_GEO_URL: "http://127.0.0.1:8088",
    }


async def test_user_flow_wrong_token(
    hass: HomeAssistant, plex_sim: PlexSimulator, mock_setup_entry: AsyncMock
) -> None:
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], _user_input(plex_sim, **{CONF_TOKEN: "wrong"})
    )
    assert result["errors"] == {"base": "invalid_auth"}


async def test_user_flow_ssl_error(hass: HomeAssistant, plex_sim: PlexSimulator) -> None:
    """Speaking TLS to a plain-HTTP port fails the handshake: the form says ssl_error."""
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        _user_input(plex_sim, **{CONF_URL: plex_sim.url.replace("http:", "https:")}),
    )
    assert result["errors"] == {"base": "ssl_error"}


async def test_same_server_twice_aborts(
    hass: HomeAssistant, plex_sim: PlexSimulator, mock_setup_entry: AsyncMock
) -> None:
    MockConfigEntry(domain=DOMAIN, unique_id=plex_sim.machine_identifier).add_to_hass(hass)
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], _user_input(plex_sim)
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"


def _zeroconf(sim: PlexSimulator) -> ZeroconfServiceInfo:
    return ZeroconfServiceInfo(
        ip_address=ip_address("127.0.0.1"),
        ip_addresses=[ip_address("127.0.0.1")],
        hostname="plex.local.",
        name="Test Plex._plexmediasvr._tcp.local.",
        port=sim.port,
        properties={},
        type="_plexmediasvr._tcp.local.",
    )


async def test_zeroconf_offers_setup(
    hass: HomeAssistant, plex_sim: PlexSimulator, mock_setup_entry: AsyncMock
) -> None:
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_ZEROCONF}, data=_zeroconf(plex_sim)
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "user"
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {CONF_URL: plex_sim.url, CONF_TOKEN: plex_sim.token, CONF_VERIFY_SSL: True},
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["result"].unique_id == plex_sim.machine_identifier


async def test_zeroconf_unreachable_aborts(hass: HomeAssistant, plex_sim: PlexSimulator) -> None:
    await plex_sim.fail(FailureMode.REFUSE)
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_ZEROCONF}, data=_zeroconf(plex_sim)
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "cannot_connect"


async def test_reauth(
    hass: HomeAssistant, plex_sim: PlexSimulator, mock_setup_entry: AsyncMock
) -> None:
    entry = MockConfigEntry(
        domain=DOMAIN,
        unique_id=plex_sim.machine_identifier,
        data=_user_input(plex_sim, **{CONF_TOKEN: "expired"}),
    )
    entry.add_to_hass(hass)
    result = await entry.start_reauth_flow(hass)
    assert result["step_id"] == "reauth_confirm"
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {CONF_TOKEN: "bad"})
    assert result["errors"] == {"base": "invalid_auth"}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_TOKEN: plex_sim.token}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reauth_successful"
    assert entry.data[CONF_TOKEN] == plex_sim.token


async def test_reauth_other_server_refused(
    hass: HomeAssistant, plex_sim: PlexSimulator, mock_setup_entry: AsyncMock
) -> None:
    entry = MockConfigEntry(domain=DOMAIN, unique_id="another-server", data=_user_input(plex_sim))
    entry.add_to_hass(hass)
    result = await entry.start_reauth_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_TOKEN: plex_sim.token}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "wrong_server"


async def test_reconfigure(
    hass: HomeAssistant, plex_sim: PlexSimulator, mock_setup_entry: AsyncMock
) -> None:
    entry = MockConfigEntry(
        domain=DOMAIN,
        unique_id=plex_sim.machine_identifier,
        data=_user_input(plex_sim, **{CONF_URL: "http://127.0.0.1:1"}),
    )
    entry.add_to_hass(hass)
    result = await entry.start_reconfigure_flow(hass)
    assert result["step_id"] == "reconfigure"
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_URL: "http://127.0.0.1:1", CONF_VERIFY_SSL: False}
    )
    assert result["errors"] == {"base": "cannot_connect"}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_URL: plex_sim.url, CONF_VERIFY_SSL: False}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    assert entry.data[CONF_URL] == plex_sim.url
    assert entry.data[CONF_TOKEN] == plex_sim.token


async def test_reconfigure_to_another_server_refused(
    hass: HomeAssistant, plex_sim: PlexSimulator, mock_setup_entry: AsyncMock
) -> None:
    entry = MockConfigEntry(domain=DOMAIN, unique_id="another-server", data=_user_input(plex_sim))
    entry.add_to_hass(hass)
    result = await entry.start_reconfigure_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_URL: plex_sim.url, CONF_VERIFY_SSL: False}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "wrong_server"


async def test_options_flow(hass: HomeAssistant, loaded_entry: MockConfigEntry) -> None:
    entry = loaded_entry
    result = await hass.config_entries.options.async_init(entry.entry_id)
    assert result["step_id"] == "init"
    # Reachable without advanced mode: plain fields of the options form.
    assert {CONF_GEO_PROVIDER, CONF_GEO_URL} <= {str(key) for key in result["data_schema"].schema}
    bad = {**entry.options, CONF_TRUSTED_NETWORKS: "10.0.0.0/8, not-a-network"}
    result = await hass.config_entries.options.async_configure(result["flow_id"], bad)
    assert result["errors"] == {CONF_TRUSTED_NETWORKS: "invalid_network"}
    good = {
        **entry.options,
        CONF_SCAN_INTERVAL: 60.0,
        CONF_RARE_COUNTRY_THRESHOLD: 0.2,
        CONF_TRUSTED_NETWORKS: "185.220.101.0/24\n2a00:23c4::/32",
    }
    result = await hass.config_entries.options.async_configure(result["flow_id"], good)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.options[CONF_SCAN_INTERVAL] == 60
    assert isinstance(entry.options[CONF_SCAN_INTERVAL], int)
    assert entry.options[CONF_RARE_COUNTRY_THRESHOLD] == 0.2
    await hass.async_block_till_done()  # the entry reloads with them
    assert entry.runtime_data.coordinator.update_interval == timedelta(seconds=60)
    assert entry.runtime_data.coordinator.settings.rare_country_threshold == 0.2
