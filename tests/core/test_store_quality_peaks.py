"""Issue 18's stored data: each stream's quality, each user's concurrent peak."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
import json
from pathlib import Path
import random
import sqlite3

from custom_components.plexgeo.core import migrations, peaks, reports
from custom_components.plexgeo.core.crypto import KeyMaterial
from custom_components.plexgeo.core.models import LocationStatus, StreamSnapshot
from custom_components.plexgeo.core.store import HistoryStore, ImportBatch

from . import helpers
from .helpers import snapshot

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
MINUTE = timedelta(minutes=1)
PENDING = LocationStatus.PENDING


def _start(store: HistoryStore, at: datetime, *snaps: StreamSnapshot) -> list[int]:
    return [s.stream_id for s in store.start_streams([(x, at, PENDING, None) for x in snaps])]


def _peaks(store: HistoryStore) -> dict[str, int]:
    return {u["user_name"]: u["concurrent_peak"] for u in reports.user_list(store)["users"]}


def test_quality_round_trip_and_update(store: HistoryStore) -> None:
    first = snapshot("1", resolution="4K", bitrate_kbps=40_000)
    [stream_id] = _start(store, T0, first)
    [read] = store.streams([stream_id])
    assert (read.snapshot.resolution, read.snapshot.bitrate_kbps) == ("4K", 40_000)
    # Plex lowered the quality mid-stream (a transcode): the stream keeps the newest.
    helpers.update_stream(store, stream_id, replace(first, resolution="720p"), T0 + MINUTE)
    [read] = store.stream_log(limit=1)
    assert (read.snapshot.resolution, read.snapshot.bitrate_kbps) == ("720p", 40_000)
    row = reports.stream_row(read, include_ip=False)
    assert (row["resolution"], row["bitrate_kbps"]) == ("720p", 40_000)
    # Unknown stays unknown, never a default.
    [other] = _start(store, T0, snapshot("2", user="bob"))
    [read] = store.streams([other])
    assert (read.snapshot.resolution, read.snapshot.bitrate_kbps) == (None, None)


def test_peak_counts_streams_playing_at_once(store: HistoryStore) -> None:
    assert _peaks(store) == {}
    [a] = _start(store, T0, snapshot("a"))
    assert _peaks(store) == {"alice": 1}
    # A poll sees the first stream still playing and a second one start.
    helpers.update_stream(store, a, snapshot("a"), T0 + MINUTE)
    [b] = _start(store, T0 + MINUTE, snapshot("b", where="paris"))
    assert _peaks(store) == {"alice": 2}
    # One after the other is not at once: the next poll ends both, a third starts later.
    store.end_streams([a, b])
    _start(store, T0 + 2 * MINUTE, snapshot("c"))
    _start(store, T0 + 3 * MINUTE, snapshot("d"), snapshot("e"), snapshot("f", user="bob"))
    assert _peaks(store) == {"alice": 2, "bob": 1}
    # Three in one poll beat the old peak.
    _start(store, T0 + 4 * MINUTE, *(snapshot(k) for k in "ghi"))
    assert _peaks(store) == {"alice": 3, "bob": 1}
    detail = reports.user_detail(store, "id-alice", now=T0, days=30)
    assert detail["concurrent_peak"] == 3


def _import(store: HistoryStore, *plays: tuple[int, StreamSnapshot, datetime, datetime]) -> None:
    def state(batch: ImportBatch) -> str:
        return json.dumps({"added": batch.added})

    # The store takes a play's times as epoch seconds.
    rows = [
        (row, play, int(start.timestamp()), int(stop.timestamp()))
        for row, play, start, stop in plays
    ]
    store.import_streams(rows, source="tautulli", state=state, tolerance_seconds=60)


def test_an_imported_play_raises_the_peak_of_streams_recorded_before_it(
    store: HistoryStore,
) -> None:
    [live] = _start(store, T0, snapshot("live"))
    helpers.update_stream(store, live, snapshot("live"), T0 + 60 * MINUTE)
    store.end_streams([live])
    assert _peaks(store) == {"alice": 1}
    # Tautulli knew of a play on another device that began ten minutes earlier and was
    # still playing when the recorded stream started.
    phone = snapshot("old", player_machine_id="phone", player_title="Phone")
    _import(store, (1, phone, T0 - 10 * MINUTE, T0 + 5 * MINUTE))
    assert _peaks(store) == {"alice": 2}
    # A play that ended before it began adds nothing.
    _import(store, (2, phone, T0 - 50 * MINUTE, T0 - 20 * MINUTE))
    assert _peaks(store) == {"alice": 2}


def test_peak_of_is_the_largest_overlap() -> None:
    rng = random.Random(18)
    for _ in range(300):
        spans = []
        for _ in range(rng.randrange(0, 12)):
            start = rng.randrange(0, 100)
            spans.append((start, start + rng.randrange(0, 30)))
        brute = max(
            (sum(s <= at <= e for s, e in spans) for at, _ in spans),
            default=0,
        )
        assert peaks.peak_of(spans) == brute


def _random_history(store: HistoryStore, seed: int) -> None:
    """Polls a minute apart: streams of three users start, keep playing and end."""
    rng = random.Random(seed)
    live: dict[int, StreamSnapshot] = {}
    for poll in range(120):
        at = T0 + poll * MINUTE
        ending = [i for i in live if rng.random() < 0.2]
        store.end_streams(ending)
        for i in ending:
            del live[i]
        known = {s.stream_id: s for s in store.streams(list(live))}
        store.update_streams([(known[i], snap) for i, snap in live.items()], at)
        new = [
            snapshot(f"{poll}-{n}", user=rng.choice(("alice", "bob", "carol")))
            for n in range(rng.choice((0, 0, 1, 2)))
        ]
        for stream in store.start_streams([(s, at, PENDING, None) for s in new]):
            live[stream.stream_id] = stream.snapshot


def _kept(store: HistoryStore) -> list[tuple[object, ...]]:
    """What a migration must keep of every stream: who, when, where, its state."""
    return [
        (s.stream_id, s.snapshot.user_id, s.started_at, s.last_seen, s.ended_at,
         s.location_status, s.location, s.snapshot.ip_address)
        for s in store.stream_log(limit=10_000)
    ]  # fmt: skip


def test_migration_counts_what_the_write_path_keeps(
    tmp_path: Path, keys: KeyMaterial, store: HistoryStore
) -> None:
    _random_history(store, 7)
    kept = _peaks(store)
    assert max(kept.values()) >= 3
    # The same history in a file from before the peak: the migration counts it the same.
    path = tmp_path / "old.db"
    old = HistoryStore.open(path, keys, "machine-1")
    _random_history(old, 7)
    before = _kept(old)
    old.close()
    version = migrations.MIGRATIONS.index(migrations._migrate_quality_and_peak)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        helpers.undo_migrations_after(conn, version)
    finally:
        conn.close()
    reopened = HistoryStore.open(path, keys, "machine-1")
    try:
        assert reopened.schema_version == len(migrations.MIGRATIONS)
        assert _peaks(reopened) == kept
        # A file of the last released version (v7) loses nothing on its way up.
        assert _kept(reopened) == before
    finally:
        reopened.close()


def test_peak_queries_read_one_users_day_by_index(store: HistoryStore, db_path: Path) -> None:
    _start(store, T0, snapshot("a"), snapshot("b", user="bob"))
    conn = sqlite3.connect(db_path)
    try:
        for query in (peaks._NEW_PEAKS, peaks._PAST_PEAKS):
            details = [row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {query}", (1, 2))]
            # No pass over every stream: ids by the primary key, a user's day by index.
            assert not any(d.startswith("SCAN") and "streams" in d for d in details), details
            assert any(
                "streams_by_user (user_ref=? AND started_at>? AND started_at<?)" in d
                for d in details
            ), details
    finally:
        conn.close()
