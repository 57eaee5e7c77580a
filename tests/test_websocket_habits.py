"""A user's devices and networks in the drill-down: admins only, with first and last use,
count and place."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry, MockUser
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

from custom_components.plexgeo.const import CONF_PANEL_ADMIN_ONLY
from custom_components.plexgeo.core import reports
from custom_components.plexgeo.core.crypto import KeyMaterial
from custom_components.plexgeo.core.models import LocationStatus
from custom_components.plexgeo.core.store import HistoryStore
from simulator.places import place

from . import test_websocket_api as api
from .core import helpers
from .test_websocket_api import START, Call, _token, caller, error, result

# test_websocket_api's fixtures: an admin's commands after its history (alice twice from
# London on BT, then Sydney on Telstra, all on her living-room TV; dave on the LAN).
call, options, ws = api.call, api.options, api.ws
T0 = datetime(2026, 1, 30, 22, 0, tzinfo=UTC)


async def test_habits_list_devices_and_networks_with_place(call: Call) -> None:
    habits = await result(call, "plexgeo/user/habits", user_id="1")
    [tv] = habits["devices"]
    assert (tv["player"], tv["count"], tv["city"]) == ("Living Room TV", 3, "Sydney")
    assert tv["first_seen"] == START.isoformat()
    assert tv["last_seen"] == (START + timedelta(days=2, hours=2)).isoformat()
    telstra, bt = habits["networks"]  # the last used first
    assert (telstra["network"], telstra["name"], telstra["count"]) == (
        "AS1221",
        "Telstra Internet",
        1,
    )
    assert (telstra["city"], telstra["country_code"]) == ("Sydney", "AU")
    assert (bt["network"], bt["count"], bt["city"]) == ("AS2856", 2, "London")
    assert bt["first_seen"] == START.isoformat()

    # On the LAN: a device with no place and no network at all.
    dave = await result(call, "plexgeo/user/habits", user_id="4")
    assert [(d["count"], d["country_code"]) for d in dave["devices"]] == [(1, None)]
    assert dave["networks"] == []
    assert await result(call, "plexgeo/user/habits", user_id="nobody") == {
        "devices": [],
        "networks": [],
    }
    assert await error(call, "plexgeo/user/habits", user_id=5) == "invalid_format"


async def test_habits_are_for_admins_only(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    hass_read_only_user: MockUser,
    call: Call,
    loaded_entry: MockConfigEntry,
) -> None:
    hass.config_entries.async_update_entry(
        loaded_entry, options={**loaded_entry.options, CONF_PANEL_ADMIN_ONLY: False}
    )
    await hass.async_block_till_done()
    user_ws = await hass_ws_client(hass, await _token(hass, hass_read_only_user))
    user_call = caller(user_ws, loaded_entry.entry_id)
    assert (await result(user_call, "plexgeo/user", user_id="1"))["user_name"] == "alice"
    assert await error(user_call, "plexgeo/user/habits", user_id="1") == "unauthorized"


def test_a_prefix_network_is_named_as_such_never_by_its_hash(tmp_path: Path) -> None:
    store = HistoryStore.open(tmp_path / "h.db", KeyMaterial.generate(), "srv")
    try:
        snap = helpers.snapshot(where="tokyo")
        helpers.start_stream(
            store, snap, T0, LocationStatus.KNOWN, helpers.location_of(place("tokyo"), T0)
        )
        store.record_habits(devices=[], networks=[(snap.user_id, "net:abcdef", T0)])
        [network] = reports.user_habits(store, snap.user_id)["networks"]
        assert network["network"] == "prefix"
        assert "abcdef" not in str(network)
        assert (network["city"], network["count"]) == ("Tokyo", 1)
    finally:
        store.close()
