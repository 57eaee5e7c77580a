"""The base entity: one device per Plex server."""

from __future__ import annotations

from homeassistant.helpers.device_registry import DeviceEntryType, DeviceInfo
from homeassistant.helpers.update_coordinator import CoordinatorEntity

from .const import DOMAIN, MANUFACTURER
from .coordinator import PlexGeoCoordinator


class PlexGeoEntity(CoordinatorEntity[PlexGeoCoordinator]):
    """An entity of one Plex server's PlexGeo device."""

    _attr_has_entity_name = True

    def __init__(self, coordinator: PlexGeoCoordinator, key: str) -> None:
        """Name the entity by its translation key; ids from the server's machineIdentifier."""
        super().__init__(coordinator)
        server = coordinator.server
        self._attr_translation_key = key
        self._attr_unique_id = f"{server.machine_identifier}_{key}"
        self._attr_device_info = DeviceInfo(
            identifiers={(DOMAIN, server.machine_identifier)},
            name=coordinator.config_entry.title,
            manufacturer=MANUFACTURER,
            model="Plex Media Server",
            sw_version=server.version or None,
            entry_type=DeviceEntryType.SERVICE,
        )
