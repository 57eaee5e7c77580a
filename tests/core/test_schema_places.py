"""Schema: a location is a place stored once and a lookup time (issue 19, the places migration).

A previous-version file (each location row repeating the provider's whole answer) is migrated
forward: every stream, cached lookup and user keeps the same location, and the text of a
place is stored once however often it was looked up.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
import sqlite3

import pytest

from custom_components.plexgeo.core import migrations, schema
from custom_components.plexgeo.core.crypto import KeyMaterial
from custom_components.plexgeo.core.errors import StoreError
from custom_components.plexgeo.core.models import LocationStatus
from custom_components.plexgeo.core.store import HistoryStore

from . import helpers
from .test_store import IPV4, IPV6, loc, raw, snap

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
KNOWN = LocationStatus.KNOWN
# The file as the version before places left it.
BEFORE = migrations.MIGRATIONS[: migrations.MIGRATIONS.index(migrations._migrate_to_v3)]
# The household model (version 5) came after places.
HOUSEHOLD_TABLES = ("user_devices", "user_networks", "stream_limits")
HOUSEHOLD_ALERT_COLUMNS = (
    "other_stream_id",
    "network_type",
    "seconds_apart",
    "stream_count",
    "device",
)


def _open(db_path: Path, keys: KeyMaterial) -> HistoryStore:
    return HistoryStore.open(db_path, keys, "machine-1")


def as_before_household(db_path: Path) -> None:
    """Undo the household model's migration: the file as version 4 (accuracy) left it."""
    conn = sqlite3.connect(db_path, isolation_level=None)
    try:
        # Tables of the migrations after the household's go first.
        after = migrations.MIGRATIONS.index(migrations._migrate_household) + 1
        helpers.undo_migrations_after(conn, after)
        for table in HOUSEHOLD_TABLES:
            conn.execute(f"DROP TABLE {table}")
        for column in HOUSEHOLD_ALERT_COLUMNS:
            conn.execute(f"ALTER TABLE alerts DROP COLUMN {column}")
        version = migrations.MIGRATIONS.index(migrations._migrate_household)
        conn.execute(f"PRAGMA user_version = {version}")
        assert migrations.database_shape(conn) == migrations.expected_shape(
            migrations.MIGRATIONS[:version]
        )
    finally:
        conn.close()


def as_before_places(db_path: Path) -> None:
    """Rewrite the locations as the previous version stored them: every row the whole answer."""
    as_before_household(db_path)
    conn = sqlite3.connect(db_path, isolation_level=None)
    try:
        (create_v1,) = [s for s in schema._V1 if "CREATE TABLE locations" in s]
        columns = ", ".join(migrations._PLACE_COLUMNS)
        rows = conn.execute(
            f"SELECT l.id, {columns}, l.looked_up_at FROM locations AS l"
            " JOIN places AS p ON p.id = l.place_ref"
        ).fetchall()
        conn.execute("BEGIN")
        conn.execute("DROP TABLE locations")
        conn.execute("DROP TABLE places")
        conn.execute(create_v1)
        conn.execute("CREATE INDEX locations_by_country ON locations (country_code, looked_up_at)")
        conn.executemany(
            f"INSERT INTO locations (id, key, {columns}, looked_up_at)"
            f" VALUES (?, ?, {', '.join('?' * (len(migrations._PLACE_COLUMNS) + 1))})",
            [(row[0], schema.row_key(*row[1:]), *row[1:]) for row in rows],
        )
        conn.execute(f"PRAGMA user_version = {len(BEFORE)}")
        conn.execute("COMMIT")
        assert migrations.database_shape(conn) == migrations.expected_shape(BEFORE)
    finally:
        conn.close()


