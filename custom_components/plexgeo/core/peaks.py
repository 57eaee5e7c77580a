"""Each user's concurrent peak: the most streams the user had playing at once.

The users list shows it for every user, so it is kept in the user's row rather than swept
from the streams at each request (at a million streams a sweep reads every stream). Two
streams overlap when one starts while the other plays: `started_at <= t <= last_seen`
(a live stream's last sighting is the current poll, an ended one's is its end). The most
streams at once is always reached at some stream's start, so the peak is the largest
count of a user's streams overlapping the start of one of them. Only streams that started
within `PEAK_WINDOW` before that start are counted, so each count reads a day of one
user's streams by `streams_by_user`: a viewing longer than a day is not seen to overlap
streams starting more than a day after it began. (The migration that first counted the
peaks swept each user's whole history, without that window.) Purged streams leave the
peak as it was: it is the most on record.
"""

from __future__ import annotations

import heapq
import sqlite3

PEAK_WINDOW = 86_400

# How many of a user's streams overlap time c.at (c a row of user_ref and at).
_OVERLAPPING = f"""(SELECT COUNT(*) FROM streams AS o INDEXED BY streams_by_user
    WHERE o.user_ref = c.user_ref AND o.started_at BETWEEN c.at - {PEAK_WINDOW} AND c.at
    AND o.last_seen >= c.at)"""  # noqa: S608  (a fixed window, no value)
# The counts at the starts of the streams with ids in [?1, ?2], just added.
_STARTS = "SELECT user_ref, started_at FROM streams WHERE id BETWEEN ?1 AND ?2"
# And at the starts of the same user's streams that began while those played: an
# imported old stream can raise the count of a stream recorded before it (a live one
# starts now, after every other).
_LATER_STARTS = """
    UNION
    SELECT t.user_ref, t.started_at FROM streams AS s
    JOIN streams AS t INDEXED BY streams_by_user ON t.user_ref = s.user_ref
        AND t.started_at > s.started_at AND t.started_at <= s.last_seen
    WHERE s.id BETWEEN ?1 AND ?2"""
_PEAKS = "WITH c (user_ref, at) AS ({}) SELECT user_ref, max({}) FROM c GROUP BY user_ref"
_NEW_PEAKS = _PEAKS.format(_STARTS, _OVERLAPPING)
_PAST_PEAKS = _PEAKS.format(_STARTS + _LATER_STARTS, _OVERLAPPING)
# Every stream's user and time span, one user after another: the covering index is
# ordered by user first and holds both times, so no stream row is read.
_SPANS = """SELECT user_ref, started_at, last_seen FROM streams INDEXED BY streams_located
ORDER BY user_ref"""
_RAISE = "UPDATE users SET concurrent_peak = max(concurrent_peak, ?2) WHERE id = ?1"


def raise_peaks(
    conn: sqlite3.Connection, first_id: int, last_id: int, *, in_the_past: bool = False
) -> None:
    """Raise the peaks of the users of the streams with ids in [first_id, last_id],
    inserted in this transaction; `in_the_past` when later streams may overlap them."""
    query = _PAST_PEAKS if in_the_past else _NEW_PEAKS
    conn.executemany(_RAISE, conn.execute(query, (first_id, last_id)).fetchall())


def peak_of(spans: list[tuple[int, int]]) -> int:
    """The most of these (start, last seen) spans that share a moment."""
    playing: list[int] = []  # the last sightings of the spans still playing
    peak = 0
    for started, last_seen in sorted(spans):
        while playing and playing[0] < started:
            heapq.heappop(playing)
        heapq.heappush(playing, last_seen)
        peak = max(peak, len(playing))
    return peak


def count_all_peaks(conn: sqlite3.Connection) -> None:
    """Every user's peak from the whole history, in one pass over an index holding one
    user's spans at a time (a migration's; at a million streams 2.6 s of CPU where a
    count per stream took 12 s). Exact: no day's window here."""
    peaks: list[tuple[int, int]] = []
    user: int | None = None
    spans: list[tuple[int, int]] = []
    for user_ref, started, last_seen in conn.execute(_SPANS):
        if user_ref != user:
            if user is not None:
                peaks.append((user, peak_of(spans)))
            user, spans = user_ref, []
        spans.append((started, last_seen))
    if user is not None:
        peaks.append((user, peak_of(spans)))
    conn.executemany("UPDATE users SET concurrent_peak = ?2 WHERE id = ?1", peaks)
