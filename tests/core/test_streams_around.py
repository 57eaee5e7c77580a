"""The user's streams around a newly placed one (issue 15, interval logic), as the store
reads them for the detectors: overlapping, before (latest end first), after (earliest
start first), exactly as the interval rules say, decoding only what is read; and the
index migration that lets the store read them from the index alone."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
import random
import sqlite3

from custom_components.plexgeo.core import migrations
from custom_components.plexgeo.core.crypto import KeyMaterial
from custom_components.plexgeo.core.household import overlaps
from custom_components.plexgeo.core.models import LocationStatus, Stream
from custom_components.plexgeo.core.store import HistoryStore
from custom_components.plexgeo.core.store.detector import AROUND_FIRST
from simulator.places import place

from .helpers import T0, location_of, snapshot, undo_migrations_after

HOUR = timedelta(hours=1)
CITIES = ("london", "paris", "berlin", "tokyo")


@dataclass(frozen=True)
class Interval:
    stream_id: int
    started_at: datetime
    ended_at: datetime | None


def _start(store: HistoryStore, key: str, at: datetime, where: str | None, **kw: str) -> Stream:
    if where is None:
        new = snapshot(key, address="192.168.1.20", local=True, **kw)
        return store.start_streams([(new, at, LocationStatus.LOCAL, None)])[0]
    new = snapshot(key, where=where, **kw)
    return store.start_streams([(new, at, LocationStatus.KNOWN, location_of(place(where)))])[0]


def _ids(streams: Iterator[object]) -> list[int]:
    return [getattr(s, "stream_id") for s in streams]  # noqa: B009


def test_streams_around_one_by_their_interval(store: HistoryStore) -> None:
    old = _start(store, "1", T0 - 3 * HOUR, "london")
    ended = _start(store, "2", T0 - HOUR, "paris")
    live = _start(store, "3", T0 - 30 * HOUR, "berlin")  # started long ago, still playing
    home = _start(store, "4", T0 - HOUR, None)
    store.start_streams([(snapshot("5", where="tokyo"), T0, LocationStatus.PENDING, None)])
    _start(store, "6", T0, "tokyo", user="bob")
    later = _start(store, "7", T0, "tokyo")
    store.update_streams([(old, old.snapshot)], T0 - 2 * HOUR)
    store.update_streams([(ended, ended.snapshot)], T0 - HOUR / 2)
    store.end_streams([old.stream_id, ended.stream_id, later.stream_id])
    # A stream still playing, started 20 minutes ago (itself left out).
    judged = _start(store, "8", T0 - HOUR / 3, "london")
    around = store.user_streams_around("id-alice", judged, T0 - HOUR, T0 + HOUR)
    # The first ended before the window, the pending one has no place, bob is not alice.
    assert _ids(around.overlapping()) == [live.stream_id, home.stream_id, later.stream_id]
    # Ended (or, while open, last seen) before it started: latest first.
    assert _ids(around.before()) == [ended.stream_id, home.stream_id, live.stream_id]
    assert _ids(around.after()) == []  # nothing starts after a stream that plays
    [paris] = [s for s in around.before() if s.stream_id == ended.stream_id]
    assert (paris.location, paris.ended_at) == (ended.location, T0 - HOUR / 2)
    [lan] = [s for s in around.before() if s.stream_id == home.stream_id]
    assert (lan.location_status, lan.location, lan.ended_at) == (LocationStatus.LOCAL, None, None)
    # Located late: a stream that played 50 to 45 minutes ago.
    short = Interval(0, T0 - HOUR * 5 / 6, T0 - HOUR * 3 / 4)
    around = store.user_streams_around("id-alice", short, T0 - HOUR, T0 + HOUR)
    assert _ids(around.overlapping()) == [live.stream_id, ended.stream_id, home.stream_id]
    # Open streams last seen before it are before it too (the travel check's last place).
    assert _ids(around.before()) == [home.stream_id, live.stream_id]
    assert _ids(around.after()) == [judged.stream_id, later.stream_id]
    nobody = store.user_streams_around("nobody", short, T0, T0)
    assert [*nobody.overlapping(), *nobody.before(), *nobody.after()] == []


def test_streams_around_match_the_interval_rules_to_the_microsecond(
    store: HistoryStore,
) -> None:
    """Random streams, judged intervals with sub-second ends: the store's three lists are
    what the rules give over every stream in the window, in their order."""
    rng = random.Random(15)
    second = timedelta(seconds=1)
    streams = []
    for n in range(40):
        at = T0 + rng.randrange(-7200, 7200) * second
        stream = _start(store, f"s{n}", at, rng.choice((*CITIES, None)))
        if rng.random() < 0.8:
            seen = stream.started_at + rng.randrange(1, 3600) * second
            store.update_streams([(stream, stream.snapshot)], seen)
            store.end_streams([stream.stream_id])
        streams.append(stream)
    stored = store.streams([s.stream_id for s in streams])
    since, until = T0 - 3 * HOUR, T0 + 3 * HOUR
    for _ in range(60):
        micro = timedelta(microseconds=rng.choice((0, 1, 500_000, 999_999)))
        start = T0 + rng.randrange(-7200, 7200) * second + micro
        end = None
        if rng.random() > 0.3:
            micro = timedelta(microseconds=rng.choice((0, 1, 999_999)))
            end = start + rng.randrange(0, 1800) * second + micro
        judged = Interval(rng.choice(stored).stream_id, start, end)
        around = store.user_streams_around("id-alice", judged, since, until)
        window = [
            s
            for s in stored
            if s.stream_id != judged.stream_id
            and (s.ended_at is None or (since <= s.started_at <= until and s.last_seen >= since))
        ]
        window.sort(key=lambda s: (s.started_at, s.stream_id))
        assert _ids(around.overlapping()) == [
            s.stream_id for s in window if overlaps(start, end, s.started_at, s.ended_at)
        ]
        before = [s for s in window if (s.ended_at or s.last_seen) < start]
        before.sort(key=lambda s: s.ended_at or s.last_seen, reverse=True)
        assert _ids(around.before()) == [s.stream_id for s in before]
        assert _ids(around.after()) == [
            s.stream_id for s in window if end is not None and s.started_at > end
        ]
        for found in (*around.overlapping(), *around.before()):
            [same] = [s for s in stored if s.stream_id == found.stream_id]
            assert (found.started_at, found.last_seen, found.ended_at, found.location) == (
                same.started_at,
                same.last_seen,
                same.ended_at,
                same.location,
            )


def test_streams_around_read_from_the_index_and_decode_each_location_once(
    store: HistoryStore, db_path: Path
) -> None:
    streams = [_start(store, f"l{n}", T0 + n * HOUR, "london") for n in range(4)]
    _start(store, "p", T0, "paris")
    judged = Interval(0, T0 + 10 * HOUR, None)
    read: list[str] = []
    store._reader.set_trace_callback(read.append)
    try:
        around = store.user_streams_around("id-alice", judged, T0, T0 + 11 * HOUR)
    finally:
        store._reader.set_trace_callback(None)
    found = list(around.before())
    assert len(found) == 5
    london = [s.location for s in found if s.location and s.location.city == "London"]
    assert london == [streams[0].location] * 4
    assert len({id(location) for location in london}) == 1  # one record for one lookup
    # One statement: the streams from the index alone, each with its location and place.
    assert len(read) == 1
    assert "LEFT JOIN locations" in read[0]
    conn = sqlite3.connect(db_path)
    try:
        plans = [
            row[3]
            for statement in read
            if "FROM streams" in statement
            for row in conn.execute("EXPLAIN QUERY PLAN " + statement)
        ]
    finally:
        conn.close()
    assert any("COVERING INDEX streams_located" in plan for plan in plans), plans
    assert any("streams_open" in plan for plan in plans), plans


def test_file_of_the_version_before_migrates_and_keeps_its_streams(
    tmp_path: Path, keys: KeyMaterial
) -> None:
    path = tmp_path / "old.db"
    old = HistoryStore.open(path, keys, "srv")
    first = _start(old, "1", T0, "london")
    old.update_streams([(first, first.snapshot)], T0 + HOUR)
    old.end_streams([first.stream_id])
    _start(old, "2", T0 + 2 * HOUR, "paris")
    old.close()
    version = migrations.MIGRATIONS.index(migrations._migrate_located_ends)
    with sqlite3.connect(path) as conn:
        undo_migrations_after(conn, version + 1)  # what came after goes first
        # streams_located as the version before had it: without ended_at.
        conn.execute("DROP INDEX streams_located")
        conn.execute(
            "CREATE INDEX streams_located ON streams"
            " (user_ref, location_status, last_seen, started_at, location_ref)"
        )
        conn.execute(f"PRAGMA user_version = {version}")
    conn.close()
    store = HistoryStore.open(path, keys, "srv")
    try:
        assert store.schema_version == len(migrations.MIGRATIONS) == HistoryStore.SCHEMA_VERSION
        assert [s.stream_id for s in store.streams([1, 2])] == [1, 2]
        around = store.user_streams_around(
            "id-alice", Interval(0, T0 + 3 * HOUR, None), T0, T0 + 3 * HOUR
        )
        [ended] = [s for s in around.before() if s.stream_id == first.stream_id]
        assert ended.ended_at == T0 + HOUR
    finally:
        store.close()
    conn = sqlite3.connect(path)
    try:
        [(definition,)] = conn.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'streams_located'"
        ).fetchall()
    finally:
        conn.close()
    assert "ended_at" in definition


def test_streams_before_beyond_the_first_are_read_only_when_reached(store: HistoryStore) -> None:
    count = AROUND_FIRST + 3
    streams = [_start(store, f"b{n}", T0 + n * HOUR, CITIES[n % 4]) for n in range(count)]
    store.end_streams([s.stream_id for s in streams])
    judged = Interval(0, T0 + count * HOUR, None)
    read: list[str] = []
    store._reader.set_trace_callback(read.append)
    try:
        around = store.user_streams_around("id-alice", judged, T0, T0 + count * HOUR)
        first = next(around.before())
        reads_for_the_first = sum("around AS (" in statement for statement in read)
        rest = list(around.before())
    finally:
        store._reader.set_trace_callback(None)
    assert first.stream_id == streams[-1].stream_id
    assert reads_for_the_first == 1
    # Going past the first ones reads the rest, once, and misses none.
    assert sum("around AS (" in statement for statement in read) == 2
    assert _ids(iter(rest)) == [s.stream_id for s in reversed(streams)]
