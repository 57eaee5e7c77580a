"""Anomaly detectors: rare country, impossible travel, concurrent locations.

Pure functions over the store's indexed queries; each runs on one stream whose location
has just become known. They return candidate alerts with a de-duplication key; the
engine drops candidates whose key already alerted within the window.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
import math
from typing import TYPE_CHECKING, Protocol

from .addresses import same_origin
from .models import Alert, AlertKind, Location, Stream

if TYPE_CHECKING:
    from .settings import AlertSettings


class DetectorStore(Protocol):
    """The store's queries the detectors run, and nothing more (`HistoryStore` has them)."""

    def trusted_countries(self, user_id: str) -> frozenset[str]:
        """Countries the user is trusted to stream from without alerts."""

    def country_counts(
        self,
        user_id: str,
        since: datetime,
        before: datetime,
        exclude_stream_id: int | None = None,
    ) -> dict[str, int]:
        """The user's located streams started in [since, before), counted by country."""

    def country_name(self, country_code: str) -> str | None:
        """The name the latest stored location gives a country code, or None if unseen."""

    def stream_address(self, stream_id: int) -> str | None:
        """The stream's IP address, decrypted; None when it has none."""

    def live_located_streams(self, user_id: str) -> list[Stream]:
        """The user's streams that are live and located."""

    def previous_located_stream(
        self, user_id: str, before: datetime, exclude_stream_id: int
    ) -> Stream | None:
        """The user's most recently seen other located stream started at or before `before`."""


_EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True, slots=True)
class Candidate:
    """An alert a detector wants to raise, and the key that de-duplicates it."""

    alert: Alert
    dedup_key: str


def distance_km(a: Location, b: Location) -> float:
    """Great-circle (haversine) distance between two locations."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * _EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def _pair_key(kind: AlertKind, first: str, second: str) -> str:
    return f"{kind.value}:{'|'.join(sorted((first, second)))}"


def _base_alert(kind: AlertKind, stream: Stream, location: Location, now: datetime) -> Alert:
    snapshot = stream.snapshot
    return Alert(
        alert_id=0,
        kind=kind,
        stream_id=stream.stream_id,
        user_id=snapshot.user_id,
        user_name=snapshot.user_name,
        created_at=now,
        country_code=location.country_code,
        country_name=location.country_name,
        city=location.city,
        latitude=location.latitude,
        longitude=location.longitude,
        share=None,
        session_count=None,
        previous_country_code=None,
        previous_country_name=None,
        previous_city=None,
        distance_km=None,
        speed_kmh=None,
        media_title=snapshot.full_title,
        player=snapshot.player_title,
    )


def rare_country(
    store: DetectorStore, stream: Stream, settings: AlertSettings, now: datetime
) -> Candidate | None:
    """PlexGeo's rule: the country is under `threshold` of the user's recent located streams."""
    location = stream.location
    if location is None:
        return None
    user_id = stream.snapshot.user_id
    if location.country_code in store.trusted_countries(user_id):
        return None
    counts = store.country_counts(
        user_id,
        since=stream.started_at - timedelta(days=settings.lookback_days),
        before=stream.started_at,
        exclude_stream_id=stream.stream_id,
    )
    total = sum(counts.values())
    if total < settings.rare_country_min_sessions:
        return None
    share = counts.get(location.country_code, 0) / total
    if share >= settings.rare_country_threshold:
        return None
    usual = max(counts, key=lambda code: (counts[code], code))
    usual_name = store.country_name(usual) or usual
    alert = replace(
        _base_alert(AlertKind.RARE_COUNTRY, stream, location, now),
        share=share,
        session_count=total,
        previous_country_code=usual,
        previous_country_name=usual_name,
    )
    return Candidate(alert, f"{AlertKind.RARE_COUNTRY.value}:{location.country_code}")


def _far_apart(
    store: DetectorStore, stream: Stream, other: Stream, settings: AlertSettings
) -> float | None:
    """The distance between two streams when it matters: far apart, from different origins."""
    if stream.location is None or other.location is None:
        return None
    other_address = store.stream_address(other.stream_id)
    if settings.is_trusted_address(other_address):
        return None
    if same_origin(stream.snapshot.ip_address, other_address):
        return None
    distance = distance_km(stream.location, other.location)
    return distance if distance > settings.distance_floor_km else None


def _paired_alert(
    kind: AlertKind, stream: Stream, other: Stream, distance: float, now: datetime
) -> Alert:
    assert stream.location is not None and other.location is not None
    return replace(
        _base_alert(kind, stream, stream.location, now),
        previous_country_code=other.location.country_code,
        previous_country_name=other.location.country_name,
        previous_city=other.location.city,
        distance_km=round(distance, 1),
    )


def concurrent_locations(
    store: DetectorStore, stream: Stream, settings: AlertSettings, now: datetime
) -> Candidate | None:
    """Two live streams of one user, far apart and from different addresses: sharing."""
    if stream.location is None:
        return None
    farthest: tuple[float, Stream] | None = None
    for other in store.live_located_streams(stream.snapshot.user_id):
        if other.stream_id == stream.stream_id:
            continue
        distance = _far_apart(store, stream, other, settings)
        if distance is not None and (farthest is None or distance > farthest[0]):
            farthest = (distance, other)
    if farthest is None:
        return None
    distance, other = farthest
    assert other.location is not None
    alert = _paired_alert(AlertKind.CONCURRENT_LOCATIONS, stream, other, distance, now)
    return Candidate(
        alert,
        _pair_key(
            AlertKind.CONCURRENT_LOCATIONS,
            stream.location.country_code,
            other.location.country_code,
        ),
    )


def impossible_travel(
    store: DetectorStore, stream: Stream, settings: AlertSettings, now: datetime
) -> Candidate | None:
    """The user's previous place is too far to have travelled from since it was last seen."""
    if stream.location is None:
        return None
    previous = store.previous_located_stream(
        stream.snapshot.user_id, before=stream.started_at, exclude_stream_id=stream.stream_id
    )
    # A previous stream still live (or overlapping) is the concurrent detector's case.
    if previous is None or previous.ended_at is None or previous.last_seen >= stream.started_at:
        return None
    distance = _far_apart(store, stream, previous, settings)
    if distance is None:
        return None
    hours = (stream.started_at - previous.last_seen).total_seconds() / 3600
    speed = distance / hours
    if speed <= settings.travel_speed_kmh:
        return None
    assert previous.location is not None
    alert = replace(
        _paired_alert(AlertKind.IMPOSSIBLE_TRAVEL, stream, previous, distance, now),
        speed_kmh=round(speed, 1),
    )
    return Candidate(
        alert,
        _pair_key(
            AlertKind.IMPOSSIBLE_TRAVEL,
            stream.location.country_code,
            previous.location.country_code,
        ),
    )


DETECTORS = (rare_country, concurrent_locations, impossible_travel)


def detect(
    store: DetectorStore, stream: Stream, settings: AlertSettings, now: datetime
) -> list[Candidate]:
    """Run every detector on a stream whose location just became known."""
    if stream.location is None:
        return []
    # Streams come back from the store without their address; the detectors compare it.
    address = store.stream_address(stream.stream_id)
    if settings.is_trusted_address(address):
        return []
    stream = replace(stream, snapshot=replace(stream.snapshot, ip_address=address))
    candidates = [detector(store, stream, settings, now) for detector in DETECTORS]
    return [candidate for candidate in candidates if candidate is not None]
