"""A user's usual places (issue 15, the detectors' cost) as the `user_places` rollup keeps
them: every stream of the window counted by place (home for LAN streams), equal to a
count over the streams themselves through located, relocated, failed, purged and
imported streams, and counted from the history when an older file migrates."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
import json
from pathlib import Path
import random
import sqlite3

import pytest

from custom_components.plexgeo.core import migrations
from custom_components.plexgeo.core.crypto import KeyMaterial
from custom_components.plexgeo.core.models import Location, LocationStatus, Stream
from custom_components.plexgeo.core.store import HistoryStore, ImportBatch
from simulator.places import PLACES

from . import helpers
from .helpers import location_of, snapshot
from .test_reports import T0, _random_history

type PlaceKey = tuple[str, str | None, float, float] | None


def _key(location: Location | None) -> PlaceKey:
    if location is None:
        return None  # home
    return (location.country_code, location.city, location.latitude, location.longitude)


def _brute(
    streams: list[Stream], user_id: str, since: datetime, before: datetime, exclude: int
) -> Counter[PlaceKey]:
    return Counter(
        _key(s.location)
        for s in streams
        if s.snapshot.user_id == user_id
        and since <= s.started_at < before
        and s.stream_id != exclude
        and s.location_status in {LocationStatus.LOCAL, LocationStatus.KNOWN}
    )


def _found(
    store: HistoryStore, user_id: str, since: datetime, before: datetime, exclude: int
) -> Counter[PlaceKey]:
    places = store.usual_places(user_id, since, before, exclude)
    keys = [_key(location) for location, _ in places]
    assert len(keys) == len(set(keys))  # one row a place
    return Counter({_key(location): count for location, count in places})


def _import(store: HistoryStore, rng: random.Random, count: int) -> None:
    """Tautulli plays: LAN ones counted at home at once, WAN ones once located."""

    def state(batch: ImportBatch) -> str:
        return json.dumps({"added": batch.added})

    plays = []
    for n in range(count):
        start = T0 + timedelta(seconds=rng.randrange(100 * 86400))
        local = rng.random() < 0.4
        snap = snapshot(
            f"imp{n}", user=f"u{rng.randrange(6)}", where=None if local else "paris", local=local
        )
        at = int(start.timestamp())
        plays.append((n + 1, snap, at, at + 1800))
    store.import_streams(plays, source="tautulli", state=state, tolerance_seconds=60)
    for stream, _ in store.pending_imported(1000):
        found = rng.choice(PLACES)
        helpers.set_location(store, stream.stream_id, LocationStatus.KNOWN, location_of(found))


def _check(store: HistoryStore, rng: random.Random, rounds: int = 60) -> None:
    streams = store.stream_log(limit=10_000)
    for _ in range(rounds):
        user = f"id-u{rng.randrange(7)}"  # u6 has no streams
        since = T0 + timedelta(seconds=rng.randrange(-2 * 86400, 100 * 86400))
        before = since + timedelta(seconds=rng.choice([0, 3600, 86400, rng.randrange(95 * 86400)]))
        exclude = rng.choice([0, *(s.stream_id for s in rng.sample(streams, 3))])
        expected = _brute(streams, user, since, before, exclude)
        assert _found(store, user, since, before, exclude) == expected, (user, since, before)


def _rows(path: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return [
            (table, *row)
            for table in ("user_places", "user_place_months", "user_country_months")
            for row in conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2, 3")
        ]
    finally:
        conn.close()


@pytest.mark.parametrize("seed", [7, 8])
def test_usual_places_match_brute_force(tmp_path: Path, seed: int) -> None:
    store = HistoryStore.open(tmp_path / "p.db", KeyMaterial.generate(), "srv")
    try:
        rng = random.Random(seed)
        _random_history(store, seed)  # located, relocated, failed, LAN
        _import(store, rng, 60)
        _check(store, rng)
        # Relocated again, or moved to a failed lookup, then the oldest purged.
        for stream in rng.sample(store.stream_log(limit=10_000), 50):
            if rng.random() < 0.3:
                helpers.set_location(store, stream.stream_id, LocationStatus.FAILED, None)
            else:
                found = location_of(rng.choice(PLACES), stream.started_at)
                helpers.set_location(store, stream.stream_id, LocationStatus.KNOWN, found)
        store.purge_older_than(T0 + timedelta(days=30))
        _check(store, rng)
    finally:
        store.close()


def test_a_file_of_the_version_before_counts_its_history(tmp_path: Path) -> None:
    path, keys = tmp_path / "old.db", KeyMaterial.generate()
    store = HistoryStore.open(path, keys, "srv")
    _random_history(store, 9)
    _import(store, random.Random(9), 30)
    store.close()
    kept = _rows(path)
    assert kept  # counted as the history was written
    with sqlite3.connect(path) as conn:
        version = migrations.MIGRATIONS.index(migrations._migrate_user_places)
        helpers.undo_migrations_after(conn, version)
        assert not conn.execute(
            "SELECT 1 FROM sqlite_master"
            " WHERE name IN ('user_places', 'user_place_months', 'user_country_months',"
            " 'streams_replaced', 'streams_unplaced', 'streams_recountried', 'streams_uncountried')"
        ).fetchall()
    conn.close()
    store = HistoryStore.open(path, keys, "srv")
    try:
        assert store.schema_version == len(migrations.MIGRATIONS)
        # The migration counts exactly what was counted as it was written.
        assert _rows(path) == kept
        _check(store, random.Random(9))
        # A stream written after the migration is counted as it is written.
        new = snapshot("late", user="u1", where="tokyo")
        helpers.start_stream(store, new, T0, LocationStatus.KNOWN, location_of(PLACES[0], T0))
        _check(store, random.Random(10))
    finally:
        store.close()


def test_a_stream_before_1970_is_counted_once(tmp_path: Path) -> None:
    # Rollup day 0 (and month 0) also count the last day of 1969, SQLite's division
    # truncating: a window from before 1970 reads those times from the streams alone.
    store = HistoryStore.open(tmp_path / "old.db", KeyMaterial.generate(), "srv")
    try:
        at = datetime(1969, 12, 31, 12, tzinfo=UTC)
        london = location_of(PLACES[0], at)
        helpers.start_stream(store, snapshot("a", where="london"), at, LocationStatus.KNOWN, london)
        since, before = at - timedelta(days=1), datetime(1970, 3, 1, tzinfo=UTC)
        assert store.country_counts("id-alice", since, before) == {london.country_code: 1}
        assert [count for _, count in store.usual_places("id-alice", since, before, 0)] == [1]
    finally:
        store.close()
