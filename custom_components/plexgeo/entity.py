"""The base entity: one device per Plex server, named and identified by its description."""

from __future__ import annotations

from typing import Any

from homeassistant.core import callback
from homeassistant.helpers.device_registry import DeviceEntryType, DeviceInfo
from homeassistant.helpers.entity import EntityDescription
from homeassistant.helpers.update_coordinator import CoordinatorEntity

from .const import DOMAIN, MANUFACTURER
from .coordinator import PlexGeoCoordinator
from .options import stream_details
from .sidebar import PANEL_URL_PATH


class PlexGeoEntity(CoordinatorEntity[PlexGeoCoordinator]):
    """An entity of one Plex server's PlexGeo device."""

    _attr_has_entity_name = True
    # What the state showed when last written: a poll that changes nothing writes nothing.
    _written: tuple[Any, ...] | None = None

    def __init__(self, coordinator: PlexGeoCoordinator, description: EntityDescription) -> None:
        """Unique id from the server's machineIdentifier and the description's key."""
        super().__init__(coordinator)
        self.entity_description = description
        server = coordinator.server
        self._attr_unique_id = f"{server.machine_identifier}_{description.key}"
        self._attr_device_info = DeviceInfo(
            identifiers={(DOMAIN, server.machine_identifier)},
            name=coordinator.config_entry.title,
            manufacturer=MANUFACTURER,
            model="Plex Media Server",
            sw_version=server.version or None,
            entry_type=DeviceEntryType.SERVICE,
            # The device page links to the panel; HA accepts no relative URL, but this scheme
            # opens a frontend route.
            configuration_url=f"homeassistant://{PANEL_URL_PATH}",
        )

    @property
    def stream_details(self) -> bool:
        """Whether the owner lets entities show who watches what from where."""
        return stream_details(self.coordinator.config_entry.options)

    def _shown(self) -> tuple[Any, ...]:
        """What the entity's state shows; it is written again only when this changes."""
        return (self.available,)

    @callback
    def _handle_coordinator_update(self) -> None:
        self._write_if_changed()

    @callback
    def _write_if_changed(self) -> None:
        """Write the state if what it shows changed since the last write."""
        if (shown := self._shown()) != self._written:
            self._written = shown
            self.async_write_ha_state()
