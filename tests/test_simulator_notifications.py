"""The simulator's notification websocket, driven by a plain aiohttp client."""

from __future__ import annotations

from collections.abc import AsyncGenerator
import json
from typing import Any

import aiohttp
import pytest

from simulator.plex import FailureMode, PlexSimulator
from simulator.scenario import (
    Scenario,
    ScheduledSession,
    SimDecision,
    SimState,
    wan_session,
)

pytestmark = pytest.mark.usefixtures("socket_enabled")

TOKEN = "sim-token-0123"
PATH = "/:/websockets/notifications"


@pytest.fixture
async def sim() -> AsyncGenerator[PlexSimulator]:
    simulator = PlexSimulator(
        Scenario(schedule=[ScheduledSession(wan_session("tokyo"), start=5, end=10)]),
        token=TOKEN,
    )
    await simulator.start()
    yield simulator
    await simulator.stop()


@pytest.fixture
async def client() -> AsyncGenerator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


async def entry_of(ws: aiohttp.ClientWebSocketResponse) -> dict[str, Any]:
    message = await ws.receive(timeout=5)
    assert message.type is aiohttp.WSMsgType.TEXT
    container = json.loads(message.data)["NotificationContainer"]
    assert container["type"] == "playing"
    assert container["size"] == 1
    [entry] = container["PlaySessionStateNotification"]
    return dict(entry)


async def test_start_change_stop_and_terminate_are_notified(
    sim: PlexSimulator, client: aiohttp.ClientSession
) -> None:
    async with client.ws_connect(f"{sim.url}{PATH}?X-Plex-Token={TOKEN}") as ws:
        key = sim.add_session(wan_session("paris", decision=SimDecision.TRANSCODE))
        first = await entry_of(ws)
        assert first["sessionKey"] == key
        assert first["state"] == "playing"
        assert first["key"] == f"/library/metadata/{first['ratingKey']}"
        assert {"clientIdentifier", "viewOffset", "transcodeSession"} <= first.keys()
        sim.update_session(key, view_offset_ms=60_000)  # progress alone: nothing
        sim.update_session(key, state=SimState.PAUSED)
        assert (await entry_of(ws))["state"] == "paused"
        sim.remove_session(key)
        assert (await entry_of(ws))["state"] == "stopped"

        other = sim.add_session(wan_session("london"))
        await entry_of(ws)
        session_id = sim.sessions[0].session_id
        async with client.get(
            f"{sim.url}/status/sessions/terminate",
            params={"sessionId": session_id, "X-Plex-Token": TOKEN},
        ) as response:
            assert response.status == 200
        stopped = await entry_of(ws)
        assert (stopped["sessionKey"], stopped["state"]) == (other, "stopped")

        sim.scenario.advance(6)  # the scheduled session starts
        assert (await entry_of(ws))["state"] == "playing"
        sim.clear()
        assert (await entry_of(ws))["state"] == "stopped"
        assert sim.notifications.connections == 1
    assert sim.request_count(PATH) == 1


async def test_token_required_and_404_when_unsupported(
    sim: PlexSimulator, client: aiohttp.ClientSession
) -> None:
    with pytest.raises(aiohttp.WSServerHandshakeError) as caught:
        await client.ws_connect(f"{sim.url}{PATH}?X-Plex-Token=wrong")
    assert caught.value.status == 401
    sim.notifications.supported = False
    with pytest.raises(aiohttp.WSServerHandshakeError) as caught:
        await client.ws_connect(f"{sim.url}{PATH}?X-Plex-Token={TOKEN}")
    assert caught.value.status == 404


async def test_sockets_close_on_refuse_close_all_and_stop(
    sim: PlexSimulator, client: aiohttp.ClientSession
) -> None:
    url = f"{sim.url}{PATH}?X-Plex-Token={TOKEN}"
    ws = await client.ws_connect(url)
    await sim.notifications.close_all()
    assert (await ws.receive(timeout=5)).type is aiohttp.WSMsgType.CLOSE
    ws = await client.ws_connect(url)
    await sim.fail(FailureMode.REFUSE)
    assert (await ws.receive(timeout=5)).type is aiohttp.WSMsgType.CLOSE
    await sim.recover()
    ws = await client.ws_connect(url)
    sim.notifications.send_raw("not json")
    assert (await ws.receive(timeout=5)).data == "not json"
    await sim.stop()
    assert (await ws.receive(timeout=5)).type is aiohttp.WSMsgType.CLOSE
    assert sim.notifications.connections == 0
    await sim.start()  # the fixture stops it again
