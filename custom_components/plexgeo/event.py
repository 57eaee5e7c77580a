"""The anomaly event entity: one per server, so automations can be built in the UI."""

from __future__ import annotations

from typing import Any

from homeassistant.components.event import EventEntity, EventEntityDescription
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .alerts import alert_event_data
from .coordinator import PlexGeoConfigEntry, PlexGeoCoordinator
from .core.models import Alert, AlertKind
from .entity import PlexGeoEntity

# Entities read the coordinator's data; nothing polls on its own.
PARALLEL_UPDATES = 0

ANOMALY = EventEntityDescription(
    key="anomaly",
    translation_key="anomaly",
    event_types=[kind.value for kind in AlertKind],
)
# What the event carries without stream details: which alert (and the other stream of its
# pair, and the network type an automation may test), never whose or where.
PUBLIC_FIELDS = (
    "entry_id", "alert_id", "stream_id", "other_stream_id", "network_type", "created_at",
)  # fmt: skip


async def async_setup_entry(
    hass: HomeAssistant,
    entry: PlexGeoConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the server's anomaly event entity."""
    async_add_entities([PlexGeoAnomalyEvent(entry.runtime_data.coordinator)])


class PlexGeoAnomalyEvent(PlexGeoEntity, EventEntity):
    """Fires once per new alert; user, place and title only when the owner opted in."""

    def __init__(self, coordinator: PlexGeoCoordinator) -> None:
        """One event entity per server."""
        super().__init__(coordinator, ANOMALY)

    def _event_data(self, alert: Alert) -> dict[str, Any]:
        data: dict[str, Any] = dict(alert_event_data(self.coordinator.config_entry.entry_id, alert))
        if self.stream_details:
            return data
        return {key: data[key] for key in PUBLIC_FIELDS}

    async def async_added_to_hass(self) -> None:
        """Listen, and fire the alerts raised before this entity was added."""
        await super().async_added_to_hass()
        coordinator = self.coordinator
        coordinator.anomaly_listening = True
        self.async_on_remove(self._stop_listening)
        backlog, coordinator.unfired_alerts = coordinator.unfired_alerts, []
        for alert in backlog:
            self._trigger_event(alert.kind.value, self._event_data(alert))
            self.async_write_ha_state()

    @callback
    def _stop_listening(self) -> None:
        self.coordinator.anomaly_listening = False

    @callback
    def _handle_coordinator_update(self) -> None:
        data = self.coordinator.data
        for alert in data.new_alerts:
            self._trigger_event(alert.kind.value, self._event_data(alert))
            self.async_write_ha_state()
        self._write_if_changed()  # availability may have changed