def _previous_version_file(db_path: Path, keys: KeyMaterial) -> dict[str, object]:
    """A previous-version file: three lookups of two places, one cached; what the store read."""
    london_then = loc("GB", looked_up_at=T0 - timedelta(days=40))
    london_now = loc("GB", looked_up_at=T0 - timedelta(hours=2))
    paris = loc("FR", city="Paris", latitude=48.85, longitude=2.35, region=None, isp=None)
    store = _open(db_path, keys)
    try:
        streams = store.start_streams(
            [
                (snap(session_key="1"), T0 - timedelta(days=40), KNOWN, london_then),
                (snap(session_key="2"), T0 - timedelta(hours=2), KNOWN, london_now),
                (snap(session_key="3", ip_address=IPV6, user_id="7"), T0, KNOWN, paris),
                (snap(session_key="4", ip_address=None), T0, LocationStatus.UNKNOWN, None),
            ]
        )
        store.end_streams([streams[0].stream_id])
        helpers.cache_location(store, store.address_hash(IPV4), london_now)
        before = {
            "streams": {s.stream_id: helpers.stream(store, s.stream_id) for s in streams},
            "cached": store.cached_location(store.address_hash(IPV4), T0, timedelta(days=30)),
            "users": store.users_overview(),
        }
    finally:
        store.close()
    as_before_places(db_path)
    assert raw(db_path, "SELECT COUNT(*) FROM locations") == [(3,)]
    return before


def test_previous_version_file_migrates_and_keeps_every_location(tmp_path: Path) -> None:
    """Same streams, same cached lookup, same users list; each place's text stored once."""
    db_path, keys = tmp_path / "machine-1.db", KeyMaterial.generate()
    before = _previous_version_file(db_path, keys)

    store = _open(db_path, keys)
    try:
        assert store.schema_version == len(migrations.MIGRATIONS)
        assert store.recovered_from is None
        for stream_id, stream in before["streams"].items():
            # Quality came later than places: undoing its migration dropped it.
            unrated = replace(stream.snapshot, resolution=None, bitrate_kbps=None)
            assert helpers.stream(store, stream_id) == replace(stream, snapshot=unrated)
        assert (
            store.cached_location(store.address_hash(IPV4), T0, timedelta(days=30))
            == (before["cached"])
        )
        # The same users list; the household migration also counted their devices and
        # networks from the history (the file was written before those were counted).
        users = store.users_overview()
        assert [replace(u, networks=0, devices=0) for u in users] == before["users"]
        assert all(u.devices >= 1 for u in users)
        assert store.country_name("FR") == "France"
        # A later lookup of a known place adds a location, not a place.
        later = loc("GB", looked_up_at=T0 + timedelta(days=31))
        moved = helpers.start_stream(store, snap(session_key="5"), T0, KNOWN, later)
        read = helpers.stream(store, moved.stream_id)
        assert read is not None
        assert read.location == moved.location == later
    finally:
        store.close()
    assert raw(db_path, "SELECT COUNT(*) FROM places") == [(2,)]
    assert raw(db_path, "SELECT COUNT(*) FROM locations") == [(4,)]
    assert raw(db_path, "PRAGMA foreign_key_check") == []


def test_country_name_is_the_latest_lookups(tmp_path: Path) -> None:
    """A country's name comes from its most recently looked-up place."""
    store = _open(tmp_path / "machine-1.db", KeyMaterial.generate())
    old = loc("FR", country_name="France (old)", looked_up_at=T0 - timedelta(days=3))
    new = loc("FR", city="Lyon", looked_up_at=T0 - timedelta(days=1))
    oldest_again = replace(old, looked_up_at=T0 - timedelta(days=9))
    store.start_streams(
        [
            (snap(session_key="1"), T0, KNOWN, old),
            (snap(session_key="2"), T0, KNOWN, new),
            (snap(session_key="3"), T0, KNOWN, oldest_again),
        ]
    )
    try:
        assert store.country_name("FR") == "France"
        assert store.country_name("JP") is None
    finally:
        store.close()


def test_a_migration_that_breaks_a_reference_is_rolled_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Migrations run with foreign keys off; a dangling reference fails the migration."""
    db_path, keys = tmp_path / "machine-1.db", KeyMaterial.generate()
    store = _open(db_path, keys)
    helpers.start_stream(store, snap(), T0, KNOWN, loc())
    store.close()

    def drops_users(conn: sqlite3.Connection) -> None:
        conn.execute("DELETE FROM users")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, drops_users])
    with pytest.raises(StoreError, match="broke a reference"):
        _open(db_path, keys)
    monkeypatch.undo()
    assert raw(db_path, "SELECT COUNT(*) FROM users") == [(1,)]
    assert raw(db_path, "PRAGMA user_version") == [(len(migrations.MIGRATIONS),)]
