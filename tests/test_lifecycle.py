"""Reloads and setup errors: each change reloads the entry exactly once, on every pin.

PlexGeo has no update listener (HA rejects one next to a reloading flow from 2026.12): the
options, reauth, reconfigure and discovery flows reload the entry themselves.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Generator
from datetime import timedelta
from typing import Any
from unittest.mock import patch

from homeassistant import config_entries
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import CONF_TOKEN, CONF_URL
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_fire_time_changed

from custom_components import plexgeo
from custom_components.plexgeo import config_flow
from custom_components.plexgeo.const import CONF_SCAN_INTERVAL, CONF_VERIFY_SSL, DOMAIN
from simulator.plex import FailureMode, PlexSimulator

from .common import poll

NATIVE_OPTIONS_RELOAD = hasattr(config_entries, "OptionsFlowWithReload")
SetupEntry = Callable[[HomeAssistant, MockConfigEntry], Awaitable[bool]]


@pytest.fixture
def setups() -> Generator[list[str]]:
    """The entry ids PlexGeo's async_setup_entry ran for, from now on."""
    calls: list[str] = []
    original: SetupEntry = plexgeo.async_setup_entry

    async def counting(hass: HomeAssistant, entry: MockConfigEntry) -> bool:
        calls.append(entry.entry_id)
        return await original(hass, entry)

    with patch.object(plexgeo, "async_setup_entry", counting):
        yield calls


def _strings() -> dict[str, Any]:
    import json
    from pathlib import Path

    path = Path(plexgeo.__file__).parent / "strings.json"
    return dict(json.loads(path.read_text(encoding="utf-8")))


async def _change_options(hass: HomeAssistant, entry: MockConfigEntry, **changes: Any) -> None:
    flow = await hass.config_entries.options.async_init(entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        flow["flow_id"], {**entry.options, **changes}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()


async def test_no_update_listener(hass: HomeAssistant, loaded_entry: MockConfigEntry) -> None:
    assert loaded_entry.update_listeners == []


async def test_options_change_reloads_once(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, setups: list[str]
) -> None:
    await _change_options(hass, loaded_entry, **{CONF_SCAN_INTERVAL: 45})
    assert setups == [loaded_entry.entry_id]
    assert loaded_entry.state is ConfigEntryState.LOADED
    assert loaded_entry.runtime_data.coordinator.update_interval == timedelta(seconds=45)


async def test_options_unchanged_does_not_reload(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, setups: list[str]
) -> None:
    await _change_options(hass, loaded_entry)
    assert setups == []
    assert loaded_entry.state is ConfigEntryState.LOADED


def test_options_flow_uses_native_reload_where_it_exists() -> None:
    if NATIVE_OPTIONS_RELOAD:
        assert issubclass(config_flow.PlexGeoOptionsFlow, config_entries.OptionsFlowWithReload)
    else:
        assert config_flow.PlexGeoOptionsFlow.__mro__[1] is config_entries.OptionsFlow


@pytest.mark.parametrize("ha_reloads", [True, False])
async def test_options_reload_branches(
    hass: HomeAssistant,
    loaded_entry: MockConfigEntry,
    setups: list[str],
    monkeypatch: pytest.MonkeyPatch,
    ha_reloads: bool,
) -> None:
    """Both sides of the feature test, on whichever pin runs.

    Told that HA reloads by itself, the flow leaves the reload to HA (which 2025.4 lacks:
    no reload there). Told that HA does not, it saves and reloads once, and a newer HA's
    own reload then finds nothing changed: still one reload.
    """
    monkeypatch.setattr(config_flow, "_ha_reloads", lambda flow: ha_reloads)
    await _change_options(hass, loaded_entry, **{CONF_SCAN_INTERVAL: 120})
    expected = 1 if (NATIVE_OPTIONS_RELOAD or not ha_reloads) else 0
    assert len(setups) == expected
    assert loaded_entry.options[CONF_SCAN_INTERVAL] == 120


async def test_reauth_of_loaded_entry_reloads_once(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, setups: list[str], plex_sim: PlexSimulator
) -> None:
    flow = await loaded_entry.start_reauth_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        flow["flow_id"], {CONF_TOKEN: plex_sim.token}
    )
    assert result["reason"] == "reauth_successful"
    await hass.async_block_till_done()
    assert setups == [loaded_entry.entry_id]
    assert loaded_entry.state is ConfigEntryState.LOADED


