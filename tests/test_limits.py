"""Thousands of live streams: a bounded map, one pass per poll, one bounded push per client."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, MockUser
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

from custom_components.plexgeo import websocket_api
from custom_components.plexgeo.const import CONF_STREAM_DETAILS, MAX_MAP_ENTITIES
from custom_components.plexgeo.core.models import Stream
from simulator.places import PLACES
from simulator.plex import PlexSimulator
from simulator.scenario import wan_session

from .common import ACTIVE, poll, state
from .test_websocket_api import _token, assert_no_event, caller

STREAMS = 3000


@pytest.fixture
def options(options: dict[str, Any]) -> dict[str, Any]:
    """Map entities named after their stream, so the test can tell which ones are shown."""
    return {**options, CONF_STREAM_DETAILS: True}


def _session(index: int) -> Any:
    where = PLACES[index % len(PLACES)]
    return wan_session(where.key, user_id=index, user_name=f"user{index}", rating_key=index)


def _map_names(hass: HomeAssistant) -> set[str]:
    names = set()
    for entity_id in hass.states.async_entity_ids("geo_location"):
        current = hass.states.get(entity_id)
        assert current is not None
        names.add(str(current.attributes["friendly_name"]).split(" · ")[0])
    return names


class CountingStreams(tuple[Stream, ...]):
    """A live list that counts how often it is walked through."""

    walks = 0

    def __iter__(self) -> Iterator[Stream]:
        CountingStreams.walks += 1
        return super().__iter__()


async def test_thousands_of_streams(
    hass: HomeAssistant,
    plex_sim: PlexSimulator,
    loaded_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    for index in range(STREAMS):
        plex_sim.add_session(_session(index))
    await poll(hass, loaded_entry)
    assert state(hass, ACTIVE) == str(STREAMS)  # counts stay whole
    shown = _map_names(hass)
    assert len(shown) == MAX_MAP_ENTITIES
    # The newest streams win: all started in this poll, so the last ones stored.
    coordinator = loaded_entry.runtime_data.coordinator
    newest = sorted(coordinator.data.live, key=lambda s: s.stream_id)[-MAX_MAP_ENTITIES:]
    assert shown == {s.snapshot.user_name for s in newest}

    # Five more start later: they push the oldest shown five off the map.
    freezer.tick(timedelta(minutes=1))
    for index in range(STREAMS, STREAMS + 5):
        plex_sim.add_session(_session(index))
    await poll(hass, loaded_entry)
    shown_after = _map_names(hass)
    assert len(shown_after) == MAX_MAP_ENTITIES
    assert {f"user{i}" for i in range(STREAMS, STREAMS + 5)} <= shown_after
    dropped = {s.snapshot.user_name for s in newest[:5]}
    assert not dropped & shown_after

    # One pass per update: the live list is walked a fixed number of times, however many
    # map entities follow it (each entity scanning it would be 100 walks and more).
    CountingStreams.walks = 0
    outcome = coordinator.data
    coordinator.async_set_updated_data(replace(outcome, live=CountingStreams(outcome.live)))
    await hass.async_block_till_done()
    assert 0 < CountingStreams.walks <= 5


async def test_one_live_subscription_per_connection_and_a_bounded_push(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    hass_admin_user: MockUser,
    plex_sim: PlexSimulator,
    loaded_entry: MockConfigEntry,
) -> None:
    for index in range(STREAMS):
        plex_sim.add_session(_session(index))
    await poll(hass, loaded_entry)
    coordinator = loaded_entry.runtime_data.coordinator
    listeners = len(coordinator._listeners)
    ws = await hass_ws_client(hass, await _token(hass, hass_admin_user))
    call = caller(ws, loaded_entry.entry_id)

    first = await call("plexgeo/subscribe")
    assert first["success"]
    event = await ws.receive_json()
    assert event["id"] == first["id"]
    rows = event["event"]["live_streams"]
    assert len(rows) == websocket_api.MAX_PUSH_STREAMS
    newest = sorted(s.stream_id for s in coordinator.data.live)[-websocket_api.MAX_PUSH_STREAMS :]
    assert sorted(row["stream_id"] for row in rows) == newest

    # A second subscription on the same connection replaces the first.
    second = await call("plexgeo/subscribe")
    assert second["success"]
    assert (await ws.receive_json())["id"] == second["id"]
    assert len(coordinator._listeners) == listeners + 1
    await poll(hass, loaded_entry)
    pushed = await ws.receive_json()
    assert (pushed["id"], pushed["type"]) == (second["id"], "event")
    await assert_no_event(ws, call)  # nothing for the first one

    # Another connection has its own subscription.
    other = await hass_ws_client(hass, await _token(hass, hass_admin_user))
    assert (await caller(other, loaded_entry.entry_id)("plexgeo/subscribe"))["success"]
    assert len(coordinator._listeners) == listeners + 2
    await other.close()
    await ws.close()
    await hass.async_block_till_done()
    assert len(coordinator._listeners) == listeners
