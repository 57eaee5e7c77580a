"""What the anomaly detectors read of each newly placed stream's user: their streams by
the country each counts for (rare country), and their streams around it (travel, sharing)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from functools import partial
from typing import Any, Protocol

from ..models import Location
from . import sql
from .codecs import STATUSES, ceil_seconds, floor_seconds, from_epoch, location_from
from .core import StoreCore
from .records import PlacedStream
from .rollups import user_window

type PlacedRow = tuple[int, int, int, int | None, int, int | None]
"""A placed stream as stored: id, started, last seen, ended (epoch s), status, location."""
type Side = int  # which of the streams around one: OVERLAPPING, BEFORE, AFTER

OVERLAPPING, BEFORE, AFTER = 0, 1, 2
# Streams before and after one read at first: the travel check compares the first with a
# place on an untrusted network, so it rarely reads more than one; the rest is read when
# it does (a heavy user has a hundred streams in the look-back, each costly to fetch).
AROUND_FIRST = 8
_NEVER = 1 << 62  # an open interval's end, in epoch seconds

# The user's placed streams (located, or LAN) that played in the window: started in it and
# seen since its start (streams_located covers this, ended_at included: no stream row is
# read), or still open (streams_open; those not found already). Then those that overlap
# one stream's interval [?4, ?5], those that ended (or were last seen) before it, latest
# first, and those that started after it, earliest first: the last two at most ?7 each.
# Each comes with its location and place, in one statement.
_AROUND = f"""
WITH u AS (SELECT id FROM users WHERE plex_id = ?1), around AS (
    SELECT id, started_at, last_seen, ended_at, location_status, location_ref,
        coalesce(ended_at, last_seen) AS seen_to
    FROM streams INDEXED BY streams_located
    WHERE user_ref = (SELECT id FROM u) AND location_status IN (1, 4)
      AND last_seen >= ?2 AND started_at >= ?2 AND started_at <= ?3 AND id != ?6
    UNION ALL
    SELECT id, started_at, last_seen, ended_at, location_status, location_ref, last_seen
    FROM streams INDEXED BY streams_open
    WHERE ended_at IS NULL AND user_ref = (SELECT id FROM u) AND location_status IN (1, 4)
      AND id != ?6 AND NOT (last_seen >= ?2 AND started_at >= ?2 AND started_at <= ?3)
), sides AS (
    SELECT 0 AS side, * FROM around
    WHERE ?8 = 0 AND (ended_at IS NULL OR ended_at >= ?4) AND started_at <= ?5
    UNION ALL SELECT * FROM (
        SELECT 1, * FROM around WHERE ?8 IN (0, 1) AND seen_to < ?4
        ORDER BY seen_to DESC, started_at, id LIMIT ?7)
    UNION ALL SELECT * FROM (
        SELECT 2, * FROM around WHERE ?8 IN (0, 2) AND started_at > ?5
        ORDER BY started_at, id LIMIT ?7)
)
SELECT n.side, n.id, n.started_at, n.last_seen, n.ended_at, n.location_status,
    n.location_ref, {sql.LOCATIONS_L}
