"""History imported from Tautulli: idempotent, resumable batches of ended streams.

A batch is one transaction: its streams, their rollup counts and devices, the row ids it
consumed and the import's cursor and summary commit together or not at all, so an import
killed at any point resumes from its last whole batch and never repeats a row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
import json
import sqlite3

from .. import schema
from ..models import LocationStatus, Stream, StreamSnapshot
from ..peaks import raise_peaks
from . import sql
from .codecs import insert_row
from .files import BULK_CHECKPOINT_PAGES, translate
from .rollups import BatchCounts
from .streams import StreamLifecycle

# One imported play: Tautulli's row id, the stream it is, when it started and stopped
# (epoch seconds).
type ImportRow = tuple[int, StreamSnapshot, int, int]
# A play not imported before: its row, and its user's row if the user has one.
type _Fresh = tuple[int, StreamSnapshot, int, int, int | None]

_STREAM_COLUMNS = (*sql.STREAM_COLUMNS, "ended_at")
_INSERT = (
    f"INSERT INTO streams ({', '.join(_STREAM_COLUMNS)})"  # noqa: S608  (fixed names)
    f" VALUES ({', '.join('?' * len(_STREAM_COLUMNS))})"
)
IMPORT_CACHE_PAGES = -65_536  # 64 MiB

# The streams recorded live that a batch's plays are, in one statement (a query per play
# cost more in Python than in SQLite): for each play [user row, start, machine id, player
# name], the first stream of that user and device (machine id, else player name) started
# within the tolerance, not itself imported.
_LIVE_TWINS = f"""
SELECT j.key, (
    SELECT s.id FROM streams AS s INDEXED BY streams_by_user
    JOIN players AS p ON p.id = s.player_ref
    WHERE s.user_ref = json_extract(j.value, '$[0]')
        AND s.started_at BETWEEN json_extract(j.value, '$[1]') - ?2
            AND json_extract(j.value, '$[1]') + ?2
        AND (s.flags & {schema.FLAG_IMPORTED}) = 0
        AND CASE WHEN json_extract(j.value, '$[2]') != ''
            THEN p.machine_id = json_extract(j.value, '$[2]')
            ELSE p.title = json_extract(j.value, '$[3]') END
    LIMIT 1
) FROM json_each(?1) AS j
"""  # noqa: S608  (a fixed flag, no value)
# What SQLite's foreign keys check row by row, once per distinct reference of a batch:
# its users, players, media, addresses and labels.
_MISSING_REFERENCES = """
SELECT (SELECT count(*) FROM json_each(?1) WHERE value NOT IN (SELECT id FROM users))
    + (SELECT count(*) FROM json_each(?2) WHERE value NOT IN (SELECT id FROM players))
    + (SELECT count(*) FROM json_each(?3) WHERE value NOT IN (SELECT id FROM media))
    + (SELECT count(*) FROM json_each(?4) WHERE value NOT IN (SELECT id FROM addresses))
    + (SELECT count(*) FROM json_each(?5) WHERE value NOT IN (SELECT id FROM labels))
"""
# Where those references sit in a row of _INSERT (location_ref is always NULL).
_USER_AT, _PLAYER_AT, _MEDIA_AT, _ADDRESS_AT = (
    sql.STREAM_COLUMNS.index(name)
    for name in ("user_ref", "player_ref", "media_ref", "address_ref")
)
_LABELS_AT = tuple(
    sql.STREAM_COLUMNS.index(name)
    for name in ("country_ref", "network_ref", "transcode_ref", "resolution_ref")
)
# A batch's sightings of one device of one user, counted together.
_DEVICES_SEEN = """
INSERT INTO user_devices (user_ref, machine_id, first_seen, last_seen, count)
VALUES (?1, ?2, ?3, ?4, ?5)
ON CONFLICT (user_ref, machine_id) DO UPDATE
SET first_seen = min(first_seen, excluded.first_seen),
    last_seen = max(last_seen, excluded.last_seen), count = count + excluded.count
