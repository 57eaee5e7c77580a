"""The history store's file: damaged, locked, full and read-only, and migrations."""

from __future__ import annotations

import os
from pathlib import Path
import re
import sqlite3
import time

import pytest

from custom_components.plexgeo.core import migrations
from custom_components.plexgeo.core.crypto import KeyMaterial
from custom_components.plexgeo.core.errors import (
    StoreCorrupt,
    StoreError,
    StoreUnavailable,
)
from custom_components.plexgeo.core.store import HistoryStore

from . import helpers
from .test_store import IPV4, KNOWN, T0, loc, raw, snap, start

# --- damaged, locked and read-only files --------------------------------------------

_MOVED = re.compile(r"^machine-1\.db\.corrupt-\d{8}T\d{6}Z(-\d+)?$")


def _check_recovered(store: HistoryStore, db_path: Path, original: bytes) -> None:
    assert store.recovered_from is not None
    assert _MOVED.match(store.recovered_from.name)
    assert store.recovered_from.read_bytes() == original
    stream = start(store, T0, loc())
    assert helpers.stream(store, stream.stream_id) is not None
    assert store.schema_version == HistoryStore.SCHEMA_VERSION


def test_garbage_file_is_moved_aside(db_path: Path, keys: KeyMaterial) -> None:
    db_path.parent.mkdir(parents=True)
    garbage = os.urandom(8192)
    db_path.write_bytes(garbage)
    db_path.with_name(db_path.name + "-wal").write_bytes(b"junk wal")
    store = HistoryStore.open(db_path, keys, "machine-1")
    try:
        _check_recovered(store, db_path, garbage)
        assert store.recovered_from is not None
        moved_wal = store.recovered_from.with_name(store.recovered_from.name + "-wal")
        assert moved_wal.read_bytes() == b"junk wal"
    finally:
        store.close()


def test_short_garbage_and_same_second_recoveries(db_path: Path, keys: KeyMaterial) -> None:
    db_path.parent.mkdir(parents=True)
    moved = set()
    for _ in range(2):
        db_path.write_bytes(b"not sqlite")
        store = HistoryStore.open(db_path, keys, "machine-1")
        try:
            _check_recovered(store, db_path, b"not sqlite")
            moved.add(store.recovered_from)
        finally:
            store.close()
    assert len(moved) == 2  # a second recovery never overwrites the first


def test_truncated_database_is_moved_aside(db_path: Path, keys: KeyMaterial) -> None:
    store = HistoryStore.open(db_path, keys, "machine-1")
    store.start_streams([(snap(title=f"t{i}"), T0, KNOWN, loc()) for i in range(500)])
    store.close()
    content = db_path.read_bytes()
    truncated = content[: len(content) // 2]
    db_path.write_bytes(truncated)
    store = HistoryStore.open(db_path, keys, "machine-1")
    try:
        _check_recovered(store, db_path, truncated)
        assert store.stats().streams == 1
    finally:
        store.close()


def test_foreign_schema_is_moved_aside(db_path: Path, keys: KeyMaterial) -> None:
    db_path.parent.mkdir(parents=True)
    raw(db_path, "CREATE TABLE something_else (x)")
    original = db_path.read_bytes()
    store = HistoryStore.open(db_path, keys, "machine-1")
    try:
        _check_recovered(store, db_path, original)
    finally:
        store.close()


def test_current_version_with_wrong_tables_is_moved_aside(db_path: Path, keys: KeyMaterial) -> None:
    HistoryStore.open(db_path, keys, "machine-1").close()
    raw(db_path, "DROP TABLE trusted_countries")
    original = db_path.read_bytes()
    store = HistoryStore.open(db_path, keys, "machine-1")
    try:
        _check_recovered(store, db_path, original)
    finally:
        store.close()


def test_interrupted_first_start_is_migrated(db_path: Path, keys: KeyMaterial) -> None:
    db_path.parent.mkdir(parents=True)
    raw(db_path, "PRAGMA user_version")  # creates an empty database at version 0
    store = HistoryStore.open(db_path, keys, "machine-1")
    try:
        assert store.recovered_from is None
        assert store.schema_version == HistoryStore.SCHEMA_VERSION
        assert start(store, T0).stream_id == 1
    finally:
        store.close()


def test_newer_schema_is_refused_untouched(db_path: Path, keys: KeyMaterial) -> None:
    HistoryStore.open(db_path, keys, "machine-1").close()
    raw(db_path, "PRAGMA journal_mode = DELETE")
    newer = HistoryStore.SCHEMA_VERSION + 1
    raw(db_path, f"PRAGMA user_version = {newer}")
    original = db_path.read_bytes()
    with pytest.raises(StoreError, match=f"schema version {newer}") as err:
        HistoryStore.open(db_path, keys, "machine-1")
    assert not isinstance(err.value, StoreCorrupt | StoreUnavailable)
    assert db_path.read_bytes() == original
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["machine-1.db"]


def test_registered_migration_applies_to_existing_data(
    db_path: Path, keys: KeyMaterial, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = HistoryStore.open(db_path, keys, "machine-1")
    stream = start(store, T0, loc())
    store.close()

    def add_notes(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE streams ADD COLUMN note TEXT")
        conn.execute("UPDATE streams SET note = 'migrated'")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, add_notes])
    monkeypatch.setattr(HistoryStore, "SCHEMA_VERSION", len(migrations.MIGRATIONS))
    migrated = HistoryStore.open(db_path, keys, "machine-1")
    try:
        assert migrated.schema_version == len(migrations.MIGRATIONS)
        assert migrated.recovered_from is None
        read = helpers.stream(migrated, stream.stream_id)
        assert read is not None
        assert read.location == stream.location
        assert migrated.stream_address(stream.stream_id) == IPV4
    finally:
        migrated.close()
    assert raw(db_path, "SELECT note FROM streams") == [("migrated",)]


def test_failing_migration_leaves_version_unchanged(
    db_path: Path, keys: KeyMaterial, monkeypatch: pytest.MonkeyPatch
) -> None:
    HistoryStore.open(db_path, keys, "machine-1").close()

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (x)")
        conn.execute("THIS IS NOT SQL")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, broken])
    with pytest.raises(StoreError):
        HistoryStore.open(db_path, keys, "machine-1")
    assert raw(db_path, "PRAGMA user_version") == [(len(migrations.MIGRATIONS) - 1,)]
    assert raw(db_path, "SELECT name FROM sqlite_master WHERE name = 'half_done'") == []


