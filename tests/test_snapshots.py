"""What users and reviewers see, as syrupy snapshots: entity registry, states, diagnostics.

The suite runs on the oldest and the newest supported Home Assistant, whose registry
entries and states carry different internal fields; the snapshots hold what PlexGeo
decides (ids, names, translation keys, classes, units, states, attributes), which is the
same on both. Update with `pytest tests/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator
from syrupy.assertion import SnapshotAssertion
from syrupy.filters import props

from simulator.plex import PlexSimulator
from simulator.scenario import lan_session, wan_session

from .common import poll

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
REGISTRY_FIELDS = (
    "entity_id",
    "unique_id",
    "platform",
    "translation_key",
    "original_name",
    "original_device_class",
    "unit_of_measurement",
    "capabilities",
    "entity_category",
    "has_entity_name",
    "disabled_by",
)


def _by_name(value: Any) -> Any:
    """Mappings keyed by plain strings: newer cores key capabilities by StrEnum members."""
    if isinstance(value, dict) or hasattr(value, "items"):
        return {str(k): _by_name(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    return value


async def _streams(
    hass: HomeAssistant,
    plex_sim: PlexSimulator,
    entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    freezer.move_to(NOW)
    hass.config.latitude, hass.config.longitude = 51.5072, -0.1276
    plex_sim.add_session(lan_session(user_name="dave", bandwidth_kbps=4000))
    plex_sim.add_session(wan_session("paris", user_id=2, user_name="bob", bandwidth_kbps=3000))
    await poll(hass, entry)


async def test_entities(
    hass: HomeAssistant,
    plex_sim: PlexSimulator,
    loaded_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
    snapshot: SnapshotAssertion,
) -> None:
    await _streams(hass, plex_sim, loaded_entry, freezer)
    registry = er.async_get(hass)
    entries = er.async_entries_for_config_entry(registry, loaded_entry.entry_id)
    assert entries
    seen: dict[str, Any] = {}
    for entry in sorted(entries, key=lambda e: e.entity_id):
        state = hass.states.get(entry.entity_id)
        assert state is not None, entry.entity_id
        seen[entry.entity_id] = {
            "entry": _by_name({field: getattr(entry, field) for field in REGISTRY_FIELDS}),
            "state": state.state,
            "attributes": _by_name(state.attributes),
        }
    assert seen == snapshot(name="registry-and-states")
    # Map entities have no unique id, so no registry entry: their states on their own.
    dots = {}
    for entity_id in sorted(hass.states.async_entity_ids("geo_location")):
        state = hass.states.get(entity_id)
        assert state is not None
        dots[entity_id] = {"state": state.state, "attributes": _by_name(state.attributes)}
    assert dots == snapshot(name="map-entities")


async def test_diagnostics(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    plex_sim: PlexSimulator,
    loaded_entry: MockConfigEntry,
    snapshot: SnapshotAssertion,
) -> None:
    plex_sim.add_session(lan_session(user_name="dave", bandwidth_kbps=4000))
    plex_sim.add_session(wan_session("paris", user_id=2, user_name="bob", bandwidth_kbps=3000))
    await poll(hass, loaded_entry)
    result = await get_diagnostics_for_config_entry(hass, hass_client, loaded_entry)
    # What varies by run or by pin: the core's version, times, the file's size, the
    # fake geolocation service's port and the notification socket's timing (its health is
    # tested in tests/test_notifications.py).
    volatile = ("home_assistant", "finished_at", "duration_ms", "last_success", "reset_at", "push")
    assert result == snapshot(exclude=props(*volatile, "file_size_bytes", "geo_url"))
