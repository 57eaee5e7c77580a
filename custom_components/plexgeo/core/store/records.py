"""What the store hands back: its records, the batches it takes, and its lookup error."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from ..errors import StoreError
from ..models import Location, LocationStatus, Stream, StreamSnapshot


class UnknownStream(StoreError, LookupError):
    """No stream has the given id (never started, or purged)."""


@dataclass(frozen=True, slots=True)
class StoreStats:
    """Sizes of the store, for diagnostics."""

    streams: int
    open_streams: int
    alerts: int
    unacknowledged_alerts: int
    cached_locations: int
    schema_version: int
    file_size_bytes: int


@dataclass(frozen=True, slots=True)
class CountryCount:
    """How many streams came from one country."""

    country_code: str
    country_name: str
    count: int


@dataclass(frozen=True, slots=True)
class UserOverview:
    """One Plex user as the panel's users list shows them."""

    user_id: str
    user_name: str
    stream_count: int
    countries: tuple[str, ...]  # most streams first
    last_seen: datetime
    last_location: Location | None  # of the most recently seen located stream
    unacknowledged_alerts: int
    networks: int = 0  # distinct networks (AS numbers, or hashed address prefixes)
    devices: int = 0  # distinct players (machine ids)
    concurrent_peak: int = 0  # the most streams at once (`peaks`)


@dataclass(frozen=True, slots=True)
class PlaceCount:
    """How many streams came from one place (a city, or a country's centre)."""

    location: Location
    count: int


@dataclass(frozen=True, slots=True)
class UserActivity:
    """A user's streams since a day: per day, per country and per place."""

    user_id: str
    user_name: str
    days: tuple[tuple[date, int], ...]
    countries: tuple[CountryCount, ...]
    places: tuple[PlaceCount, ...]
    concurrent_peak: int = 0  # the most streams at once, all time (`peaks`)


@dataclass(frozen=True, slots=True)
class DayCount:
    """Streams started on one UTC day from one country."""

    day: date
    country_code: str
    count: int


@dataclass(frozen=True, slots=True)
class UserCount:
    """Streams of one user."""

    user_id: str
    user_name: str
    count: int


@dataclass(frozen=True, slots=True)
class Trends:
    """Streams started in a time range: by day and country, by country, by user, LAN/WAN."""

    per_day: tuple[DayCount, ...]
    countries: tuple[CountryCount, ...]
    users: tuple[UserCount, ...]  # the top users, most streams first
    lan: int
    wan: int
    located: int  # WAN streams counted in a country (LAN ones count at home, when set)


type NewStream = tuple[StreamSnapshot, datetime, LocationStatus, Location | None]
"""A stream to start: its first snapshot, when it was seen, and its location outcome."""

type StreamUpdate = tuple[Stream, StreamSnapshot]
"""A live stream as last stored, and the snapshot a later poll saw of it."""

type LocationOutcome = tuple[int, LocationStatus, Location | None]
"""A stream id and the outcome of its geolocation."""


@dataclass(frozen=True, slots=True)
class PlacedStream:
    """A stream as the detectors' neighbours need it: its interval and its place."""

    stream_id: int
    started_at: datetime
    last_seen: datetime
    ended_at: datetime | None
    location_status: LocationStatus
    location: Location | None
