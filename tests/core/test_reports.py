"""The panel's read layer over a real store: rows, cursors, rollups checked against brute force."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
import random

import pytest

from custom_components.plexgeo.core import reports
from custom_components.plexgeo.core.crypto import KeyMaterial
from custom_components.plexgeo.core.models import LocationStatus, MediaType, Stream
from custom_components.plexgeo.core.store import HistoryStore, UserOverview
from simulator.places import PLACES, place

from . import helpers
from .helpers import location_of, snapshot
from .test_store import alert_for

T0 = datetime(2026, 1, 30, 22, 0, tzinfo=UTC)
KNOWN = LocationStatus.KNOWN


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    opened = HistoryStore.open(tmp_path / "p.db", KeyMaterial.generate(), "srv")
    yield opened
    opened.close()


def _start(store: HistoryStore, at: datetime, where: str | None, **changes: object) -> Stream:
    snap = snapshot(where=where, local=where is None, **changes)  # type: ignore[arg-type]
    if where is None:
        return helpers.start_stream(store, snap, at, LocationStatus.LOCAL, None)
    return helpers.start_stream(store, snap, at, KNOWN, location_of(place(where), at))


def _random_history(store: HistoryStore, seed: int, count: int = 300) -> None:
    """Streams over ~100 days by 6 users, some moved, relocated or never located."""
    rng = random.Random(seed)
    for n in range(count):
        at = T0 + timedelta(seconds=rng.randrange(100 * 86400))
        user = f"u{rng.randrange(6)}"
        where = rng.choice([None, *(p.key for p in PLACES[:6])])
        stream = _start(store, at, where, key=str(n), user=user)
        if where is not None and rng.random() < 0.2:
            # A later lookup moves the stream to another country: rollups must follow.
            helpers.set_location(
                store, stream.stream_id, KNOWN, location_of(rng.choice(PLACES), at)
            )
        elif where is not None and rng.random() < 0.1:
            helpers.set_location(store, stream.stream_id, LocationStatus.FAILED, None)
    ended = [s.stream_id for s in store.stream_log(limit=count)]
    store.end_streams(ended[: count // 2])


def _brute_trends(streams: list[Stream], since: datetime, until: datetime) -> dict[str, object]:
    inside = [s for s in streams if since <= s.started_at < until]
    per_day = Counter(
        (s.started_at.date().isoformat(), s.location.country_code)
        for s in inside
        if s.location is not None
    )
    countries = Counter(s.location.country_code for s in inside if s.location is not None)
    users = Counter(s.snapshot.user_id for s in inside)
    return {
        "per_day": sorted(per_day.items()),
        "countries": dict(countries),
        "users": dict(users),
        "lan": sum(1 for s in inside if s.snapshot.local),
        "wan": sum(1 for s in inside if not s.snapshot.local),
        "located": sum(1 for s in inside if not s.snapshot.local and s.location is not None),
    }


@pytest.mark.parametrize("seed", [1, 2])
def test_trends_match_brute_force_across_days_and_months(store: HistoryStore, seed: int) -> None:
    _random_history(store, seed)
    # Purge some: the rollups forget deleted streams too.
    store.purge_older_than(T0 + timedelta(days=3))
    streams = store.stream_log(limit=10_000)
    rng = random.Random(seed)
    ranges = [
        (T0 - timedelta(days=400), T0 + timedelta(days=400)),  # everything
        (T0 + timedelta(days=1), T0 + timedelta(days=2)),  # one whole day
        (T0 + timedelta(hours=5), T0 + timedelta(hours=9)),  # inside one day
        (T0 + timedelta(days=2, hours=3), T0 + timedelta(days=70, hours=1)),  # months
    ]
    ranges += [
        (a, a + timedelta(seconds=rng.randrange(90 * 86400)))
        for a in (T0 + timedelta(seconds=rng.randrange(100 * 86400)) for _ in range(12))
    ]
    for since, until in ranges:
        found = reports.trends(store, since=since, until=until)
        expected = _brute_trends(streams, since, until)
        per_day = sorted(((d["date"], d["country_code"]), d["count"]) for d in found["per_day"])
        assert per_day == expected["per_day"], (since, until)
        assert {c["country_code"]: c["count"] for c in found["top_countries"]} == expected[
            "countries"
        ]
        top = {u["user_id"]: u["count"] for u in found["top_users"]}
        assert top == expected["users"], (since, until)  # six users: all fit the top ten
        assert (found["lan"], found["wan"], found["located"]) == (
            expected["lan"],
            expected["wan"],
            expected["located"],
        )
        counts = [c["count"] for c in found["top_countries"]]
        assert counts == sorted(counts, reverse=True)


def test_users_overview_matches_brute_force(store: HistoryStore) -> None:
    _random_history(store, 3)
    streams = store.stream_log(limit=10_000)
    users = reports.user_list(store)["users"]
    assert [u["user_name"] for u in users] == sorted({s.snapshot.user_name for s in streams})
    for user in users:
        mine = [s for s in streams if s.snapshot.user_id == user["user_id"]]
        assert user["stream_count"] == len(mine)
        located = Counter(s.location.country_code for s in mine if s.location is not None)
        assert set(user["countries"]) == set(located)
        assert [located[c] for c in user["countries"]] == sorted(located.values(), reverse=True)
        assert user["last_seen"] == max(s.last_seen for s in mine).isoformat()
        latest = max(
            (s for s in mine if s.location is not None),
            key=lambda s: (s.last_seen, s.stream_id),
            default=None,
        )
        if latest is None:
            assert user["last_location"] is None
        else:
            assert user["last_location"]["country_code"] == latest.location.country_code  # type: ignore[union-attr]


def test_user_detail_window(store: HistoryStore) -> None:
    now = T0 + timedelta(days=10)
    _start(store, T0, "london", key="1")
    _start(store, T0 + timedelta(days=9), "london", key="2")
    _start(store, T0 + timedelta(days=9, hours=1), "paris", key="3")
    _start(store, now, None, key="4")
    _start(store, now, "tokyo", key="5", user="bob")
    detail = reports.user_detail(store, "id-alice", now=now, days=2, include_ip=True)
    assert detail["timeline"] == [
        {"date": (now - timedelta(days=1)).date().isoformat(), "count": 2},
        {"date": now.date().isoformat(), "count": 1},
    ]
    assert [(c["country_code"], c["count"]) for c in detail["countries"]] == [
        ("FR", 1),
        ("GB", 1),
    ]
    assert [(p["city"], p["count"]) for p in detail["locations"]] == [
        ("Paris", 1),  # equal counts: by country code
        ("London", 1),
    ]
    assert [r["ip"] for r in detail["recent_streams"]][1:] == [
        place("paris").ipv4[0],
        place("london").ipv4[0],
        place("london").ipv4[0],
    ]
    whole = reports.user_detail(store, "id-alice", now=now, days=3650)
    assert sum(d["count"] for d in whole["timeline"]) == 4
    assert all(r["ip"] is None for r in whole["recent_streams"])
    with pytest.raises(reports.UnknownUser):
        reports.user_detail(store, "nobody", now=now, days=7)


def test_stream_page_cursor_walk_with_ties(store: HistoryStore) -> None:
    # Ten streams in the same second: the id breaks the tie, so no page skips or repeats.
    for n in range(10):
        _start(store, T0, "london", key=str(n))
    _start(store, T0 - timedelta(seconds=1), "paris", key="x")
    seen: list[int] = []
    cursor = None
    while True:
        page = reports.stream_page(store, cursor=cursor, limit=3)
        seen += [row["stream_id"] for row in page["streams"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [*sorted(seen[:10], reverse=True), seen[-1]]
    assert len(set(seen)) == 11


def test_search_uses_literal_text(store: HistoryStore) -> None:
    _start(store, T0, "london", key="1", title="100% Wolf")
    _start(store, T0, "london", key="2", title="1000 Wolves")
    _start(store, T0, "london", key="3", title="a_b", player_title="Den")
    titles = {
        text: [r["title"] for r in reports.stream_page(store, search=text)["streams"]]
        for text in ("100%", "a_b", "_", "wolf", "wolv", "den", "%")
    }
    assert titles == {
        "100%": ["100% Wolf"],
        "a_b": ["a_b"],
        "_": ["a_b"],
        "wolf": ["100% Wolf"],
        "wolv": ["1000 Wolves"],
        "den": ["a_b"],
        "%": ["100% Wolf"],
    }


def test_search_with_many_matching_items_walks_the_log(store: HistoryStore) -> None:
    # More matching media items than the per-item limit: the other strategy, same answer.
    for n in range(80):
        _start(store, T0 + timedelta(minutes=n), "london", key=str(n), title=f"Saga {n}")
    _start(store, T0 + timedelta(hours=5), "london", key="other", title="Other")
    page = reports.stream_page(store, search="saga", limit=5)
    assert [r["title"] for r in page["streams"]] == [f"Saga {n}" for n in (79, 78, 77, 76, 75)]
    rest = reports.stream_page(store, search="saga", limit=100, cursor=page["next_cursor"])
    assert len(rest["streams"]) == 75
    assert rest["next_cursor"] is None


def test_filters_combine(store: HistoryStore) -> None:
    _start(store, T0, "london", key="1", media_type=MediaType.EPISODE)
    _start(store, T0, None, key="2", media_type=MediaType.EPISODE)
    _start(store, T0, "paris", key="3")
    rows = reports.stream_page(store, network="wan", media_type="episode")["streams"]
    assert [r["country_code"] for r in rows] == ["GB"]
    with pytest.raises(ValueError):
        reports.stream_page(store, network="cellular")
    with pytest.raises(ValueError):
        reports.stream_page(store, media_type="opera")


@pytest.mark.parametrize(
    "cursor",
    ["", "x", "MTox" * 30, "=", "LTE6MQ==", "MTow", "KzE6Mg==", "MTpfMQ==", "w6k6MQ==", "MTox\n"],
)
def test_garbage_cursors_are_refused(store: HistoryStore, cursor: str) -> None:
    with pytest.raises(reports.InvalidCursor):
        reports.stream_page(store, cursor=cursor)


def test_cursor_round_trip(store: HistoryStore) -> None:
    stream = _start(store, T0, "london")
    assert reports.decode_cursor(reports.encode_cursor(stream)) == (T0, stream.stream_id, False)


def test_rows_are_json_ready(store: HistoryStore) -> None:
    stream = _start(store, T0, "london")
    row = reports.stream_row(stream, include_ip=False)
    assert row["ip"] is None
    assert reports.stream_row(stream, include_ip=True)["ip"] == place("london").ipv4[0]
    live = reports.live_update(
        store, [helpers.stream(store, stream.stream_id)], [], 3, include_ip=True
    )  # type: ignore[list-item]
    assert [r["ip"] for r in live["live_streams"]] == [place("london").ipv4[0]]
    hidden = reports.live_update(store, [stream], [], 3)
    assert [r["ip"] for r in hidden["live_streams"]] == [None]
    assert hidden["unacknowledged"] == 3


def _brute_country_counts(
    streams: list[Stream], user_id: str, since: datetime, before: datetime, exclude: int | None
) -> dict[str, int]:
    return dict(
        Counter(
            s.location.country_code
            for s in streams
            if s.snapshot.user_id == user_id
            and s.location is not None
            and since <= s.started_at < before
            and s.stream_id != exclude
        )
    )


@pytest.mark.parametrize("seed", [4, 5])
def test_country_counts_match_brute_force(store: HistoryStore, seed: int) -> None:
    # The detector's counts: whole months and days from the rollups, partial days from
    # streams; moved, failed and purged streams included.
    _random_history(store, seed)
    store.purge_older_than(T0 + timedelta(days=4))
    streams = store.stream_log(limit=10_000)
    rng = random.Random(seed)
    for _ in range(60):
        user = f"id-u{rng.randrange(7)}"  # u6 has no streams
        since = T0 + timedelta(seconds=rng.randrange(-2 * 86400, 100 * 86400))
        before = since + timedelta(seconds=rng.choice([0, 3600, 86400, rng.randrange(95 * 86400)]))
        exclude = rng.choice([None, *(s.stream_id for s in rng.sample(streams, 3))])
        found = store.country_counts(user, since, before, exclude_stream_id=exclude)
        assert found == _brute_country_counts(streams, user, since, before, exclude), (
            user,
            since,
            before,
            exclude,
        )


def test_users_overview_follows_moves_and_purges(store: HistoryStore) -> None:
    # The users' kept totals and last places stay exact when their last located stream
    # fails a later lookup, is moved, or is purged.
    _random_history(store, 6)
    streams = store.stream_log(limit=10_000)
    rng = random.Random(6)
    for stream in rng.sample([s for s in streams if s.location is not None], 40):
        if rng.random() < 0.5:
            helpers.set_location(store, stream.stream_id, LocationStatus.FAILED, None)
        else:
            helpers.set_location(
                store, stream.stream_id, KNOWN, location_of(rng.choice(PLACES), stream.started_at)
            )
    store.purge_older_than(T0 + timedelta(days=50))
    streams = store.stream_log(limit=10_000)
    for user in reports.user_list(store)["users"]:
        mine = [s for s in streams if s.snapshot.user_id == user["user_id"]]
        assert user["stream_count"] == len(mine)
        latest = max(
            (s for s in mine if s.location is not None),
            key=lambda s: (s.last_seen, s.stream_id),
            default=None,
        )
        expected = None if latest is None else reports.stream_row(latest, False)["city"]
        assert (user["last_location"] or {}).get("city") == expected, user["user_id"]


def test_user_list_is_the_overview_the_store_keeps(store: HistoryStore) -> None:
    # The list's one-query form says exactly what the store's overview records say:
    # countries in order (ties by code), last place, last seen, alerts, after moves and
    # purges; a country code needs no particular spelling to survive the join.
    _random_history(store, 8)
    streams = store.stream_log(limit=10_000)
    rng = random.Random(8)
    for stream in rng.sample([s for s in streams if s.location is not None], 30):
        helpers.set_location(
            store, stream.stream_id, KNOWN, location_of(rng.choice(PLACES), stream.started_at)
        )
    store.purge_older_than(T0 + timedelta(days=30))
    store.add_alert(alert_for(store.stream_log(limit=1)[0]), "rare_country:XX")

    def expected(user: UserOverview) -> dict[str, object]:
        place = user.last_location
        return {
            "user_id": user.user_id,
            "user_name": user.user_name,
            "stream_count": user.stream_count,
            "countries": list(user.countries),
            "last_seen": user.last_seen.isoformat(),
            "last_location": None
            if place is None
            else {
                "country_code": place.country_code,
                "country_name": place.country_name,
                "city": place.city,
                "latitude": place.latitude,
                "longitude": place.longitude,
            },
            "unacknowledged_alerts": user.unacknowledged_alerts,
            "networks": user.networks,
            "devices": user.devices,
            "concurrent_peak": user.concurrent_peak,
        }

    first, second = (u.user_id for u in store.users_overview()[:2])
    store.record_habits(
        devices=[(first, "tv", T0), (first, "phone", T0), (second, "tv", T0)],
        networks=[(first, "AS1", T0), (second, "AS2", T0), (second, "AS3", T0)],
    )
    overview = store.users_overview()
    assert any(u.networks > 1 for u in overview) and any(u.devices > 1 for u in overview)
    assert any(len(u.countries) > 2 for u in overview)
    assert any(u.unacknowledged_alerts for u in overview)
    assert reports.user_list(store)["users"] == [expected(u) for u in overview]


def test_search_answers_the_same_with_and_without_trigram(store: HistoryStore) -> None:
    # The trigram index only narrows the candidates: LIKE decides, so ASCII case is
    # ignored and other letters' case is not, exactly as without the index.
    titles = ["Épisode Un", "épisode deux", "Harbour Lights", "HARBOUR", "Tōkyō Story", 'a"b"c']
    assert store._trigram  # this SQLite has the trigram tokenizer (3.34+)
    for n, title in enumerate(titles):
        _start(store, T0 + timedelta(minutes=n), "london", key=str(n), title=title)
    words = ["épisode", "Épisode", "harbour", "ARB", "tōkyō", "TŌKYŌ", 'a"b', "pis", "zzz"]
    with_index = {
        w: [r["title"] for r in reports.stream_page(store, search=w)["streams"]] for w in words
    }
    store._trigram = False  # the fallback an older SQLite takes
    without = {
        w: [r["title"] for r in reports.stream_page(store, search=w)["streams"]] for w in words
    }
    assert with_index == without
    assert with_index["épisode"] == ["épisode deux"]
    assert with_index["Épisode"] == ["Épisode Un"]
    assert with_index["harbour"] == ["HARBOUR", "Harbour Lights"]
    assert with_index["TŌKYŌ"] == []
    assert with_index['a"b'] == ['a"b"c']


def test_purged_titles_leave_the_search_index(store: HistoryStore) -> None:
    old = _start(store, T0, "london", key="1", title="Gone Title", player_title="Old Box")
    store.end_streams([old.stream_id])
    store.purge_older_than(T0 + timedelta(days=1))
    assert reports.stream_page(store, search="Gone Title")["streams"] == []
    assert reports.stream_page(store, search="Old Box")["streams"] == []
    # The freed row ids are reused by other titles: the index must not confuse them.
    _start(store, T0 + timedelta(days=2), "london", key="2", title="New Title")
    assert reports.stream_page(store, search="Gone Title")["streams"] == []
    assert [r["title"] for r in reports.stream_page(store, search="new t")["streams"]] == [
        "New Title"
    ]


def test_located_counts_remote_streams_only_though_lan_counts_at_home(store: HistoryStore) -> None:
    # Issue 18 item 5: "50 located · 14 LAN · 58 WAN" did not add up. A LAN stream counts
    # in the home country (the household model), but it is not a located WAN stream.
    home = _start(store, T0, None, key="lan")
    _start(store, T0 + timedelta(minutes=1), "paris", key="wan")
    _start(store, T0 + timedelta(minutes=2), "new_york", key="wan-2", user="bob")
    store.set_counted_countries([(home.stream_id, "GB")])
    found = reports.trends(store, since=T0, until=T0 + timedelta(hours=1))
    assert (found["lan"], found["wan"], found["located"]) == (1, 2, 2)
    assert sorted(d["country_code"] for d in found["per_day"]) == ["FR", "GB", "US"]
