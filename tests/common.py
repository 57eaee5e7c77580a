"""Helpers shared by the Home Assistant-level tests."""

from __future__ import annotations

from datetime import timedelta

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry

from simulator.plex import PlexSimulator
from simulator.scenario import SimSession

ACTIVE = "sensor.test_plex_active_streams"
REMOTE = "sensor.test_plex_remote_streams"
BANDWIDTH = "sensor.test_plex_total_bandwidth"
TODAY = "sensor.test_plex_streams_today"
UNACKED = "sensor.test_plex_unacknowledged_alerts"
EVENT_ENTITY = "event.test_plex_anomaly"


async def poll(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    """Run one coordinator cycle and let every listener finish."""
    await entry.runtime_data.coordinator.async_refresh()
    await hass.async_block_till_done()


def state(hass: HomeAssistant, entity_id: str) -> str:
    """An entity's state, which must exist."""
    current = hass.states.get(entity_id)
    assert current is not None, entity_id
    return current.state


async def watch(
    hass: HomeAssistant,
    sim: PlexSimulator,
    entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
    session: SimSession,
    *,
    played: timedelta = timedelta(hours=1),
) -> None:
    """One whole stream: seen by a poll, played for a while, gone by the next poll."""
    key = sim.add_session(session)
    await poll(hass, entry)
    freezer.tick(played)
    sim.remove_session(key)
    await poll(hass, entry)
