"""One poll, after Plex has answered: stream lifecycle, storage, geolocation, detectors.

The engine's methods are synchronous and touch SQLite, so the HA layer runs them in the
executor; the geolocation request between `ingest` and `resolve` is the only async step.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from . import anomaly, habits
from .geo.base import LookupResult
from .models import AddressRule, Alert, Location, LocationStatus, Stream, StreamSnapshot
from .settings import AlertSettings
from .store import HistoryStore, LocationOutcome, NewStream, StreamUpdate, stored_location
from .tautulli import is_imported

DEFAULT_CACHE_TTL = timedelta(days=30)
# Pending lookups retried per poll, so a long outage drains in bounded batches.
PENDING_RETRY_LIMIT = 200


@dataclass(frozen=True, slots=True)
class Ingested:
    """What `ingest` saw and what it still needs geolocated."""

    started: tuple[Stream, ...]
    ended: tuple[Stream, ...]
    # address -> the streams waiting on it (new, moved, or pending from earlier polls)
    lookups: dict[str, tuple[int, ...]] = field(default_factory=dict)
    # streams located from the cache during ingest: the detectors still have to see them
    located: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class PollOutcome:
    """Everything a poll produced, for entities, events and the panel."""

    live: tuple[Stream, ...]
    started: tuple[Stream, ...]
    ended: tuple[Stream, ...]
    new_alerts: tuple[Alert, ...]
    streams_today: int
    unacknowledged_alerts: int


def _located(stream: Stream, outcome: tuple[LocationStatus, Location | None] | None) -> Stream:
    """A stream record after a lookup's outcome was stored (unchanged without one)."""
    if outcome is None:
        return stream
    status, location = outcome
    return replace(stream, location_status=status, location=stored_location(location))


def _as_stored(stream: Stream) -> Stream:
    """A stream record as the store reads it back: without its address in clear."""
    if stream.snapshot.ip_address is None:
        return stream
    return replace(stream, snapshot=replace(stream.snapshot, ip_address=None))


_PLACED = (LocationStatus.KNOWN, LocationStatus.LOCAL)


def _initial_status(snapshot: StreamSnapshot) -> LocationStatus:
    if snapshot.address_rule is AddressRule.LAN:
        return LocationStatus.LOCAL
    if snapshot.ip_address is None:
        return LocationStatus.UNKNOWN
    return LocationStatus.PENDING


def _counted_countries(
    streams: Sequence[Stream], settings: AlertSettings
) -> list[tuple[int, str | None]]:
    """The country each stream counts for in the user's history, where it is not its
    location's: home's for LAN streams, none for trusted networks (a VPN exit is not
    where the user is)."""
    counted: list[tuple[int, str | None]] = []
    for stream in streams:
        if stream.location_status is LocationStatus.LOCAL:
            if settings.home is not None:
                counted.append((stream.stream_id, settings.home.country_code))
        elif settings.is_trusted_address(stream.snapshot.ip_address):
            counted.append((stream.stream_id, None))
    return counted