def test_locked_database_raises_unavailable_on_write(store: HistoryStore, db_path: Path) -> None:
    start(store, T0)
    holder = sqlite3.connect(db_path, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        began = time.monotonic()
        with pytest.raises(StoreUnavailable):
            start(store, T0)
        assert 0.15 < time.monotonic() - began < 5  # waited for the busy timeout
        assert len(store.open_streams()) == 1  # WAL: reads go on meanwhile
    finally:
        holder.rollback()
        holder.close()
    assert start(store, T0).stream_id == 2  # usable again once the lock is gone


def test_locked_new_database_raises_unavailable_on_open(db_path: Path, keys: KeyMaterial) -> None:
    db_path.parent.mkdir(parents=True)
    holder = sqlite3.connect(db_path, isolation_level=None)
    try:
        holder.execute("CREATE TABLE x (y)")
        holder.execute("BEGIN EXCLUSIVE")
        with pytest.raises(StoreUnavailable):
            HistoryStore.open(db_path, keys, "machine-1", busy_timeout=0.1)
    finally:
        holder.rollback()
        holder.close()
    assert db_path.exists()  # a locked file is never moved aside


def test_full_disk_raises_unavailable_and_rolls_back(store: HistoryStore) -> None:
    start(store, T0)
    # SQLite reports a page limit exactly like a full disk (SQLITE_FULL).
    pages = store._writer.execute("PRAGMA page_count").fetchone()[0]
    store._writer.execute(f"PRAGMA max_page_count = {pages}")
    batch = [(snap(user_id=f"u{i}", title=f"t{i}" * 50), T0, KNOWN, loc()) for i in range(200)]
    with pytest.raises(StoreUnavailable):
        store.start_streams(batch)
    store._writer.execute("PRAGMA max_page_count = 1073741823")
    assert store.stats().streams == 1  # the batch rolled back whole
    # Ids cached during the failed batch were forgotten: the retry inserts them afresh.
    assert len(store.start_streams(batch)) == 200
    assert helpers.stream(store, store.start_streams(batch[:1])[0].stream_id) is not None


def test_read_only_file_raises_unavailable(db_path: Path, keys: KeyMaterial) -> None:
    HistoryStore.open(db_path, keys, "machine-1").close()
    with helpers.read_only(db_path), pytest.raises(StoreUnavailable):
        store = HistoryStore.open(db_path, keys, "machine-1", busy_timeout=0.1)
        try:
            start(store, T0)
        finally:
            store.close()
    assert raw(db_path, "SELECT COUNT(*) FROM streams") == [(0,)]


def test_read_only_directory_raises_unavailable(db_path: Path, keys: KeyMaterial) -> None:
    HistoryStore.open(db_path, keys, "machine-1").close()
    with helpers.read_only(db_path.parent), pytest.raises(StoreUnavailable):
        store = HistoryStore.open(db_path, keys, "machine-1", busy_timeout=0.1)
        try:
            start(store, T0)
        finally:
            store.close()


def test_unwritable_folder_raises_unavailable(tmp_path: Path, keys: KeyMaterial) -> None:
    blocker = tmp_path / "plexgeo"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(StoreUnavailable):
        HistoryStore.open(blocker / "machine-1.db", keys, "machine-1")
