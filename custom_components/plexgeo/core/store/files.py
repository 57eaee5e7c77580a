"""Files and recovery: open the SQLite file (WAL, pragmas, migrations), refuse or move
aside a damaged one, and map SQLite's errors to the store's exceptions."""

from __future__ import annotations

from datetime import UTC, datetime
import logging
import os
from pathlib import Path
import sqlite3

from .. import migrations
from ..crypto import KeyMaterial
from ..errors import StoreCorrupt, StoreError, StoreUnavailable
from .keycheck import check_keys

_LOGGER = logging.getLogger(__name__)

_SQLITE_MAGIC = b"SQLite format 3\x00"
# A batch this large is a bulk import: the writer's page cache grows for it (the
# indexes' leaves stay in memory between batches) and shrinks at the next ordinary write.
BULK_BATCH = 100
CACHE_PAGES = -16_384  # 16 MiB
BULK_CACHE_PAGES = -131_072  # 128 MiB
# A bulk import dirties a leaf of every streams index per stream, in random places: with
# SQLite's 1,000-page WAL every commit also checkpointed (copied and fsynced) most of the
# leaves it had just written, a third of bulk ingest's time. A longer WAL lets the
# checkpoint copy each page once for many batches; the size limit truncates the WAL file
# back after a checkpoint so it does not keep a bulk import's size on disk.
CHECKPOINT_PAGES = 1_000
BULK_CHECKPOINT_PAGES = 16_384
_WAL_SIZE_LIMIT = 16 * 1024 * 1024
_UNAVAILABLE_CODES = frozenset(
    {
        sqlite3.SQLITE_BUSY,
        sqlite3.SQLITE_LOCKED,
        sqlite3.SQLITE_IOERR,
        sqlite3.SQLITE_FULL,
        sqlite3.SQLITE_READONLY,
        sqlite3.SQLITE_CANTOPEN,
        sqlite3.SQLITE_PERM,
        sqlite3.SQLITE_PROTOCOL,
    }
)
_CORRUPT_CODES = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})


