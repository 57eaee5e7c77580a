"""The poll pipeline without Home Assistant: lifecycle, geolocation, detectors, alerts."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
import ipaddress
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from custom_components.plexgeo.core.crypto import KeyMaterial
from custom_components.plexgeo.core.engine import Engine, PollOutcome
from custom_components.plexgeo.core.geo.base import LookupResult
from custom_components.plexgeo.core.models import (
    AlertKind,
    LocationStatus,
    PlaybackState,
    StreamSnapshot,
)
from custom_components.plexgeo.core.settings import AlertSettings
from custom_components.plexgeo.core.store import HistoryStore
from simulator.places import place

from . import helpers
from .helpers import T0, answer, no_answer, snapshot

Lookup = Callable[[Iterable[str]], LookupResult]


class Harness:
    """An engine over a real store; `poll` plays one coordinator cycle."""

    def __init__(self, path: Path, keys: KeyMaterial) -> None:
        self.path = path
        self.keys = keys
        self.store = HistoryStore.open(path, keys, "server-1")
        self.engine = Engine(self.store)
        self.settings = AlertSettings()
        self.asked: list[list[str]] = []

    def poll(
        self, sessions: Sequence[StreamSnapshot], at: datetime, lookup: Lookup = answer
    ) -> PollOutcome:
        ingested = self.engine.ingest(sessions, at)
        self.asked.append(sorted(ingested.lookups))
        result = lookup(ingested.lookups) if ingested.lookups else LookupResult({}, {}, ())
        return self.engine.resolve(ingested, result, self.settings, at)

    def restart(self) -> None:
        """Home Assistant restarts: a new engine over the reopened file."""
        self.store.close()
        self.store = HistoryStore.open(self.path, self.keys, "server-1")
        self.engine = Engine(self.store)

    def watch(
        self, session: StreamSnapshot, start: datetime, minutes: int = 60, step: int = 30
    ) -> PollOutcome:
        """Play one whole stream: polls from start until it has ended."""
        at = start
        self.poll([session], at)
        while at < start + timedelta(minutes=minutes):
            at += timedelta(seconds=step * 60)
            self.poll([session], at)
        return self.poll([], at + timedelta(seconds=30))


@pytest.fixture
def harness(tmp_path: Path) -> Iterator[Harness]:
    h = Harness(tmp_path / "plexgeo" / "server-1.db", KeyMaterial.generate())
    yield h
    h.store.close()


def _kinds(outcome: PollOutcome) -> list[AlertKind]:
    return [alert.kind for alert in outcome.new_alerts]


# --- lifecycle ----------------------------------------------------------------------------


def test_start_continue_pause_end(harness: Harness) -> None:
    first = harness.poll([snapshot("1")], T0)
    [started] = first.started
    assert [s.stream_id for s in first.live] == [started.stream_id]
    assert started.location_status is LocationStatus.KNOWN  # looked up in the same poll
    assert first.streams_today == 1

    paused = snapshot("1", state=PlaybackState.PAUSED, progress_ms=60_000, bandwidth_kbps=0)
    second = harness.poll([paused], T0 + timedelta(seconds=30))
    assert second.started == ()
    [live] = second.live
    assert live.stream_id == started.stream_id
    assert live.snapshot.state is PlaybackState.PAUSED
    assert live.snapshot.progress_ms == 60_000
    assert live.last_seen == T0 + timedelta(seconds=30)

    third = harness.poll([], T0 + timedelta(seconds=60))
    [ended] = third.ended
    assert third.live == ()
    # The end is the last time it was seen, not the poll that noticed it gone.
    assert ended.ended_at == T0 + timedelta(seconds=30)
    assert harness.store.stats().streams == 1


def test_streams_today_start_at_the_clock_s_midnight(harness: Harness) -> None:
    """The coordinator passes local time, so "today" is the user's day, not UTC's."""
    sydney = ZoneInfo("Australia/Sydney")  # UTC+11 in March
    harness.poll([snapshot("1")], datetime(2026, 3, 1, 23, 30, tzinfo=sydney))
    outcome = harness.poll([snapshot("2", user="bob")], datetime(2026, 3, 2, 0, 30, tzinfo=sydney))
    assert outcome.streams_today == 1
    # The same instants in UTC fall on one day: both count.
    assert harness.store.streams_started_since(datetime(2026, 3, 1, tzinfo=UTC)) == 2


def test_lan_and_relayed_streams_are_never_looked_up(harness: Harness) -> None:
    lan = snapshot("1", address="192.168.1.20", local=True)
    relayed = snapshot("2", user="erin", address="127.0.0.1", relayed=True)
    outcome = harness.poll([lan, relayed], T0)
    statuses = {s.snapshot.session_key: s.location_status for s in outcome.live}
    assert statuses == {"1": LocationStatus.LOCAL, "2": LocationStatus.UNKNOWN}
    assert harness.asked == [[]]


def test_restart_mid_stream_continues_and_closes_streams_that_ended(harness: Harness) -> None:
    harness.poll([snapshot("1"), snapshot("2", user="bob", where="paris")], T0)
    harness.poll(
        [snapshot("1"), snapshot("2", user="bob", where="paris")], T0 + timedelta(minutes=1)
    )
    harness.restart()
    # Back after five minutes: alice still watching, bob stopped while HA was down.
    outcome = harness.poll([snapshot("1")], T0 + timedelta(minutes=6))
    assert outcome.started == ()
    assert [s.snapshot.user_name for s in outcome.live] == ["alice"]
    [bob] = outcome.ended
    assert bob.ended_at == T0 + timedelta(minutes=1)
    assert harness.store.stats().streams == 2


def test_autoplay_next_item_is_a_new_stream(harness: Harness) -> None:
    harness.poll([snapshot("1/s/100")], T0)
    outcome = harness.poll([snapshot("1/s/101", title="Next")], T0 + timedelta(minutes=1))
    assert [s.snapshot.title for s in outcome.started] == ["Next"]
    assert len(outcome.ended) == 1


def test_address_change_mid_stream_relocates(harness: Harness) -> None:
    harness.poll([snapshot("1", where="london")], T0)
    outcome = harness.poll([snapshot("1", where="paris")], T0 + timedelta(minutes=1))
    [live] = outcome.live
    assert live.location is not None
    assert live.location.city == "Paris"
    assert outcome.started == ()


# --- geolocation ---------------------------------------------------------------------------


def test_cache_hit_makes_no_request(harness: Harness) -> None:
    harness.watch(snapshot("1"), T0, minutes=30)
    outcome = harness.poll([snapshot("2")], T0 + timedelta(hours=2))
    [stream] = outcome.started
    assert stream.location_status is LocationStatus.KNOWN
    assert harness.asked[-1] == []


def test_provider_down_leaves_streams_pending_then_resolves(harness: Harness) -> None:
    sessions = [snapshot("1"), snapshot("2", user="bob", where="paris")]
    outcome = harness.poll(sessions, T0, lookup=no_answer)
    assert {s.location_status for s in outcome.live} == {LocationStatus.PENDING}
    # Both stop while the provider is still down; nothing is lost.
    harness.poll([], T0 + timedelta(minutes=1), lookup=no_answer)
    outcome = harness.poll([], T0 + timedelta(hours=3))
    assert harness.asked[-1] == sorted([place("london").ipv4[0], place("paris").ipv4[0]])
    located = [helpers.stream(harness.store, i) for i in (1, 2)]
    assert all(s is not None and s.location_status is LocationStatus.KNOWN for s in located)


def test_failed_lookup_is_not_retried(harness: Harness) -> None:
    address = place("london").ipv4[0]

    def refuse(addresses: Iterable[str]) -> LookupResult:
        return LookupResult(
            located={}, failed=dict.fromkeys(addresses, "reserved range"), deferred=()
        )

    outcome = harness.poll([snapshot("1")], T0, lookup=refuse)
    assert outcome.live[0].location_status is LocationStatus.FAILED
    harness.poll([snapshot("1")], T0 + timedelta(minutes=1))
    assert harness.asked == [[address], []]


# --- rare country (PlexGeo's rule, the alice example) -------------------------------------


def _history(harness: Harness, user: str, places: Sequence[str], start: datetime) -> datetime:
    """One 30-minute stream a day from each place, in order; returns the next day."""
    at = start
    for index, where in enumerate(places):
        harness.watch(snapshot(f"h{user}{index}", user=user, where=where), at, minutes=30)
        at += timedelta(days=1)
    return at


def test_alice_example(harness: Harness) -> None:
    start = T0 - timedelta(days=60)
    at = _history(harness, "alice", ["london"] * 48 + ["new_york"] * 2, start)
    # Australia: 0 % of 50 → alert.
    outcome = harness.poll([snapshot("au", where="sydney")], at)
    assert _kinds(outcome) == [AlertKind.RARE_COUNTRY]
    [alert] = outcome.new_alerts
    assert (alert.country_code, alert.session_count, alert.share) == ("AU", 50, 0.0)
    assert alert.previous_country_code == "GB"
    harness.poll([], at + timedelta(minutes=1))
    # Great Britain: 48 of 51 → no alert.
    outcome = harness.poll([snapshot("gb", where="london")], at + timedelta(hours=30))
    assert outcome.new_alerts == ()
    harness.poll([], at + timedelta(hours=31))
    # A third US stream: 2 of 52 (3.8 %) → alert, once the US alerts of the history are
    # acknowledged (an open alert holds its country back: one alert per visit).
    harness.store.acknowledge_alerts(None, None, at + timedelta(hours=59))
    outcome = harness.poll([snapshot("us", where="new_york")], at + timedelta(hours=60))
    assert _kinds(outcome) == [AlertKind.RARE_COUNTRY]
    assert outcome.new_alerts[0].share == pytest.approx(2 / 52)


def test_rare_country_needs_the_minimum(harness: Harness) -> None:
    at = _history(harness, "alice", ["london"] * 4, T0 - timedelta(days=10))
    outcome = harness.poll([snapshot("au", where="sydney")], at)
    assert outcome.new_alerts == ()


def test_rare_country_ignores_streams_outside_the_window(harness: Harness) -> None:
    _history(harness, "alice", ["london"] * 10, T0 - timedelta(days=200))
    outcome = harness.poll([snapshot("au", where="sydney")], T0)
    assert outcome.new_alerts == ()


def test_rare_country_threshold_and_minimum_from_settings(harness: Harness) -> None:
    at = _history(harness, "alice", ["london"] * 3 + ["madrid"], T0 - timedelta(days=10))
    harness.settings = replace(harness.settings, rare_country_min_sessions=3)
    # Madrid is 1 of 4 = 25 %: fine at 10 %, rare at 50 % (and 1,260 km from London:
    # beyond the floor of the user's usual place).
    outcome = harness.poll([snapshot("es", where="madrid")], at)
    assert outcome.new_alerts == ()
    harness.poll([], at + timedelta(minutes=1))
    harness.settings = replace(harness.settings, rare_country_threshold=0.5)
    outcome = harness.poll([snapshot("es2", where="madrid")], at + timedelta(days=1))
    assert _kinds(outcome) == [AlertKind.RARE_COUNTRY]


def test_trusted_country_never_rare(harness: Harness) -> None:
    at = _history(harness, "alice", ["london"] * 10, T0 - timedelta(days=20))
    harness.store.trust_country("id-alice", "AU")
    outcome = harness.poll([snapshot("au", where="sydney")], at)
    assert outcome.new_alerts == ()


def test_rare_country_once_per_visit(harness: Harness) -> None:
    at = _history(harness, "alice", ["london"] * 40, T0 - timedelta(days=50))
    assert _kinds(harness.poll([snapshot("au1", where="sydney")], at)) == [AlertKind.RARE_COUNTRY]
    harness.poll([], at + timedelta(minutes=1))
    # Melbourne is Australia too: same user, kind and country inside 24 h.
    outcome = harness.poll([snapshot("au2", where="melbourne")], at + timedelta(hours=5))
    assert outcome.new_alerts == ()
    harness.poll([], at + timedelta(hours=5, minutes=1))
    # Past the window, the visit goes on while its alert is open: still one alert.
    outcome = harness.poll([snapshot("au3", where="sydney")], at + timedelta(hours=30))
    assert outcome.new_alerts == ()
    harness.poll([], at + timedelta(hours=31))
    # Acknowledged but not home yet: the same visit.
    harness.store.acknowledge_alerts(None, None, at + timedelta(hours=32))
    outcome = harness.poll([snapshot("au4", where="sydney")], at + timedelta(hours=33))
    assert outcome.new_alerts == ()
    harness.poll([], at + timedelta(hours=34))
    # Home again, then back to Australia: a new visit, a new alert.
    harness.watch(snapshot("gb", where="london"), at + timedelta(days=3), minutes=30)
    outcome = harness.poll([snapshot("au5", where="sydney")], at + timedelta(days=5))
    assert _kinds(outcome) == [AlertKind.RARE_COUNTRY]


def test_local_and_pending_streams_never_count(harness: Harness) -> None:
    at = T0 - timedelta(days=10)
    for index in range(10):
        lan = snapshot(f"lan{index}", address="192.168.1.20", local=True)
        harness.watch(lan, at + timedelta(days=index), minutes=30)
    outcome = harness.poll([snapshot("au", where="sydney")], T0)
    assert outcome.new_alerts == ()


# --- impossible travel -----------------------------------------------------------------------


def test_london_then_sydney_two_hours_later(harness: Harness) -> None:
    harness.settings = replace(harness.settings, rare_country_min_sessions=1000)
    harness.watch(snapshot("1", where="london"), T0, minutes=60)
    outcome = harness.poll([snapshot("2", where="sydney")], T0 + timedelta(hours=3))
    assert _kinds(outcome) == [AlertKind.IMPOSSIBLE_TRAVEL]
    [alert] = outcome.new_alerts
    assert alert.previous_country_code == "GB"
    assert alert.distance_km == pytest.approx(16_990, rel=0.01)
    assert alert.speed_kmh is not None and alert.speed_kmh > 8000


def test_a_stream_of_the_poll_is_judged_as_the_engine_holds_it(harness: Harness) -> None:
    # Started and located in this poll: judged from the engine's record, never read back
    # from the store by id (nor its address decrypted).
    harness.settings = replace(harness.settings, rare_country_min_sessions=1000)
    harness.watch(snapshot("1", where="london"), T0, minutes=60)
    read: list[str] = []
    harness.store._reader.set_trace_callback(read.append)
    try:
        outcome = harness.poll([snapshot("2", where="sydney")], T0 + timedelta(hours=3))
    finally:
        harness.store._reader.set_trace_callback(None)
    [stream] = outcome.started
    [alert] = outcome.new_alerts
    assert (alert.kind, alert.stream_id, alert.country_code) == (
        AlertKind.IMPOSSIBLE_TRAVEL,
        stream.stream_id,
        "AU",
    )
    by_id = f"json_each('[{stream.stream_id}]')"
    assert not [statement for statement in read if by_id in statement]


def test_london_then_paris_three_hours_later(harness: Harness) -> None:
    harness.settings = replace(harness.settings, rare_country_min_sessions=1000)
    harness.watch(snapshot("1", where="london"), T0, minutes=60)
    outcome = harness.poll([snapshot("2", where="paris")], T0 + timedelta(hours=4))
    assert outcome.new_alerts == ()


def test_same_address_relocated_is_not_travel(harness: Harness) -> None:
    harness.settings = replace(harness.settings, rare_country_min_sessions=1000)
    address = place("london").ipv4[0]
    harness.watch(snapshot("1", address=address), T0, minutes=60)
    # The provider's database now puts the same address in Sydney.
    sydney = answer([place("sydney").ipv4[0]])
    moved = {address: next(iter(sydney.located.values()))}
    helpers.cache_location(harness.store, harness.store.address_hash(address), moved[address])
    outcome = harness.poll([snapshot("2", address=address)], T0 + timedelta(hours=2))
    assert outcome.live[0].location is not None
    assert outcome.live[0].location.country_code == "AU"
    assert outcome.new_alerts == ()


def test_same_ipv6_64_is_not_travel(harness: Harness) -> None:
    harness.settings = replace(harness.settings, rare_country_min_sessions=1000)
    first = "2a00:23c4:5b1:e01::17"
    second = str(ipaddress.ip_address(first) + 0x1234_5678)  # same /64, new privacy address
    harness.watch(snapshot("1", address=first), T0, minutes=60)
    sydney = answer([place("sydney").ipv6[0]]).located[place("sydney").ipv6[0]]

    def to_sydney(addresses: Iterable[str]) -> LookupResult:
        return LookupResult(located=dict.fromkeys(addresses, sydney), failed={}, deferred=())

    outcome = harness.poll([snapshot("2", address=second)], T0 + timedelta(hours=2), to_sydney)
    assert outcome.new_alerts == ()


# --- concurrent locations --------------------------------------------------------------------


def test_two_continents_at_once(harness: Harness) -> None:
    harness.settings = replace(harness.settings, rare_country_min_sessions=1000)
    harness.poll([snapshot("1", user="carol", where="new_york")], T0)
    outcome = harness.poll(
        [
            snapshot("1", user="carol", where="new_york"),
            snapshot("2", user="carol", where="tokyo"),
        ],
        T0 + timedelta(minutes=1),
    )
    assert _kinds(outcome) == [AlertKind.CONCURRENT_LOCATIONS]
    [alert] = outcome.new_alerts
    assert (alert.country_code, alert.previous_country_code) == ("JP", "US")
    assert alert.distance_km == pytest.approx(10_850, rel=0.01)
    # The same pair again within the window: no second alert.
    outcome = harness.poll(
        [
            snapshot("1", user="carol", where="new_york"),
            snapshot("2", user="carol", where="tokyo"),
            snapshot("3", user="carol", where="tokyo", title="Other"),
        ],
        T0 + timedelta(minutes=2),
    )
    assert outcome.new_alerts == ()


def test_two_streams_in_one_city_are_not_sharing(harness: Harness) -> None:
    harness.settings = replace(harness.settings, rare_country_min_sessions=1000)
    outcome = harness.poll(
        [
            snapshot("1", address=place("london").ipv4[0]),
            snapshot("2", address=place("london").ipv4[1]),
        ],
        T0,
    )
    assert outcome.new_alerts == ()


def test_trusted_network_never_alerts(harness: Harness) -> None:
    vpn = place("frankfurt_vpn").ipv4[0]
    harness.settings = replace(
        harness.settings,
        rare_country_min_sessions=1,
        trusted_networks=(ipaddress.ip_network("185.220.101.0/24"),),
    )
    harness.watch(snapshot("1", where="london"), T0, minutes=30)
    outcome = harness.poll(
        [snapshot("2", address=vpn), snapshot("3", user="alice", where="tokyo")],
        T0 + timedelta(hours=1),
    )
    # Tokyo alerts (rare and travel); the VPN stream raises nothing, nor its pairing.
    assert {a.country_code for a in outcome.new_alerts} == {"JP"}
    assert AlertKind.CONCURRENT_LOCATIONS not in _kinds(outcome)


def test_store_failure_mid_poll_loses_nothing(harness: Harness, tmp_path: Path) -> None:
    from custom_components.plexgeo.core.errors import StoreUnavailable

    harness.poll([snapshot("1")], T0)
    real = harness.store.start_streams

    def refuse(*args: object, **kwargs: object) -> object:
        raise StoreUnavailable("disk full")

    harness.store.start_streams = refuse  # type: ignore[method-assign]
    with pytest.raises(StoreUnavailable):
        harness.poll([snapshot("1"), snapshot("2", user="bob")], T0 + timedelta(minutes=1))
    harness.store.start_streams = real  # type: ignore[method-assign]
    outcome = harness.poll([snapshot("1"), snapshot("2", user="bob")], T0 + timedelta(minutes=2))
    assert sorted(s.snapshot.user_name for s in outcome.live) == ["alice", "bob"]
    assert [s.snapshot.user_name for s in outcome.started] == ["bob"]
    assert harness.store.stats().streams == 2


def test_a_poll_writes_in_few_transactions_and_reports_what_is_stored(harness: Harness) -> None:
    # Twenty streams go on, five start, one moves, five end: one transaction for each
    # step (and one per alert), not one per continuing stream or address looked up.
    sessions = [snapshot(str(n), user=f"u{n}") for n in range(25)]
    harness.poll(sessions, T0)
    statements: list[str] = []
    harness.store._writer.set_trace_callback(statements.append)
    moved = snapshot("5", user="u5", where="paris")
    later = [*sessions[6:25], moved] + [
        snapshot(f"n{n}", user=f"v{n}", where="tokyo" if n else "sydney") for n in range(5)
    ]
    outcome = harness.poll(later, T0 + timedelta(seconds=30))
    harness.store._writer.set_trace_callback(None)
    assert sum(sql.startswith("BEGIN") for sql in statements) <= 10
    assert [s.snapshot.session_key for s in outcome.ended] == [str(n) for n in (0, 1, 2, 3, 4)]
    # The records built without reading back are what the store now holds.
    for stream in (*outcome.live, *outcome.started, *outcome.ended):
        assert stream == helpers.stream(harness.store, stream.stream_id), (
            stream.snapshot.session_key
        )
    [paris] = [s for s in outcome.live if s.snapshot.session_key == "5"]
    assert paris.location is not None
    assert paris.location.city == "Paris"


def test_a_lookup_caches_every_address_it_found_in_one_transaction(harness: Harness) -> None:
    places = ("london", "paris", "tokyo", "sydney")
    sessions = [snapshot(str(n), user=f"u{n}", where=w) for n, w in enumerate(places)]
    statements: list[str] = []
    harness.store._writer.set_trace_callback(statements.append)
    harness.poll(sessions, T0)
    harness.store._writer.set_trace_callback(None)
    writes = [i for i, sql in enumerate(statements) if sql.startswith("INSERT INTO geo_cache")]
    assert len(writes) == len(places)
    between = statements[writes[0] : writes[-1] + 1]
    assert not [sql for sql in between if sql.startswith(("BEGIN", "COMMIT"))]
    assert harness.store.stats().cached_locations == len(places)
    for session in sessions:
        address = session.ip_address
        assert address is not None
        digest = harness.store.address_hash(address)
        assert harness.store.cached_location(digest, T0, timedelta(days=1)) is not None
