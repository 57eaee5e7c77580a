"""The history store: one SQLite file per Plex server with streams, geolocation cache,
alerts and trusted countries.

Synchronous and thread-safe: the HA layer calls every method through the executor. One
write connection behind a lock is the only writer; a second, read-only connection serves
queries beside it (WAL lets readers run while the writer commits).

Addresses never reach the file in clear: streams refer to an `addresses` row holding the
Fernet token and the keyed hash. Streams read back carry `ip_hash` and a snapshot whose
`ip_address` is None; only `stream_address`, `pending_streams` and `stream_log` decrypt.
Times are stored as epoch seconds, so they come back truncated to the second.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
import hashlib
import heapq
import json
import math
from pathlib import Path
import sqlite3
import threading
from typing import Any, ClassVar, NamedTuple

from . import schema
from .crypto import AddressCipher, KeyMaterial
from .errors import StoreCorrupt, StoreError, StoreUnavailable
from .models import (
    Alert,
    AlertKind,
    Location,
    LocationStatus,
    MediaType,
    Stream,
    StreamSnapshot,
)

__all__ = [
    "CountryCount",
    "DayCount",
    "HistoryStore",
    "KeyMaterial",
    "NewStream",
    "PlaceCount",
    "StoreStats",
    "Trends",
    "UnknownStream",
    "UserActivity",
    "UserCount",
    "UserOverview",
]

_SQLITE_MAGIC = b"SQLite format 3\x00"
_DAY = 86400
_EPOCH = date(1970, 1, 1)
# Trigram search needs three characters; shorter text is matched with LIKE.
_TRIGRAM = 3
_TOP_USERS = 10
# Lookup rows cached by the writer: a year of a busy server has about 95,000 (mostly
# locations, one per address and month), so the cache must hold them all or bulk ingest
# keeps clearing it and re-reading every row.
_REF_CACHE_LIMIT = 400_000
# A batch this large is a bulk import: the writer's page cache grows for it (the
# indexes' leaves stay in memory between batches) and shrinks at the next ordinary write.
_BULK_BATCH = 100
_CACHE_PAGES = -16_384  # 16 MiB
_BULK_CACHE_PAGES = -131_072  # 128 MiB
# A bulk import dirties a leaf of every streams index per stream, in random places: with
# SQLite's 1,000-page WAL every commit also checkpointed (copied and fsynced) most of the
# leaves it had just written, a third of bulk ingest's time. A longer WAL lets the
# checkpoint copy each page once for many batches; the size limit truncates the WAL file
# back after a checkpoint so it does not keep a bulk import's size on disk.
_CHECKPOINT_PAGES = 1_000
_BULK_CHECKPOINT_PAGES = 16_384
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

_MEDIA_TYPES = {code: value for value, code in schema.MEDIA_TYPE_CODES.items()}
_STATES = {code: value for value, code in schema.STATE_CODES.items()}
_RULES = {code: value for value, code in schema.ADDRESS_RULE_CODES.items()}
_STATUSES = {code: value for value, code in schema.LOCATION_STATUS_CODES.items()}


class UnknownStream(StoreError, LookupError):
    """No stream has the given id (never started, or purged)."""


@dataclass(frozen=True, slots=True)
class StoreStats:
    """Sizes of the store, for diagnostics."""

    streams: int
    open_streams: int
    alerts: int
    unacknowledged_alerts: int
    cached_locations: int
    schema_version: int
    file_size_bytes: int


@dataclass(frozen=True, slots=True)
class CountryCount:
    """How many streams came from one country."""

    country_code: str
    country_name: str
    count: int


@dataclass(frozen=True, slots=True)
class UserOverview:
    """One Plex user as the panel's users list shows them."""

    user_id: str
    user_name: str
    stream_count: int
    countries: tuple[str, ...]  # most streams first
    last_seen: datetime
    last_location: Location | None  # of the most recently seen located stream
    unacknowledged_alerts: int


@dataclass(frozen=True, slots=True)
class PlaceCount:
    """How many streams came from one place (a city, or a country's centre)."""

    location: Location
    count: int


@dataclass(frozen=True, slots=True)
class UserActivity:
    """A user's streams since a day: per day, per country and per place."""

    user_id: str
    user_name: str
    days: tuple[tuple[date, int], ...]
    countries: tuple[CountryCount, ...]
    places: tuple[PlaceCount, ...]


@dataclass(frozen=True, slots=True)
class DayCount:
    """Streams started on one UTC day from one country."""

    day: date
    country_code: str
    count: int


@dataclass(frozen=True, slots=True)
class UserCount:
    """Streams of one user."""

    user_id: str
    user_name: str
    count: int


@dataclass(frozen=True, slots=True)
class Trends:
    """Streams started in a time range: by day and country, by country, by user, LAN/WAN."""

    per_day: tuple[DayCount, ...]
    countries: tuple[CountryCount, ...]
    users: tuple[UserCount, ...]  # the top users, most streams first
    lan: int
    wan: int


type NewStream = tuple[StreamSnapshot, datetime, LocationStatus, Location | None]
"""A stream to start: its first snapshot, when it was seen, and its location outcome."""

type StreamUpdate = tuple[Stream, StreamSnapshot]
"""A live stream as last stored, and the snapshot a later poll saw of it."""

type LocationOutcome = tuple[int, LocationStatus, Location | None]
"""A stream id and the outcome of its geolocation."""


class _SnapshotRefs(NamedTuple):
    user: int
    player: int
    media: int
    address: int | None
    ip_hash: str | None
    network: int | None
    transcode: int | None
    flags: int


# --- time ---------------------------------------------------------------------------


def _seconds(at: datetime) -> float:
    if at.tzinfo is None:
        raise ValueError("datetimes given to the store must be timezone-aware")
    return at.timestamp()


def _floor(at: datetime) -> int:
    return math.floor(_seconds(at))


def _ceil(at: datetime) -> int:
    # Stored times are whole seconds: "t >= x" and "t < x" hold exactly for t >= ceil(x)
    # and t < ceil(x), so sub-second bounds keep their meaning.
    return math.ceil(_seconds(at))


def _time(value: int) -> datetime:
    return datetime.fromtimestamp(value, UTC)


def _time_or_none(value: int | None) -> datetime | None:
    return None if value is None else _time(value)


def _flag(value: int | None) -> bool | None:
    return None if value is None else bool(value)


