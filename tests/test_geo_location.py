"""Map entities: one per located live stream, moving and disappearing with it."""

from __future__ import annotations

from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.plexgeo.const import CONF_STREAM_DETAILS
from simulator.places import place
from simulator.plex import PlexSimulator
from simulator.scenario import ipv6_session, lan_session, relayed_session, wan_session

from .common import poll


@pytest.fixture
def options(options: dict[str, Any]) -> dict[str, Any]:
    """The owner opted in to stream details: entities say whose stream and where exactly."""
    return {**options, CONF_STREAM_DETAILS: True}


def _map(hass: HomeAssistant) -> dict[str, dict[str, object]]:
    return {
        str(s.attributes["friendly_name"]): {**s.attributes, "state": s.state}
        for s in (hass.states.get(e) for e in hass.states.async_entity_ids("geo_location"))
        if s is not None
    }


async def test_entities_follow_streams(
    hass: HomeAssistant, plex_sim: PlexSimulator, loaded_entry: MockConfigEntry
) -> None:
    hass.config.latitude, hass.config.longitude = 51.5072, -0.1276  # home in London
    bob = plex_sim.add_session(wan_session("paris", user_id=2, user_name="bob", title="Heat"))
    plex_sim.add_session(ipv6_session("tokyo", user_id=3, user_name="carol", title="Ran"))
    plex_sim.add_session(lan_session(user_name="dave"))  # at home: not on the map
    plex_sim.add_session(relayed_session(user_name="erin"))  # unknown: not on the map
    await poll(hass, loaded_entry)

    entities = _map(hass)
    assert set(entities) == {"bob · Heat", "carol · Ran"}
    paris = entities["bob · Heat"]
    assert paris["source"] == "plexgeo"
    assert (paris["latitude"], paris["longitude"]) == (place("paris").lat, place("paris").lon)
    assert paris["user"] == "bob"
    assert paris["media_title"] == "Heat"
    assert paris["country"] == "France"
    assert paris["city"] == "Paris"
    assert paris["network"] == "wan"
    assert 330 < float(str(paris["state"])) < 350  # km from London
    assert all(place("paris").ipv4[0] not in str(v) for v in paris.values())

    # bob's phone hands over to a Berlin address mid-stream: the entity moves.
    plex_sim.update_session(bob, address=place("berlin").ipv4[0], remote_public_address=None)
    await poll(hass, loaded_entry)
    moved = _map(hass)["bob · Heat"]
    assert (moved["latitude"], moved["longitude"]) == (place("berlin").lat, place("berlin").lon)
    assert len(_map(hass)) == 2

    plex_sim.remove_session(bob)
    await poll(hass, loaded_entry)
    assert set(_map(hass)) == {"carol · Ran"}
    registry = er.async_get(hass)
    assert [e for e in registry.entities.values() if e.domain == "geo_location"] == []


async def test_no_entities_after_unload(
    hass: HomeAssistant, plex_sim: PlexSimulator, loaded_entry: MockConfigEntry
) -> None:
    plex_sim.add_session(wan_session("paris"))
    await poll(hass, loaded_entry)
    assert len(_map(hass)) == 1
    assert await hass.config_entries.async_unload(loaded_entry.entry_id)
    await hass.async_block_till_done()
    assert _map(hass) == {}
    # After a "restart" with the stream gone, nothing is left behind.
    plex_sim.clear()
    assert await hass.config_entries.async_setup(loaded_entry.entry_id)
    await hass.async_block_till_done()
    assert _map(hass) == {}