"""
_PENDING_IMPORTED = f"""
SELECT s.id, a.token FROM streams AS s INDEXED BY streams_pending
JOIN addresses AS a ON a.id = s.address_ref
WHERE s.location_status = 3 AND (s.flags & {schema.FLAG_IMPORTED}) != 0
ORDER BY s.started_at LIMIT ?
"""  # noqa: S608  (a fixed flag, no value)


_IMPORTED_COUNTRIES = f"""
SELECT DISTINCT l.text FROM streams AS s JOIN labels AS l ON l.id = s.country_ref
WHERE s.flags & {schema.FLAG_IMPORTED} ORDER BY 1
"""  # noqa: S608  (a fixed flag, no value)


@dataclass(frozen=True, slots=True)
class ImportBatch:
    """What one batch did to the store."""

    added: int  # new streams
    duplicates: int  # rows imported before
    already_live: int  # rows PlexGeo had recorded live


class HistoryImport(StreamLifecycle):
    """Tautulli's plays as ended, imported streams."""

    def import_state(self, source: str) -> str | None:
        """The import's saved cursor and summary (the importer's JSON), or None."""
        with self._reading() as conn:
            row = conn.execute("SELECT state FROM imports WHERE source = ?", (source,)).fetchone()
        return None if row is None else str(row[0])

    def save_import_state(self, source: str, state: str) -> None:
        """Save the import's cursor and summary outside a batch (a phase change)."""
        with self._writing() as conn:
            _save_state(conn, source, state)

    def import_streams(
        self,
        plays: Sequence[ImportRow],
        *,
        source: str,
        state: Callable[[ImportBatch], str],
        tolerance_seconds: int,
        home_country: str | None = None,
    ) -> ImportBatch:
        """Add plays not imported before and not recorded live, in one transaction with
        the import's new state (`state` turns the batch's counts into it). LAN plays
        count for `home_country`, as live ones do."""
        self._import_cache()
        with self._writing(foreign_keys=False) as conn:
            fresh, duplicates = self._fresh_plays(conn, plays)
            twins = _live_twins(conn, fresh, tolerance_seconds)
            home_ref = self._ids.label(conn, home_country) if home_country else None
            next_id = int(
                conn.execute("SELECT coalesce(max(id), 0) + 1 FROM streams").fetchone()[0]
            )
            rows: list[tuple[object, ...]] = []
            consumed: list[tuple[int, int]] = []
            counted = BatchCounts()
            devices = _Devices()
            for index, (row_id, play, started, stopped, user_ref) in enumerate(fresh):
                twin = twins.get(index)
                if twin is not None:
                    consumed.append((row_id, twin))
                    continue
                # A user new in this batch is named by its first play, as a known one is.
                snapshot = play if user_ref is not None else self._todays_name(conn, play)[0]
                stream_id = next_id + len(rows)
                refs = self._ids.snapshot_refs(conn, snapshot, started)
                country = home_ref if snapshot.local else None
                flags = refs.flags | schema.FLAG_IMPORTED
                ended = max(started, stopped)
                status = _status(snapshot)
                row = insert_row(
                    stream_id,
                    snapshot,
                    refs,
                    started=started,
                    last_seen=ended,
                    status=status,
                    location_ref=None,  # located after the history phase
                    country_ref=country,
                    flags=flags,
                )
                rows.append((*row, ended))  # and ended_at
                counted.add(refs.user, started, country, flags & schema.FLAG_LOCAL)
                # At home if LAN; the others are placed once located.
                counted.placed(refs.user, started, status, None)
                consumed.append((row_id, stream_id))
                if snapshot.player_machine_id:
                    devices.seen(refs.user, snapshot.player_machine_id, started)
            _check_references(conn, rows)
            conn.executemany(_INSERT, rows)
            counted.write(conn)
            if rows:
                raise_peaks(conn, next_id, next_id + len(rows) - 1, in_the_past=True)
            conn.executemany(_DEVICES_SEEN, devices.rows())
            conn.executemany(
                "INSERT INTO imported_rows (row_id, stream_ref) VALUES (?, ?)", consumed
            )
            batch = ImportBatch(
                added=len(rows), duplicates=duplicates, already_live=len(fresh) - len(rows)
            )
            _save_state(conn, source, state(batch))
        return batch

    def _fresh_plays(
        self, conn: sqlite3.Connection, plays: Sequence[ImportRow]
    ) -> tuple[list[_Fresh], int]:
        """The plays not imported before (a row id seen twice counts once), each with its
        user's row if the user has one, and how many were imported before."""
        known = _known_rows(conn, [row_id for row_id, *_ in plays])
        fresh: list[_Fresh] = []
        duplicates = 0
        for row_id, play, started, stopped in plays:
            if row_id in known:
                duplicates += 1
                continue
            known.add(row_id)
            snapshot, user_ref = self._todays_name(conn, play)
            fresh.append((row_id, snapshot, started, stopped, user_ref))
        return fresh, duplicates

    def _todays_name(
        self, conn: sqlite3.Connection, play: StreamSnapshot
    ) -> tuple[StreamSnapshot, int | None]:
        """The play under its user's current name, and the user's row if there is one.

        An old play carries the name of its day: a known user keeps today's.
        """
        user = self._ids.known_user(conn, play.user_id)
        if user is None:
            return play, None
        if user[1] != play.user_name:
            return replace(play, user_name=user[1]), user[0]
        return play, user[0]

    def _import_cache(self) -> None:
        """A page cache for imports: large enough for a batch's pages, small enough that
        a long import stays within its memory budget (bulk ingest's is twice this)."""
        with self._write_lock:
            try:
                self._writer.execute(f"PRAGMA cache_size = {IMPORT_CACHE_PAGES}")
                self._writer.execute(f"PRAGMA wal_autocheckpoint = {BULK_CHECKPOINT_PAGES}")
            except sqlite3.Error as err:
                raise translate(err) from err
            # A poll's small batch sets the usual cache again (see _size_cache).
            self._bulk_cache = True

    def pending_imported(self, limit: int) -> list[tuple[Stream, str]]:
        """Imported streams still waiting for a location, oldest first, with addresses."""
        with self._reading() as conn:
            rows = conn.execute(_PENDING_IMPORTED, (limit,)).fetchall()
            ids = [int(row[0]) for row in rows]
            decrypted: dict[bytes, str] = {}
            addresses = []
            for _, token in rows:
                key = bytes(token)
                if key not in decrypted:
                    decrypted[key] = self._cipher.decrypt(key)
                addresses.append(decrypted[key])
            streams = {s.stream_id: s for s in self._load(conn, sql.BY_IDS, (json.dumps(ids),))}
        return [(streams[i], a) for i, a in zip(ids, addresses, strict=True) if i in streams]

    def imported_countries(self) -> list[str]:
        """The countries imported streams count for (one pass over the streams)."""
        with self._reading() as conn:
            rows = conn.execute(_IMPORTED_COUNTRIES).fetchall()
        return [str(row[0]) for row in rows]

    def imported_count(self) -> int:
        """How many streams were imported."""
        with self._reading() as conn:
            row = conn.execute(
                f"SELECT COUNT(*) FROM streams WHERE flags & {schema.FLAG_IMPORTED}"  # noqa: S608
            ).fetchone()
        return int(row[0])


