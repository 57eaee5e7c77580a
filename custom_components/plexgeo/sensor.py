"""Sensors: active, remote and today's streams, bandwidth, unacknowledged alerts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.const import PERCENTAGE, EntityCategory, UnitOfDataRate
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .coordinator import PlexGeoConfigEntry, PlexGeoCoordinator
from .core.engine import PollOutcome
from .core.models import Stream
from .entity import PlexGeoEntity
from .tautulli_import import TautulliImportJob


def _remote(stream: Stream) -> bool:
    return not stream.snapshot.local


def stream_summary(stream: Stream) -> dict[str, Any]:
    """A live stream as the active-streams sensor lists it (no address)."""
    snapshot = stream.snapshot
    location = stream.location
    return {
        "user": snapshot.user_name,
        "title": snapshot.full_title,
        "player": snapshot.player_title,
        "state": snapshot.state.value,
        "country": location.country_name if location else None,
        "city": location.city if location else None,
        "local": snapshot.local,
    }


@dataclass(frozen=True, kw_only=True)
class PlexGeoSensorDescription(SensorEntityDescription):
    """A sensor computed from the last poll; its attributes are per-stream details."""

    value_fn: Callable[[PollOutcome], int]
    attributes_fn: Callable[[PollOutcome], dict[str, Any]] | None = None


SENSORS: tuple[PlexGeoSensorDescription, ...] = (
    PlexGeoSensorDescription(
        key="active_streams",
        translation_key="active_streams",
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda outcome: len(outcome.live),
        attributes_fn=lambda outcome: {"streams": [stream_summary(s) for s in outcome.live]},
    ),
    PlexGeoSensorDescription(
        key="remote_streams",
        translation_key="remote_streams",
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda outcome: sum(1 for stream in outcome.live if _remote(stream)),
    ),
    PlexGeoSensorDescription(
        key="total_bandwidth",
        translation_key="total_bandwidth",
        device_class=SensorDeviceClass.DATA_RATE,
        native_unit_of_measurement=UnitOfDataRate.KILOBITS_PER_SECOND,
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda outcome: sum(s.snapshot.bandwidth_kbps or 0 for s in outcome.live),
    ),
    PlexGeoSensorDescription(
        key="streams_today",
        translation_key="streams_today",
        state_class=SensorStateClass.TOTAL_INCREASING,
        value_fn=lambda outcome: outcome.streams_today,
    ),
    PlexGeoSensorDescription(
        key="unacknowledged_alerts",
        translation_key="unacknowledged_alerts",
        value_fn=lambda outcome: outcome.unacknowledged_alerts,
    ),
)


# Entities read the coordinator's data; nothing polls on its own.
PARALLEL_UPDATES = 0


async def async_setup_entry(
    hass: HomeAssistant,
    entry: PlexGeoConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the server's sensors."""
    coordinator = entry.runtime_data.coordinator
    entities: list[SensorEntity] = [
        PlexGeoSensor(coordinator, description) for description in SENSORS
    ]
    if entry.runtime_data.tautulli is not None:
        entities.append(TautulliImportSensor(coordinator, entry.runtime_data.tautulli))
    async_add_entities(entities)


class PlexGeoSensor(PlexGeoEntity, SensorEntity):
    """A number from the last poll."""

    entity_description: PlexGeoSensorDescription
    # The live list changes every poll; the recorder would store it every 30 s.
    _unrecorded_attributes = frozenset({"streams"})

    def __init__(
        self, coordinator: PlexGeoCoordinator, description: PlexGeoSensorDescription
    ) -> None:
        """Describe the sensor."""
        super().__init__(coordinator, description)

    def _shown(self) -> tuple[Any, ...]:
        return (self.available, self.native_value, self.extra_state_attributes)

    @property
    def native_value(self) -> int:
        """The sensor's value from the last poll."""
        return self.entity_description.value_fn(self.coordinator.data)

    @property
    def extra_state_attributes(self) -> dict[str, Any] | None:
        """Per-stream details (the active-streams list), only when the owner opted in."""
        attributes_fn = self.entity_description.attributes_fn
        if attributes_fn is None or not self.stream_details:
            return None
        return attributes_fn(self.coordinator.data)


IMPORT_DESCRIPTION = SensorEntityDescription(
    key="tautulli_import",
    translation_key="tautulli_import",
    native_unit_of_measurement=PERCENTAGE,
    entity_category=EntityCategory.DIAGNOSTIC,
)


class TautulliImportSensor(PlexGeoEntity, SensorEntity):
    """The Tautulli import's progress: percent done, with phase and rows as attributes."""

    # Rows and totals change every page; history keeps the percentage only.
    _unrecorded_attributes = frozenset({"rows", "total_rows", "skipped"})

    def __init__(self, coordinator: PlexGeoCoordinator, job: TautulliImportJob) -> None:
        """Follow one server's import job."""
        super().__init__(coordinator, IMPORT_DESCRIPTION)
        self._job = job

    async def async_added_to_hass(self) -> None:
        """Write the state on each progress change."""
        await super().async_added_to_hass()
        self.async_on_remove(self._job.async_add_listener(self._write_if_changed))

    def _shown(self) -> tuple[Any, ...]:
        return (self.available, self.native_value, self.extra_state_attributes)

    @property
    def native_value(self) -> int | None:
        """Percent done (None before any import in this run)."""
        return self._job.percent

    @property
    def extra_state_attributes(self) -> dict[str, Any]:
        """Phase, rows read, and after the import its summary."""
        return self._job.attributes()
