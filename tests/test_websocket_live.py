"""The panel's live updates: a subscription pushes each poll until it is cancelled."""

from __future__ import annotations

from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry, MockUser
from pytest_homeassistant_custom_component.typing import (
    WebSocketGenerator,
)

from simulator.plex import PlexSimulator
from simulator.scenario import wan_session

from .common import poll
from .test_websocket_api import PARIS_IP, TOKYO_IP, _token, assert_no_event, caller


async def test_subscribe_pushes_on_polls_until_unsubscribed(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    hass_admin_user: MockUser,
    plex_sim: PlexSimulator,
    loaded_entry: MockConfigEntry,
) -> None:
    plex_sim.add_session(wan_session("tokyo", user_id=3, user_name="carol"))
    await poll(hass, loaded_entry)
    ws = await hass_ws_client(hass, await _token(hass, hass_admin_user))
    call = caller(ws, loaded_entry.entry_id)
    coordinator = loaded_entry.runtime_data.coordinator
    listeners = len(coordinator._listeners)

    subscribed = await call("plexgeo/subscribe")
    assert subscribed["success"]
    first = await ws.receive_json()
    assert first["id"] == subscribed["id"]
    assert first["type"] == "event"
    [live] = first["event"]["live_streams"]
    assert (live["user_name"], live["ip"], live["live"]) == ("carol", TOKYO_IP, True)
    assert first["event"]["new_alerts"] == []
    assert first["event"]["unacknowledged"] == 0
    assert len(coordinator._listeners) == listeners + 1

    plex_sim.add_session(wan_session("paris", user_id=2, user_name="bob"))
    await poll(hass, loaded_entry)
    second = await ws.receive_json()
    assert second["id"] == subscribed["id"]
    assert sorted(r["ip"] for r in second["event"]["live_streams"]) == sorted([TOKYO_IP, PARIS_IP])

    subscribed_listeners = len(coordinator._listeners)
    await ws.send_json_auto_id({"type": "unsubscribe_events", "subscription": subscribed["id"]})
    assert (await ws.receive_json())["success"]
    assert len(coordinator._listeners) == subscribed_listeners - 1
    plex_sim.clear()
    await poll(hass, loaded_entry)
    await assert_no_event(ws, call)

    # Closing the websocket ends a subscription too.
    before = len(coordinator._listeners)
    again = await call("plexgeo/subscribe")
    assert again["success"]
    assert (await ws.receive_json())["event"]["live_streams"] == []
    assert len(coordinator._listeners) == before + 1
    await ws.close()
    await hass.async_block_till_done()
    assert len(coordinator._listeners) == before
