"""Anomaly detectors: rare country, impossible travel, concurrent locations.

Each runs on one stream whose place has just become known (located, or at home on the
LAN) and judges it against the user's household model: their usual places, the streams
whose intervals overlap it (live or ended: sharing), and the latest untrusted stream
before it (travel). Network identity comes before geography, and a country-level
location is never a point (see `household`). Detectors return candidate alerts with the
keys of their incident; the engine drops a candidate whose incident already alerted.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import cached_property
from typing import TYPE_CHECKING, Protocol

from .household import (
    CITY_RADIUS_KM,
    Judgement,
    Place,
    Relation,
    Sighting,
    address_prefix,
    farthest_from_usual,
    gap_km,
    judge_pair,
    near_usual,
    network_type,
    place_of,
)
from .models import Alert, AlertKind, Location, LocationStatus, Stream

if TYPE_CHECKING:
    from .settings import AlertSettings


class Placed(Protocol):
    """A stream's interval and place: what judging a neighbour needs (a `Stream` is one)."""

    @property
    def stream_id(self) -> int:
        """The stream."""

    @property
    def started_at(self) -> datetime:
        """When it started."""

    @property
    def last_seen(self) -> datetime:
        """When it was last seen playing."""

    @property
    def ended_at(self) -> datetime | None:
        """When it ended; None while it plays."""

    @property
    def location_status(self) -> LocationStatus:
        """Where its lookup stands (LOCAL: at home)."""

    @property
    def location(self) -> Location | None:
        """Where it is, when located."""


class Around(Protocol):
    """A user's other placed streams around one (the store decodes each when read)."""

    def overlapping(self) -> Iterator[Placed]:
        """Those whose interval shares a moment with the stream's, in start order."""

    def before(self) -> Iterator[Placed]:
        """Those that ended (or were last seen) before it started, latest end first."""

    def after(self) -> Iterator[Placed]:
        """Those that started after it ended, earliest first (none while it plays)."""


class DetectorStore(Protocol):
    """The store's queries the detectors run, and nothing more (`DetectorStore` has them)."""

    def trusted_countries(self, user_id: str) -> frozenset[str]:
        """Countries the user is trusted to stream from without alerts."""

    def country_counts(
        self,
        user_id: str,
        since: datetime,
        before: datetime,
        exclude_stream_id: int | None = None,
    ) -> dict[str, int]:
        """The user's streams started in [since, before), counted by the country each
        counts for."""

    def country_name(self, country_code: str) -> str | None:
        """The name the latest stored location gives a country code, or None if unseen."""

    def stream_addresses(self, stream_ids: Sequence[int]) -> dict[int, str]:
        """The addresses of these streams, decrypted (streams without one are left out)."""

    def user_streams_around(
        self, user_id: str, stream: Stream, since: datetime, until: datetime
    ) -> Around:
        """The user's other located or LAN streams that played at some time in
        [since, until], as they stand to the stream's interval."""

    def streams(self, stream_ids: Sequence[int]) -> list[Stream]:
        """Streams by id (gone ones are left out)."""

    def usual_places(
        self, user_id: str, since: datetime, before: datetime, exclude_stream_id: int
    ) -> list[tuple[Location | None, int]]:
        """The user's places in [since, before) with their stream counts; None is home."""

    def visit_alerted(
        self, user_id: str, country_code: str, dedup_key: str, since: datetime
    ) -> bool:
        """Whether the user's latest alert with the key since `since` is open, or was
        acknowledged with no stream of theirs counted in another country since."""


# Nothing travels 20,000 km faster than this look-back allows at any sensible speed
# setting: older streams cannot make a trip impossible.
TRAVEL_LOOKBACK = timedelta(hours=36)
_LOCATED = (LocationStatus.KNOWN, LocationStatus.LOCAL)
_USUAL_PLACES = 20


@dataclass(frozen=True, slots=True)
class Candidate:
    """An alert a detector wants to raise, and the keys of its incident."""

    alert: Alert
    dedup_key: str
    # Keys of alerts that already cover this incident (sharing and travel between the
    # same two places are one incident).
    related_keys: tuple[str, ...] = ()
    # Open-ended incidents: suppressed by any alert with the key since this time.
    since: datetime | None = None


def pair_key(kind: AlertKind, first: str, second: str) -> str:
    """The incident key of two places (order-free)."""
    return f"{kind.value}:{'|'.join(sorted((first, second)))}"


