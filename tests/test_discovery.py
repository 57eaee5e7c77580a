"""Discovery of a known server at another address: offered to the owner, never applied alone.

Any device can announce `_plexmediasvr._tcp` with a server's identifier (`/identity` needs
no token). Here a second simulator with the same identifier plays that device, and its
request log proves whether the token ever reached it.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from ipaddress import ip_address
from unittest.mock import AsyncMock, patch

from homeassistant.config_entries import SOURCE_IGNORE, SOURCE_ZEROCONF, ConfigEntryState
from homeassistant.const import CONF_TOKEN, CONF_URL
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers.service_info.zeroconf import ZeroconfServiceInfo
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components import plexgeo
from custom_components.plexgeo.const import CONF_VERIFY_SSL, DOMAIN
from custom_components.plexgeo.core.markdown import escape_markdown
from simulator.plex import PlexSimulator

from .common import poll


@pytest.fixture
async def announced(plex_sim: PlexSimulator) -> AsyncGenerator[PlexSimulator]:
    """Another device on the network that answers /identity with the saved server's id."""
    device = PlexSimulator(
        token=plex_sim.token,
        machine_identifier=plex_sim.machine_identifier,
        friendly_name=plex_sim.friendly_name,
    )
    await device.start()
    yield device
    await device.stop()


def _announcement(device: PlexSimulator) -> ZeroconfServiceInfo:
    return ZeroconfServiceInfo(
        ip_address=ip_address(device.host),
        ip_addresses=[ip_address(device.host)],
        hostname="plex.local.",
        name="Test Plex._plexmediasvr._tcp.local.",
        port=device.port,
        properties={},
        type="_plexmediasvr._tcp.local.",
    )


async def _discover(hass: HomeAssistant, device: PlexSimulator) -> dict[str, object]:
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_ZEROCONF}, data=_announcement(device)
    )
    await hass.async_block_till_done()
    return dict(result)


def _entry(hass: HomeAssistant, sim: PlexSimulator, **data: object) -> MockConfigEntry:
    entry = MockConfigEntry(
        domain=DOMAIN,
        title=sim.friendly_name,
        unique_id=sim.machine_identifier,
        data={CONF_URL: sim.url, CONF_TOKEN: sim.token, CONF_VERIFY_SSL: False, **data},
    )
    entry.add_to_hass(hass)
    return entry


async def test_new_address_is_offered_and_the_token_stays_home(
    hass: HomeAssistant,
    loaded_entry: MockConfigEntry,
    plex_sim: PlexSimulator,
    announced: PlexSimulator,
) -> None:
    saved_url = loaded_entry.data[CONF_URL]
    result = await _discover(hass, announced)
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "move_http"
    assert result["description_placeholders"] == {
        "name": escape_markdown(loaded_entry.title),
        "old_url": escape_markdown(saved_url),
        "new_url": escape_markdown(announced.url),
    }
    assert "http\\://127.0.0.1" in result["description_placeholders"]["new_url"]  # no autolink
    # Nothing changed, and polls keep going to the saved address only.
    assert loaded_entry.data[CONF_URL] == saved_url
    await poll(hass, loaded_entry)
    await poll(hass, loaded_entry)
    assert announced.request_count("/identity") == 1
    assert announced.token_request_count() == 0
    assert plex_sim.request_count("/status/sessions") >= 2


async def test_confirmed_move_applies_and_reloads_once(
    hass: HomeAssistant,
    loaded_entry: MockConfigEntry,
    plex_sim: PlexSimulator,
    announced: PlexSimulator,
) -> None:
    result = await _discover(hass, announced)
    with patch.object(plexgeo, "async_setup_entry", wraps=plexgeo.async_setup_entry) as setup:
        result = await hass.config_entries.flow.async_configure(str(result["flow_id"]), {})
        await hass.async_block_till_done()
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "moved"
    assert loaded_entry.data[CONF_URL] == announced.url
    assert loaded_entry.data[CONF_VERIFY_SSL] is False
    assert setup.call_count == 1
    assert loaded_entry.state is ConfigEntryState.LOADED
    sessions_before = announced.request_count("/status/sessions")
    await poll(hass, loaded_entry)
    assert announced.request_count("/status/sessions") == sessions_before + 1


@pytest.mark.parametrize(
    ("verify_ssl", "step_id"), [(True, "move_https"), (False, "move_https_unverified")]
)
async def test_https_is_never_downgraded(
    hass: HomeAssistant,
    plex_sim: PlexSimulator,
    announced: PlexSimulator,
    verify_ssl: bool,
    step_id: str,
) -> None:
    saved = "https://plex.example.org:32400"
    entry = _entry(hass, plex_sim, **{CONF_URL: saved, CONF_VERIFY_SSL: verify_ssl})
    result = await _discover(hass, announced)
    assert result["step_id"] == step_id
    new_url = f"https://127.0.0.1:{announced.port}"
    assert result["description_placeholders"] == {
        "name": escape_markdown(entry.title),
        "old_url": escape_markdown(saved),
        "new_url": escape_markdown(new_url),
    }
    # Confirmed: https is kept, so the plain-HTTP device fails the TLS handshake before
    # any request (and token) is sent; the entry keeps its address and its SSL setting.
    with patch.object(plexgeo, "async_setup_entry", return_value=True):
        result = await hass.config_entries.flow.async_configure(str(result["flow_id"]), {})
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "ssl_error"}
    assert entry.data == {CONF_URL: saved, CONF_TOKEN: plex_sim.token, CONF_VERIFY_SSL: verify_ssl}
    assert announced.token_request_count() == 0


