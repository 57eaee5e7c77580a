"""Entities are written only when what they show changed (issue 19).

A poll rewrites every live stream's progress, but no entity shows progress: a poll that
changes nothing an entity shows must not write it (each write costs the event loop a
state comparison, a state_reported event and the recorder's bookkeeping).
"""

from __future__ import annotations

from datetime import datetime

from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry

from simulator.plex import PlexSimulator
from simulator.scenario import lan_session, wan_session

from .common import ACTIVE, BANDWIDTH, EVENT_ENTITY, REMOTE, TODAY, UNACKED, poll

SERVER_ENTITIES = (ACTIVE, REMOTE, BANDWIDTH, TODAY, UNACKED, EVENT_ENTITY)


def _reported(hass: HomeAssistant) -> dict[str, datetime]:
    entities = [*SERVER_ENTITIES, *hass.states.async_entity_ids("geo_location")]
    found = {}
    for entity_id in entities:
        current = hass.states.get(entity_id)
        assert current is not None, entity_id
        found[entity_id] = current.last_reported
    return found


async def test_a_poll_that_changes_nothing_shown_writes_nothing(
    hass: HomeAssistant, plex_sim: PlexSimulator, loaded_entry: MockConfigEntry
) -> None:
    """Progress moves on: no entity is written; a new stream writes what it changes."""
    paris = plex_sim.add_session(wan_session("paris", user_id=2, user_name="bob", title="Heat"))
    plex_sim.add_session(lan_session(user_name="dave"))
    await poll(hass, loaded_entry)
    before = _reported(hass)
    assert len(before) == len(SERVER_ENTITIES) + 1  # bob on the map

    for session in plex_sim.sessions:
        plex_sim.update_session(session.session_key, view_offset_ms=session.view_offset_ms + 10_000)
    await poll(hass, loaded_entry)
    assert _reported(hass) == before

    plex_sim.add_session(wan_session("tokyo", user_id=3, user_name="carol", title="Ran"))
    await poll(hass, loaded_entry)
    after = _reported(hass)
    changed = {entity_id for entity_id in before if after[entity_id] != before[entity_id]}
    assert {ACTIVE, REMOTE, BANDWIDTH, TODAY} <= changed
    assert UNACKED not in changed
    assert EVENT_ENTITY not in changed
    assert not {e for e in changed if e.startswith("geo_location.")}  # bob's dot stays put
    assert len(after) == len(before) + 1  # carol's dot is new
    assert paris in {s.session_key for s in plex_sim.sessions}


async def test_an_unavailable_server_is_still_written(
    hass: HomeAssistant, plex_sim: PlexSimulator, loaded_entry: MockConfigEntry
) -> None:
    """A failed poll changes what the entities show (unavailable): they are written."""
    plex_sim.add_session(lan_session(user_name="dave"))
    await poll(hass, loaded_entry)
    await plex_sim.stop()
    await poll(hass, loaded_entry)
    for entity_id in SERVER_ENTITIES:
        current = hass.states.get(entity_id)
        assert current is not None and current.state == "unavailable", entity_id