FROM sides AS n LEFT JOIN locations AS lk ON lk.id = n.location_ref
LEFT JOIN places AS l ON l.id = lk.place_ref
"""  # noqa: S608  (fixed column names, no value)


class Interval(Protocol):
    """The stream whose neighbours are read: its id and interval (a `Stream` is one)."""

    @property
    def stream_id(self) -> int:
        """The stream."""

    @property
    def started_at(self) -> datetime:
        """When it started."""

    @property
    def ended_at(self) -> datetime | None:
        """When it ended; None while it plays."""


def _order(side: Side, row: PlacedRow) -> tuple[int, ...]:
    """Where a row stands in its side's order: latest end first before the stream, start
    order otherwise (ties by start, then id)."""
    if side == BEFORE:
        return (-(row[2] if row[3] is None else row[3]), row[1], row[0])
    return (row[1], row[0])


type MoreRows = Callable[[Side], tuple[list[PlacedRow], dict[int, list[Any]]]]


class StreamsAround:
    """A user's placed streams around one: those whose interval overlaps it, those that
    ended before it started (latest end first) and those that started after it ended
    (earliest start first). Each is decoded only when read, and beyond the first
    `AROUND_FIRST` before and after it, read only when the detectors go that far."""

    __slots__ = ("_locations", "_more", "_places", "_rows")

    def __init__(
        self,
        rows: tuple[list[PlacedRow], list[PlacedRow], list[PlacedRow]],
        locations: dict[int, list[Any]],
        more: MoreRows,
    ) -> None:
        """Hold the rows as read (each side in its order); nothing decoded yet."""
        self._rows, self._locations, self._more = rows, locations, more
        self._places: dict[int, Location] = {}

    def overlapping(self) -> Iterator[PlacedStream]:
        """The streams whose interval shares a moment with the stream's (open: playing)."""
        return map(self._placed, self._rows[OVERLAPPING])

    def before(self) -> Iterator[PlacedStream]:
        """The streams that ended (or were last seen) before the stream started."""
        return self._side(BEFORE)

    def after(self) -> Iterator[PlacedStream]:
        """The streams that started after the stream ended (none while it plays)."""
        return self._side(AFTER)

    def _side(self, side: Side) -> Iterator[PlacedStream]:
        rows = self._rows[side]
        yield from map(self._placed, rows)
        if len(rows) < AROUND_FIRST:
            return
        # The first ones did not settle it: the rest, after the last one read.
        more, locations = self._more(side)
        self._locations.update(locations)
        last = _order(side, rows[-1])
        yield from (self._placed(row) for row in more if _order(side, row) > last)

    def _placed(self, row: PlacedRow) -> PlacedStream:
        stream_id, started, last_seen, ended, status, ref = row
        location = None
        if ref is not None and (location := self._places.get(ref)) is None:
            location = self._places[ref] = location_from(self._locations[ref])
        return PlacedStream(
            stream_id=stream_id,
            started_at=from_epoch(started),
            last_seen=from_epoch(last_seen),
            ended_at=None if ended is None else from_epoch(ended),
            location_status=STATUSES[status],
            location=location,
        )


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
        window = user_window(user_id, ceil_seconds(since), ceil_seconds(before), exclude_stream_id)
        with self._reading() as conn:  # one statement: one snapshot
            rows = conn.execute(sql.COUNTRY_COUNTS, window).fetchall()
        return {str(country): int(count) for country, count in rows}

    def user_streams_around(
        self, user_id: str, stream: Interval, since: datetime, until: datetime
    ) -> StreamsAround:
        """The user's other located or LAN streams that played at some time in
        [since, until], as they stand to `stream`'s interval."""
        # Whole seconds against the stream's times: t >= start iff t >= ceil(start), and
        # t <= end iff t <= floor(end).
        start = ceil_seconds(stream.started_at)
        end = _NEVER if stream.ended_at is None else floor_seconds(stream.ended_at)
        window = (floor_seconds(since), ceil_seconds(until), start, end, stream.stream_id)

        def read(only: Side, limit: int) -> tuple[list[list[PlacedRow]], dict[int, list[Any]]]:
            """The streams around it (`only` one side, or all with OVERLAPPING), each side
            in its order, and their locations."""
            sides: list[list[PlacedRow]] = [[], [], []]
            locations: dict[int, list[Any]] = {}
            with self._reading() as conn:
                for side, *row in conn.execute(_AROUND, (user_id, *window, limit, only)):
                    sides[side].append(tuple(row[:6]))
                    if row[5] is not None:
                        locations[row[5]] = row[6:]
            for side, rows in enumerate(sides):
                rows.sort(key=partial(_order, side))
            return sides, locations

        def more(side: Side) -> tuple[list[PlacedRow], dict[int, list[Any]]]:
            sides, locations = read(side, -1)
            return sides[side], locations

        sides, locations = read(OVERLAPPING, AROUND_FIRST)
        return StreamsAround((sides[0], sides[1], sides[2]), locations, more)
