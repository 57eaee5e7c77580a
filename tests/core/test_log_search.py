"""The stream log's search (text, network words, addresses by keyed hash), its oldest-first
walk and its counts (issue 18, items 1, 2 and 12)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
import re
import sqlite3

import pytest

from custom_components.plexgeo.core import reports
from custom_components.plexgeo.core.crypto import AddressCipher, KeyMaterial
from custom_components.plexgeo.core.log_search import (
    MAX_SEARCH_ADDRESSES,
    InvalidSearch,
    search_network,
)
from custom_components.plexgeo.core.models import LocationStatus, Stream
from custom_components.plexgeo.core.store import HistoryStore, LogFilter
from simulator.places import place

from . import helpers
from .helpers import location_of, snapshot

T0 = datetime(2026, 1, 30, 22, 0, tzinfo=UTC)
LONDON_IP = place("london").ipv4[0]
TOKYO_IP = place("tokyo").ipv4[0]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "p.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[HistoryStore]:
    opened = HistoryStore.open(db_path, KeyMaterial.generate(), "srv")
    yield opened
    opened.close()


def _start(store: HistoryStore, minutes: int, where: str | None, **changes: object) -> Stream:
    at = T0 + timedelta(minutes=minutes)
    changes.setdefault("local", where is None and not changes.get("relayed"))
    snap = snapshot(where=where, **changes)  # type: ignore[arg-type]
    if where is None:
        status = LocationStatus.UNKNOWN if snap.relayed else LocationStatus.LOCAL
        return helpers.start_stream(store, snap, at, status, None)
    return helpers.start_stream(
        store, snap, at, LocationStatus.KNOWN, location_of(place(where), at)
    )


@pytest.fixture
def log(store: HistoryStore) -> HistoryStore:
    """alice in London (twice), bob in Tokyo on his phone network, carol relayed, dave on
    the LAN; each with their own title and player."""
    _start(store, 0, "london", key="1", user="alice", title="Arrival", player_title="Den TV")
    _start(store, 1, "tokyo", key="2", user="bob", title="Paprika", network="cellular")
    _start(store, 2, None, key="3", user="carol", title="Heat", relayed=True, address=None)
    _start(store, 3, None, key="4", user="dave", title="Dune", address="192.168.1.20")
    _start(store, 4, "london", key="5", user="alice", title="Solaris", player_title="Den TV")
    return store


def _users(store: HistoryStore, text: str, *, admin: bool = False) -> list[str]:
    page = reports.stream_page(store, search=text, include_ip=admin)
    return [f"{row['user_name']}:{row['title']}" for row in page["streams"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Paprika", ["bob:Paprika"]),  # a title, as before
        ("den tv", ["alice:Solaris", "alice:Arrival"]),  # a player, as before
        ("ALICE", ["alice:Solaris", "alice:Arrival"]),  # a user name
        ("carol", ["carol:Heat"]),
        ("tokyo", ["bob:Paprika"]),  # a city
        ("england", ["alice:Solaris", "alice:Arrival"]),  # a region
        ("japan", ["bob:Paprika"]),  # a country by name
        ("jp", ["bob:Paprika"]),  # ... and by code
        ("relayed", ["carol:Heat"]),  # how the stream came
        ("lan", ["dave:Dune"]),
        ("local", ["dave:Dune"]),
        ("WAN", ["alice:Solaris", "carol:Heat", "bob:Paprika", "alice:Arrival"]),
        ("cellular", ["bob:Paprika"]),
        ("nothing like it", []),
    ],
)
def test_search_matches_what_the_placeholder_says(
    log: HistoryStore, text: str, expected: list[str]
) -> None:
    assert _users(log, text) == expected


def test_an_admin_finds_an_address_and_a_range_by_hash_without_decrypting(
    log: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Nothing is decrypted to match: with decryption broken the search still answers.
    def refuse(cipher: AddressCipher, token: bytes) -> str:
        raise AssertionError("decrypted an address to search")

    monkeypatch.setattr(AddressCipher, "decrypt", refuse)
    london = search_network(LONDON_IP)
    assert london is not None
    found = log.stream_log(address=london, addresses=False)
    assert [s.snapshot.title for s in found] == ["Solaris", "Arrival"]
    lan = search_network("192.168.1.0/24")
    assert lan is not None
    assert [s.snapshot.title for s in log.stream_log(address=lan, addresses=False)] == ["Dune"]
    monkeypatch.undo()
    # Through the panel's read: an admin's search for an address or a range.
    assert _users(log, "192.168.1.20", admin=True) == ["dave:Dune"]
    assert _users(log, "192.168.0.0/22", admin=True) == ["dave:Dune"]
    assert _users(log, "192.168.2.0/24", admin=True) == []
    assert _users(log, TOKYO_IP, admin=True) == ["bob:Paprika"]
    rows = reports.stream_page(log, search=TOKYO_IP, include_ip=True)["streams"]
    assert [row["ip"] for row in rows] == [TOKYO_IP]


def test_a_non_admin_searching_an_address_finds_nothing_by_it(log: HistoryStore) -> None:
    assert _users(log, "192.168.1.20") == []
    assert _users(log, "192.168.1.0/24") == []
    assert reports.stream_count(log, search="192.168.1.20") == {"total": 0, "exact": True}


def test_a_range_too_wide_to_hash_is_refused_clearly(log: HistoryStore) -> None:
    with pytest.raises(InvalidSearch, match=r"at most 1024 addresses \(/22"):
        reports.stream_page(log, search="10.0.0.0/16", include_ip=True)
    with pytest.raises(InvalidSearch, match=r"/118 or narrower for IPv6"):
        reports.stream_page(log, search="2001:db8::/64", include_ip=True)
    network = search_network("10.0.0.0/22")
    assert network is not None
    assert network.num_addresses == MAX_SEARCH_ADDRESSES


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("81.2.69.160", "81.2.69.160/32"),
        (" 10.1.2.3/24 ", "10.1.2.0/24"),
        ("::ffff:81.2.69.160", "81.2.69.160/32"),  # as the store writes it: plain IPv4
        ("2001:db8::1", "2001:db8::1/128"),
        ("2024", None),  # a year, not an address
        ("10:10", None),
        ("1.2.3", None),
        ("1.2.3.4/40", None),
        ("Arrival", None),
    ],
)
def test_what_names_an_address(text: str, expected: str | None) -> None:
    found = search_network(text)
    assert (None if found is None else str(found)) == expected


def test_oldest_first_pages_through_the_whole_log(store: HistoryStore) -> None:
    # Several streams a second apart and some in the same second: the ids break ties.
    for n in range(23):
        _start(store, n // 3, "london", key=str(n), title=f"t{n}")
    seen: list[int] = []
    cursor = None
    while True:
        page = reports.stream_page(store, order="oldest", cursor=cursor, limit=5)
        seen.extend(row["stream_id"] for row in page["streams"])
        if (cursor := page["next_cursor"]) is None:
            break
    assert seen == sorted(seen)
    assert len(seen) == 23
    newest = [row["stream_id"] for row in reports.stream_page(store, limit=100)["streams"]]
    assert newest == seen[::-1]


def test_a_cursor_keeps_its_order(log: HistoryStore) -> None:
    oldest = reports.stream_page(log, order="oldest", limit=2)
    newest = reports.stream_page(log, limit=2)
    assert oldest["next_cursor"] is not None
    assert newest["next_cursor"] is not None
    assert reports.decode_cursor(oldest["next_cursor"]).oldest_first
    with pytest.raises(reports.InvalidCursor, match="other order"):
        reports.stream_page(log, order="newest", cursor=oldest["next_cursor"])
    with pytest.raises(reports.InvalidCursor, match="other order"):
        reports.stream_page(log, order="oldest", cursor=newest["next_cursor"])
    with pytest.raises(ValueError, match="unknown order"):
        reports.stream_page(log, order="title")


def test_oldest_first_with_filters_and_search(log: HistoryStore) -> None:
    page = reports.stream_page(log, order="oldest", search="alice", limit=1)
    assert [row["title"] for row in page["streams"]] == ["Arrival"]
    rest = reports.stream_page(log, order="oldest", search="alice", cursor=page["next_cursor"])
    assert [row["title"] for row in rest["streams"]] == ["Solaris"]
    by_user = reports.stream_page(log, order="oldest", user_id="id-alice")
    assert [row["title"] for row in by_user["streams"]] == ["Arrival", "Solaris"]


def test_counts_are_exact_or_say_they_are_capped(log: HistoryStore) -> None:
    assert reports.stream_count(log) == {"total": 5, "exact": True}
    assert reports.stream_count(log, user_id="id-alice") == {"total": 2, "exact": True}
    assert reports.stream_count(log, user_id="id-nobody") == {"total": 0, "exact": True}
    assert reports.stream_count(log, network="wan") == {"total": 4, "exact": True}
    assert reports.stream_count(log, search="london") == {"total": 2, "exact": True}
    assert reports.stream_count(log, search="zzz") == {"total": 0, "exact": True}
    assert reports.stream_count(log, country="JP", user_id="id-bob") == {
        "total": 1,
        "exact": True,
    }
    # Past the cap the walk stops: the count is the cap, marked not exact.
    assert log.count_streams(LogFilter(local=False), cap=3) == (3, False)
    assert log.count_streams(LogFilter(local=False), cap=4) == (4, True)


def test_counts_follow_purges(log: HistoryStore) -> None:
    log.end_streams([s.stream_id for s in log.stream_log(limit=10)])
    assert log.purge_older_than(T0 + timedelta(minutes=2, seconds=30)) == 3
    assert reports.stream_count(log) == {"total": 2, "exact": True}
    assert reports.stream_count(log, user_id="id-alice") == {"total": 1, "exact": True}


def _plans(
    store: HistoryStore, db_path: Path, calls: dict[str, Callable[[], object]]
) -> dict[str, list[str]]:
    executed: list[str] = []
    store._reader.set_trace_callback(executed.append)
    plans: dict[str, list[str]] = {}
    conn = sqlite3.connect(db_path)
    try:
        for name, call in calls.items():
            executed.clear()
            call()
            statements = [
                s for s in executed if not s.startswith(("PRAGMA", "BEGIN", "COMMIT", "--"))
            ]
            plans[name] = [
                row[3] for s in statements for row in conn.execute("EXPLAIN QUERY PLAN " + s)
            ]
    finally:
        conn.close()
        store._reader.set_trace_callback(None)
    return plans


def test_the_new_log_queries_use_indexes(log: HistoryStore, db_path: Path) -> None:
    london = search_network("81.2.69.0/24")
    assert london is not None
    after = (T0 + timedelta(minutes=2), 3)
    plans = _plans(
        log,
        db_path,
        {
            "oldest": lambda: log.stream_log(oldest_first=True, limit=20),
            "oldest_after": lambda: log.stream_log(oldest_first=True, after=after, limit=20),
            "oldest_user": lambda: log.stream_log(user_id="id-alice", oldest_first=True),
            "search_words": lambda: log.stream_log(search="london", limit=20),
            "search_relayed": lambda: log.stream_log(search="relayed", limit=20),
            "address": lambda: log.stream_log(address=london, limit=20),
            "count_filtered": lambda: log.count_streams(LogFilter(search="alice"), cap=10),
            "count_all": lambda: log.count_streams(LogFilter(), cap=10),
        },
    )
    for name, details in plans.items():
        for detail in details:
            assert not re.fullmatch(r"SCAN (s|streams)", detail), (name, details)
            # An address's few streams are read by their index and sorted.
            if name != "address":
                assert "TEMP B-TREE FOR ORDER BY" not in detail, (name, details)
            assert not re.match(r"SCAN (addresses|locations|labels)\b", detail), (name, details)
            # A count has no order: it may walk any index of streams, stopping at the cap.
            if re.match(r"SCAN (s|streams) USING", detail) and not name.startswith("count"):
                assert detail in {
                    "SCAN s USING INDEX streams_by_start",
                    "SCAN s USING COVERING INDEX streams_by_start",
                }, (name, details)
    assert any("streams_by_start" in d for d in plans["oldest_after"])
    assert any("streams_by_user" in d for d in plans["oldest_user"])
    assert any(re.match(r"SEARCH addresses USING", d) for d in plans["address"])
    assert any("INDEX streams_by_address" in d for d in plans["address"]), plans["address"]
    assert any(re.match(r"SEARCH locations USING", d) for d in plans["search_words"])
    # The unfiltered total is the users' kept counts: no stream read.
    assert not any(re.search(r"\b(s|streams)\b", d) for d in plans["count_all"])


def test_the_users_list_counts_networks_and_devices(log: HistoryStore) -> None:
    at = T0 + timedelta(minutes=9)
    log.record_habits(
        devices=[("id-alice", "tv", at), ("id-alice", "phone", at), ("id-bob", "tv", at)],
        networks=[("id-alice", "AS1", at), ("id-alice", "AS1", at), ("id-alice", "AS2", at)],
    )
    users = {row["user_name"]: row for row in reports.user_list(log)["users"]}
    assert (users["alice"]["networks"], users["alice"]["devices"]) == (2, 2)
    assert (users["bob"]["networks"], users["bob"]["devices"]) == (0, 1)
    assert (users["carol"]["networks"], users["carol"]["devices"]) == (0, 0)


def test_the_panel_count_stops_at_its_cap(
    log: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reports, "COUNT_CAP", 3)
    assert reports.stream_count(log, network="wan") == {"total": 3, "exact": False}
    assert reports.stream_count(log, network="lan") == {"total": 1, "exact": True}
    assert reports.stream_count(log) == {"total": 5, "exact": True}  # kept, never capped
