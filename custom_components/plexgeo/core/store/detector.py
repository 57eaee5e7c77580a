"""The anomaly detectors' rare-country count: a user's streams by the country each counts for."""

from __future__ import annotations

from datetime import datetime
import json

from . import sql
from .codecs import DAY, ceil_seconds
from .core import StoreCore
from .rollups import day_window


class DetectorQueries(StoreCore):
    """Indexed queries the detectors run on each newly located stream."""

    def country_counts(
        self,
        user_id: str,
        since: datetime,
        before: datetime,
        exclude_stream_id: int | None = None,
    ) -> dict[str, int]:
        """The user's located streams started in [since, before), counted by country."""
        lower = ceil_seconds(since)
        window = day_window(lower, max(ceil_seconds(before), lower))
        counts: dict[int, int] = {}
        with self._reading(snapshot=True) as conn:
            user = conn.execute("SELECT id FROM users WHERE plex_id = ?", (user_id,)).fetchone()
            if user is None:
                return {}
            ref = int(user[0])
            rows = conn.execute(
                sql.COUNTRY_DAYS, (ref, window.first_day, window.end_day)
            ).fetchall()
            for start, end in window.edges:
                rows += conn.execute(
                    sql.COUNTRY_EDGE, (ref, start, end, exclude_stream_id)
                ).fetchall()
            for country_ref, count in rows:
                counts[country_ref] = counts.get(country_ref, 0) + int(count)
            if exclude_stream_id is not None:
                excluded = conn.execute(
                    "SELECT country_ref FROM streams WHERE id = ? AND user_ref = ?"
                    " AND country_ref IS NOT NULL AND started_at >= ? AND started_at < ?",
                    (exclude_stream_id, ref, window.first_day * DAY, window.end_day * DAY),
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