class Judge:
    """One stream's check: its sighting, its neighbours and the user's usual places,
    each read from the store only when a detector needs it."""

    def __init__(
        self, store: DetectorStore, stream: Stream, settings: AlertSettings, now: datetime
    ) -> None:
        """Bind to the stream to judge (its address in clear, as the engine holds it)."""
        self.store = store
        self.stream = stream
        self.settings = settings
        self.now = now
        self.user_id = stream.snapshot.user_id
        self.sighting = self.sight(stream, stream.snapshot.ip_address)

    def home_place(self) -> Place | None:
        """Home Assistant's home, where LAN streams are."""
        home = self.settings.home
        if home is None:
            return None
        store = self.store
        name = store.country_name(home.country_code) or home.country_code
        return Place(home.country_code, name, None, home.latitude, home.longitude, CITY_RADIUS_KM)

    def sight(self, stream: Placed, address: str | None) -> Sighting:
        """A stream as the rules see it."""
        settings = self.settings
        home = stream.location_status is LocationStatus.LOCAL
        if home:
            place = self._home
        elif stream.location is not None and stream.location_status is LocationStatus.KNOWN:
            place = place_of(stream.location)
        else:
            place = None
        return Sighting(
            stream_id=stream.stream_id,
            started_at=stream.started_at,
            ended_at=stream.ended_at,
            last_seen=stream.last_seen,
            place=place,
            prefix=None
            if home
            else address_prefix(address, settings.ipv4_prefix, settings.ipv6_prefix),
            home=home,
            trusted=not home and settings.is_trusted_address(address),
            mobile=bool(stream.location and stream.location.mobile),
        )

    @cached_property
    def _home(self) -> Place | None:
        return self.home_place()

    @cached_property
    def usual(self) -> list[tuple[Place, int]]:
        """The user's places in the look-back window, most used first (home included)."""
        since = self.stream.started_at - timedelta(days=self.settings.lookback_days)
        places: list[tuple[Place, int]] = []
        store = self.store
        for location, count in store.usual_places(
            self.user_id, since, self.stream.started_at, self.stream.stream_id
        ):
            place = self._home if location is None else place_of(location)
            if place is not None:
                places.append((place, count))
        places.sort(key=lambda item: -item[1])
        return places[:_USUAL_PLACES]

    @cached_property
    def around(self) -> Around:
        """The user's other placed streams around this one, as read from the store."""
        stream, store = self.stream, self.store
        until = stream.ended_at or self.now
        since = stream.started_at - TRAVEL_LOOKBACK
        return store.user_streams_around(self.user_id, stream, since, until)

    def placed(self, others: Iterable[Placed]) -> Iterator[tuple[Placed, Sighting]]:
        """Other streams as their place shows them (those with no place left out): the
        address (network, trust) is read only for those that matter."""
        for other in others:
            seen = self.sight(other, None)
            if seen.place is not None:
                yield other, seen

    def resolved(self, other: Placed) -> Sighting:
        """Another stream with its address read: its network and whether it is trusted."""
        store = self.store
        address = store.stream_addresses([other.stream_id]).get(other.stream_id)
        return self.sight(other, address)

    def full(self, other: Placed) -> Stream:
        """Another stream's whole record, for an alert about it."""
        if isinstance(other, Stream):
            return other
        store = self.store
        return store.streams([other.stream_id])[0]

    def far(self, other: Sighting) -> bool:
        """Whether another stream is beyond the floor, before networks are considered."""
        assert self.sighting.place is not None and other.place is not None
        return gap_km(self.sighting.place, other.place) > self.settings.distance_floor_km

    def floor_km(self) -> float:
        """The distance floor, widened for a stream on a mobile network."""
        settings = self.settings
        if self.sighting.mobile:
            return max(settings.distance_floor_km, settings.mobile_distance_floor_km)
        return settings.distance_floor_km

    def judge(self, other: Sighting) -> Judgement | None:
        """How this stream relates to another of the user's."""
        settings = self.settings
        return judge_pair(
            self.sighting,
            other,
            floor_km=settings.distance_floor_km,
            speed_kmh=settings.travel_speed_kmh,
            mobile_floor_km=settings.mobile_distance_floor_km,
        )


def base_alert(kind: AlertKind, stream: Stream, place: Place, now: datetime) -> Alert:
    """An alert about a stream at a place, before any detector adds its evidence."""
    snapshot = stream.snapshot
    return Alert(
        alert_id=0,
        kind=kind,
        stream_id=stream.stream_id,
        user_id=snapshot.user_id,
        user_name=snapshot.user_name,
        created_at=now,
        country_code=place.country_code,
        country_name=place.country_name,
        city=place.city,
        latitude=place.latitude,
        longitude=place.longitude,
        share=None,
        session_count=None,
        previous_country_code=None,
        previous_country_name=None,
        previous_city=None,
        distance_km=None,
        speed_kmh=None,
        media_title=snapshot.full_title,
        player=snapshot.player_title,
        network_type=stream_network_type(stream),
    )


def stream_network_type(stream: Stream) -> str | None:
    if stream.location_status is LocationStatus.LOCAL:
        return "lan"
    found = network_type(stream.location)
    return None if found is None else found.value


