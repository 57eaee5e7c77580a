"""The history database's keyed check value, and its files being the owner's alone."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
import sqlite3
import stat

import pytest

from custom_components.plexgeo.core import migrations
from custom_components.plexgeo.core.crypto import KeyMaterial
from custom_components.plexgeo.core.errors import StoreKeyMismatch, StoreUnavailable
from custom_components.plexgeo.core.models import LocationStatus
from custom_components.plexgeo.core.store import HistoryStore, keycheck

from . import helpers
from .helpers import T0
from .test_schema_places import as_before_places

IPV4 = "81.2.69.142"
PENDING = LocationStatus.PENDING


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "plexgeo" / "machine-1.db"


def raw(path: Path, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def _with_one_stream(path: Path, keys: KeyMaterial) -> None:
    store = HistoryStore.open(path, keys, "machine-1")
    try:
        helpers.start_stream(store, helpers.snapshot(address=IPV4), T0, PENDING, None)
    finally:
        store.close()


def _as_version_1(path: Path) -> None:
    """Turn the file into what PlexGeo wrote before the check value existed."""
    as_before_places(path)  # the later places migration undone first
    raw(path, "DROP TABLE key_check")
    raw(path, "PRAGMA user_version = 1")


def test_new_database_stores_the_keyed_check_value(db_path: Path) -> None:
    keys = KeyMaterial.generate()
    HistoryStore.open(db_path, keys, "machine-1").close()
    [(value,)] = raw(db_path, "SELECT value FROM key_check")
    assert value == keys.check_value()
    # Keyed: other keys give another value, and neither key is in it.
    assert KeyMaterial.generate().check_value() != value
    assert keys.fernet_key not in value and keys.hmac_key not in value


def test_the_same_keys_reopen_and_other_keys_are_refused_untouched(db_path: Path) -> None:
    keys = KeyMaterial.generate()
    _with_one_stream(db_path, keys)
    original = db_path.read_bytes()
    for other in (
        KeyMaterial.generate(),
        KeyMaterial(keys.fernet_key, KeyMaterial.generate().hmac_key),
        KeyMaterial(KeyMaterial.generate().fernet_key, keys.hmac_key),
    ):
        with pytest.raises(StoreKeyMismatch, match="other encryption keys"):
            HistoryStore.open(db_path, other, "machine-1")
    assert db_path.read_bytes() == original
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["machine-1.db"]
    store = HistoryStore.open(db_path, keys, "machine-1")
    try:
        assert [s.snapshot.ip_address for s in store.stream_log()] == [IPV4]
        assert store.stream_address(1) == IPV4
    finally:
        store.close()


def test_version_1_database_gets_its_check_value_when_the_keys_decrypt(db_path: Path) -> None:
    keys = KeyMaterial.generate()
    _with_one_stream(db_path, keys)
    _as_version_1(db_path)
    store = HistoryStore.open(db_path, keys, "machine-1")
    try:
        assert store.schema_version == HistoryStore.SCHEMA_VERSION
        assert store.stream_address(1) == IPV4
    finally:
        store.close()
    assert raw(db_path, "SELECT value FROM key_check") == [(keys.check_value(),)]


def test_version_1_database_without_addresses_takes_the_keys(db_path: Path) -> None:
    keys = KeyMaterial.generate()
    HistoryStore.open(db_path, keys, "machine-1").close()
    _as_version_1(db_path)
    other = KeyMaterial.generate()
    HistoryStore.open(db_path, other, "machine-1").close()
    assert raw(db_path, "SELECT value FROM key_check") == [(other.check_value(),)]


@pytest.mark.parametrize(
    "other",
    [
        pytest.param(lambda keys: KeyMaterial.generate(), id="both-keys"),
        # The Fernet key decrypts, but the address hashes elsewhere: lookups would miss.
        pytest.param(
            lambda keys: KeyMaterial(keys.fernet_key, KeyMaterial.generate().hmac_key),
            id="hmac-key",
        ),
    ],
)
def test_version_1_database_refuses_keys_that_did_not_write_it(
    db_path: Path, other: Callable[[KeyMaterial], KeyMaterial]
) -> None:
    keys = KeyMaterial.generate()
    _with_one_stream(db_path, keys)
    _as_version_1(db_path)
    with pytest.raises(StoreKeyMismatch):
        HistoryStore.open(db_path, other(keys), "machine-1")
    # Migrated, but no check value was written for the wrong keys: the right ones still open.
    assert raw(db_path, "SELECT COUNT(*) FROM key_check") == [(0,)]
    store = HistoryStore.open(db_path, keys, "machine-1")
    try:
        assert store.stream_address(1) == IPV4
    finally:
        store.close()


def test_migration_to_version_2_adds_the_check_value() -> None:
    assert len(migrations.MIGRATIONS) == HistoryStore.SCHEMA_VERSION >= 2
    assert "key_check" in migrations.expected_shape(migrations.MIGRATIONS[:2])
    assert "key_check" not in migrations.expected_shape(migrations.MIGRATIONS[:1])


# --- file modes ------------------------------------------------------------------------


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_database_folder_and_files_are_the_owners_alone(db_path: Path) -> None:
    store = HistoryStore.open(db_path, KeyMaterial.generate(), "machine-1")
    try:
        helpers.start_stream(store, helpers.snapshot(address=IPV4), T0, PENDING, None)
        wal, shm = (db_path.with_name(db_path.name + x) for x in ("-wal", "-shm"))
        assert wal.exists() and shm.exists()  # open while the store is
        assert {p.name: _mode(p) for p in (db_path, wal, shm)} == {
            "machine-1.db": 0o600,
            "machine-1.db-wal": 0o600,
            "machine-1.db-shm": 0o600,
        }
        assert _mode(db_path.parent) == 0o700
    finally:
        store.close()


def test_existing_open_files_are_restricted_at_start(db_path: Path) -> None:
    keys = KeyMaterial.generate()
    _with_one_stream(db_path, keys)
    db_path.parent.chmod(0o755)
    db_path.chmod(0o644)
    wal = db_path.with_name(db_path.name + "-wal")
    wal.write_bytes(b"")
    wal.chmod(0o666)
    store = HistoryStore.open(db_path, keys, "machine-1")
    try:
        helpers.start_stream(
            store, helpers.snapshot(address=IPV4), T0 + timedelta(hours=1), PENDING, None
        )
        assert _mode(db_path.parent) == 0o700
        assert _mode(db_path) == 0o600
        assert _mode(wal) == 0o600
    finally:
        store.close()


def test_restricting_never_grants_access(db_path: Path) -> None:
    keys = KeyMaterial.generate()
    HistoryStore.open(db_path, keys, "machine-1").close()
    db_path.chmod(0o444)
    try:
        HistoryStore.open(db_path, keys, "machine-1").close()
        assert _mode(db_path) == 0o400  # group and other lose read; the owner gains nothing
    finally:
        db_path.chmod(0o600)


def test_a_file_that_cannot_be_restricted_is_still_opened(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    keys = KeyMaterial.generate()
    HistoryStore.open(db_path, keys, "machine-1").close()
    db_path.chmod(0o644)

    def refuse(self: Path, mode: int) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(Path, "chmod", refuse)  # another owner's file: chmod is EPERM
    HistoryStore.open(db_path, keys, "machine-1").close()
    assert "Cannot restrict" in caplog.text


def test_database_that_cannot_be_created_is_unavailable(db_path: Path) -> None:
    db_path.parent.mkdir(mode=0o700)
    with helpers.read_only(db_path.parent), pytest.raises(StoreUnavailable, match="cannot create"):
        HistoryStore.open(db_path, KeyMaterial.generate(), "machine-1")


def test_a_check_value_that_cannot_be_written_is_rolled_back() -> None:
    """A refused write of the check value leaves no transaction open and no value behind."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.executescript(
        """
        CREATE TABLE key_check (id INTEGER PRIMARY KEY, value BLOB NOT NULL);
        CREATE TABLE addresses (id INTEGER PRIMARY KEY, hash BLOB, token BLOB);
        CREATE TRIGGER refuse BEFORE INSERT ON key_check
        BEGIN SELECT RAISE(ABORT, 'disk refused'); END;
        """
    )
    with pytest.raises(sqlite3.DatabaseError, match="disk refused"):
        keycheck.check_keys(conn, KeyMaterial.generate(), "machine-1.db")
    assert not conn.in_transaction
    assert conn.execute("SELECT COUNT(*) FROM key_check").fetchone() == (0,)
