"""The history store's batched writes and bulk batches."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path
import sqlite3

import pytest

from custom_components.plexgeo.core import migrations, schema
from custom_components.plexgeo.core.crypto import KeyMaterial
from custom_components.plexgeo.core.models import (
    LocationStatus,
    PlaybackState,
)
from custom_components.plexgeo.core.store import HistoryStore, UnknownStream

from . import helpers
from .test_store import IPV6, KNOWN, T0, loc, raw, snap, start

# --- batched writes ---------------------------------------------------------------------


def test_update_streams_match_what_the_store_reads_back(store: HistoryStore) -> None:
    first = start(store, T0, loc("GB"))
    second = start(store, T0, loc("FR"), session_key="13", ip_address=IPV6, user_id="2002")
    later = T0 + timedelta(seconds=30, microseconds=700)
    updates = [
        (first, snap(state=PlaybackState.PAUSED, progress_ms=90_000, bandwidth_kbps=None)),
        (second, snap(session_key="13", ip_address="90.84.12.7", user_id="2002")),
    ]
    returned = store.update_streams(updates, later)
    assert returned == [
        helpers.stream(store, first.stream_id),
        helpers.stream(store, second.stream_id),
    ]
    assert returned[0].last_seen == T0 + timedelta(seconds=30)
    assert returned[1].ip_hash == store.address_hash("90.84.12.7")
    assert store.stream_address(second.stream_id) == "90.84.12.7"
    assert store.update_streams([], later) == []


def test_update_streams_store_nothing_if_one_is_gone(store: HistoryStore) -> None:
    stream = start(store, T0, loc())
    before = helpers.stream(store, stream.stream_id)
    gone = replace(stream, stream_id=stream.stream_id + 99)
    with pytest.raises(UnknownStream, match=str(gone.stream_id)):
        store.update_streams(
            [(stream, snap(progress_ms=5)), (gone, snap())], T0 + timedelta(minutes=1)
        )
    assert helpers.stream(store, stream.stream_id) == before


def test_set_locations_in_one_go_and_all_or_nothing(store: HistoryStore) -> None:
    a = start(store, T0, None, status=LocationStatus.PENDING)
    b = start(store, T0, None, status=LocationStatus.PENDING, session_key="13")
    store.set_locations(
        [(a.stream_id, KNOWN, loc("FR")), (b.stream_id, LocationStatus.FAILED, None)]
    )
    assert helpers.stream(store, a.stream_id).location == loc("FR")  # type: ignore[union-attr]
    assert helpers.stream(store, b.stream_id).location_status is LocationStatus.FAILED  # type: ignore[union-attr]
    with pytest.raises(UnknownStream):
        store.set_locations([(a.stream_id, KNOWN, loc("AU")), (10_000, KNOWN, loc("AU"))])
    assert helpers.stream(store, a.stream_id).location == loc("FR")  # type: ignore[union-attr]
    with pytest.raises(ValueError):
        store.set_locations([(a.stream_id, KNOWN, None)])
    assert store.streams([b.stream_id, 10_000, a.stream_id, b.stream_id]) == [
        helpers.stream(store, b.stream_id),
        helpers.stream(store, a.stream_id),
    ]


def test_bulk_batches_grow_the_page_cache_until_an_ordinary_write(store: HistoryStore) -> None:
    def cache_size() -> int:
        return int(store._writer.execute("PRAGMA cache_size").fetchone()[0])

    ordinary = cache_size()
    store.start_streams(
        [(snap(session_key=str(i)), T0 + timedelta(seconds=i), KNOWN, loc()) for i in range(150)]
    )
    assert cache_size() < ordinary  # negative: KiB; more negative is larger
    assert pragma(store, "wal_autocheckpoint") > 1000  # SQLite's default, kept otherwise
    start(store, T0, loc())
    assert cache_size() == ordinary
    assert pragma(store, "wal_autocheckpoint") == 1000
    # The bulk WAL is cut back after a checkpoint rather than kept at its largest.
    assert 0 < pragma(store, "journal_size_limit") <= 16 * 1024 * 1024


def test_users_overview_orders_countries_by_streams_then_code(store: HistoryStore) -> None:
    for i, country in enumerate(["GB", "US", "FR", "US", "DE", "FR"]):
        start(store, T0 + timedelta(hours=i), loc(country))
    start(store, T0, None, LocationStatus.LOCAL, user_id="bob", user_name="Bob")
    start(store, T0, loc("JP"), user_id="bob", user_name="Bob")
    start(store, T0, loc("IT"), user_id="bob", user_name="Bob")
    countries = {u.user_id: u.countries for u in store.users_overview()}
    assert countries == {"1001": ("FR", "US", "DE", "GB"), "bob": ("IT", "JP")}


def pragma(store: HistoryStore, name: str) -> int:
    return int(store._writer.execute(f"PRAGMA {name}").fetchone()[0])


def test_bulk_batch_ids_are_sqlites_and_rows_read_back_equal(
    store: HistoryStore, db_path: Path
) -> None:
    # The batch's ids are assigned before its one executemany: they must be those SQLite
    # itself gives (max rowid + 1, onwards), also after the newest stream was deleted.
    first = [start(store, T0 + timedelta(seconds=i), loc()) for i in range(3)]
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("DELETE FROM streams WHERE id = ?", (first[-1].stream_id,))
    conn.close()
    expected = first[-1].stream_id  # SQLite reuses the freed top rowid (no AUTOINCREMENT)
    kinds = [
        (KNOWN, loc("FR", city="Lyon")),
        (LocationStatus.PENDING, None),
        (LocationStatus.LOCAL, None),
        (KNOWN, loc()),
    ]
    batch = [
        (
            snap(
                session_key=f"b{i}",
                user_id=f"u{i % 7}",
                user_name=f"User {i % 7}",
                title=f"Title {i % 11}",
                ip_address=None if kinds[i % 4][0] is LocationStatus.LOCAL else f"81.2.69.{i % 50}",
                network=None if i % 5 == 0 else "wan",
            ),
            T0 + timedelta(minutes=i, microseconds=i),
            *kinds[i % 4],
        )
        for i in range(150)
    ]
    streams = store.start_streams(batch)
    assert [s.stream_id for s in streams] == list(range(expected, expected + 150))
    assert raw(
        db_path, "SELECT id, session_key FROM streams WHERE id >= ? ORDER BY id", (expected,)
    ) == [(s.stream_id, s.snapshot.session_key) for s in streams]
    assert store.streams([s.stream_id for s in streams]) == [
        replace(s, snapshot=replace(s.snapshot, ip_address=None)) for s in streams
    ]
    overview = {u.user_id: u for u in store.users_overview()}
    assert sum(u.stream_count for u in overview.values()) == 152
    assert store.stats().streams == 152


def test_without_trigram_the_schema_and_search_still_work(
    db_path: Path, keys: KeyMaterial, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An older SQLite (before 3.34) has no trigram tokenizer: no search tables, LIKE.
    monkeypatch.setattr(schema, "has_trigram", lambda conn: False)
    opened = HistoryStore.open(db_path, keys, "server-1")
    try:
        assert "media_search" not in migrations.database_shape(opened._writer)
        start(opened, T0, loc(), title="Harbour Lights")
        assert [s.snapshot.title for s in opened.stream_log(search="harb")] == ["Harbour Lights"]
        assert opened.recovered_from is None
    finally:
        opened.close()
