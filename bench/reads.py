"""The panel's websocket reads, each timed over many repetitions.

Each read is exactly what one websocket command runs in the executor: the pure functions
of `core/reports.py`, as an admin calls them (addresses decrypted, the costlier case).
The stream-log filters rotate through several users, countries and search words so that
p99 is not one warm query repeated.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from custom_components.plexgeo.core import reports
from custom_components.plexgeo.core.store import HistoryStore

from .timing import measured_cycle

PAGE = 50
COUNTRIES = ("FR", "DE", "JP", "AU", "BR")
# Titles, a show, a device, and a word nothing matches (the search's worst case: it
# walks the whole log).
SEARCH_WORDS = ("Harbour", "Signal Orbit", "Roku", "Season 3", "zzz-no-match")
# What else the search box says it matches (issue 18): a user's name, a city, a country,
# and the words for how streams come (relayed is 1 % of streams: the longest walk).
SEARCH_PLACES_AND_PEOPLE = ("Ada", "Costa", "Tokyo", "Brazil", "relayed", "lan")


def _addresses(store: HistoryStore) -> list[str]:
    """An admin's searches: a recent stream's exact address and its /24 (setup, untimed)."""
    found = [s.snapshot.ip_address for s in store.stream_log(limit=500, local=False)]
    ipv4 = next(a for a in found if a is not None and "." in a)
    prefix = ipv4.rsplit(".", 1)[0]
    return [ipv4, f"{prefix}.0/24"]


def _deep_cursor(store: HistoryStore, user_id: str, pages: int) -> str | None:
    """The cursor `pages` pages into a user's log (setup, untimed)."""
    cursor = None
    for _ in range(pages):
        page = reports.stream_page(store, user_id=user_id, cursor=cursor, limit=PAGE)
        cursor = page["next_cursor"]
        if cursor is None:
            break
    return cursor


def _deep_alerts(store: HistoryStore) -> list[int]:
    """Page cursors a few pages into the alert list (setup, untimed)."""
    cursors: list[int] = []
    before = None
    for _ in range(5):
        before = reports.alert_list(store, limit=100, before_id=before)["next_before_id"]
        if before is None:
            break
        cursors.append(before)
    return cursors


def measure(
    store: HistoryStore, heaviest: str, now: datetime, times: int
) -> dict[str, dict[str, Any]]:
    """Every read's summary (rounds of `times` calls until its p99 is stable), by name."""
    users = [row["user_id"] for row in reports.user_list(store)["users"]]
    some_users = [heaviest, *users[:: max(1, len(users) // 20)]]
    since, until = now - timedelta(days=200), now - timedelta(days=140)
    page = partial(reports.stream_page, store, limit=PAGE, include_ip=True)
    reads: dict[str, list[Callable[[], object]]] = {
        "log_page_no_filter": [page],
        "log_page_by_user": [partial(page, user_id=u) for u in some_users],
        "log_page_by_country_dates": [
            partial(page, country=c, since=since, until=until) for c in COUNTRIES
        ],
        "log_page_search": [partial(page, search=w) for w in SEARCH_WORDS],
        "log_page_search_people_places": [
            partial(page, search=w) for w in SEARCH_PLACES_AND_PEOPLE
        ],
        "log_page_search_address": [partial(page, search=a) for a in _addresses(store)],
        "log_page_oldest_first": [
            partial(page, order="oldest"),
            *(partial(page, order="oldest", user_id=u) for u in some_users[:5]),
        ],
        "log_count": [
            partial(reports.stream_count, store),
            partial(reports.stream_count, store, user_id=heaviest),
            *(
                partial(reports.stream_count, store, country=c, since=since, until=until)
                for c in COUNTRIES
            ),
            partial(reports.stream_count, store, network="lan"),
            partial(reports.stream_count, store, search="Roku"),
        ],
        "user_drilldown": [
            partial(reports.user_detail, store, heaviest, now=now, days=365, include_ip=True)
        ],
        "user_drilldown_90_days": [
            partial(reports.user_detail, store, heaviest, now=now, days=90, include_ip=True)
        ],
        "stats_12_months": [
            partial(reports.trends, store, since=now - timedelta(days=365), until=now)
        ],
        "users_list": [partial(reports.user_list, store)],
        # The drill-down's devices and networks (admins), and alert pages from the newest
        # and from deep in the list.
        "user_habits": [partial(reports.user_habits, store, u) for u in some_users],
        "alerts_page": [
            partial(reports.alert_list, store, limit=100),
            partial(reports.alert_list, store, limit=100, acknowledged=False),
            *(
                partial(reports.alert_list, store, limit=100, before_id=b)
                for b in _deep_alerts(store)
            ),
        ],
    }
    deep = _deep_cursor(store, heaviest, 20)
    if deep is not None:
        reads["log_page_deep"] = [partial(page, user_id=heaviest, cursor=deep)]
    return {name: measured_cycle(calls, times, warmup=len(calls)) for name, calls in reads.items()}