def translate(err: sqlite3.Error) -> StoreError:
    """Map a SQLite error to the store's exceptions by its result code."""
    code = getattr(err, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    if primary in _UNAVAILABLE_CODES:
        return StoreUnavailable(f"history database unavailable: {err}")
    if primary in _CORRUPT_CODES:
        return StoreCorrupt(f"history database is damaged: {err}")
    return StoreError(f"history database error: {err}")


def _check_header(path: Path) -> None:
    """Refuse a file that is not SQLite or is shorter than its header says (truncated)."""
    try:
        with path.open("rb") as file:
            header = file.read(100)
            size = path.stat().st_size
    except FileNotFoundError:
        return
    except OSError as err:
        raise StoreUnavailable(f"cannot read {path.name}: {err}") from err
    if not header:
        return  # an empty file is a database SQLite has not written yet
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        raise StoreCorrupt(f"{path.name} is not a SQLite database")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    page_count = int.from_bytes(header[28:32], "big")
    header_size_valid = header[24:28] == header[92:96]
    wal = path.with_name(f"{path.name}-wal")
    # A non-empty WAL may hold a checkpoint that was interrupted mid-copy: SQLite redoes
    # it, so the main file may legitimately be short until then.
    if wal.exists() and wal.stat().st_size > 0:
        return
    if header_size_valid and page_count * page_size > size:
        raise StoreCorrupt(f"{path.name} is truncated")


def make_private(path: Path) -> None:
    """Create the database's folder (0700) and file (0600) for the owner alone, and take
    group and other access away from an existing folder, file, -wal and -shm.

    SQLite gives the -wal and -shm files the database file's mode, so they follow it.
    """
    folder = path.parent
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as err:
        raise StoreUnavailable(f"cannot create {folder}: {err}") from err
    for existing in (folder, *(path.with_name(path.name + x) for x in ("", "-wal", "-shm"))):
        _restrict(existing)
    try:
        created = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    except OSError as err:
        raise StoreUnavailable(f"cannot create {path.name}: {err}") from err
    os.close(created)


def _restrict(path: Path) -> None:
    try:
        mode = path.stat().st_mode & 0o7777
        if mode & 0o077:
            path.chmod(mode & ~0o077)
    except FileNotFoundError:
        return
    except OSError as err:
        # Not ours to change (another owner, an immutable file): the file still works.
        _LOGGER.warning("Cannot restrict %s to its owner: %s", path, err)


def move_aside(path: Path, label: str = "corrupt") -> Path:
    """Rename a database (and its -wal/-shm) out of the way, as `<name>.<label>-<time>`;
    return its new path."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.{label}-{stamp}")
    suffix = 1
    while target.exists():
        target = path.with_name(f"{path.name}.{label}-{stamp}-{suffix}")
        suffix += 1
    try:
        # The companions keep SQLite's naming relative to the new name, so the moved
        # file can still be opened with its WAL for forensics.
        for extra in ("-wal", "-shm"):
            companion = path.with_name(f"{path.name}{extra}")
            if companion.exists():
                companion.rename(target.with_name(f"{target.name}{extra}"))
        path.rename(target)
    except OSError as err:
        raise StoreUnavailable(f"cannot move {path.name} aside: {err}") from err
    return target


def connect(path: Path, busy_timeout: float, *, read_only: bool) -> sqlite3.Connection:
    target = f"{path.absolute().as_uri()}?mode=ro" if read_only else str(path)
    conn = sqlite3.connect(
        target,
        timeout=busy_timeout,
        isolation_level=None,  # explicit BEGIN/COMMIT; readers see each commit at once
        check_same_thread=False,  # guarded by the store's locks
        uri=read_only,
    )
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def prepare(path: Path, busy_timeout: float, keys: KeyMaterial) -> sqlite3.Connection:
    """Open the write connection, migrate forward, check the schema and the keys."""
    make_private(path)
    _check_header(path)
    try:
        conn = connect(path, busy_timeout, read_only=False)
    except sqlite3.Error as err:
        raise translate(err) from err
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        known = len(migrations.MIGRATIONS)
        if version > known:
            raise StoreError(
                f"{path.name} has schema version {version}, newer than this PlexGeo "
                f"understands ({known}); update PlexGeo or restore an older backup"
            )
        if version == 0 and migrations.database_shape(conn):
            raise StoreCorrupt(f"{path.name} holds tables but no PlexGeo schema version")
        # The checks come first: switching to WAL rewrites the file header.
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise StoreUnavailable(f"cannot switch {path.name} to WAL (got {mode})")
        conn.execute("PRAGMA synchronous = NORMAL")
        # Each insert touches a leaf of every streams index; a larger page cache than
        # SQLite's 2 MiB default keeps those leaves in memory during bulk ingest.
        conn.execute(f"PRAGMA cache_size = {CACHE_PAGES}")
        conn.execute(f"PRAGMA journal_size_limit = {_WAL_SIZE_LIMIT}")
        _migrate(conn, version)
        if migrations.database_shape(conn) != migrations.expected_shape(migrations.MIGRATIONS):
            raise StoreCorrupt(f"{path.name} does not have PlexGeo's schema")
        check_keys(conn, keys, path.name)
    except sqlite3.Error as err:
        conn.close()
        raise translate(err) from err
    except StoreError:
        conn.close()
        raise
    return conn


def _migrate(conn: sqlite3.Connection, version: int) -> None:
    # Foreign keys off while migrating (a migration may rebuild a table others point
    # at, the way SQLite documents); each migration's result is checked before it commits.
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        for target, migration in enumerate(migrations.MIGRATIONS[version:], start=version + 1):
            conn.execute("BEGIN IMMEDIATE")
            try:
                migration(conn)
                broken = conn.execute("PRAGMA foreign_key_check").fetchone()
                if broken is not None:
                    raise StoreError(f"migration to version {target} broke a reference: {broken}")
                conn.execute(f"PRAGMA user_version = {int(target)}")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
    finally:
        conn.execute("PRAGMA foreign_keys = ON")