def rare_country(judge: Judge) -> Candidate | None:
    """PlexGeo's rule: the country is under `threshold` of the user's recent located streams
    (once they have `min_sessions`), unless the place is near one of their usual places."""
    stream, settings, place = judge.stream, judge.settings, judge.sighting.place
    if place is None or judge.sighting.home:
        return None
    store, user_id = judge.store, judge.user_id
    if place.country_code in store.trusted_countries(user_id):
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
    share = counts.get(place.country_code, 0) / total
    if share >= settings.rare_country_threshold:
        return None
    key = f"{AlertKind.RARE_COUNTRY.value}:{place.country_code}"
    # One alert per visit: while the last one is open, or until the user streamed from
    # elsewhere since it, the country does not alert again. (Asked before the usual
    # places, which cost more to read: a visit streams more than once.)
    since = stream.started_at - timedelta(days=settings.lookback_days)
    if store.visit_alerted(user_id, place.country_code, key, since):
        return None
    # A place within the floor of a usual place (one in a country that is not rare
    # itself) is not rare, across a border or not.
    usual_places = [
        (other, count)
        for other, count in judge.usual
        if counts.get(other.country_code, 0) / total >= settings.rare_country_threshold
    ]
    if near_usual(place, usual_places, judge.floor_km()):
        return None
    usual = max(counts, key=lambda code: (counts[code], code))
    alert = replace(
        base_alert(AlertKind.RARE_COUNTRY, stream, place, judge.now),
        share=share,
        session_count=total,
        previous_country_code=usual,
        previous_country_name=store.country_name(usual) or usual,
    )
    return Candidate(alert, key)


def _paired(
    judge: Judge, kind: AlertKind, other: tuple[Placed, Sighting], judged: Judgement
) -> Candidate:
    """An alert on whichever of the two streams is out of place, naming the other."""
    mine: tuple[Placed, Sighting] = (judge.stream, judge.sighting)
    order = farthest_from_usual((judge.sighting, other[1]), judge.usual)
    (away, away_seen), (there, there_seen) = (
        (mine, other) if order[0] is judge.sighting else (other, mine)
    )
    assert away_seen.place is not None and there_seen.place is not None
    alert = replace(
        base_alert(kind, judge.full(away), away_seen.place, judge.now),
        previous_country_code=there_seen.place.country_code,
        previous_country_name=there_seen.place.country_name,
        previous_city=there_seen.place.city,
        distance_km=round(judged.distance_km, 1),
        speed_kmh=None if judged.speed_kmh is None else round(judged.speed_kmh, 1),
        seconds_apart=judged.seconds_apart,
        other_stream_id=there.stream_id,
    )
    places = (away_seen.place.country_code, there_seen.place.country_code)
    sharing = pair_key(AlertKind.CONCURRENT_LOCATIONS, *places)
    travel = pair_key(AlertKind.IMPOSSIBLE_TRAVEL, *places)
    own, related = (
        (sharing, travel) if kind is AlertKind.CONCURRENT_LOCATIONS else (travel, sharing)
    )
    return Candidate(alert, own, (related,))


def concurrent_locations(judge: Judge) -> Candidate | None:
    """Streams of one user whose intervals overlap, far apart on different networks:
    sharing, however late either location became known."""
    if judge.sighting.place is None:
        return None
    farthest: tuple[tuple[Placed, Sighting], Judgement] | None = None
    for other, rough in judge.placed(judge.around.overlapping()):
        if not judge.far(rough):
            continue
        seen = judge.resolved(other)
        judged = judge.judge(seen)
        if judged is None or judged.relation is not Relation.SHARING:
            continue
        if farthest is None or judged.gap_km > farthest[1].gap_km:
            farthest = ((other, seen), judged)
    if farthest is None:
        return None
    return _paired(judge, AlertKind.CONCURRENT_LOCATIONS, *farthest)


def impossible_travel(judge: Judge) -> Candidate | None:
    """The latest untrusted stream before this one (or the first after it, for a location
    known late) is too far to have travelled between them."""
    sighting = judge.sighting
    if sighting.place is None:
        return None
    around = judge.around
    # The latest untrusted stream before, and the first after: trusted ones are passed
    # over, never taken as the last place (they would hide the evidence).
    for side in (around.before(), around.after()):
        for other, rough in judge.placed(side):
            if not judge.settings.trusted_networks and not judge.far(rough):
                # Within the floor it is the same place, whatever its network: with no
                # trusted network to pass over, its address need not be decrypted.
                break
            seen = judge.resolved(other)
            if seen.trusted:
                continue
            judged = judge.judge(seen)
            if judged is not None and judged.relation is Relation.TRAVEL:
                return _paired(judge, AlertKind.IMPOSSIBLE_TRAVEL, (other, seen), judged)
            break
    return None


DETECTORS = (rare_country, concurrent_locations, impossible_travel)


def detect(
    store: DetectorStore, stream: Stream, settings: AlertSettings, now: datetime
) -> list[Candidate]:
    """Run every detector on a stream whose place just became known (with its address:
    streams come back from the store without it, and the detectors compare it)."""
    if stream.location_status not in _LOCATED:
        return []
    if stream.location_status is LocationStatus.LOCAL and settings.home is None:
        return []
    judge = Judge(store, stream, settings, now)
    if judge.sighting.trusted:
        return []
    candidates = [detector(judge) for detector in DETECTORS]
    return [candidate for candidate in candidates if candidate is not None]
