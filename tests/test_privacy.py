"""What every Home Assistant user can read: counts, and per-stream details only on opt-in."""

from __future__ import annotations

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.plexgeo.const import CONF_STREAM_DETAILS
from simulator.places import place
from simulator.plex import PlexSimulator
from simulator.scenario import wan_session

from .common import ACTIVE, EVENT_ENTITY, REMOTE, UNACKED, poll, state
from .test_alerts import _alert, options  # noqa: F401  (alert after two streams)

SECRET_WORDS = ("alice", "Dune", "Sydney", "Australia", "carol", "Paprika", "Tokyo", "Japan")


def _all_states(hass: HomeAssistant) -> str:
    return "\n".join(str(s.as_dict()) for s in hass.states.async_all())


async def test_details_are_off_by_default(
    hass: HomeAssistant,
    plex_sim: PlexSimulator,
    loaded_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    assert (
        CONF_STREAM_DETAILS not in loaded_entry.options
        or not loaded_entry.options[CONF_STREAM_DETAILS]
    )
    await _alert(hass, plex_sim, loaded_entry, freezer)
    plex_sim.add_session(wan_session("tokyo", user_id=3, user_name="carol", title="Paprika"))
    await poll(hass, loaded_entry)

    # Counts stay public.
    assert state(hass, ACTIVE) == "2"
    assert state(hass, REMOTE) == "2"
    assert state(hass, UNACKED) == "1"
    active = hass.states.get(ACTIVE)
    assert active is not None and "streams" not in active.attributes
    # The event entity says an alert happened, not whose or where.
    event = hass.states.get(EVENT_ENTITY)
    assert event is not None
    assert event.attributes["event_type"] == "rare_country"
    assert {"alert_id", "entry_id"} <= set(event.attributes)
    # Map entities are anonymous dots, rounded to the degree.
    dots = [hass.states.get(e) for e in hass.states.async_entity_ids("geo_location")]
    assert len(dots) == 2
    sydney = place("sydney")
    coordinates = {(d.attributes["latitude"], d.attributes["longitude"]) for d in dots if d}
    assert (round(sydney.lat), round(sydney.lon)) in coordinates
    for dot in dots:
        assert dot is not None
        assert dot.attributes["friendly_name"] == "Plex stream"
        assert not {"user", "media_title", "city", "country"} & set(dot.attributes)
    # Nobody's name, title or place is anywhere in the state machine.
    text = _all_states(hass)
    leaked = [word for word in SECRET_WORDS if word in text]
    assert leaked == []


async def test_details_on_opt_in(
    hass: HomeAssistant,
    plex_sim: PlexSimulator,
    config_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    hass.config_entries.async_update_entry(
        config_entry, options={**config_entry.options, CONF_STREAM_DETAILS: True}
    )
    assert await hass.config_entries.async_setup(config_entry.entry_id)
    await hass.async_block_till_done()
    await _alert(hass, plex_sim, config_entry, freezer)
    active = hass.states.get(ACTIVE)
    assert active is not None
    assert [s["user"] for s in active.attributes["streams"]] == ["alice"]
    event = hass.states.get(EVENT_ENTITY)
    assert event is not None
    assert (event.attributes["user_name"], event.attributes["country_name"]) == (
        "alice",
        "Australia",
    )
    [dot_id] = hass.states.async_entity_ids("geo_location")
    dot = hass.states.get(dot_id)
    assert dot is not None
    sydney = place("sydney")
    assert (dot.attributes["latitude"], dot.attributes["longitude"]) == (sydney.lat, sydney.lon)
    assert dot.attributes["user"] == "alice"
