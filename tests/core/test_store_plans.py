"""The history store's hot queries use indexes, and reads run beside writes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
import re
import sqlite3
import threading

from custom_components.plexgeo.core.models import (
    MediaType,
)
from custom_components.plexgeo.core.store import HistoryStore

from . import helpers
from .test_store import KNOWN, T0, alert_for, loc, snap, start

# --- query plans and threads --------------------------------------------------------


# Walking the log newest first by streams_by_start, testing each stream, stops at a page:
# the filters these use (LAN/WAN, media type, a common word) match a good share of streams.
# Free text walks the log too, testing each stream's refs against the matching set.
_LOG_ORDER_WALKS = frozenset(
    {
        "log",
        "log_after",
        "log_lan",
        "log_media_type",
        "log_search",
        "log_search_many",
        "log_search_trigram",
    }
)


def test_hot_queries_use_indexes(store: HistoryStore, db_path: Path) -> None:
    batch = [
        (
            snap(
                user_id=str(i % 7),
                title=f"t{i % 100}",
                player_title=f"p{i % 80}",
                ip_address=f"81.2.{i % 9}.1",
            ),
            T0 + timedelta(minutes=i),
            KNOWN,
            loc("GB" if i % 4 else "FR"),
        )
        for i in range(300)
    ]
    streams = store.start_streams(batch)
    store.end_streams([s.stream_id for s in streams[:200]])
    start(store, T0)
    store.add_alert(alert_for(streams[0]), "rare_country:FR")

    executed: list[str] = []
    store._reader.set_trace_callback(executed.append)
    since, before = T0, T0 + timedelta(days=1)
    calls: dict[str, Callable[[], object]] = {
        "open_streams": store.open_streams,
        "pending_streams": store.pending_streams,
        "country_counts": lambda: store.country_counts("1", since, before, 5),
        # The household model's queries.
        "user_streams_around": lambda: store.user_streams_around("1", streams[5], since, before),
        "usual_places": lambda: store.usual_places("1", since, before, 5),
        "visit_alerted": lambda: store.visit_alerted("1", "FR", "rare_country:FR", since),
        "device_use": lambda: store.device_use("1", "tv"),
        "network_use": lambda: store.network_use("1", "AS2856"),
        "habit_uses": lambda: store.habit_uses("1", 100),
        "streams_started_since": lambda: store.streams_started_since(since),
        "log": lambda: store.stream_log(limit=20),
        "log_page": lambda: store.stream_log(limit=20, after_stream_id=150),
        "log_user": lambda: store.stream_log(user_id="3", limit=20),
        "log_country": lambda: store.stream_log(country_code="FR", limit=20),
        "log_range": lambda: store.stream_log(since=since, before=before, limit=20),
        "stream": lambda: helpers.stream(store, 5),
        "alert_exists_since": lambda: store.alert_exists_since("1", "rare_country:FR", since),
        "cached_location": lambda: store.cached_location("00" * 32, T0, timedelta(days=1)),
        # The panel's queries.
        "log_after": lambda: store.stream_log(limit=20, after=(T0 + timedelta(hours=2), 150)),
        "log_country_range": lambda: store.stream_log(
            country_code="FR", since=since, before=before, limit=20
        ),
        "log_user_after": lambda: store.stream_log(user_id="3", after=(before, 9), limit=20),
        "log_lan": lambda: store.stream_log(local=True, limit=20),
        "log_media_type": lambda: store.stream_log(media_type=MediaType.EPISODE, limit=20),
        "log_search": lambda: store.stream_log(search="4", limit=20),
        "log_search_many": lambda: store.stream_log(search="t", limit=20),
        "log_search_trigram": lambda: store.stream_log(search="t42", limit=20),
        "stream_addresses": lambda: store.stream_addresses([1, 2]),
        "users_overview": store.users_overview,
        "user_summaries": store.user_summaries,
        "user_activity": lambda: store.user_activity("1", since),
        "trends": lambda: store.trends(since - timedelta(days=40), before + timedelta(days=9)),
        "alerts_user": lambda: store.alerts(user_id="1"),
        "alerts_unacknowledged": lambda: store.alerts(acknowledged=False),
    }
    plans: dict[str, list[str]] = {}
    conn = sqlite3.connect(db_path)
    try:
        for name, call in calls.items():
            executed.clear()
            call()
            # FTS5's own statements come traced as comments ("-- ..."): not PlexGeo's.
            statements = [
                sql for sql in executed if not sql.startswith(("PRAGMA", "BEGIN", "COMMIT", "--"))
            ]
            assert statements, name
            plans[name] = [
                row[3]
                for sql in statements
                for row in conn.execute("EXPLAIN QUERY PLAN " + sql).fetchall()
            ]
    finally:
        conn.close()
        store._reader.set_trace_callback(None)

    for name, details in plans.items():
        for detail in details:
            # A plain "SCAN s" (or "SCAN streams") reads every stream.
            assert not re.fullmatch(r"SCAN (s|streams)", detail), (name, details)
            # Scanning a partial index reads only live or pending streams; scanning
            # streams_by_start in log order is fine where LIMIT stops it (the whole log).
            if (
                re.match(r"SCAN (s|streams) USING", detail)
                and "INDEX streams_pending" not in detail
            ):
                assert name in _LOG_ORDER_WALKS, (name, details)
                assert detail == "SCAN s USING INDEX streams_by_start", (name, details)
            # Rollups and alerts are read by key, never whole (users is one row a user);
            # the partial index of unacknowledged alerts holds only those.
            for table in (
                "user_days",
                "user_months",
                "country_days",
                "user_places",
                "user_place_months",
                "user_country_months",
                "alerts",
            ):
                if re.match(rf"SCAN {table}\b", detail):
                    assert "INDEX alerts_unacknowledged" in detail, (name, details)
    # Rare country: whole months and days from the rollups, the partial days by user and
    # start time.
    assert any(re.match(r"SEARCH user_country_months", d) for d in plans["country_counts"])
    assert any(re.match(r"SEARCH user_days", d) for d in plans["country_counts"])
    assert any("streams_by_user" in d for d in plans["country_counts"])
    assert all("INDEX" in d for d in plans["user_streams_around"] if "streams" in d)
    assert any("COVERING INDEX streams_located" in d for d in plans["user_streams_around"])
    # Usual places the same way: whole months and days from their rollups, the partial
    # days by user.
    assert any(re.match(r"SEARCH user_place_months", d) for d in plans["usual_places"])
    assert any(re.match(r"SEARCH user_places", d) for d in plans["usual_places"])
    assert any("streams_by_user" in d for d in plans["usual_places"])
    assert any("alerts_dedup" in d for d in plans["visit_alerted"])
    assert any("streams_by_user" in d for d in plans["visit_alerted"])
    assert any("streams_pending" in d for d in plans["pending_streams"])
    assert any("streams_open" in d for d in plans["open_streams"])
    assert any("streams_by_user" in d for d in plans["log_user"])
    assert any("streams_by_country" in d for d in plans["log_country"])
    assert any("streams_by_country" in d for d in plans["log_country_range"])
    assert any("streams_by_user" in d for d in plans["log_user_after"])
    # Free text: the trigram indexes find the matching titles and players (text of three
    # characters or more), and the log is walked in order: no sort of all matches.
    assert any("VIRTUAL TABLE" in d and "media_search" in d for d in plans["log_search_trigram"])
    assert any("VIRTUAL TABLE" in d and "player_search" in d for d in plans["log_search_trigram"])
    for name, details in plans.items():
        if name.startswith("log"):
            assert not any("TEMP B-TREE FOR ORDER BY" in d for d in details), (name, details)
    # The users list reads each user's row (total and last place kept there), no stream.
    assert not any(re.search(r"\b(s|streams)\b", d) for d in plans["users_overview"])
    assert not any(re.search(r"\b(s|streams)\b", d) for d in plans["user_summaries"])
    assert any("USING PRIMARY KEY (user_ref=?)" in d for d in plans["user_summaries"])
    assert any("streams_located" in d for d in plans["user_activity"])
    assert any(re.match(r"SEARCH user_days", d) for d in plans["user_activity"])
    assert any(re.match(r"SEARCH country_days", d) for d in plans["trends"])
    assert any(re.match(r"SEARCH user_months", d) for d in plans["trends"])
    assert any("streams_by_start" in d for d in plans["trends"])
    assert any("alerts_by_user" in d for d in plans["alerts_user"])
    assert any("alerts_unacknowledged" in d for d in plans["alerts_unacknowledged"])
    # A device's or network's place: the user's one stream started at its last use.
    habit_streams = [d for d in plans["habit_uses"] if re.match(r"SEARCH s2\b", d)]
    assert len(habit_streams) == 2, plans["habit_uses"]
    assert all("streams_by_user (user_ref=? AND started_at=?)" in d for d in habit_streams), (
        habit_streams
    )


def test_concurrent_reads_during_writes(store: HistoryStore) -> None:
    errors: list[BaseException] = []
    stop = threading.Event()

    def read() -> None:
        try:
            while not stop.is_set():
                store.open_streams()
                store.stream_log(limit=10)
                store.country_counts("1001", T0, T0 + timedelta(days=1))
                store.stats()
        except BaseException as err:
            errors.append(err)

    readers = [threading.Thread(target=read) for _ in range(2)]
    for thread in readers:
        thread.start()
    try:
        for i in range(40):
            streams = store.start_streams(
                [
                    (snap(session_key=str(j)), T0 + timedelta(minutes=i), KNOWN, loc())
                    for j in range(5)
                ]
            )
            store.end_streams([s.stream_id for s in streams[:2]])
    finally:
        stop.set()
        for thread in readers:
            thread.join()
    assert errors == []
    assert store.stats().streams == 200