def _status(snapshot: StreamSnapshot) -> LocationStatus:
    if snapshot.local:
        return LocationStatus.LOCAL
    return LocationStatus.UNKNOWN if snapshot.ip_address is None else LocationStatus.PENDING


def _live_twins(conn: sqlite3.Connection, fresh: list[_Fresh], tolerance: int) -> dict[int, int]:
    """The live-recorded streams some of `fresh` are (index in `fresh` -> stream id)."""
    probes = {
        index: [user_ref, started, play.player_machine_id, play.player_title]
        for index, (_, play, started, _, user_ref) in enumerate(fresh)
        if user_ref is not None  # a user PlexGeo never saw has no live streams
    }
    if not probes:
        return {}
    keys = list(probes)
    found = conn.execute(_LIVE_TWINS, (json.dumps(list(probes.values())), tolerance))
    return {keys[int(key)]: int(twin) for key, twin in found if twin is not None}


def _check_references(conn: sqlite3.Connection, rows: list[tuple[object, ...]]) -> None:
    """Raise (as SQLite would) if a row names a user, player, media, address or label
    that does not exist: the batch is written with foreign keys off."""
    if not rows:
        return
    columns = list(zip(*rows, strict=True))
    labels = set().union(*(columns[at] for at in _LABELS_AT))
    references = [
        set(columns[_USER_AT]),
        set(columns[_PLAYER_AT]),
        set(columns[_MEDIA_AT]),
        set(columns[_ADDRESS_AT]),
        labels,
    ]
    texts = [json.dumps([ref for ref in refs if ref is not None]) for refs in references]
    if conn.execute(_MISSING_REFERENCES, texts).fetchone()[0]:
        raise sqlite3.IntegrityError("FOREIGN KEY constraint failed")


class _Devices:
    """A batch's device sightings per (user, machine id): first, last, how many."""

    def __init__(self) -> None:
        self._seen: dict[tuple[int, str], list[int]] = {}

    def seen(self, user_ref: int, machine_id: str, at: int) -> None:
        known = self._seen.get((user_ref, machine_id))
        if known is None:
            self._seen[user_ref, machine_id] = [at, at, 1]
        else:
            known[0] = min(known[0], at)
            known[1] = max(known[1], at)
            known[2] += 1

    def rows(self) -> list[tuple[int, str, int, int, int]]:
        return [
            (user, machine, first, last, count)
            for (user, machine), (first, last, count) in self._seen.items()
        ]


def _known_rows(conn: sqlite3.Connection, row_ids: list[int]) -> set[int]:
    return {
        int(row[0])
        for row in conn.execute(
            "SELECT row_id FROM imported_rows WHERE row_id IN (SELECT value FROM json_each(?))",
            (json.dumps(row_ids),),
        )
    }


def _save_state(conn: sqlite3.Connection, source: str, state: str) -> None:
    conn.execute(
        "INSERT INTO imports (source, state) VALUES (?, ?)"
        " ON CONFLICT (source) DO UPDATE SET state = excluded.state",
        (source, state),
    )