def _key(*values: object) -> bytes:
    """A dedup key for a row of a lookup table (JSON keeps None, ints and floats exact)."""
    encoded = json.dumps(values, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return hashlib.blake2b(encoded, digest_size=16).digest()


def _day_of(seconds: int) -> int:
    """The rollups' day number of a time: SQLite's integer division truncates to zero."""
    return seconds // _DAY if seconds >= 0 else -(-seconds // _DAY)


def stored_location(location: Location | None) -> Location | None:
    """A location as the store gives it back: looked-up time truncated to the second."""
    if location is None or not location.looked_up_at.microsecond:
        return location
    return replace(location, looked_up_at=_time(_floor(location.looked_up_at)))


def _day_date(day: int) -> date:
    return _EPOCH + timedelta(days=day)


def _month_of(day: int) -> int:
    """Months since January 1970 of a day number (as schema's triggers compute it)."""
    found = _day_date(day)
    return (found.year - 1970) * 12 + found.month - 1


def _month_start(month: int) -> int:
    """The day number of a month's first day."""
    year, index = divmod(month, 12)
    return (date(1970 + year, index + 1, 1) - _EPOCH).days


def _like(text: str) -> str:
    """A LIKE pattern matching `text` anywhere, with its wildcards taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


# --- errors and files ---------------------------------------------------------------


def _translate(err: sqlite3.Error) -> StoreError:
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


def _move_aside(path: Path) -> Path:
    """Rename a damaged database (and its -wal/-shm) out of the way; return its new path."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    suffix = 1
    while target.exists():
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{suffix}")
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
        raise StoreUnavailable(f"cannot move the damaged {path.name} aside: {err}") from err
    return target


def _connect(path: Path, busy_timeout: float, *, read_only: bool) -> sqlite3.Connection:
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


def _prepare(path: Path, busy_timeout: float) -> sqlite3.Connection:
    """Open the write connection, migrate forward and check the schema."""
    _check_header(path)
    try:
        conn = _connect(path, busy_timeout, read_only=False)
    except sqlite3.Error as err:
        raise _translate(err) from err
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        known = len(schema.MIGRATIONS)
        if version > known:
            raise StoreError(
                f"{path.name} has schema version {version}, newer than this PlexGeo "
                f"understands ({known}); update PlexGeo or restore an older backup"
            )
        if version == 0 and schema.database_shape(conn):
            raise StoreCorrupt(f"{path.name} holds tables but no PlexGeo schema version")
        # The checks come first: switching to WAL rewrites the file header.
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise StoreUnavailable(f"cannot switch {path.name} to WAL (got {mode})")
        conn.execute("PRAGMA synchronous = NORMAL")
        # Each insert touches a leaf of every streams index; a larger page cache than
        # SQLite's 2 MiB default keeps those leaves in memory during bulk ingest.
        conn.execute(f"PRAGMA cache_size = {_CACHE_PAGES}")
        conn.execute(f"PRAGMA journal_size_limit = {_WAL_SIZE_LIMIT}")
        _migrate(conn, version)
        if schema.database_shape(conn) != schema.expected_shape(schema.MIGRATIONS):
            raise StoreCorrupt(f"{path.name} does not have PlexGeo's schema")
    except sqlite3.Error as err:
        conn.close()
        raise _translate(err) from err
    except StoreError:
        conn.close()
        raise
    return conn


def _migrate(conn: sqlite3.Connection, version: int) -> None:
    for target, migration in enumerate(schema.MIGRATIONS[version:], start=version + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            migration(conn)
            conn.execute(f"PRAGMA user_version = {int(target)}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


# --- SQL ----------------------------------------------------------------------------

_STREAM_SELECT = """
SELECT s.id, s.session_key, u.plex_id, u.name, p.title, p.product, p.platform, p.device,
       p.machine_id, m.media_type, m.title, m.grandparent_title, m.parent_title,
       m.parent_index, m.item_index, m.year, s.state, s.progress_ms, m.duration_ms,
       s.bandwidth_kbps, s.flags, net.text, tc.text, s.address_rule,
       a.hash, s.started_at, s.last_seen, s.ended_at, s.location_status,
       l.country_code, l.country_name, l.region, l.city, l.latitude, l.longitude,
       l.timezone, l.isp, l.org, l.asn, l.mobile, l.proxy, l.hosting, l.provider,
       l.looked_up_at, a.token
FROM streams AS s
JOIN users AS u ON u.id = s.user_ref
JOIN players AS p ON p.id = s.player_ref
JOIN media AS m ON m.id = s.media_ref
LEFT JOIN addresses AS a ON a.id = s.address_ref
LEFT JOIN locations AS l ON l.id = s.location_ref
LEFT JOIN labels AS net ON net.id = s.network_ref
LEFT JOIN labels AS tc ON tc.id = s.transcode_ref
"""
_USER_REF = "(SELECT id FROM users WHERE plex_id = ?)"
_LOG_ORDER = " ORDER BY s.started_at DESC, s.id DESC"
_JSON_IDS = "(SELECT value FROM json_each(?))"
_BY_IDS = _STREAM_SELECT + "WHERE s.id IN " + _JSON_IDS
# Free text: the log walked newest first, each stream's refs tested against the matching
# media items and players (each list built once into a lookup table by SQLite). The
# unary + keeps the planner from driving by these refs.
_SEARCH_MATCH = """ AND (+s.media_ref IN (SELECT value FROM json_each(?))
    OR +s.player_ref IN (SELECT value FROM json_each(?)))"""
_MEDIA_LIKE = """SELECT id FROM media
WHERE (title LIKE ?1 ESCAPE '\\' OR grandparent_title LIKE ?1 ESCAPE '\\')"""
_PLAYER_LIKE = "SELECT id FROM players WHERE title LIKE ?1 ESCAPE '\\'"
# The trigram index finds candidates (it folds case beyond ASCII); LIKE then keeps
# exactly what LIKE alone would match.
_MEDIA_FTS = """SELECT id FROM media
WHERE (title LIKE ?1 ESCAPE '\\' OR grandparent_title LIKE ?1 ESCAPE '\\')
  AND id IN (SELECT rowid FROM media_search WHERE media_search = ?2)"""
_PLAYER_FTS = """SELECT id FROM players WHERE title LIKE ?1 ESCAPE '\\'
  AND id IN (SELECT rowid FROM player_search WHERE player_search = ?2)"""
# Each user's total and last place are kept in their row by the write path.
_USERS_OVERVIEW = """
SELECT id, plex_id, name, last_seen, stream_count, location_ref
FROM users ORDER BY name, plex_id
"""
_USER_COUNTRIES = """
SELECT c.user_ref, l.text FROM user_countries AS c JOIN labels AS l ON l.id = c.country_ref
WHERE c.country_ref != 0 ORDER BY c.user_ref, c.count DESC, l.text
"""
_USER_PLACES = """
SELECT location_ref, COUNT(*) FROM streams INDEXED BY streams_located
WHERE user_ref = ? AND location_status = 4 AND last_seen >= ? AND started_at >= ?
GROUP BY location_ref
"""
# Top users: whole months from user_months, the days around them from user_days; one
# seek per user in each, so a year costs about 12 + 60 rows a user at most.
_USER_TOTALS = """
SELECT u.plex_id, u.name,
    coalesce((SELECT SUM(count) FROM user_months
        WHERE user_ref = u.id AND month >= ?1 AND month < ?2), 0)
    + coalesce((SELECT SUM(count) FROM user_days
        WHERE user_ref = u.id AND day >= ?3 AND day < ?4), 0)
    + coalesce((SELECT SUM(count) FROM user_days
        WHERE user_ref = u.id AND day >= ?5 AND day < ?6), 0)
FROM users AS u
"""
_COUNTRY_NAMES = """
SELECT j.value, (SELECT country_name FROM locations WHERE country_code = j.value
    ORDER BY looked_up_at DESC LIMIT 1)
FROM json_each(?) AS j
"""
_LOCATION_SELECT = """
SELECT id, country_code, country_name, region, city, latitude, longitude, timezone, isp, org,
    asn, mobile, proxy, hosting, provider, looked_up_at
FROM locations WHERE id IN (SELECT value FROM json_each(?))
"""
_BY_ID = _STREAM_SELECT + "WHERE s.id = ?"
_OPEN = _STREAM_SELECT + "WHERE s.ended_at IS NULL ORDER BY s.id"
_LIVE_LOCATED = (
    _STREAM_SELECT + "WHERE s.user_ref = " + _USER_REF + " AND s.ended_at IS NULL"
    " AND s.location_status = 4 ORDER BY s.id"
)
_PENDING = (
    _STREAM_SELECT + "WHERE s.location_status = 3 AND s.address_ref IS NOT NULL"
    " ORDER BY s.started_at DESC, s.id DESC LIMIT ?"
)
# INDEXED BY: left to itself the planner may prefer streams_by_user and sort the user's
# whole history by last_seen; streams_located yields rows already in that order.
_PREVIOUS_LOCATED_ID = """
SELECT id FROM streams INDEXED BY streams_located
WHERE user_ref = (SELECT id FROM users WHERE plex_id = ?) AND location_status = 4
  AND started_at <= ? AND id != ?
ORDER BY last_seen DESC LIMIT 1
"""
_PREVIOUS_LOCATED = _STREAM_SELECT + "WHERE s.id = (" + _PREVIOUS_LOCATED_ID + ")"
# Rare country: whole days from the user_days rollup, the partial days at either end from
# the streams themselves (a day of one user: a few rows by streams_by_user).
_COUNTRY_DAYS = """
SELECT country_ref, SUM(count) FROM user_days
WHERE user_ref = ? AND day >= ? AND day < ? AND country_ref != 0 GROUP BY country_ref
"""
_COUNTRY_EDGE = """
SELECT country_ref, COUNT(*) FROM streams
WHERE user_ref = ? AND started_at >= ? AND started_at < ? AND location_status = 4
  AND id IS NOT ?
GROUP BY country_ref
"""
_INSERT_STREAM = """
INSERT INTO streams (id, session_key, user_ref, player_ref, media_ref, address_ref,
    location_ref, country_ref, network_ref, transcode_ref, started_at, last_seen, state,
    location_status, address_rule, flags, progress_ms, bandwidth_kbps)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
_UPDATE_STREAM = """
UPDATE streams SET session_key = ?, user_ref = ?, player_ref = ?, media_ref = ?,
    address_ref = ?, network_ref = ?, transcode_ref = ?, last_seen = ?, state = ?,
    address_rule = ?, flags = ?, progress_ms = ?, bandwidth_kbps = ?
WHERE id = ?
"""
_INTERN = {
    "players": (
        "SELECT id FROM players WHERE key = ?",
        "INSERT INTO players (key, machine_id, title, product, platform, device)"
        " VALUES (?, ?, ?, ?, ?, ?)",
    ),
    "media": (
        "SELECT id FROM media WHERE key = ?",
        "INSERT INTO media (key, media_type, title, grandparent_title, parent_title,"
        " parent_index, item_index, year, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    "locations": (
        "SELECT id FROM locations WHERE key = ?",
        "INSERT INTO locations (key, country_code, country_name, region, city, latitude,"
        " longitude, timezone, isp, org, asn, mobile, proxy, hosting, provider, looked_up_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    "labels": ("SELECT id FROM labels WHERE text = ?", "INSERT INTO labels (text) VALUES (?)"),
}
_ALERT_SELECT = """
SELECT id, kind, stream_ref, user_id, user_name, created_at, country_code, country_name, city,
    latitude, longitude, share, session_count, previous_country_code, previous_country_name,
    previous_city, distance_km, speed_kmh, media_title, player, acknowledged_at, acknowledged_by
FROM alerts
"""
_ACKNOWLEDGE = """
UPDATE alerts SET acknowledged_at = ?1, acknowledged_by = ?2
WHERE acknowledged_at IS NULL AND (?3 IS NULL OR id IN (SELECT value FROM json_each(?3)))
RETURNING id, kind, stream_ref, user_id, user_name, created_at, country_code, country_name,
    city, latitude, longitude, share, session_count, previous_country_code,
    previous_country_name, previous_city, distance_km, speed_kmh, media_title, player,
    acknowledged_at, acknowledged_by
"""
_INSERT_ALERT = """
INSERT INTO alerts (kind, stream_ref, user_id, user_name, dedup_key, created_at, country_code,
    country_name, city, latitude, longitude, share, session_count, previous_country_code,
    previous_country_name, previous_city, distance_km, speed_kmh, media_title, player,
    acknowledged_at, acknowledged_by)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
_PURGE_BATCH = """
DELETE FROM streams WHERE id IN (
    SELECT id FROM streams
    WHERE started_at < ? AND ended_at IS NOT NULL AND last_seen < ? LIMIT ?
)
"""
# Orphans: streams has no index by these refs, so each NOT IN reads the refs of every
# stream once into a temporary lookup table (about a second at a million streams, once a
# day) rather than every insert paying for four more indexes. Users are indexed.
_PURGE_ORPHANS = (
    "DELETE FROM geo_cache WHERE location_ref IN (SELECT id FROM locations WHERE looked_up_at < ?)",
    "DELETE FROM addresses WHERE id NOT IN"
    " (SELECT address_ref FROM streams WHERE address_ref IS NOT NULL)",
    "DELETE FROM players WHERE id NOT IN (SELECT player_ref FROM streams)",
    "DELETE FROM media WHERE id NOT IN (SELECT media_ref FROM streams)",
    "DELETE FROM users WHERE NOT EXISTS (SELECT 1 FROM streams WHERE user_ref = users.id)",
    "DELETE FROM locations WHERE id NOT IN"
    " (SELECT location_ref FROM streams WHERE location_ref IS NOT NULL)"
    " AND id NOT IN (SELECT location_ref FROM geo_cache)",
)
# Inserted streams' rollup counts, one UPSERT per group of a batch.
_ROLLUP_UPSERTS = {
    "country_days": "INSERT INTO country_days (day, country_ref, local, count)"
    " VALUES (?, ?, ?, ?) ON CONFLICT (day, country_ref, local)"
    " DO UPDATE SET count = count + excluded.count",
    "user_days": "INSERT INTO user_days (user_ref, day, country_ref, count)"
    " VALUES (?, ?, ?, ?) ON CONFLICT (user_ref, day, country_ref)"
    " DO UPDATE SET count = count + excluded.count",
    "user_months": "INSERT INTO user_months (user_ref, month, count) VALUES (?, ?, ?)"
    " ON CONFLICT (user_ref, month) DO UPDATE SET count = count + excluded.count",
    "user_countries": "INSERT INTO user_countries (user_ref, country_ref, count)"
    " VALUES (?, ?, ?) ON CONFLICT (user_ref, country_ref)"
    " DO UPDATE SET count = count + excluded.count",
}
# A batch's users: newest start and sighting, streams added, newest located stream.
_USERS_STARTED = """
UPDATE users SET last_seen = max(last_seen, ?2), stream_count = stream_count + ?3
WHERE id = ?1
"""
_USERS_LOCATED = """
UPDATE users SET located_seen = ?2, located_stream = ?3, location_ref = ?4
WHERE id = ?1 AND (coalesce(located_seen, ?5), coalesce(located_stream, 0)) < (?2, ?3)
"""


def _update_row(
    snapshot: StreamSnapshot, refs: _SnapshotRefs, seen: int, stream_id: int
) -> tuple[object, ...]:
    """The parameters of `_UPDATE_STREAM` for one later sighting of a stream."""
    return (
        snapshot.session_key,
        refs.user,
        refs.player,
        refs.media,
        refs.address,
        refs.network,
        refs.transcode,
        seen,
        schema.STATE_CODES[snapshot.state],
        schema.ADDRESS_RULE_CODES[snapshot.address_rule],
        refs.flags,
        snapshot.progress_ms,
        snapshot.bandwidth_kbps,
        stream_id,
    )


def _check_location(status: LocationStatus, location: Location | None) -> None:
    if (status is LocationStatus.KNOWN) != (location is not None):
        raise ValueError("a location is given exactly when the status is KNOWN")


def _flags(snapshot: StreamSnapshot) -> int:
    flags = schema.FLAG_LOCAL if snapshot.local else 0
    if snapshot.relayed:
        flags |= schema.FLAG_RELAYED
    if snapshot.secure is not None:
        flags |= schema.FLAG_SECURE_KNOWN
        if snapshot.secure:
            flags |= schema.FLAG_SECURE
    return flags


def _location_from(row: Sequence[Any]) -> Location:
    return Location(
        country_code=row[0],
        country_name=row[1],
        region=row[2],
        city=row[3],
        latitude=row[4],
        longitude=row[5],
        timezone=row[6],
        isp=row[7],
        org=row[8],
        asn=row[9],
        mobile=_flag(row[10]),
        proxy=_flag(row[11]),
        hosting=_flag(row[12]),
        provider=row[13],
        looked_up_at=_time(row[14]),
    )


def _stream_from(row: Sequence[Any], server_id: str, address: str | None = None) -> Stream:
    flags = row[20]
    snapshot = StreamSnapshot(
        session_key=row[1],
        user_id=row[2],
        user_name=row[3],
        player_title=row[4],
        player_product=row[5],
        player_platform=row[6],
        player_device=row[7],
        player_machine_id=row[8],
        media_type=_MEDIA_TYPES[row[9]],
        title=row[10],
        grandparent_title=row[11],
        parent_title=row[12],
        parent_index=row[13],
        index=row[14],
        year=row[15],
        state=_STATES[row[16]],
        progress_ms=row[17],
        duration_ms=row[18],
        bandwidth_kbps=row[19],
        local=bool(flags & schema.FLAG_LOCAL),
        relayed=bool(flags & schema.FLAG_RELAYED),
        secure=bool(flags & schema.FLAG_SECURE) if flags & schema.FLAG_SECURE_KNOWN else None,
        network=row[21],
        transcode_decision=row[22],
        ip_address=address,
        address_rule=_RULES[row[23]],
    )
    return Stream(
        stream_id=row[0],
        server_id=server_id,
        snapshot=snapshot,
        started_at=_time(row[25]),
        last_seen=_time(row[26]),
        ended_at=_time_or_none(row[27]),
        location_status=_STATUSES[row[28]],
        location=None if row[29] is None else _location_from(row[29:44]),
        ip_hash=None if row[24] is None else bytes(row[24]).hex(),
    )


def _alert_from(row: Sequence[Any]) -> Alert:
    return Alert(
        alert_id=row[0],
        kind=AlertKind(row[1]),
        stream_id=row[2],
        user_id=row[3],
        user_name=row[4],
        created_at=_time(row[5]),
        country_code=row[6],
        country_name=row[7],
        city=row[8],
        latitude=row[9],
        longitude=row[10],
        share=row[11],
        session_count=row[12],
        previous_country_code=row[13],
        previous_country_name=row[14],
        previous_city=row[15],
        distance_km=row[16],
        speed_kmh=row[17],
        media_title=row[18],
        player=row[19],
        acknowledged_at=_time_or_none(row[20]),
        acknowledged_by=row[21],
    )


def _month_split(
    first_day: int, end_day: int
) -> tuple[tuple[int, int], tuple[tuple[int, int], tuple[int, int]]]:
    """Split the days [first_day, end_day) into whole months and the days either side."""
    first_month = _month_of(first_day)
    if _month_start(first_month) != first_day:
        first_month += 1
    end_month = _month_of(end_day)
    if first_day >= end_day or first_month >= end_month:
        return (0, 0), ((first_day, end_day), (0, 0))
    return (first_month, end_month), (
        (first_day, _month_start(first_month)),
        (_month_start(end_month), end_day),
    )


def _tally(  # noqa: PLR0917  (a private accumulator, called twice)
    per_day: dict[tuple[int, int], int],
    countries: dict[int, int],
    network: list[int],
    day: int,
    country_ref: int | None,
    local: int,
    count: int,
) -> None:
    network[local] += count
    if country_ref:  # 0 or None: not located, counted only as LAN or WAN
        per_day[day, country_ref] = per_day.get((day, country_ref), 0) + count
        countries[country_ref] = countries.get(country_ref, 0) + count


class _BatchCounts:
    """What a batch of inserted streams adds to the rollups and to their users' rows."""

    def __init__(self) -> None:
        self.country_days: dict[tuple[int, int, int], int] = {}
        self.user_days: dict[tuple[int, int, int], int] = {}
        self.user_countries: dict[tuple[int, int], int] = {}
        self.users: dict[int, list[int]] = {}  # user row -> [newest start, streams]
        self.newest_located: dict[int, tuple[int, int, int]] = {}  # -> (seen, id, location)

    def add(self, user: int, started: int, country_ref: int | None, local: int) -> None:
        """Count one inserted stream."""
        day, country = _day_of(started), country_ref or 0
        for counts, key in (
            (self.country_days, (day, country, local)),
            (self.user_days, (user, day, country)),
        ):
            counts[key] = counts.get(key, 0) + 1
        self.user_countries[user, country] = self.user_countries.get((user, country), 0) + 1
        known = self.users.get(user)
        if known is None:
            self.users[user] = [started, 1]
        else:
            known[0] = max(known[0], started)
            known[1] += 1

    def located(self, user: int, seen: int, stream_id: int, location_ref: int) -> None:
        """Note an inserted located stream: it may be its user's last place."""
        known = self.newest_located.get(user)
        if known is None or known[:2] < (seen, stream_id):
            self.newest_located[user] = (seen, stream_id, location_ref)

    def write(self, conn: sqlite3.Connection) -> None:
        """Add the batch's counts in the same transaction as its streams."""
        months: dict[tuple[int, int], int] = {}
        for (user, day, _), count in self.user_days.items():
            key = (user, _month_of(day))
            months[key] = months.get(key, 0) + count
        for table, counts in (
            ("country_days", self.country_days),
            ("user_days", self.user_days),
            ("user_months", months),
            ("user_countries", self.user_countries),
        ):
            conn.executemany(
                _ROLLUP_UPSERTS[table], [(*key, count) for key, count in counts.items()]
            )
        conn.executemany(
            _USERS_STARTED, [(user, latest, n) for user, (latest, n) in self.users.items()]
        )
        conn.executemany(
            _USERS_LOCATED,
            [(user, *newest, schema.NEVER) for user, newest in self.newest_located.items()],
        )


class HistoryStore:
    """Streams, geolocation cache, alerts and trust for one Plex server, in one SQLite file."""

    SCHEMA_VERSION: ClassVar[int] = len(schema.MIGRATIONS)

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
        # Lookup-table ids by (table, key); only touched under the write lock.
        self._refs: dict[tuple[str, object], int] = {}
        self._users: dict[str, tuple[int, str]] = {}
        self._addresses: dict[str, tuple[int, str]] = {}  # address -> (row, hash)
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
    ) -> HistoryStore:
        """Open (creating, migrating or replacing a damaged file as needed) the store at `path`.

        Raises StoreUnavailable when the file is locked past `busy_timeout` seconds or the
        disk refuses it, and StoreError when its schema is newer than this code.
        """
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise StoreUnavailable(f"cannot create {path.parent}: {err}") from err
        recovered_from: Path | None = None
        try:
            writer = _prepare(path, busy_timeout)
        except StoreCorrupt:
            recovered_from = _move_aside(path)
            writer = _prepare(path, busy_timeout)
        try:
            reader = _connect(path, busy_timeout, read_only=True)
        except sqlite3.Error as err:
            writer.close()
            raise _translate(err) from err
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
    def _writing(self) -> Iterator[sqlite3.Connection]:
        with self._write_lock:
            if self._closed:
                raise StoreError("the history store is closed")
            conn = self._writer
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as err:
                raise _translate(err) from err
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException as err:
                # Cached ids may name rows this transaction inserted and now rolls back.
                self._forget_refs()
                if conn.in_transaction:
                    with suppress(sqlite3.Error):
                        conn.execute("ROLLBACK")
                if isinstance(err, sqlite3.Error):
                    raise _translate(err) from err
                raise

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
                raise _translate(err) from err

    # --- lookup tables --------------------------------------------------------------

    def _forget_refs(self) -> None:
        self._refs.clear()
        self._users.clear()
        self._addresses.clear()

    def _intern(self, conn: sqlite3.Connection, table: str, values: tuple[Any, ...]) -> int:
        """The id of a lookup-table row holding `values`, inserted if new."""
        cached = self._refs.get((table, values))
        if cached is not None:
            return cached
        select, insert = _INTERN[table]
        # Labels are unique by their text; other tables by a digest of all their columns
        # (a UNIQUE constraint over nullable columns would let duplicates through).
        key = values[0] if table == "labels" else _key(*values)
        row = conn.execute(select, (key,)).fetchone()
        if row is not None:
            ref = int(row[0])
        else:
            params = values if table == "labels" else (key, *values)
            ref = int(conn.execute(insert, params).lastrowid or 0)
        if len(self._refs) >= _REF_CACHE_LIMIT:
            self._forget_refs()
        self._refs[(table, values)] = ref
        return ref

    def _label(self, conn: sqlite3.Connection, text: str | None) -> int | None:
        return None if text is None else self._intern(conn, "labels", (text,))

    def _user(self, conn: sqlite3.Connection, user_id: str, name: str, at: int) -> int:
        cached = self._users.get(user_id)
        if cached is not None and cached[1] == name:
            return cached[0]
        row = conn.execute("SELECT id, name FROM users WHERE plex_id = ?", (user_id,)).fetchone()
        if row is None:
            cursor = conn.execute(
                "INSERT INTO users (plex_id, name, last_seen) VALUES (?, ?, ?)",
                (user_id, name, at),
            )
            ref = int(cursor.lastrowid or 0)
        else:
            ref = int(row[0])
            if row[1] != name:
                # A renamed Plex user: the name is the user's, so older streams follow it.
                conn.execute("UPDATE users SET name = ? WHERE id = ?", (name, ref))
        self._users[user_id] = (ref, name)
        return ref

    def _snapshot_refs(
        self, conn: sqlite3.Connection, snapshot: StreamSnapshot, at: int
    ) -> _SnapshotRefs:
        player = (
            snapshot.player_machine_id,
            snapshot.player_title,
            snapshot.player_product,
            snapshot.player_platform,
            snapshot.player_device,
        )
        media = (
            schema.MEDIA_TYPE_CODES[snapshot.media_type],
            snapshot.title,
            snapshot.grandparent_title,
            snapshot.parent_title,
            snapshot.parent_index,
            snapshot.index,
            snapshot.year,
            snapshot.duration_ms,
        )
        address_ref: int | None = None
        ip_hash: str | None = None
        if snapshot.ip_address is not None:
            known = self._addresses.get(snapshot.ip_address)
            if known is None:
                known = self._address(conn, snapshot.ip_address)
            address_ref, ip_hash = known
        return _SnapshotRefs(
            user=self._user(conn, snapshot.user_id, snapshot.user_name, at),
            player=self._intern(conn, "players", player),
            media=self._intern(conn, "media", media),
            address=address_ref,
            ip_hash=ip_hash,
            network=self._label(conn, snapshot.network),
            transcode=self._label(conn, snapshot.transcode_decision),
            flags=_flags(snapshot),
        )

    def _address(self, conn: sqlite3.Connection, address: str) -> tuple[int, str]:
        digest = self._cipher.digest(address)
        row = conn.execute("SELECT id FROM addresses WHERE hash = ?", (digest,)).fetchone()
        if row is not None:
            ref = int(row[0])
        else:
            # One encryption per distinct address: later streams reuse the row.
            cursor = conn.execute(
                "INSERT INTO addresses (hash, token) VALUES (?, ?)",
                (digest, self._cipher.encrypt(address)),
            )
            ref = int(cursor.lastrowid or 0)
        if len(self._addresses) >= _REF_CACHE_LIMIT:
            self._forget_refs()
        self._addresses[address] = (ref, digest.hex())
        return ref, digest.hex()

    def _location(
        self, conn: sqlite3.Connection, location: Location | None
    ) -> tuple[int | None, int | None]:
        """The location's row and its country's label, created if new."""
        if location is None:
            return None, None
        values = (
            location.country_code,
            location.country_name,
            location.region,
            location.city,
            location.latitude,
            location.longitude,
            location.timezone,
            location.isp,
            location.org,
            location.asn,
            location.mobile,
            location.proxy,
            location.hosting,
            location.provider,
            _floor(location.looked_up_at),
        )
        ref = self._intern(conn, "locations", values)
        return ref, self._label(conn, location.country_code)

    def _load(self, conn: sqlite3.Connection, sql: str, params: Sequence[object]) -> list[Stream]:
        return [_stream_from(row, self._server_id) for row in conn.execute(sql, params)]

    def _load_one(self, conn: sqlite3.Connection, stream_id: int) -> Stream:
        streams = self._load(conn, _BY_ID, (stream_id,))
        if not streams:
            raise UnknownStream(f"no stream {stream_id}")
        return streams[0]

    # --- stream lifecycle -----------------------------------------------------------

    def open_streams(self) -> list[Stream]:
        """Streams not ended yet (the live set to resume after a restart)."""
        with self._reading() as conn:
            return self._load(conn, _OPEN, ())

    def start_stream(
        self,
        snapshot: StreamSnapshot,
        at: datetime,
        status: LocationStatus,
        location: Location | None,
    ) -> Stream:
        """Record a new stream first seen at `at`."""
        return self.start_streams([(snapshot, at, status, location)])[0]

    def start_streams(self, new: Sequence[NewStream]) -> list[Stream]:
        """Record several new streams in one transaction (a poll's, or a bulk import).

        Each commit rewrites a page of every index, so batching is what makes bulk
        ingest fast.
        """
        for _, _, status, location in new:
            _check_location(status, location)
        started_streams: list[Stream] = []
        rows: list[tuple[object, ...]] = []
        counted = _BatchCounts()
        self._size_cache(bulk=len(new) >= _BULK_BATCH)
        with self._writing() as conn:
            # Ids given up front let one executemany insert the batch (a per-row execute
            # cost as much as the insert itself). max(id) + 1 is the rowid SQLite would
            # pick (no AUTOINCREMENT), and the write lock keeps it ours until the commit.
            next_id = int(
                conn.execute("SELECT coalesce(max(id), 0) + 1 FROM streams").fetchone()[0]
            )
            for stream_id, (snapshot, at, status, location) in enumerate(new, start=next_id):
                row, stream = self._stream_row(
                    conn, stream_id, snapshot, at, status, location, counted
                )
                rows.append(row)
                started_streams.append(stream)
            conn.executemany(_INSERT_STREAM, rows)
            counted.write(conn)
        return started_streams

    def _size_cache(self, *, bulk: bool) -> None:
        """Grow the writer's page cache for a bulk import, shrink it after one."""
        if bulk == self._bulk_cache:
            return
        with self._write_lock:
            pages = _BULK_CACHE_PAGES if bulk else _CACHE_PAGES
            checkpoint = _BULK_CHECKPOINT_PAGES if bulk else _CHECKPOINT_PAGES
            try:
                self._writer.execute(f"PRAGMA cache_size = {pages}")
                self._writer.execute(f"PRAGMA wal_autocheckpoint = {checkpoint}")
            except sqlite3.Error as err:
                raise _translate(err) from err
            self._bulk_cache = bulk

    def _stream_row(  # noqa: PLR0917  (one row's parts, from start_streams)
        self,
        conn: sqlite3.Connection,
        stream_id: int,
        snapshot: StreamSnapshot,
        at: datetime,
        status: LocationStatus,
        location: Location | None,
        counted: _BatchCounts,
    ) -> tuple[tuple[object, ...], Stream]:
        """A new stream's row for _INSERT_STREAM and the record it stands for."""
        started = _floor(at)
        refs = self._snapshot_refs(conn, snapshot, started)
        location_ref, country_ref = self._location(conn, location)
        row = (
            stream_id,
            snapshot.session_key,
            refs.user,
            refs.player,
            refs.media,
            refs.address,
            location_ref,
            country_ref,
            refs.network,
            refs.transcode,
            started,
            started,
            schema.STATE_CODES[snapshot.state],
            schema.LOCATION_STATUS_CODES[status],
            schema.ADDRESS_RULE_CODES[snapshot.address_rule],
            refs.flags,
            snapshot.progress_ms,
            snapshot.bandwidth_kbps,
        )
        counted.add(refs.user, started, country_ref, refs.flags & schema.FLAG_LOCAL)
        if location_ref is not None:
            counted.located(refs.user, started, stream_id, location_ref)
        started_at = _time(started)
        return row, Stream(
            stream_id=stream_id,
            server_id=self._server_id,
            snapshot=snapshot,
            started_at=started_at,
            last_seen=started_at,
            ended_at=None,
            location_status=status,
            location=stored_location(location),
            ip_hash=refs.ip_hash,
        )

    def update_stream(self, stream_id: int, snapshot: StreamSnapshot, at: datetime) -> Stream:
        """Store a later poll of a stream: last seen, state, progress, bandwidth, address."""
        seen = _floor(at)
        with self._writing() as conn:
            refs = self._snapshot_refs(conn, snapshot, seen)
            cursor = conn.execute(_UPDATE_STREAM, _update_row(snapshot, refs, seen, stream_id))
            if cursor.rowcount == 0:
                raise UnknownStream(f"no stream {stream_id}")
            return self._load_one(conn, stream_id)

    def update_streams(self, updates: Sequence[StreamUpdate], at: datetime) -> list[Stream]:
        """Store a poll's sightings of live streams in one transaction.

        Each stream comes back built from the record given and its new snapshot, as
        `update_stream` would read it back (no address; last seen at `at`), without
        reading it again. Raises UnknownStream (and stores none) if any is gone.
        """
        if not updates:
            return []
        seen = _floor(at)
        rows: list[tuple[object, ...]] = []
        streams: list[Stream] = []
        with self._writing() as conn:
            for known, snapshot in updates:
                refs = self._snapshot_refs(conn, snapshot, seen)
                rows.append(_update_row(snapshot, refs, seen, known.stream_id))
                streams.append(
                    replace(
                        known,
                        snapshot=replace(snapshot, ip_address=None),
                        last_seen=_time(seen),
                        ip_hash=refs.ip_hash,
                    )
                )
            cursor = conn.executemany(_UPDATE_STREAM, rows)
            if cursor.rowcount != len(rows):
                ids = [stream.stream_id for stream in streams]
                found = {
                    row[0]
                    for row in conn.execute(
                        "SELECT id FROM streams WHERE id IN (SELECT value FROM json_each(?))",
                        (json.dumps(ids),),
                    )
                }
                missing = [stream_id for stream_id in ids if stream_id not in found]
                raise UnknownStream(f"no stream {missing[0] if missing else ids[0]}")
        return streams

    def end_streams(self, stream_ids: Sequence[int]) -> None:
        """Mark streams ended at the time they were last seen."""
        if not stream_ids:
            return
        with self._writing() as conn:
            conn.execute(
                "UPDATE streams SET ended_at = last_seen"
                " WHERE id IN (SELECT value FROM json_each(?)) AND ended_at IS NULL",
                (json.dumps([int(i) for i in stream_ids]),),
            )

    def set_location(
        self, stream_id: int, status: LocationStatus, location: Location | None
    ) -> Stream:
        """Record the outcome of a stream's geolocation; returns the stream as stored."""
        self.set_locations([(stream_id, status, location)])
        with self._writing() as conn:
            return self._load_one(conn, stream_id)

    def set_locations(self, outcomes: Sequence[LocationOutcome]) -> None:
        """Record several streams' geolocation outcomes in one transaction.

        Raises UnknownStream (and records none) if any stream is gone.
        """
        for _, status, location in outcomes:
            _check_location(status, location)
        if not outcomes:
            return
        with self._writing() as conn:
            rows = []
            for stream_id, status, location in outcomes:
                location_ref, country_ref = self._location(conn, location)
                rows.append(
                    (schema.LOCATION_STATUS_CODES[status], location_ref, country_ref, stream_id)
                )
            for row in rows:
                cursor = conn.execute(
                    "UPDATE streams SET location_status = ?, location_ref = ?, country_ref = ?"
                    " WHERE id = ?",
                    row,
                )
                if cursor.rowcount == 0:
                    raise UnknownStream(f"no stream {row[3]}")

    def streams(self, stream_ids: Sequence[int]) -> list[Stream]:
        """The streams with these ids that exist, in the order given (duplicates once)."""
        with self._reading() as conn:
            found = {
                stream.stream_id: stream
                for stream in self._load(conn, _BY_IDS, (json.dumps([int(i) for i in stream_ids]),))
            }
        return [found[i] for i in dict.fromkeys(stream_ids) if i in found]

    def stream(self, stream_id: int) -> Stream | None:
        """One stream by id, or None."""
        with self._reading() as conn:
            streams = self._load(conn, _BY_ID, (stream_id,))
        return streams[0] if streams else None

    def stream_address(self, stream_id: int) -> str | None:
        """The stream's IP address, decrypted; None when it has none (or no such stream)."""
        with self._reading() as conn:
            row = conn.execute(
                "SELECT a.token FROM streams AS s JOIN addresses AS a ON a.id = s.address_ref"
                " WHERE s.id = ?",
                (stream_id,),
            ).fetchone()
        return None if row is None else self._cipher.decrypt(row[0])

    def pending_streams(self, limit: int = 500) -> list[tuple[Stream, str]]:
        """Streams still waiting for a location (live or ended, newest first), with addresses."""
        with self._reading() as conn:
            rows = conn.execute(_PENDING, (limit,)).fetchall()
        decrypted: dict[bytes, str] = {}
        result = []
        for row in rows:
            token = bytes(row[44])
            if token not in decrypted:
                decrypted[token] = self._cipher.decrypt(token)
            result.append((_stream_from(row, self._server_id), decrypted[token]))
        return result

    def streams_started_since(self, since: datetime) -> int:
        """How many streams started at or after `since`."""
        with self._reading() as conn:
            row = conn.execute(
                "SELECT COUNT(*) FROM streams WHERE started_at >= ?", (_ceil(since),)
            ).fetchone()
        return int(row[0])

    def stream_log(
        self,
        *,
        user_id: str | None = None,
        country_code: str | None = None,
        since: datetime | None = None,
        before: datetime | None = None,
        after_stream_id: int | None = None,
        after: tuple[datetime, int] | None = None,
        local: bool | None = None,
        media_type: MediaType | None = None,
        search: str | None = None,
        limit: int = 50,
        addresses: bool = True,
    ) -> list[Stream]:
        """A page of the stream log, newest first, each address decrypted if `addresses`.

        Keyset pagination: `after` is the (started_at, stream_id) of the previous page's
        last stream (it need not exist any more); `after_stream_id` names that stream.
        `search` matches media titles (and show or artist) and player names, ignoring
        ASCII case.
        """
        clauses = ["1"]
        params: list[object] = []
        if user_id is not None:
            clauses.append("s.user_ref = " + _USER_REF)
            params.append(user_id)
        if country_code is not None:
            clauses.append("s.country_ref = (SELECT id FROM labels WHERE text = ?)")
            params.append(country_code)
        if since is not None:
            clauses.append("s.started_at >= ?")
            params.append(_ceil(since))
        if before is not None:
            clauses.append("s.started_at < ?")
            params.append(_ceil(before))
        if after_stream_id is not None:
            clauses.append(
                "s.started_at <= (SELECT started_at FROM streams WHERE id = ?)"
                " AND (s.started_at, s.id) < (SELECT started_at, id FROM streams WHERE id = ?)"
            )
            params.extend((after_stream_id, after_stream_id))
        if after is not None:
            clauses.append("s.started_at <= ? AND (s.started_at, s.id) < (?, ?)")
            params.extend((_floor(after[0]), _floor(after[0]), after[1]))
        if local is not None:
            clauses.append("s.flags & 1 = ?")
            params.append(schema.FLAG_LOCAL if local else 0)
        if media_type is not None:
            # The unary + keeps streams_by_media from driving: a whole media type's
            # streams would then be sorted; walking the log by time stops at a page.
            clauses.append("+s.media_ref IN (SELECT id FROM media WHERE media_type = ?)")
            params.append(schema.MEDIA_TYPE_CODES[media_type])
        # The clauses are fixed strings chosen above; every value is a parameter.
        where = " AND ".join(clauses)
        with self._reading() as conn:
            if search is None:
                rows = conn.execute(
                    _STREAM_SELECT + "WHERE " + where + _LOG_ORDER + " LIMIT ?", (*params, limit)
                ).fetchall()
            else:
                rows = self._search(conn, search, where, params, limit)
        decrypted: dict[bytes, str] = {}
        streams = []
        for row in rows:
            address = None
            if addresses and row[44] is not None:
                token = bytes(row[44])
                if token not in decrypted:
                    decrypted[token] = self._cipher.decrypt(token)
                address = decrypted[token]
            streams.append(_stream_from(row, self._server_id, address))
        return streams

    def _search(
        self, conn: sqlite3.Connection, text: str, where: str, params: list[object], limit: int
    ) -> list[Any]:
        """Log rows whose media or player matches `text`: match the small tables first,
        then walk the log newest first testing each stream's refs against the matches."""
        pattern = _like(text)
        if self._trigram and len(text) >= _TRIGRAM:
            phrase = '"' + text.replace('"', '""') + '"'
            media = conn.execute(_MEDIA_FTS, (pattern, phrase)).fetchall()
            players = conn.execute(_PLAYER_FTS, (pattern, phrase)).fetchall()
        else:
            media = conn.execute(_MEDIA_LIKE, (pattern,)).fetchall()
            players = conn.execute(_PLAYER_LIKE, (pattern,)).fetchall()
        if not media and not players:
            return []
        sql = _STREAM_SELECT + "WHERE " + where + _SEARCH_MATCH + _LOG_ORDER + " LIMIT ?"
        refs = (json.dumps([row[0] for row in found]) for found in (media, players))
        return conn.execute(sql, (*params, *refs, limit)).fetchall()

    def stream_addresses(self, stream_ids: Sequence[int]) -> dict[int, str]:
        """The decrypted addresses of the given streams that have one."""
        with self._reading() as conn:
            rows = conn.execute(
                "SELECT s.id, a.token FROM streams AS s JOIN addresses AS a ON a.id = s.address_ref"
                " WHERE s.id IN (SELECT value FROM json_each(?))",
                (json.dumps([int(i) for i in stream_ids]),),
            ).fetchall()
        return {int(row[0]): self._cipher.decrypt(bytes(row[1])) for row in rows}

    # --- panel queries --------------------------------------------------------------

    def _country_names(self, conn: sqlite3.Connection, codes: set[str]) -> dict[str, str]:
        rows = conn.execute(_COUNTRY_NAMES, (json.dumps(sorted(codes)),)).fetchall()
        return {row[0]: row[1] or row[0] for row in rows}

    def _locations(self, conn: sqlite3.Connection, refs: set[int]) -> dict[int, Location]:
        rows = conn.execute(_LOCATION_SELECT, (json.dumps(sorted(refs)),)).fetchall()
        return {int(row[0]): _location_from(row[1:]) for row in rows}

    def _labels(self, conn: sqlite3.Connection) -> dict[int, str]:
        # A small vocabulary (network names, transcode decisions, country codes).
        return {int(row[0]): row[1] for row in conn.execute("SELECT id, text FROM labels")}

    def users_overview(self) -> list[UserOverview]:
        """Every user with streams on record, by name: totals, countries, last place."""
        with self._reading() as conn:
            users = conn.execute(_USERS_OVERVIEW).fetchall()
            # SQLite orders the countries (most streams first, then code): sorting 4,600
            # (count, code) tuples in Python was a third of the list's time at 1M streams.
            countries: dict[int, list[str]] = {}
            for user_ref, code in conn.execute(_USER_COUNTRIES):
                countries.setdefault(user_ref, []).append(code)
            locations = self._locations(conn, {row[5] for row in users if row[5] is not None})
            unacknowledged = dict(
                conn.execute(
                    "SELECT user_id, COUNT(*) FROM alerts WHERE acknowledged_at IS NULL"
                    " GROUP BY user_id"
                ).fetchall()
            )
        return [
            UserOverview(
                user_id=plex_id,
                user_name=name,
                stream_count=int(total or 0),
                countries=tuple(countries.get(ref, ())),
                last_seen=_time(last_seen),
                last_location=None if location_ref is None else locations.get(location_ref),
                unacknowledged_alerts=int(unacknowledged.get(plex_id, 0)),
            )
            for ref, plex_id, name, last_seen, total, location_ref in users
        ]

    def user_activity(self, user_id: str, since: datetime) -> UserActivity | None:
        """The user's streams started on or after the UTC day of `since`; None if unknown."""
        first_day = max(_floor(since), 0) // _DAY
        with self._reading() as conn:
            user = conn.execute(
                "SELECT id, name FROM users WHERE plex_id = ?", (user_id,)
            ).fetchone()
            if user is None:
                return None
            ref = int(user[0])
            days = conn.execute(
                "SELECT day, SUM(count) FROM user_days WHERE user_ref = ? AND day >= ?"
                " GROUP BY day ORDER BY day",
                (ref, first_day),
            ).fetchall()
            by_country = conn.execute(
                "SELECT l.text, SUM(d.count) FROM user_days AS d JOIN labels AS l"
                " ON l.id = d.country_ref WHERE d.user_ref = ? AND d.day >= ?"
                " AND d.country_ref != 0 GROUP BY d.country_ref",
                (ref, first_day),
            ).fetchall()
            names = self._country_names(conn, {row[0] for row in by_country})
            start = first_day * _DAY
            per_location = conn.execute(_USER_PLACES, (ref, start, start)).fetchall()
            locations = self._locations(conn, {row[0] for row in per_location})
        places: dict[tuple[object, ...], tuple[Location, int]] = {}
        for location_ref, count in per_location:
            location = locations[location_ref]
            # Lookups at other times give the same place other rows: one dot per place.
            key = (location.country_code, location.city, location.latitude, location.longitude)
            known = places.get(key)
            places[key] = (location, count + (known[1] if known else 0))
        return UserActivity(
            user_id=user_id,
            user_name=user[1],
            days=tuple((_day_date(day), int(count)) for day, count in days),
            countries=tuple(
                sorted(
                    (CountryCount(code, names[code], int(count)) for code, count in by_country),
                    key=lambda c: (-c.count, c.country_code),
                )
            ),
            places=tuple(
                PlaceCount(location, count)
                for location, count in sorted(
                    places.values(), key=lambda p: (-p[1], p[0].country_code, p[0].city or "")
                )
            ),
        )

    def trends(self, since: datetime, until: datetime) -> Trends:
        """Streams started in [since, until): whole UTC days from the rollups, the partial
        days at either end from the streams themselves, so every count is exact."""
        lower = max(_ceil(since), 0)
        upper = max(_ceil(until), lower)
        first_full = -(-lower // _DAY)
        end_full = upper // _DAY
        if first_full >= end_full:
            first_full = end_full = 0
            edges = [(lower, upper)]
        else:
            edges = [(lower, first_full * _DAY), (end_full * _DAY, upper)]
        months, day_ranges = _month_split(first_full, end_full)
        per_day: dict[tuple[int, int], int] = {}
        countries: dict[int, int] = {}
        users: dict[str, list[Any]] = {}
        network = [0, 0]  # wan, lan
        with self._reading() as conn:
            for day, country_ref, local, count in conn.execute(
                "SELECT day, country_ref, local, SUM(count) FROM country_days"
                " WHERE day >= ? AND day < ? GROUP BY day, country_ref, local",
                (first_full, end_full),
            ):
                _tally(per_day, countries, network, day, country_ref, local, count)
            for plex_id, name, count in conn.execute(
                _USER_TOTALS, (*months, *day_ranges[0], *day_ranges[1])
            ):
                users[plex_id] = [name, count]
            for start, end in edges:
                for started, country_ref, flags, plex_id, name in conn.execute(
                    "SELECT s.started_at, s.country_ref, s.flags, u.plex_id, u.name"
                    " FROM streams AS s JOIN users AS u ON u.id = s.user_ref"
                    " WHERE s.started_at >= ? AND s.started_at < ?",
                    (start, end),
                ):
                    _tally(per_day, countries, network, started // _DAY, country_ref, flags & 1, 1)
                    users.setdefault(plex_id, [name, 0])[1] += 1
            labels = self._labels(conn)
            names = self._country_names(conn, {labels[ref] for ref in countries})
        top = heapq.nsmallest(
            _TOP_USERS,
            ((-int(count), plex_id, name) for plex_id, (name, count) in users.items() if count),
        )
        return Trends(
            per_day=tuple(
                DayCount(_day_date(day), labels[ref], count)
                for (day, ref), count in sorted(per_day.items())
            ),
            countries=tuple(
                sorted(
                    (CountryCount(labels[r], names[labels[r]], n) for r, n in countries.items()),
                    key=lambda c: (-c.count, c.country_code),
                )
            ),
            users=tuple(UserCount(plex_id, name, -count) for count, plex_id, name in top),
            lan=network[1],
            wan=network[0],
        )

    # --- geolocation cache ----------------------------------------------------------

    def cached_location(self, address_hash: str, now: datetime, ttl: timedelta) -> Location | None:
        """The cached location of an address hash, unless looked up `ttl` or longer ago."""
        with self._reading() as conn:
            row = conn.execute(
                "SELECT l.country_code, l.country_name, l.region, l.city, l.latitude,"
                " l.longitude, l.timezone, l.isp, l.org, l.asn, l.mobile, l.proxy, l.hosting,"
                " l.provider, l.looked_up_at FROM geo_cache AS g"
                " JOIN locations AS l ON l.id = g.location_ref WHERE g.hash = ?",
                (bytes.fromhex(address_hash),),
            ).fetchone()
        if row is None:
            return None
        location = _location_from(row)
        return location if now - location.looked_up_at < ttl else None

    def cache_location(self, address_hash: str, location: Location) -> None:
        """Remember where an address hash is."""
        with self._writing() as conn:
            location_ref, _ = self._location(conn, location)
            conn.execute(
                "INSERT INTO geo_cache (hash, location_ref) VALUES (?, ?)"
                " ON CONFLICT (hash) DO UPDATE SET location_ref = excluded.location_ref",
                (bytes.fromhex(address_hash), location_ref),
            )

    def country_name(self, country_code: str) -> str | None:
        """The name the latest stored location gives a country code, or None if unseen."""
        with self._reading() as conn:
            row = conn.execute(
                "SELECT country_name FROM locations WHERE country_code = ?"
                " ORDER BY looked_up_at DESC LIMIT 1",
                (country_code,),
            ).fetchone()
        return None if row is None else str(row[0])

    # --- detector queries -----------------------------------------------------------

    def country_counts(
        self,
        user_id: str,
        since: datetime,
        before: datetime,
        exclude_stream_id: int | None = None,
    ) -> dict[str, int]:
        """The user's located streams started in [since, before), counted by country."""
        lower = _ceil(since)
        upper = max(_ceil(before), lower)
        # Whole UTC days from the rollup (rollup days of non-negative times only, where
        # truncating and flooring agree); the partial days at either end from streams.
        first_full = -(-max(lower, 0) // _DAY)
        end_full = max(upper, 0) // _DAY
        if first_full >= end_full:
            first_full = end_full = 0
            edges = [(lower, upper)]
        else:
            edges = [(lower, first_full * _DAY), (end_full * _DAY, upper)]
        counts: dict[int, int] = {}
        with self._reading(snapshot=True) as conn:
            user = conn.execute("SELECT id FROM users WHERE plex_id = ?", (user_id,)).fetchone()
            if user is None:
                return {}
            ref = int(user[0])
            rows = conn.execute(_COUNTRY_DAYS, (ref, first_full, end_full)).fetchall()
            for start, end in edges:
                rows += conn.execute(_COUNTRY_EDGE, (ref, start, end, exclude_stream_id)).fetchall()
            for country_ref, count in rows:
                counts[country_ref] = counts.get(country_ref, 0) + int(count)
            if exclude_stream_id is not None:
                excluded = conn.execute(
                    "SELECT country_ref FROM streams WHERE id = ? AND user_ref = ?"
                    " AND location_status = 4 AND started_at >= ? AND started_at < ?",
                    (exclude_stream_id, ref, first_full * _DAY, end_full * _DAY),
                ).fetchone()
                if excluded is not None:
                    counts[excluded[0]] -= 1
            labels = {
                int(row[0]): str(row[1])
                for row in conn.execute(
                    "SELECT id, text FROM labels WHERE id IN (SELECT value FROM json_each(?))",
                    (json.dumps(sorted(counts)),),
                )
            }
        return {labels[country_ref]: count for country_ref, count in counts.items() if count}

    def previous_located_stream(
        self, user_id: str, before: datetime, exclude_stream_id: int
    ) -> Stream | None:
        """The user's most recently seen other located stream started at or before `before`."""
        with self._reading() as conn:
            streams = self._load(
                conn, _PREVIOUS_LOCATED, (user_id, _floor(before), exclude_stream_id)
            )
        return streams[0] if streams else None

    def live_located_streams(self, user_id: str) -> list[Stream]:
        """The user's streams that are live and located."""
        with self._reading() as conn:
            return self._load(conn, _LIVE_LOCATED, (user_id,))

    # --- alerts and trust -----------------------------------------------------------

    def add_alert(self, alert: Alert, dedup_key: str) -> Alert:
        """Store an alert; returns it with its id (times truncated to the second)."""
        created = _floor(alert.created_at)
        acknowledged = None if alert.acknowledged_at is None else _floor(alert.acknowledged_at)
        with self._writing() as conn:
            cursor = conn.execute(
                _INSERT_ALERT,
                (
                    alert.kind.value,
                    alert.stream_id,
                    alert.user_id,
                    alert.user_name,
                    dedup_key,
                    created,
                    alert.country_code,
                    alert.country_name,
                    alert.city,
                    alert.latitude,
                    alert.longitude,
                    alert.share,
                    alert.session_count,
                    alert.previous_country_code,
                    alert.previous_country_name,
                    alert.previous_city,
                    alert.distance_km,
                    alert.speed_kmh,
                    alert.media_title,
                    alert.player,
                    acknowledged,
                    alert.acknowledged_by,
                ),
            )
            alert_id = int(cursor.lastrowid or 0)
        return replace(
            alert,
            alert_id=alert_id,
            created_at=_time(created),
            acknowledged_at=_time_or_none(acknowledged),
        )

    def alert_exists_since(self, user_id: str, dedup_key: str, since: datetime) -> bool:
        """Whether the user has an alert with this dedup key created at or after `since`."""
        with self._reading() as conn:
            row = conn.execute(
                "SELECT 1 FROM alerts WHERE user_id = ? AND dedup_key = ? AND created_at >= ?"
                " LIMIT 1",
                (user_id, dedup_key, _ceil(since)),
            ).fetchone()
        return row is not None

    def alert(self, alert_id: int) -> Alert | None:
        """One alert by id, or None."""
        with self._reading() as conn:
            row = conn.execute(_ALERT_SELECT + "WHERE id = ?", (alert_id,)).fetchone()
        return None if row is None else _alert_from(row)

    def alerts(
        self,
        *,
        acknowledged: bool | None = None,
        user_id: str | None = None,
        limit: int = 100,
        before_id: int | None = None,
    ) -> list[Alert]:
        """Alerts newest first, optionally filtered; `before_id` pages back."""
        clauses = ["1"]
        params: list[object] = []
        if acknowledged is not None:
            # Literal conditions, so alerts_unacknowledged (a partial index) can serve them.
            clauses.append(
                "acknowledged_at IS NOT NULL" if acknowledged else "acknowledged_at IS NULL"
            )
        if user_id is not None:
            clauses.append("user_id = ?")
            params.append(user_id)
        if before_id is not None:
            clauses.append("id < ?")
            params.append(before_id)
        with self._reading() as conn:
            rows = conn.execute(
                _ALERT_SELECT + "WHERE " + " AND ".join(clauses) + " ORDER BY id DESC LIMIT ?",
                (*params, limit),
            ).fetchall()
        return [_alert_from(row) for row in rows]

    def acknowledge_alerts(
        self, alert_ids: Sequence[int] | None, by: str | None, at: datetime
    ) -> list[Alert]:
        """Acknowledge the given alerts (None: all unacknowledged); returns those newly done."""
        ids = None if alert_ids is None else json.dumps([int(i) for i in alert_ids])
        with self._writing() as conn:
            rows = conn.execute(_ACKNOWLEDGE, (_floor(at), by, ids)).fetchall()
        return sorted((_alert_from(row) for row in rows), key=lambda a: a.alert_id, reverse=True)

    def unacknowledged_count(self) -> int:
        """How many alerts nobody has acknowledged."""
        with self._reading() as conn:
            row = conn.execute(
                "SELECT COUNT(*) FROM alerts WHERE acknowledged_at IS NULL"
            ).fetchone()
        return int(row[0])

    def trusted_countries(self, user_id: str) -> frozenset[str]:
        """Countries the user is trusted to stream from without alerts."""
        with self._reading() as conn:
            rows = conn.execute(
                "SELECT country_code FROM trusted_countries WHERE user_id = ?", (user_id,)
            ).fetchall()
        return frozenset(row[0] for row in rows)

    def trust_country(self, user_id: str, country_code: str) -> None:
        """Trust a country for a user (idempotent)."""
        with self._writing() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO trusted_countries (user_id, country_code) VALUES (?, ?)",
                (user_id, country_code),
            )

    def untrust_country(self, user_id: str, country_code: str) -> bool:
        """Stop trusting a country; False if it was not trusted."""
        with self._writing() as conn:
            cursor = conn.execute(
                "DELETE FROM trusted_countries WHERE user_id = ? AND country_code = ?",
                (user_id, country_code),
            )
            return cursor.rowcount > 0

    # --- retention ------------------------------------------------------------------

    def purge_older_than(self, before: datetime, batch_size: int = 1000) -> int:
        """Delete ended streams last seen before `before` (with their alerts), batch by
        batch, then rows nothing refers to any more; returns how many streams went."""
        if batch_size < 1:
            raise ValueError("batch_size must be positive")
        cutoff = _ceil(before)
        total = 0
        while True:
            # One transaction per batch, releasing the lock between them so polls interleave.
            with self._writing() as conn:
                deleted = conn.execute(_PURGE_BATCH, (cutoff, cutoff, batch_size)).rowcount
            total += deleted
            if deleted < batch_size:
                break
        with self._writing() as conn:
            conn.execute(_PURGE_ORPHANS[0], (cutoff,))
            for statement in _PURGE_ORPHANS[1:]:
                conn.execute(statement)
            self._forget_refs()
        return total

    def stats(self) -> StoreStats:
        """Row counts and file size."""
        with self._reading() as conn:
            row = conn.execute(
                "SELECT (SELECT COUNT(*) FROM streams),"
                " (SELECT COUNT(*) FROM streams WHERE ended_at IS NULL),"
                " (SELECT COUNT(*) FROM alerts),"
                " (SELECT COUNT(*) FROM alerts WHERE acknowledged_at IS NULL),"
                " (SELECT COUNT(*) FROM geo_cache), (SELECT user_version FROM pragma_user_version)"
            ).fetchone()
        size = 0
        for name in (self._path.name, f"{self._path.name}-wal"):
            with suppress(FileNotFoundError):
                size += self._path.with_name(name).stat().st_size
        return StoreStats(
            streams=row[0],
            open_streams=row[1],
            alerts=row[2],
            unacknowledged_alerts=row[3],
            cached_locations=row[4],
            schema_version=row[5],
            file_size_bytes=size,
        )
