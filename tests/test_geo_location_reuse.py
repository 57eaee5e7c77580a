"""Anonymous map dots are reused: a stream that ends and one that starts in the same poll
cost one state write, not an entity removal and a creation (issue 19's churn poll)."""

from __future__ import annotations

from homeassistant.const import EVENT_STATE_CHANGED
from homeassistant.core import Event, HomeAssistant, callback
from pytest_homeassistant_custom_component.common import MockConfigEntry

from simulator.places import place
from simulator.plex import PlexSimulator
from simulator.scenario import wan_session

from .common import poll


def _dots(hass: HomeAssistant) -> dict[str, tuple[float, float]]:
    found = {}
    for entity_id in hass.states.async_entity_ids("geo_location"):
        state = hass.states.get(entity_id)
        assert state is not None
        found[entity_id] = (state.attributes["latitude"], state.attributes["longitude"])
    return found


def _rounded(key: str) -> tuple[float, float]:
    return (float(round(place(key).lat)), float(round(place(key).lon)))


async def test_an_ended_streams_dot_shows_the_new_stream(
    hass: HomeAssistant, plex_sim: PlexSimulator, loaded_entry: MockConfigEntry
) -> None:
    paris = plex_sim.add_session(wan_session("paris", user_id=2, user_name="bob"))
    plex_sim.add_session(wan_session("tokyo", user_id=3, user_name="carol"))
    await poll(hass, loaded_entry)
    before = _dots(hass)
    assert sorted(before.values()) == sorted([_rounded("paris"), _rounded("tokyo")])
    paris_dot = next(e for e, where in before.items() if where == _rounded("paris"))

    changes: list[tuple[str, bool, bool]] = []

    @callback
    def _changed(event: Event) -> None:
        data = event.data
        if data["entity_id"].startswith("geo_location."):
            created, removed = data["old_state"] is None, data["new_state"] is None
            changes.append((data["entity_id"], created, removed))

    hass.bus.async_listen(EVENT_STATE_CHANGED, _changed)
    # Bob's Paris stream ends and Dave starts one in Berlin: Paris's dot moves to Berlin.
    plex_sim.remove_session(paris)
    plex_sim.add_session(wan_session("berlin", user_id=4, user_name="dave"))
    await poll(hass, loaded_entry)
    after = _dots(hass)
    assert set(after) == set(before)
    assert after[paris_dot] == _rounded("berlin")
    assert changes == [(paris_dot, False, False)]  # one write: no removal, no creation

    # More streams start than end: the rest are new entities; then all end: all go.
    changes.clear()
    plex_sim.add_session(wan_session("madrid", user_id=5, user_name="erin"))
    await poll(hass, loaded_entry)
    assert len(_dots(hass)) == 3
    assert [(new, gone) for _, new, gone in changes] == [(True, False)]
    plex_sim.clear()
    await poll(hass, loaded_entry)
    assert _dots(hass) == {}
