"""The anomaly event entity: one per server, so automations can be built in the UI."""

from __future__ import annotations

from homeassistant.components.event import EventEntity
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from . import PlexGeoConfigEntry
from .alerts import alert_event_data
from .coordinator import PlexGeoCoordinator
from .core.models import AlertKind
from .entity import PlexGeoEntity

# Entities read the coordinator's data; nothing polls on its own.
PARALLEL_UPDATES = 0


async def async_setup_entry(
    hass: HomeAssistant,
    entry: PlexGeoConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the server's anomaly event entity."""
    async_add_entities([PlexGeoAnomalyEvent(entry.runtime_data.coordinator)])


class PlexGeoAnomalyEvent(PlexGeoEntity, EventEntity):
    """Fires once per new alert, with the alert's documented fields."""

    def __init__(self, coordinator: PlexGeoCoordinator) -> None:
        """One event entity per server."""
        super().__init__(coordinator, "anomaly")
        self._attr_event_types = [kind.value for kind in AlertKind]

    async def async_added_to_hass(self) -> None:
        """Listen, and fire the alerts raised before this entity was added."""
        await super().async_added_to_hass()
        coordinator = self.coordinator
        coordinator.anomaly_listening = True
        self.async_on_remove(self._stop_listening)
        backlog, coordinator.unfired_alerts = coordinator.unfired_alerts, []
        entry_id = coordinator.config_entry.entry_id
        for alert in backlog:
            self._trigger_event(alert.kind.value, alert_event_data(entry_id, alert))
            self.async_write_ha_state()

    @callback
    def _stop_listening(self) -> None:
        self.coordinator.anomaly_listening = False

    @callback
    def _handle_coordinator_update(self) -> None:
        data = self.coordinator.data
        entry_id = self.coordinator.config_entry.entry_id
        for alert in data.new_alerts:
            self._trigger_event(alert.kind.value, alert_event_data(entry_id, alert))
            self.async_write_ha_state()
        if not data.new_alerts:  # availability may have changed
            self.async_write_ha_state()