async def test_reauth_out_of_setup_error_reloads_once(
    hass: HomeAssistant, config_entry: MockConfigEntry, plex_sim: PlexSimulator
) -> None:
    hass.config_entries.async_update_entry(
        config_entry, data={**config_entry.data, CONF_TOKEN: "expired"}
    )
    assert not await hass.config_entries.async_setup(config_entry.entry_id)
    await hass.async_block_till_done()
    assert config_entry.state is ConfigEntryState.SETUP_ERROR
    assert config_entry.error_reason_translation_key == "auth_failed"
    [flow] = config_entry.async_get_active_flows(hass, {"reauth"})
    with patch.object(plexgeo, "async_setup_entry", wraps=plexgeo.async_setup_entry) as setup:
        result = await hass.config_entries.flow.async_configure(
            flow["flow_id"], {CONF_TOKEN: plex_sim.token}
        )
        assert result["reason"] == "reauth_successful"
        await hass.async_block_till_done()
        assert setup.call_count == 1
    assert config_entry.state is ConfigEntryState.LOADED


async def test_reconfigure_out_of_setup_retry_reloads_once(
    hass: HomeAssistant, config_entry: MockConfigEntry, plex_sim: PlexSimulator, setups: list[str]
) -> None:
    right_url = plex_sim.url
    hass.config_entries.async_update_entry(
        config_entry, data={**config_entry.data, CONF_URL: "http://127.0.0.1:1"}
    )
    assert not await hass.config_entries.async_setup(config_entry.entry_id)
    assert config_entry.state is ConfigEntryState.SETUP_RETRY
    assert config_entry.error_reason_translation_key == "plex_unreachable"
    setups.clear()
    flow = await config_entry.start_reconfigure_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        flow["flow_id"], {CONF_URL: right_url, CONF_VERIFY_SSL: False}
    )
    assert result["reason"] == "reconfigure_successful"
    await hass.async_block_till_done()
    assert setups == [config_entry.entry_id]
    assert config_entry.state is ConfigEntryState.LOADED
    # The pending retry was cancelled, not run on top of the reload.
    async_fire_time_changed(hass, dt_util.utcnow() + timedelta(minutes=30))
    await hass.async_block_till_done()
    assert setups == [config_entry.entry_id]


async def test_reconfigure_of_loaded_entry_reloads_once(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, setups: list[str], plex_sim: PlexSimulator
) -> None:
    flow = await loaded_entry.start_reconfigure_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        flow["flow_id"], {CONF_URL: plex_sim.url, CONF_VERIFY_SSL: False}
    )
    assert result["reason"] == "reconfigure_successful"
    await hass.async_block_till_done()
    assert setups == [loaded_entry.entry_id]


async def test_setup_errors_are_translated_without_the_token(
    hass: HomeAssistant, config_entry: MockConfigEntry, plex_sim: PlexSimulator
) -> None:
    await plex_sim.fail(FailureMode.HTTP_500, all_endpoints=True)
    assert not await hass.config_entries.async_setup(config_entry.entry_id)
    assert config_entry.state is ConfigEntryState.SETUP_RETRY
    assert config_entry.error_reason_translation_key == "plex_unreachable"
    placeholders = config_entry.error_reason_translation_placeholders or {}
    assert placeholders["server"] == config_entry.title
    assert placeholders["error"]
    assert plex_sim.token not in str(placeholders)
    assert set(_strings()["exceptions"]) >= {"plex_unreachable", "auth_failed"}


async def test_poll_failures_are_translated(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, plex_sim: PlexSimulator
) -> None:
    coordinator = loaded_entry.runtime_data.coordinator
    await plex_sim.fail(FailureMode.HTTP_503)
    await poll(hass, loaded_entry)
    err = coordinator.last_exception
    assert err is not None
    assert (err.translation_domain, err.translation_key) == (DOMAIN, "plex_unreachable")
    assert err.translation_placeholders is not None
    assert err.translation_placeholders["server"] == loaded_entry.title
    assert plex_sim.token not in str(err.translation_placeholders)
    assert "plex_unreachable" in _strings()["exceptions"]

    await plex_sim.recover()
    await plex_sim.fail(FailureMode.UNAUTHORIZED)
    await poll(hass, loaded_entry)
    err = coordinator.last_exception
    assert err is not None
    assert err.translation_key == "auth_failed"
    assert plex_sim.token not in str(err.translation_placeholders)


async def test_database_unavailable_at_setup_is_translated(
    hass: HomeAssistant, config_entry: MockConfigEntry
) -> None:
    from custom_components.plexgeo.core.errors import StoreUnavailable
    from custom_components.plexgeo.core.store import HistoryStore

    with patch.object(HistoryStore, "open", side_effect=StoreUnavailable("disk full")):
        assert not await hass.config_entries.async_setup(config_entry.entry_id)
    assert config_entry.error_reason_translation_key == "database_unavailable"
    assert config_entry.error_reason_translation_placeholders == {
        "server": config_entry.title,
        "error": "disk full",
    }
    assert "database_unavailable" in _strings()["exceptions"]