async def test_same_address_is_already_configured(
    hass: HomeAssistant, plex_sim: PlexSimulator
) -> None:
    entry = _entry(hass, plex_sim)
    result = await _discover(hass, plex_sim)
    assert (result["type"], result["reason"]) == (FlowResultType.ABORT, "already_configured")
    assert entry.data[CONF_URL] == plex_sim.url


async def test_saved_host_name_of_the_announced_address_is_already_configured(
    hass: HomeAssistant, plex_sim: PlexSimulator
) -> None:
    saved = f"http://localhost:{plex_sim.port}"
    entry = _entry(hass, plex_sim, **{CONF_URL: saved})
    result = await _discover(hass, plex_sim)
    assert result["reason"] == "already_configured"
    assert entry.data[CONF_URL] == saved


async def test_unresolvable_saved_host_is_offered(
    hass: HomeAssistant, plex_sim: PlexSimulator
) -> None:
    saved = f"http://plex.invalid:{plex_sim.port}"
    entry = _entry(hass, plex_sim, **{CONF_URL: saved})
    with patch.object(hass.loop, "getaddrinfo", AsyncMock(side_effect=OSError("no such host"))):
        result = await _discover(hass, plex_sim)
    assert result["step_id"] == "move_http"
    assert entry.data[CONF_URL] == saved


async def test_ignored_server_stays_ignored(hass: HomeAssistant, plex_sim: PlexSimulator) -> None:
    MockConfigEntry(
        domain=DOMAIN, unique_id=plex_sim.machine_identifier, source=SOURCE_IGNORE, data={}
    ).add_to_hass(hass)
    result = await _discover(hass, plex_sim)
    assert result["reason"] == "already_configured"


async def test_device_that_is_another_server_with_the_token_is_refused(
    hass: HomeAssistant, plex_sim: PlexSimulator, announced: PlexSimulator
) -> None:
    entry = _entry(hass, plex_sim)
    result = await _discover(hass, announced)
    # It claimed the identifier without a token; with the token it is someone else.
    announced.machine_identifier = "someone-else"
    result = await hass.config_entries.flow.async_configure(str(result["flow_id"]), {})
    assert (result["type"], result["reason"]) == (FlowResultType.ABORT, "wrong_server")
    assert entry.data[CONF_URL] == plex_sim.url


async def test_server_removed_before_confirmation(
    hass: HomeAssistant, plex_sim: PlexSimulator, announced: PlexSimulator
) -> None:
    entry = _entry(hass, plex_sim)
    result = await _discover(hass, announced)
    with patch.object(plexgeo, "async_remove_entry", AsyncMock()):
        await hass.config_entries.async_remove(entry.entry_id)
    result = await hass.config_entries.flow.async_configure(str(result["flow_id"]), {})
    assert (result["type"], result["reason"]) == (FlowResultType.ABORT, "server_removed")
    assert announced.token_request_count() == 0


async def test_ignoring_the_offer_dismisses_it_and_keeps_the_server(
    hass: HomeAssistant, plex_sim: PlexSimulator, announced: PlexSimulator
) -> None:
    entry = _entry(hass, plex_sim)
    await _discover(hass, announced)
    assert len(hass.config_entries.flow.async_progress_by_handler(DOMAIN)) == 1
    result = await hass.config_entries.flow.async_init(
        DOMAIN,
        context={"source": SOURCE_IGNORE},
        data={"unique_id": plex_sim.machine_identifier, "title": "Test Plex"},
    )
    assert (result["type"], result["reason"]) == (FlowResultType.ABORT, "already_configured")
    assert hass.config_entries.flow.async_progress_by_handler(DOMAIN) == []
    assert hass.config_entries.async_entries(DOMAIN) == [entry]
    assert entry.data[CONF_URL] == plex_sim.url


async def test_ignoring_an_unknown_server_still_ignores_it(
    hass: HomeAssistant, plex_sim: PlexSimulator
) -> None:
    result = await hass.config_entries.flow.async_init(
        DOMAIN,
        context={"source": SOURCE_IGNORE},
        data={"unique_id": plex_sim.machine_identifier, "title": "Test Plex"},
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    [entry] = hass.config_entries.async_entries(DOMAIN, include_ignore=True)
    assert entry.source == SOURCE_IGNORE
