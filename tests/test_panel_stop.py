"""The live card's Stop button: the panel's exact call_service message over the websocket,
and the refusal it explains as Plex Pass (frontend/src/lib/api.ts terminate, lib/stop.ts)."""

from __future__ import annotations

from typing import Any

from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry, MockUser
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

from simulator.plex import PlexSimulator
from simulator.scenario import wan_session

from .common import poll
from .test_websocket_api import _token


async def _stop(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    user: MockUser,
    entry: MockConfigEntry,
    stream_id: int,
) -> dict[str, Any]:
    ws = await hass_ws_client(hass, await _token(hass, user))
    await ws.send_json_auto_id(
        {
            "type": "call_service",
            "domain": "plexgeo",
            "service": "terminate_stream",
            "service_data": {
                "config_entry_id": entry.entry_id,
                "stream_id": stream_id,
                "message": "Please do not share your account",
            },
        }
    )
    return dict(await ws.receive_json())


async def test_stop_from_the_panel(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    hass_admin_user: MockUser,
    hass_read_only_user: MockUser,
    plex_sim: PlexSimulator,
    loaded_entry: MockConfigEntry,
) -> None:
    plex_sim.plex_pass = False
    plex_sim.add_session(wan_session("tokyo", user_name="carol"))
    await poll(hass, loaded_entry)
    [stream] = loaded_entry.runtime_data.coordinator.data.live

    refused = await _stop(hass, hass_ws_client, hass_admin_user, loaded_entry, stream.stream_id)
    assert not refused["success"]
    # What the panel reads to explain Plex Pass.
    assert refused["error"]["translation_key"] == "terminate_refused"
    assert "Plex Pass" in refused["error"]["message"]
    assert plex_sim.terminated == []

    denied = await _stop(hass, hass_ws_client, hass_read_only_user, loaded_entry, stream.stream_id)
    assert denied["error"]["translation_key"] == "admin_only"

    plex_sim.plex_pass = True
    done = await _stop(hass, hass_ws_client, hass_admin_user, loaded_entry, stream.stream_id)
    assert done["success"], done
    assert [reason for _, reason in plex_sim.terminated] == ["Please do not share your account"]
