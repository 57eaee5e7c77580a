"""Map entities: one geo_location entity per located live stream, for the map card.

At most MAX_MAP_ENTITIES per server (the newest streams win; the panel shows them all),
kept in one pass over the live streams per poll. Who watches what, and the exact
coordinates, are shown only when the owner opts in to stream details; otherwise an entity
is an anonymous dot rounded to the nearest degree.
"""

from __future__ import annotations

from typing import Any

from homeassistant.components.geo_location import GeolocationEvent
from homeassistant.const import UnitOfLength
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.util.location import distance as location_distance

from .const import DOMAIN, MAX_MAP_ENTITIES
from .coordinator import PlexGeoConfigEntry, PlexGeoCoordinator, newest_streams
from .core.models import LocationStatus, Stream
from .options import stream_details

SOURCE = DOMAIN
COARSE_DIGITS = 0  # without stream details: about 100 km, a region rather than a street

# Entities read the coordinator's data; nothing polls on its own.
PARALLEL_UPDATES = 0


def _mappable(stream: Stream) -> bool:
    return stream.location_status is LocationStatus.KNOWN and stream.location is not None


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
    details = stream_details(entry.options)
    entities: dict[int, StreamLocationEntity] = {}

    @callback
    def _sync() -> None:
        located = [stream for stream in coordinator.data.live if _mappable(stream)]
        shown = {s.stream_id: s for s in newest_streams(located, MAX_MAP_ENTITIES)}
        gone = [entities.pop(sid) for sid in [sid for sid in entities if sid not in shown]]
        arrived = [stream for stream_id, stream in shown.items() if stream_id not in entities]
        if not details:
            # Anonymous dots are interchangeable: one whose stream ended shows a stream
            # that started (one state write) instead of Home Assistant removing an entity
            # and creating another, about four times the event loop's work (issue 19).
            while gone and arrived:
                entity, stream = gone.pop(), arrived.pop()
                entity.show(stream)
                entities[stream.stream_id] = entity
        for entity in gone:
            hass.async_create_task(entity.async_remove(force_remove=True))
        new: list[StreamLocationEntity] = []
        for stream in arrived:
            entities[stream.stream_id] = entity = StreamLocationEntity(coordinator, stream, details)
            new.append(entity)
        for stream_id, stream in shown.items():
            entities[stream_id].follow(stream)  # a viewer whose address changed moves
        if new:
            async_add_entities(new)

    _sync()
    entry.async_on_unload(coordinator.async_add_listener(_sync))


class StreamLocationEntity(GeolocationEvent):
    """Where one live stream is watched from."""

    _attr_should_poll = False
    _attr_source = SOURCE
    _attr_icon = "mdi:play-network"
    _attr_unit_of_measurement = UnitOfLength.KILOMETERS

    def __init__(self, coordinator: PlexGeoCoordinator, stream: Stream, details: bool) -> None:
        """Follow one stream; with `details`, say whose it is and exactly where."""
        self.coordinator = coordinator
        self.stream_id = stream.stream_id
        self._details = details
        self._stream = stream
        self._shown = self._view(stream)
        if details:
            self._attr_name = f"{stream.snapshot.user_name} · {stream.snapshot.full_title}"
        else:
            self._attr_name = "Plex stream"

    def _view(self, stream: Stream) -> tuple[Any, ...]:
        """What the entity's state shows of a stream: a write only when this changes."""
        location = stream.location
        if not self._details:  # an anonymous dot shows its rounded place only
            return (
                location
                and (self._coordinate(location.latitude), self._coordinate(location.longitude)),
            )
        snapshot = stream.snapshot
        return (location, snapshot.full_title, snapshot.player_title, snapshot.local)

    @callback
    def show(self, stream: Stream) -> None:
        """Show another stream (an anonymous dot only: its name says nothing about it)."""
        self.stream_id = stream.stream_id
        self.follow(stream)

    @callback
    def follow(self, stream: Stream) -> None:
        """The stream as the last poll saw it."""
        self._stream = stream
        if (view := self._view(stream)) != self._shown and self.hass is not None:
            self._shown = view
            self.async_write_ha_state()

    def _coordinate(self, value: float) -> float:
        return value if self._details else round(value, COARSE_DIGITS)

    @property
    def latitude(self) -> float | None:
        """The stream's latitude."""
        location = self._stream.location
        return self._coordinate(location.latitude) if location else None

    @property
    def longitude(self) -> float | None:
        """The stream's longitude."""
        location = self._stream.location
        return self._coordinate(location.longitude) if location else None

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
    def extra_state_attributes(self) -> dict[str, Any] | None:
        """Who watches what, from where (never the address), when the owner opted in."""
        if not self._details:
            return None
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
