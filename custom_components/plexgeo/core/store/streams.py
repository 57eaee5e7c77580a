"""Stream lifecycle: start, update, locate and end streams, and read them back."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
import json
import sqlite3

from .. import schema
from ..models import Location, LocationStatus, Stream, StreamSnapshot
from ..peaks import raise_peaks
from . import sql
from .codecs import (
    ceil_seconds,
    check_location,
    floor_seconds,
    from_epoch,
    insert_row,
    stored_location,
    stream_from,
    update_row,
)
from .core import StoreCore
from .files import (
    BULK_BATCH,
    BULK_CACHE_PAGES,
    BULK_CHECKPOINT_PAGES,
    CACHE_PAGES,
    CHECKPOINT_PAGES,
    translate,
)
from .records import LocationOutcome, NewStream, StreamUpdate, UnknownStream
from .rollups import BatchCounts


class StreamLifecycle(StoreCore):
    """Streams as polls see them: started, updated, located and ended in batches."""

    def open_streams(self) -> list[Stream]:
        """Streams not ended yet (the live set to resume after a restart)."""
        with self._reading() as conn:
            return self._load(conn, sql.OPEN, ())

    def start_streams(self, new: Sequence[NewStream]) -> list[Stream]:
        """Record several new streams in one transaction (a poll's, or a bulk import).

        Each commit rewrites a page of every index, so batching is what makes bulk
        ingest fast.
        """
        for _, _, status, location in new:
            check_location(status, location)
        started_streams: list[Stream] = []
        rows: list[tuple[object, ...]] = []
        counted = BatchCounts()
        self._size_cache(bulk=len(new) >= BULK_BATCH)
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
            conn.executemany(sql.INSERT_STREAM, rows)
            counted.write(conn)
            if rows:
                raise_peaks(conn, next_id, next_id + len(rows) - 1)
        return started_streams

    def _size_cache(self, *, bulk: bool) -> None:
        """Grow the writer's page cache for a bulk import, shrink it after one."""
        if bulk == self._bulk_cache:
            return
        with self._write_lock:
            pages = BULK_CACHE_PAGES if bulk else CACHE_PAGES
            checkpoint = BULK_CHECKPOINT_PAGES if bulk else CHECKPOINT_PAGES
            try:
                self._writer.execute(f"PRAGMA cache_size = {pages}")
                self._writer.execute(f"PRAGMA wal_autocheckpoint = {checkpoint}")
            except sqlite3.Error as err:
                raise translate(err) from err
            self._bulk_cache = bulk

    def _stream_row(  # noqa: PLR0917  (one row's parts, from start_streams)
        self,
        conn: sqlite3.Connection,
        stream_id: int,
        snapshot: StreamSnapshot,
        at: datetime,
        status: LocationStatus,
        location: Location | None,
        counted: BatchCounts,
    ) -> tuple[tuple[object, ...], Stream]:
        """A new stream's row for sql.INSERT_STREAM and the record it stands for."""
        started = floor_seconds(at)
        refs = self._ids.snapshot_refs(conn, snapshot, started)
        location_ref, country_ref, place = self._ids.location(conn, location)
        row = insert_row(
            stream_id,
            snapshot,
            refs,
            started=started,
            last_seen=started,
            status=status,
            location_ref=location_ref,
            country_ref=country_ref,
            flags=refs.flags,
        )
        counted.add(refs.user, started, country_ref, refs.flags & schema.FLAG_LOCAL)
        if location_ref is not None:
            counted.located(refs.user, started, stream_id, location_ref)
        counted.placed(refs.user, started, status, place)
        started_at = from_epoch(started)
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

    def update_streams(self, updates: Sequence[StreamUpdate], at: datetime) -> list[Stream]:
        """Store a poll's sightings of live streams in one transaction.

        Each stream comes back built from the record given and its new snapshot, as
        `update_stream` would read it back (no address; last seen at `at`), without
        reading it again. Raises UnknownStream (and stores none) if any is gone.
        """
        if not updates:
            return []
        seen = floor_seconds(at)
        rows: list[tuple[object, ...]] = []
        streams: list[Stream] = []
        with self._writing() as conn:
            for known, snapshot in updates:
                refs = self._ids.snapshot_refs(conn, snapshot, seen)
                rows.append(update_row(snapshot, refs, seen, known.stream_id))
                streams.append(
                    replace(
                        known,
                        snapshot=replace(snapshot, ip_address=None),
                        last_seen=from_epoch(seen),
                        ip_hash=refs.ip_hash,
                    )
                )
            cursor = conn.executemany(sql.UPDATE_STREAM, rows)
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

    def set_locations(self, outcomes: Sequence[LocationOutcome]) -> None:
        """Record several streams' geolocation outcomes in one transaction.

        Raises UnknownStream (and records none) if any stream is gone.
        """
        for _, status, location in outcomes:
            check_location(status, location)
        if not outcomes:
            return
        with self._writing() as conn:
            rows = []
            for stream_id, status, location in outcomes:
                location_ref, country_ref, _ = self._ids.location(conn, location)
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
                for stream in self._load(
                    conn, sql.BY_IDS, (json.dumps([int(i) for i in stream_ids]),)
                )
            }
        return [found[i] for i in dict.fromkeys(stream_ids) if i in found]

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
            rows = conn.execute(sql.PENDING, (limit,)).fetchall()
        decrypted: dict[bytes, str] = {}
        result = []
        for row in rows:
            token = bytes(row[sql.STREAM_TOKEN_AT])
            if token not in decrypted:
                decrypted[token] = self._cipher.decrypt(token)
            result.append((stream_from(row, self._server_id), decrypted[token]))
        return result

    def streams_started_since(self, since: datetime) -> int:
        """How many streams started at or after `since`."""
        with self._reading() as conn:
            row = conn.execute(
                "SELECT COUNT(*) FROM streams WHERE started_at >= ?", (ceil_seconds(since),)
            ).fetchone()
        return int(row[0])

    def stream_addresses(self, stream_ids: Sequence[int]) -> dict[int, str]:
        """The decrypted addresses of the given streams that have one."""
        with self._reading() as conn:
            rows = conn.execute(
                "SELECT s.id, a.token FROM streams AS s JOIN addresses AS a ON a.id = s.address_ref"
                " WHERE s.id IN (SELECT value FROM json_each(?))",
                (json.dumps([int(i) for i in stream_ids]),),
            ).fetchall()
        return {int(row[0]): self._cipher.decrypt(bytes(row[1])) for row in rows}