class Engine:
    """Turns successive session lists into stream records, locations and alerts."""

    def __init__(self, store: HistoryStore, *, cache_ttl: timedelta = DEFAULT_CACHE_TTL) -> None:
        """Bind to one server's store."""
        self.store = store
        self.cache_ttl = cache_ttl
        self._live: dict[str, Stream] | None = None

    def _live_streams(self) -> dict[str, Stream]:
        # Streams still open in the store survive a restart: the first poll continues
        # those still playing and closes the rest at their last sighting.
        if self._live is None:
            self._live = {s.snapshot.session_key: s for s in self.store.open_streams()}
        return self._live

    @property
    def live(self) -> tuple[Stream, ...]:
        """The live streams as of the last poll, oldest first."""
        return tuple(sorted(self._live_streams().values(), key=lambda s: s.started_at))

    def _first_location(
        self, snapshot: StreamSnapshot, now: datetime
    ) -> tuple[LocationStatus, Location | None]:
        """Where a new (or moved) stream is, as far as is known without asking anyone."""
        status = _initial_status(snapshot)
        if status is LocationStatus.PENDING and snapshot.ip_address is not None:
            cached = self.store.cached_location(
                self.store.address_hash(snapshot.ip_address), now, self.cache_ttl
            )
            if cached is not None:
                return LocationStatus.KNOWN, cached
        return status, None

    def ingest(self, snapshots: Sequence[StreamSnapshot], now: datetime) -> Ingested:
        """Record one poll's sessions: start, continue and end streams."""
        with self._rebuild_on_failure():
            return self._ingest(snapshots, now)

    @contextmanager
    def _rebuild_on_failure(self) -> Iterator[None]:
        try:
            yield
        except Exception:
            # The store refused part of the poll: forget what we believe is live and
            # rebuild it from the store next time, so nothing is half-recorded.
            self._live = None
            raise

    def _ingest(self, snapshots: Sequence[StreamSnapshot], now: datetime) -> Ingested:
        live = self._live_streams()
        seen = {snapshot.session_key: snapshot for snapshot in snapshots}
        ended = [live.pop(key) for key in list(live) if key not in seen]
        if ended:
            self.store.end_streams([stream.stream_id for stream in ended])
        new: list[NewStream] = []
        located: list[int] = []
        continuing: list[StreamUpdate] = []
        for key, snapshot in seen.items():
            current = live.get(key)
            if current is None:
                new.append((snapshot, now, *self._first_location(snapshot, now)))
            else:
                continuing.append((current, snapshot))
        # One transaction for every stream that goes on; the records come back built from
        # what the engine already holds, not read again.
        moved: list[LocationOutcome] = []
        for stream in self.store.update_streams(continuing, now):
            key = stream.snapshot.session_key
            outcome = None
            if live[key].ip_hash != stream.ip_hash:
                # The viewer moved mid-stream (mobile hand-over, VPN): locate it again.
                outcome = self._first_location(seen[key], now)
                moved.append((stream.stream_id, *outcome))
                if outcome[0] is LocationStatus.KNOWN:
                    located.append(stream.stream_id)
            live[key] = _located(stream, outcome)
        self.store.set_locations(moved)
        # One transaction for every stream that started in this poll.
        started = self.store.start_streams(new) if new else []
        for stream in started:
            live[stream.snapshot.session_key] = _as_stored(stream)
            # LAN streams are at home: the detectors judge them as soon as they start.
            if stream.location_status in _PLACED:
                located.append(stream.stream_id)
        lookups: dict[str, list[int]] = {}
        for stream, address in self.store.pending_streams(limit=PENDING_RETRY_LIMIT):
            # Imported history is located by its import, and never judged.
            if not is_imported(stream.snapshot):
                lookups.setdefault(address, []).append(stream.stream_id)
        return Ingested(
            started=tuple(started),
            # end_streams closed each at its last sighting, which the engine holds.
            ended=tuple(replace(s, ended_at=s.ended_at or s.last_seen) for s in ended),
            lookups={address: tuple(ids) for address, ids in lookups.items()},
            located=tuple(located),
        )

    def resolve(
        self, ingested: Ingested, lookup: LookupResult, settings: AlertSettings, now: datetime
    ) -> PollOutcome:
        """Store the lookup's answers, run the detectors on newly located streams."""
        with self._rebuild_on_failure():
            return self._resolve(ingested, lookup, settings, now)

    def _resolve(
        self, ingested: Ingested, lookup: LookupResult, settings: AlertSettings, now: datetime
    ) -> PollOutcome:
        located = list(ingested.located)
        outcomes: list[LocationOutcome] = []
        cached: list[tuple[str, Location]] = []
        for address, stream_ids in ingested.lookups.items():
            location = lookup.located.get(address)
            if location is not None:
                cached.append((self.store.address_hash(address), location))
                outcomes += [(i, LocationStatus.KNOWN, location) for i in stream_ids]
                located += stream_ids
            elif address in lookup.failed:
                outcomes += [(i, LocationStatus.FAILED, None) for i in stream_ids]
        # One transaction caches every address this lookup found.
        self.store.cache_locations(cached)
        self._store_locations(outcomes)
        found = {stream_id: (status, location) for stream_id, status, location in outcomes}
        started = [_located(s, found.get(s.stream_id)) for s in ingested.started]
        new_alerts = self._detect(located, started, settings, now)
        return PollOutcome(
            live=self.live,
            started=tuple(
                _located(_as_stored(s), found.get(s.stream_id)) for s in ingested.started
            ),
            ended=ingested.ended,
            new_alerts=tuple(new_alerts),
            streams_today=self.store.streams_started_since(
                now.replace(hour=0, minute=0, second=0, microsecond=0)
            ),
            unacknowledged_alerts=self.store.unacknowledged_count(),
        )

    def _store_locations(self, outcomes: Sequence[LocationOutcome]) -> None:
        """Record lookups' outcomes in one transaction; live streams follow them."""
        self.store.set_locations(outcomes)
        live = self._live_streams()
        by_id = {stream.stream_id: key for key, stream in live.items()}
        for stream_id, status, location in outcomes:
            key = by_id.get(stream_id)
            if key is not None:
                live[key] = _located(live[key], (status, location))

    def _detect(
        self,
        stream_ids: Iterable[int],
        started: Sequence[Stream],
        settings: AlertSettings,
        now: datetime,
    ) -> list[Alert]:
        """Judge newly placed streams and new streams (`started`: this poll's, with their
        lookup's outcome); then remember their devices and networks (after judging, so a
        first use is still new)."""
        candidates: list[anomaly.Candidate | None] = []
        networks: list[tuple[str, str, datetime]] = []
        # A stream that started in this poll is judged as the engine holds it, address in
        # clear (the record the store wrote): only the others are read, in one read, and
        # their addresses decrypted (gone ones, purged meanwhile, are skipped).
        held = {s.stream_id: s for s in started}
        wanted = list(dict.fromkeys(stream_ids))
        read = {
            s.stream_id: s
            for s in self.store.streams([i for i in wanted if i not in held])
            if not is_imported(s.snapshot)
        }
        addresses = self.store.stream_addresses(list(read)) if read else {}
        streams = [
            held[i]
            if i in held
            else replace(read[i], snapshot=replace(read[i].snapshot, ip_address=addresses.get(i)))
            for i in wanted
            if i in held or i in read
        ]
        self.store.set_counted_countries(_counted_countries(streams, settings))
        for stream in streams:
            address = stream.snapshot.ip_address
            candidates += anomaly.detect(self.store, stream, settings, now)
            network = habits.stream_network(self.store, stream, settings)
            candidates.append(habits.new_network(self.store, stream, network, settings, now))
            if network is not None and not settings.is_trusted_address(address):
                networks.append((stream.snapshot.user_id, network, stream.started_at))
        live = self.live
        for stream in started:
            candidates.append(habits.concurrent_streams(self.store, stream, live, settings, now))
            candidates.append(habits.new_device(self.store, stream, settings, now))
        alerts = self._raise([c for c in candidates if c is not None], settings, now)
        self.store.record_habits(
            devices=[
                (s.snapshot.user_id, s.snapshot.player_machine_id, s.started_at) for s in started
            ],
            networks=networks,
        )
        return alerts

    def _raise(
        self, candidates: Sequence[anomaly.Candidate], settings: AlertSettings, now: datetime
    ) -> list[Alert]:
        """Store the candidates whose incident has not alerted yet."""
        alerts: list[Alert] = []
        window = now - timedelta(hours=settings.dedup_hours)
        for candidate in candidates:
            user_id = candidate.alert.user_id
            since = window if candidate.since is None else min(window, candidate.since)
            keys = (candidate.dedup_key, *candidate.related_keys)
            if any(self.store.alert_exists_since(user_id, key, since) for key in keys):
                continue
            alerts.append(self.store.add_alert(candidate.alert, candidate.dedup_key))
        return alerts
