"""Retention and sizes: purge old streams and what nothing refers to any more."""

from __future__ import annotations

from contextlib import suppress
from datetime import datetime

from . import sql
from .codecs import ceil_seconds
from .core import StoreCore
from .records import StoreStats


class Retention(StoreCore):
    """Deleting history past its retention, and the sizes diagnostics show."""

    def purge_older_than(self, before: datetime, batch_size: int = 1000) -> int:
        """Delete ended streams last seen before `before` (with their alerts), batch by
        batch, then rows nothing refers to any more; returns how many streams went."""
        if batch_size < 1:
            raise ValueError("batch_size must be positive")
        cutoff = ceil_seconds(before)
        total = 0
        while True:
            # One transaction per batch, releasing the lock between them so polls interleave.
            with self._writing() as conn:
                deleted = conn.execute(sql.PURGE_BATCH, (cutoff, cutoff, batch_size)).rowcount
            total += deleted
            if deleted < batch_size:
                break
        with self._writing() as conn:
            conn.execute(sql.PURGE_ORPHANS[0], (cutoff,))
            for statement in sql.PURGE_ORPHANS[1:]:
                conn.execute(statement)
            self._ids.forget()
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
