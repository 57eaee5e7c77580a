"""Issue 18 items 6 and 7 through HA's websocket: each stream's quality, each user's peak."""

from __future__ import annotations

from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry, MockUser
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

from simulator.plex import PlexSimulator
from simulator.scenario import SimDecision, music_session, wan_session

from .common import poll
from .test_websocket_api import _token, caller, result


async def test_quality_and_concurrent_peak_reach_the_panel(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    hass_admin_user: MockUser,
    plex_sim: PlexSimulator,
    loaded_entry: MockConfigEntry,
) -> None:
    carol = {"user_id": 3, "user_name": "carol"}
    # A 4K film transcoded down to 720p in Tokyo, while a 1080p one plays in Paris.
    plex_sim.add_session(
        wan_session(
            "tokyo",
            **carol,
            video_height=2160,
            decision=SimDecision.TRANSCODE,
            transcode_height=720,
            bandwidth_kbps=4_000,
        )
    )
    await poll(hass, loaded_entry)
    plex_sim.add_session(wan_session("paris", **carol, bandwidth_kbps=8_000))
    plex_sim.add_session(music_session(wan_session("london", user_id=2, user_name="bob")))
    await poll(hass, loaded_entry)
    ws = await hass_ws_client(hass, await _token(hass, hass_admin_user))
    call = caller(ws, loaded_entry.entry_id)

    subscribed = await call("plexgeo/subscribe")
    assert subscribed["success"]
    live = (await ws.receive_json())["event"]["live_streams"]
    quality = {(r["user_name"], r["resolution"], r["bitrate_kbps"]) for r in live}
    assert quality == {("carol", "720p", 4_000), ("carol", "1080p", 8_000), ("bob", None, 320)}
    # The stream log keeps it after the streams end.
    plex_sim.clear()
    await poll(hass, loaded_entry)
    assert (await ws.receive_json())["event"]["live_streams"] == []
    page = await result(call, "plexgeo/streams")
    logged = {(r["user_name"], r["resolution"], r["bitrate_kbps"]) for r in page["streams"]}
    assert logged == quality

    users = {u["user_name"]: u for u in (await result(call, "plexgeo/users"))["users"]}
    assert (users["carol"]["concurrent_peak"], users["bob"]["concurrent_peak"]) == (2, 1)
    detail = await result(call, "plexgeo/user", user_id="3")
    assert detail["concurrent_peak"] == 2
