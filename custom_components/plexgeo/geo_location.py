"""One geo_location entity per live stream with a known public location, for the map card."""

from __future__ import annotations

from typing import Any

from homeassistant.components.geo_location import GeolocationEvent
from homeassistant.const import UnitOfLength
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.update_coordinator import CoordinatorEntity
from homeassistant.util.location import distance as location_distance

from . import PlexGeoConfigEntry
from .const import DOMAIN
from .coordinator import PlexGeoCoordinator
from .core.models import LocationStatus, Stream

SOURCE = DOMAIN


def _mappable(stream: Stream) -> bool:
    return stream.location_status is LocationStatus.KNOWN and stream.location is not None


# Entities read the coordinator's data; nothing polls on its own.
PARALLEL_UPDATES = 0


async def async_setup_entry(
    hass: HomeAssistant,
    entry: PlexGeoConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Keep one entity per located live stream, adding and removing them as streams come and go.

    The entities have no unique id, so they never enter the entity registry: a stream
    that ended while Home Assistant was down leaves nothing behind.
    """
    coordinator = entry.runtime_data.coordinator
    entities: dict[int, StreamLocationEntity] = {}

    @callback
    def _sync() -> None:
        live = {s.stream_id: s for s in coordinator.data.live if _mappable(s)}
        for stream_id in [sid for sid in entities if sid not in live]:
            hass.async_create_task(entities.pop(stream_id).async_remove(force_remove=True))
        new = [
            StreamLocationEntity(coordinator, stream)
            for stream_id, stream in live.items()
            if stream_id not in entities
        ]
        for entity in new:
            entities[entity.stream_id] = entity
        if new:
            async_add_entities(new)

    _sync()
    entry.async_on_unload(coordinator.async_add_listener(_sync))


class StreamLocationEntity(CoordinatorEntity[PlexGeoCoordinator], GeolocationEvent):
    """Where one live stream is watched from."""

    _attr_should_poll = False
    _attr_source = SOURCE
    _attr_icon = "mdi:play-network"
    _attr_unit_of_measurement = UnitOfLength.KILOMETERS

    def __init__(self, coordinator: PlexGeoCoordinator, stream: Stream) -> None:
        """Follow one stream."""
        super().__init__(coordinator)
        self.stream_id = stream.stream_id
        self._stream = stream
        self._attr_name = f"{stream.snapshot.user_name} · {stream.snapshot.full_title}"

    @callback
    def _handle_coordinator_update(self) -> None:
        for stream in self.coordinator.data.live:
            if stream.stream_id == self.stream_id and _mappable(stream):
                self._stream = stream  # a viewer whose address changed moves on the map
                self.async_write_ha_state()
                return

    @property
    def latitude(self) -> float | None:
        """The stream's latitude."""
        return self._stream.location.latitude if self._stream.location else None

    @property
    def longitude(self) -> float | None:
        """The stream's longitude."""
        return self._stream.location.longitude if self._stream.location else None

    @property
    def distance(self) -> float | None:
        """Kilometres from home."""
        if self.latitude is None or self.longitude is None:
            return None
        metres = location_distance(
            self.hass.config.latitude, self.hass.config.longitude, self.latitude, self.longitude
        )
        return round(metres / 1000, 1) if metres is not None else None

    @property
    def extra_state_attributes(self) -> dict[str, Any]:
        """Who watches what, from where (never the address)."""
        snapshot = self._stream.snapshot
        location = self._stream.location
        return {
            "user": snapshot.user_name,
            "media_title": snapshot.full_title,
            "player": snapshot.player_title,
            "product": snapshot.player_product,
            "country": location.country_name if location else None,
            "country_code": location.country_code if location else None,
            "city": location.city if location else None,
            "network": "lan" if snapshot.local else "wan",
            "started": self._stream.started_at.isoformat(),
        }
