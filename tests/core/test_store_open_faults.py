"""Opening the history database when the disk or SQLite refuses: clear store errors."""

from __future__ import annotations

from pathlib import Path
import sqlite3
from typing import Any

import pytest

from custom_components.plexgeo.core.crypto import KeyMaterial
from custom_components.plexgeo.core.errors import StoreError, StoreUnavailable
from custom_components.plexgeo.core.store import HistoryStore, core, files


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "plexgeo" / "machine-1.db"
    path.parent.mkdir()
    return path


def test_unclassified_sqlite_error_is_a_store_error() -> None:
    err = files.translate(sqlite3.DatabaseError("something else"))
    assert type(err) is StoreError
    assert "something else" in str(err)


def test_unreadable_database_path_is_unavailable(db_path: Path) -> None:
    db_path.mkdir()  # a directory where the file should be: reading it fails
    with pytest.raises(StoreUnavailable, match="cannot read"):
        HistoryStore.open(db_path, KeyMaterial.generate(), "machine-1")


def test_damaged_file_that_cannot_be_moved_aside(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_path.write_bytes(b"not a database at all" * 10)

    def refuse(self: Path, target: Any) -> Path:
        raise PermissionError("read-only folder")

    monkeypatch.setattr(Path, "rename", refuse)
    with pytest.raises(StoreUnavailable, match=r"cannot move machine-1\.db aside"):
        HistoryStore.open(db_path, KeyMaterial.generate(), "machine-1")
    assert db_path.read_bytes().startswith(b"not a database")  # nothing lost


def test_writer_connection_refused(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(files, "connect", refuse)
    with pytest.raises(StoreError, match="unable to open"):
        HistoryStore.open(db_path, KeyMaterial.generate(), "machine-1")


def test_reader_connection_refused_closes_the_writer(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[sqlite3.Connection] = []
    real_connect = core.connect

    def writer_only(path: Path, busy_timeout: float, *, read_only: bool) -> sqlite3.Connection:
        if read_only:
            raise sqlite3.OperationalError("unable to open database file")
        conn = real_connect(path, busy_timeout, read_only=read_only)
        opened.append(conn)
        return conn

    monkeypatch.setattr(core, "connect", writer_only)
    monkeypatch.setattr(files, "connect", writer_only)
    with pytest.raises(StoreError, match="unable to open"):
        HistoryStore.open(db_path, KeyMaterial.generate(), "machine-1")
    assert opened
    with pytest.raises(sqlite3.ProgrammingError):  # the writer was closed, not leaked
        opened[-1].execute("SELECT 1")
