"""History imported from Tautulli: idempotent, resumable batches of ended streams.

A batch is one transaction: its streams, their rollup counts and devices, the row ids it
consumed and the import's cursor and summary commit together or not at all, so an import
killed at any point resumes from its last whole batch and never repeats a row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
import json
import sqlite3
from typing import Any

from .. import schema
from ..models import LocationStatus, Stream, StreamSnapshot
from ..peaks import raise_peaks
from . import sql
from .codecs import floor_seconds
from .files import BULK_CHECKPOINT_PAGES, translate
from .rollups import BatchCounts
from .streams import StreamLifecycle

# One imported play: Tautulli's row id, the stream it is, when it started and stopped.
type ImportRow = tuple[int, StreamSnapshot, datetime, datetime]

_STREAM_COLUMNS = (*sql.STREAM_COLUMNS, "ended_at")
_INSERT = (
    f"INSERT INTO streams ({', '.join(_STREAM_COLUMNS)})"  # noqa: S608  (fixed names)
    f" VALUES ({', '.join('?' * len(_STREAM_COLUMNS))})"
)
IMPORT_CACHE_PAGES = -65_536  # 64 MiB
# Row positions in that insert.
_USER, _COUNTRY, _STARTED, _LAST_SEEN, _FLAGS = 2, 7, 10, 11, 15

# A stream recorded live that an imported row is: same user and device (machine id, else
# player name), started within the tolerance, and not itself imported.
_LIVE_TWIN = f"""
SELECT s.id FROM streams AS s INDEXED BY streams_by_user
JOIN players AS p ON p.id = s.player_ref
WHERE s.user_ref = ?1 AND s.started_at BETWEEN ?2 - ?3 AND ?2 + ?3
    AND (s.flags & {schema.FLAG_IMPORTED}) = 0
    AND CASE WHEN ?4 != '' THEN p.machine_id = ?4 ELSE p.title = ?5 END
LIMIT 1
"""  # noqa: S608  (a fixed flag, no value)
_DEVICE_SEEN = """
INSERT INTO user_devices (user_ref, machine_id, first_seen, last_seen, count)
VALUES (?1, ?2, ?3, ?3, 1)
ON CONFLICT (user_ref, machine_id) DO UPDATE
SET first_seen = min(first_seen, excluded.first_seen),
    last_seen = max(last_seen, excluded.last_seen), count = count + 1
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
        with self._writing() as conn:
            known = _known_rows(conn, [row_id for row_id, *_ in plays])
            home_ref = self._ids.label(conn, home_country) if home_country else None
            next_id = int(
                conn.execute("SELECT coalesce(max(id), 0) + 1 FROM streams").fetchone()[0]
            )
            rows: list[list[Any]] = []
            consumed: list[tuple[int, int]] = []
            devices: list[tuple[int, str, int]] = []
            counted, scratch = BatchCounts(), BatchCounts()
            duplicates = already_live = 0
            for row_id, play, started_at, stopped_at in plays:
                if row_id in known:
                    duplicates += 1
                    continue
                started = floor_seconds(started_at)
                user = self._ids.known_user(conn, play.user_id)
                # An old play carries the name of its day: a known user keeps today's.
                snapshot = play
                if user is not None and user[1] != play.user_name:
                    snapshot = replace(play, user_name=user[1])
                twin = self._live_twin(
                    conn, None if user is None else user[0], snapshot, started, tolerance_seconds
                )
                if twin is not None:
                    already_live += 1
                    known.add(row_id)
                    consumed.append((row_id, twin))
                    continue
                stream_id = next_id + len(rows)
                row: list[Any] = list(
                    self._stream_row(
                        conn, stream_id, snapshot, started_at, _status(snapshot), None, scratch
                    )[0]
                )
                if snapshot.local and home_ref is not None:
                    row[_COUNTRY] = home_ref
                ended = max(started, floor_seconds(stopped_at))
                flags = int(row[_FLAGS]) | schema.FLAG_IMPORTED
                row[_LAST_SEEN], row[_FLAGS] = ended, flags
                row.append(ended)  # ended_at
                user_ref = int(row[_USER])
                counted.add(user_ref, started, row[_COUNTRY], flags & schema.FLAG_LOCAL)
                rows.append(row)
                known.add(row_id)
                consumed.append((row_id, stream_id))
                if snapshot.player_machine_id:
                    devices.append((user_ref, snapshot.player_machine_id, started))
            conn.executemany(_INSERT, rows)
            counted.write(conn)
            if rows:
                raise_peaks(conn, next_id, next_id + len(rows) - 1, in_the_past=True)
            conn.executemany(_DEVICE_SEEN, devices)
            conn.executemany(
                "INSERT INTO imported_rows (row_id, stream_ref) VALUES (?, ?)", consumed
            )
            batch = ImportBatch(added=len(rows), duplicates=duplicates, already_live=already_live)
            _save_state(conn, source, state(batch))
        return batch

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

    @staticmethod
    def _live_twin(
        conn: sqlite3.Connection,
        user_ref: int | None,
        snapshot: StreamSnapshot,
        started: int,
        tolerance: int,
    ) -> int | None:
        """The live-recorded stream this play is, if PlexGeo saw it itself."""
        if user_ref is None:
            return None
        found = conn.execute(
            _LIVE_TWIN,
            (user_ref, started, tolerance, snapshot.player_machine_id, snapshot.player_title),
        ).fetchone()
        return None if found is None else int(found[0])

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
