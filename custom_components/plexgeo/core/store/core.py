"""The store's core: its two connections (one writer behind a lock, one reader beside
it), their transactions, and opening and closing the file."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
import sqlite3
import threading
from typing import ClassVar, Self

from .. import migrations
from ..crypto import AddressCipher, KeyMaterial
from ..errors import StoreCorrupt, StoreError
from ..models import Stream
from .codecs import stream_from
from .files import connect, move_aside, prepare, translate
from .refs import LookupIds


class StoreCore:
    """The two connections and their locks, under every role of `HistoryStore`."""

    SCHEMA_VERSION: ClassVar[int] = len(migrations.MIGRATIONS)

    def __init__(
        self,
        writer: sqlite3.Connection,
        reader: sqlite3.Connection,
        *,
        keys: KeyMaterial,
        server_id: str,
        path: Path,
        recovered_from: Path | None,
    ) -> None:
        """Wrap open connections; use `HistoryStore.open` rather than this."""
        self._writer = writer
        self._reader = reader
        self._cipher = AddressCipher(keys)
        self._server_id = server_id
        self._path = path
        self.recovered_from = recovered_from
        self._write_lock = threading.Lock()
        self._read_lock = threading.Lock()
        self._closed = False
        self._ids = LookupIds(self._cipher)  # only touched under the write lock
        self._bulk_cache = False
        # Without trigram tables (an older SQLite) free text matches with LIKE alone.
        self._trigram = (
            writer.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'media_search'"
            ).fetchone()
            is not None
        )

    @classmethod
    def open(
        cls, path: Path, keys: KeyMaterial, server_id: str, *, busy_timeout: float = 10.0
    ) -> Self:
        """Open (creating, migrating or replacing a damaged file as needed) the store at `path`.

        Raises StoreUnavailable when the file is locked past `busy_timeout` seconds or the
        disk refuses it, StoreKeyMismatch when `keys` did not write it, and StoreError when
        its schema is newer than this code. The folder and files are the owner's alone.
        """
        recovered_from: Path | None = None
        try:
            writer = prepare(path, busy_timeout, keys)
        except StoreCorrupt:
            recovered_from = move_aside(path)
            writer = prepare(path, busy_timeout, keys)
        try:
            reader = connect(path, busy_timeout, read_only=True)
        except sqlite3.Error as err:
            writer.close()
            raise translate(err) from err
        return cls(
            writer, reader, keys=keys, server_id=server_id, path=path, recovered_from=recovered_from
        )

    def close(self) -> None:
        """Close both connections; the store cannot be used afterwards."""
        with self._write_lock, self._read_lock:
            if self._closed:
                return
            self._closed = True
            # The writer closes last so it checkpoints and removes the WAL.
            self._reader.close()
            self._writer.close()

    @property
    def schema_version(self) -> int:
        """The file's schema version (`PRAGMA user_version`)."""
        with self._reading() as conn:
            return int(conn.execute("PRAGMA user_version").fetchone()[0])

    def address_hash(self, address: str) -> str:
        """The keyed hash (hex) under which an address is stored, cached and grouped."""
        return self._cipher.digest(address).hex()

    # --- connections ----------------------------------------------------------------

    @contextmanager
    def _writing(self, *, foreign_keys: bool = True) -> Iterator[sqlite3.Connection]:
        """A write transaction. Without `foreign_keys` SQLite checks no reference row by
        row (a third of a bulk insert's cost): the caller checks its batch's references."""
        with self._write_lock:
            if self._closed:
                raise StoreError("the history store is closed")
            conn = self._writer
            try:
                if not foreign_keys:
                    conn.execute("PRAGMA foreign_keys = OFF")  # only outside a transaction
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as err:
                if not foreign_keys:
                    self._foreign_keys_on(conn)
                raise translate(err) from err
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException as err:
                # Cached ids may name rows this transaction inserted and now rolls back.
                self._ids.forget()
                if conn.in_transaction:
                    with suppress(sqlite3.Error):
                        conn.execute("ROLLBACK")
                if isinstance(err, sqlite3.Error):
                    raise translate(err) from err
                raise
            finally:
                if not foreign_keys:
                    self._foreign_keys_on(conn)

    @staticmethod
    def _foreign_keys_on(conn: sqlite3.Connection) -> None:
        """Every other transaction has SQLite check its references."""
        with suppress(sqlite3.Error):
            conn.execute("PRAGMA foreign_keys = ON")

    @contextmanager
    def _reading(self, *, snapshot: bool = False) -> Iterator[sqlite3.Connection]:
        """The read connection; with `snapshot`, every query inside sees one commit (a
        rollup and the streams beside it then never count a stream twice or not at all)."""
        with self._read_lock:
            if self._closed:
                raise StoreError("the history store is closed")
            conn = self._reader
            try:
                if snapshot:
                    conn.execute("BEGIN")
                try:
                    yield conn
                finally:
                    if snapshot and conn.in_transaction:
                        conn.execute("COMMIT")
            except sqlite3.Error as err:
                raise translate(err) from err

    # --- reading streams -----------------------------------------------------------

    def _load(self, conn: sqlite3.Connection, query: str, params: Sequence[object]) -> list[Stream]:
        return [stream_from(row, self._server_id) for row in conn.execute(query, params)]
