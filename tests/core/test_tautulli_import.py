"""Importing Tautulli's history into the store: idempotent, resumable, deduplicated against
live streams, located once per address, and a baseline that never alerts."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
import ipaddress
from pathlib import Path
import sqlite3
from typing import Any

import pytest

from custom_components.plexgeo.core import migrations
from custom_components.plexgeo.core.crypto import KeyMaterial
from custom_components.plexgeo.core.engine import Engine
from custom_components.plexgeo.core.errors import StoreError
from custom_components.plexgeo.core.geo.base import LookupResult, ProviderStatus
from custom_components.plexgeo.core.importer import (
    PHASE_DONE,
    PHASE_LOCATING,
    TautulliImport,
    locate_imported,
)
from custom_components.plexgeo.core.models import AlertKind, LocationStatus
from custom_components.plexgeo.core.settings import AlertSettings, Home
from custom_components.plexgeo.core.store import HistoryStore
from custom_components.plexgeo.core.tautulli import (
    HistoryPage,
    TautulliClient,
    TautulliUnreachable,
)
from simulator.places import place
from simulator.scenario import SimSession, lan_session, relayed_session, wan_session
from simulator.tautulli import DEFAULT_API_KEY, FakeTautulli, HistoryPlay, history_row

from . import helpers
from .helpers import answer, snapshot

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
DAY = 86400
URL = "http://tautulli.local:8181"


class RowsClient:
    """get_history paged from a FakeTautulli's rows, in process (no socket)."""

    def __init__(self, fake: FakeTautulli, fail_at: int | None = None) -> None:
        self.fake = fake
        self.fail_at = fail_at
        self.starts: list[int] = []

    def history(self, start: int, length: int, after: Any = None) -> HistoryPage:
        if self.fail_at is not None and start >= self.fail_at:
            raise TautulliUnreachable("Tautulli at http://tautulli.local:8181 did not answer")
        self.starts.append(start)
        rows = self.fake.rows()
        return HistoryPage(rows=rows[start : start + length], total=len(rows))


class FakeProvider:
    """A geolocation provider answering from the simulator's places, counting what it is asked."""

    name = "fake"

    def __init__(self, defer_first: int = 0) -> None:
        self.asked: list[list[str]] = []
        self.defer_first = defer_first

    async def locate(self, addresses: Sequence[str], now: datetime) -> LookupResult:
        self.asked.append(list(addresses))
        if self.defer_first > 0:
            self.defer_first -= 1
            return LookupResult({}, {}, tuple(addresses), error="rate limit")
        return answer(addresses, now)

    def status(self) -> ProviderStatus:
        return ProviderStatus(self.name, None, NOW + timedelta(seconds=30), None, None, 0)


def plays(sessions: Sequence[SimSession], count: int, *, start: int, every: int = 3600) -> list:
    return [
        HistoryPlay(i + 1, sessions[i % len(sessions)], start + i * every, start + i * every + 1800)
        for i in range(count)
    ]


@pytest.fixture
def keys() -> KeyMaterial:
    return KeyMaterial.generate()


@pytest.fixture
def store(tmp_path: Path, keys: KeyMaterial) -> Iterator[HistoryStore]:
    opened = HistoryStore.open(tmp_path / "h.db", keys, "srv")
    yield opened
    opened.close()


def run_history(importer: TautulliImport) -> None:
    while importer.import_page():
        pass


async def _run(job: Callable[[], Any]) -> Any:
    return job()


async def _no_wait(seconds: float) -> None:
    waits.append(seconds)


waits: list[float] = []


def locate(importer: TautulliImport, provider: FakeProvider, settings: AlertSettings) -> None:
    waits.clear()
    asyncio.run(locate_imported(importer, provider, _run, settings, now=lambda: NOW, wait=_no_wait))


START = int((NOW - timedelta(days=30)).timestamp())


def test_import_stores_ended_imported_streams(store: HistoryStore) -> None:
    fake = FakeTautulli(
        plays=plays([wan_session("paris"), lan_session(), relayed_session()], 9, start=START)
    )
    importer = TautulliImport(store, RowsClient(fake), url=URL, page_size=4)
    run_history(importer)
    assert importer.state.phase == PHASE_LOCATING
    assert store.imported_count() == 9
    streams = store.streams(list(range(1, 10)))
    assert [s.snapshot.session_key for s in streams] == [f"tautulli:{i}" for i in range(1, 10)]
    assert {s.location_status for s in streams} == {
        LocationStatus.PENDING,
        LocationStatus.LOCAL,
        LocationStatus.UNKNOWN,
    }
    assert all(s.ended_at == s.started_at + timedelta(seconds=1800) for s in streams)
    assert not store.open_streams()
    summary = importer.finish()
    assert summary.streams == 9
    assert summary.rows == 9
    assert summary.users == ["1"]


def test_import_twice_adds_nothing(store: HistoryStore) -> None:
    fake = FakeTautulli(plays=plays([wan_session("paris")], 10, start=START))
    first = TautulliImport(store, RowsClient(fake), url=URL, page_size=3)
    run_history(first)
    first.finish()
    again = TautulliImport(store, RowsClient(fake), url=URL, page_size=3)
    run_history(again)
    assert store.imported_count() == 10
    assert again.state.summary.streams == 10  # the running total is kept, not doubled
    # A fresh import (another start date) re-reads everything and adds nothing.
    other = TautulliImport(store, RowsClient(fake), url=URL + "/other", page_size=3)
    run_history(other)
    assert other.state.summary.streams == 0
    assert other.state.summary.duplicates == 10
    assert store.imported_count() == 10


def test_new_plays_are_picked_up_from_the_cursor(store: HistoryStore) -> None:
    fake = FakeTautulli(plays=plays([wan_session("paris")], 5, start=START))
    client = RowsClient(fake)
    run_history(TautulliImport(store, client, url=URL, page_size=2))
    fake.plays += [HistoryPlay(6, wan_session("paris"), START + 9 * DAY, START + 9 * DAY + 60)]
    client.starts.clear()
    run_history(TautulliImport(store, client, url=URL, page_size=2))
    assert client.starts[0] == 0  # 5 rows read, less the overlap
    assert store.imported_count() == 6


def test_resume_after_an_interruption(tmp_path: Path, keys: KeyMaterial) -> None:
    fake = FakeTautulli(plays=plays([wan_session("paris"), lan_session()], 250, start=START))
    path = tmp_path / "r.db"
    store = HistoryStore.open(path, keys, "srv")
    broken = TautulliImport(store, RowsClient(fake, fail_at=120), url=URL, page_size=50)
    with pytest.raises(TautulliUnreachable):
        run_history(broken)
    assert store.imported_count() == 150  # three whole pages
    store.close()  # Home Assistant restarts
    store = HistoryStore.open(path, keys, "srv")
    client = RowsClient(fake)
    resumed = TautulliImport(store, client, url=URL, page_size=50)
    assert resumed.state.next_start == 50  # 150 read, less the 100-row overlap
    run_history(resumed)
    assert store.imported_count() == 250
    assert resumed.state.summary.streams == 250
    assert resumed.state.summary.duplicates == 100
    assert client.starts[0] == 50
    store.close()


def test_a_failed_batch_writes_nothing(
    store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeTautulli(plays=plays([wan_session("paris")], 6, start=START))
    importer = TautulliImport(store, RowsClient(fake), url=URL, page_size=3)
    assert importer.import_page()

    def broken(batch: Any) -> str:
        raise StoreError("disk full")

    monkeypatch.setattr(importer, "_counted", broken)
    with pytest.raises(StoreError):
        importer.import_page()
    assert store.imported_count() == 3
    assert '"next_start":3' in (store.import_state("tautulli") or "")
    assert importer.state.next_start == 3  # the failed page did not move the import
    assert importer.state.summary.rows == 3
    monkeypatch.undo()
    run_history(importer)
    assert store.imported_count() == 6
    assert importer.state.summary.streams == 6


def test_live_streams_are_not_duplicated(store: HistoryStore) -> None:
    session = wan_session("paris")
    fake = FakeTautulli(plays=plays([session], 3, start=START, every=DAY))
    live = snapshot(
        "live-1",
        user="alice",
        where="paris",
        user_id="1",
        player_machine_id=session.player_machine_id,
    )
    # PlexGeo saw the second play itself, 40 s after Tautulli's start time.
    seen = datetime.fromtimestamp(START + DAY + 40, UTC)
    store.start_streams([(live, seen, LocationStatus.PENDING, None)])
    # Another device at the same time is another stream.
    other = replace(live, session_key="live-2", player_machine_id="other-device")
    store.start_streams([(other, seen, LocationStatus.PENDING, None)])
    importer = TautulliImport(store, RowsClient(fake), url=URL)
    run_history(importer)
    assert importer.state.summary.already_live == 1
    assert importer.state.summary.streams == 2
    assert store.imported_count() == 2
    # Matched rows are remembered: a second import does not look at them again.
    again = TautulliImport(store, RowsClient(fake), url=URL + "/again")
    run_history(again)
    assert again.state.summary.duplicates == 3


def test_addresses_located_once_in_batches(store: HistoryStore) -> None:
    sessions = [wan_session("paris"), wan_session("tokyo"), wan_session("london"), lan_session()]
    fake = FakeTautulli(plays=plays(sessions, 40, start=START))
    importer = TautulliImport(store, RowsClient(fake), url=URL)
    run_history(importer)
    provider = FakeProvider()
    locate(importer, provider, AlertSettings())
    assert len(provider.asked) == 1
    assert sorted(provider.asked[0]) == sorted(
        place(k).ipv4[0] for k in ("paris", "tokyo", "london")
    )
    summary = importer.finish()
    assert summary.located == 3
    assert summary.countries == ["FR", "GB", "JP"]
    assert importer.state.phase == PHASE_DONE
    assert store.pending_imported(10) == []
    # The household learnt the networks.
    assert store.habit_uses("1", 10)[1]


def test_cached_addresses_are_not_asked_again(store: HistoryStore) -> None:
    fake = FakeTautulli(plays=plays([wan_session("paris")], 3, start=START))
    importer = TautulliImport(store, RowsClient(fake), url=URL)
    run_history(importer)
    locate(importer, FakeProvider(), AlertSettings())
    fake.plays += [HistoryPlay(9, wan_session("paris"), START + DAY * 20, START + DAY * 20 + 9)]
    later = TautulliImport(store, RowsClient(fake), url=URL)
    run_history(later)
    provider = FakeProvider()
    locate(later, provider, AlertSettings())
    assert provider.asked == []
    assert store.pending_imported(10) == []


def test_deferred_lookups_wait_for_the_provider(store: HistoryStore) -> None:
    fake = FakeTautulli(plays=plays([wan_session("paris")], 2, start=START))
    importer = TautulliImport(store, RowsClient(fake), url=URL)
    run_history(importer)
    locate(importer, FakeProvider(defer_first=2), AlertSettings())
    assert waits == [30.0, 30.0]
    assert store.pending_imported(10) == []
    # A provider that never answers: the import gives up, the rest stays pending.
    more = TautulliImport(
        store,
        RowsClient(FakeTautulli(plays=[HistoryPlay(50, wan_session("tokyo"), START, START + 60)])),
        url=URL + "/t",
    )
    run_history(more)
    locate(more, FakeProvider(defer_first=99), AlertSettings())
    assert len(waits) == 9
    assert len(store.pending_imported(10)) == 1


def _import_located(store: HistoryStore, sessions: Sequence[SimSession], count: int) -> None:
    fake = FakeTautulli(plays=plays(sessions, count, start=START, every=DAY // 4))
    importer = TautulliImport(store, RowsClient(fake), url=URL, home_country="GB")
    run_history(importer)
    locate(importer, FakeProvider(), AlertSettings())
    importer.finish()


def test_imported_rows_never_alert(store: HistoryStore) -> None:
    # Paris, Tokyo and Sydney hours apart: travel and rare countries galore.
    sessions = [wan_session("paris"), wan_session("tokyo"), wan_session("sydney")]
    fake = FakeTautulli(plays=plays(sessions, 12, start=START))
    importer = TautulliImport(store, RowsClient(fake), url=URL)
    run_history(importer)
    engine = Engine(store)
    settings = AlertSettings(new_device_alerts=True, new_network_alerts=True)
    # Polls leave the imported addresses to the import: nothing to judge.
    ingested = engine.ingest([], NOW)
    assert ingested.lookups == {}
    outcome = engine.resolve(ingested, LookupResult({}, {}, ()), settings, NOW)
    assert outcome.new_alerts == ()
    locate(importer, FakeProvider(), settings)
    importer.finish()
    ingested = engine.ingest([], NOW + timedelta(minutes=1))
    outcome = engine.resolve(ingested, LookupResult({}, {}, ()), settings, NOW)
    assert outcome.new_alerts == ()
    assert store.alerts() == []
    assert store.imported_countries() == ["AU", "FR", "JP"]


def _live_from(where: str, machine: str = "new-tablet") -> Any:
    return snapshot("live-9", user="alice", where=where, user_id="1", player_machine_id=machine)


def _poll_once(store: HistoryStore, live: Any) -> list[AlertKind]:
    engine = Engine(store)
    settings = AlertSettings(home=Home(51.5, -0.12, "GB"))
    ingested = engine.ingest([live], NOW)
    outcome = engine.resolve(ingested, answer(ingested.lookups, NOW), settings, NOW)
    return [alert.kind for alert in outcome.new_alerts]


def test_rare_country_after_import_uses_the_imported_baseline(store: HistoryStore) -> None:
    # Twenty plays at home in London (LAN: counted for home) and from Paris, imported.
    _import_located(store, [lan_session(), wan_session("paris")], 20)
    assert store.country_counts("1", NOW - timedelta(days=90), NOW) == {"GB": 10, "FR": 10}
    kinds = _poll_once(store, _live_from("tokyo"))
    assert AlertKind.RARE_COUNTRY in kinds
    alert = next(a for a in store.alerts() if a.kind is AlertKind.RARE_COUNTRY)
    assert alert.session_count == 20  # the twenty imported plays
    assert alert.country_code == "JP"


def test_without_the_import_no_baseline_no_rare_country(store: HistoryStore) -> None:
    assert AlertKind.RARE_COUNTRY not in _poll_once(store, _live_from("tokyo"))


def test_imported_devices_are_known_to_the_household(store: HistoryStore) -> None:
    session = wan_session("paris")
    _import_located(store, [session], 3)
    [device] = store.habit_uses("1", 10)[0]
    assert (device.key, device.count) == (session.player_machine_id, 3)


async def test_end_to_end_over_http(store: HistoryStore, socket_enabled: None) -> None:
    fake = FakeTautulli(plays=plays([wan_session("paris"), lan_session()], 30, start=START))
    fake.extra_rows = ["garbage", history_row(HistoryPlay(99, lan_session(), 5, 6))]
    await fake.start()
    client = TautulliClient(fake.url, DEFAULT_API_KEY)
    try:
        importer = await asyncio.to_thread(
            TautulliImport, store, client, url=fake.url, page_size=10
        )
        while await asyncio.to_thread(importer.import_page):
            pass
    finally:
        client.close()
        await fake.stop()
    summary = importer.state.summary
    assert summary.rows == 32
    assert summary.streams == 30
    assert summary.skipped == {"not_a_row": 1, "bad_time": 1}
    assert summary.missing_fields == []


def test_version_5_file_migrates(tmp_path: Path, keys: KeyMaterial) -> None:
    path = tmp_path / "v5.db"
    old = HistoryStore.open(path, keys, "srv")
    live = snapshot("live-1", user="alice", where="paris", user_id="1")
    old.start_streams([(live, NOW, LocationStatus.PENDING, None)])
    old.close()
    version = migrations.MIGRATIONS.index(migrations._migrate_imports)
    with sqlite3.connect(path) as conn:
        helpers.undo_migrations_after(conn, version)
        assert migrations.database_shape(conn) == migrations.expected_shape(
            migrations.MIGRATIONS[:version]
        )
    conn.close()
    store = HistoryStore.open(path, keys, "srv")
    try:
        assert store.schema_version == len(migrations.MIGRATIONS)
        assert len(store.streams([1])) == 1
        fake = FakeTautulli(plays=plays([wan_session("paris")], 2, start=START))
        run_history(TautulliImport(store, RowsClient(fake), url=URL))
        assert store.imported_count() == 2
    finally:
        store.close()


def test_a_damaged_saved_state_starts_afresh(store: HistoryStore) -> None:
    store.save_import_state("tautulli", "[1, 2]")
    fake = FakeTautulli(plays=plays([wan_session("paris")], 2, start=START))
    importer = TautulliImport(store, RowsClient(fake), url=URL)
    assert importer.state.next_start == 0
    assert importer.state.percent == 0
    run_history(importer)
    assert store.imported_count() == 2
    importer.finish()
    assert importer.state.percent == 100


def test_unlocatable_and_trusted_addresses(store: HistoryStore) -> None:
    fake = FakeTautulli(plays=plays([wan_session("paris"), wan_session("tokyo")], 4, start=START))
    importer = TautulliImport(store, RowsClient(fake), url=URL)
    run_history(importer)
    tokyo = place("tokyo").ipv4[0]

    class Refusing(FakeProvider):
        async def locate(self, addresses: Sequence[str], now: datetime) -> LookupResult:
            found = answer([a for a in addresses if a != tokyo], now)
            return LookupResult(found.located, {tokyo: "reserved range"}, ())

    paris = ipaddress.ip_network(f"{place('paris').ipv4[0]}/32")
    locate(importer, Refusing(), AlertSettings(trusted_networks=(paris,)))
    summary = importer.finish()
    assert (summary.located, summary.not_located) == (1, 1)
    # The trusted network's streams count for no country, the unlocatable for none either.
    assert store.country_counts("1", NOW - timedelta(days=90), NOW) == {}
    assert store.pending_imported(10) == []


def test_an_old_play_keeps_a_known_user_s_name(store: HistoryStore) -> None:
    live = snapshot("live-1", user="alice-2026", where="paris", user_id="1")
    store.start_streams([(live, NOW, LocationStatus.PENDING, None)])
    fake = FakeTautulli(plays=plays([wan_session("paris")], 2, start=START))  # "alice"
    run_history(TautulliImport(store, RowsClient(fake), url=URL))
    assert {s.snapshot.user_name for s in store.streams([1, 2, 3])} == {"alice-2026"}


def test_live_twins_by_player_name_within_the_tolerance(store: HistoryStore) -> None:
    # A device without a machine id is known by its player's name; 120 s apart is the
    # same play, 121 s is not; another player at the same time is another stream.
    session = replace(wan_session("paris"), player_machine_id="")
    fake = FakeTautulli(plays=plays([session], 3, start=START, every=DAY))
    for key, at, title in (
        ("live-1", START + 120, session.player_title),
        ("live-2", START + DAY - 121, session.player_title),
        ("live-3", START + 2 * DAY, "Bedroom TV"),
    ):
        seen = datetime.fromtimestamp(at, UTC)
        live = snapshot(key, user="alice", user_id="1", player_machine_id="", player_title=title)
        store.start_streams([(live, seen, LocationStatus.PENDING, None)])
    importer = TautulliImport(store, RowsClient(fake), url=URL)
    run_history(importer)
    assert importer.state.summary.already_live == 1
    assert importer.state.summary.streams == 2


def test_an_imported_stream_is_never_a_live_twin(store: HistoryStore) -> None:
    session = wan_session("paris")
    first = FakeTautulli(plays=[HistoryPlay(1, session, START, START + 60)])
    run_history(TautulliImport(store, RowsClient(first), url=URL))
    # Another Tautulli's row of the same device, 10 s later: a stream of its own.
    second = FakeTautulli(plays=[HistoryPlay(99, session, START + 10, START + 70)])
    importer = TautulliImport(store, RowsClient(second), url=URL + "/second")
    run_history(importer)
    assert importer.state.summary.already_live == 0
    assert store.imported_count() == 2


def test_an_import_names_a_new_user_by_its_first_play(store: HistoryStore) -> None:
    # Oldest first: the user the import creates keeps the first name, as a known user
    # keeps today's (names are the user's; live polls rename).
    old = replace(wan_session("paris"), user_name="alice-2019")
    fake = FakeTautulli(plays=plays([old, wan_session("paris")], 4, start=START))
    run_history(TautulliImport(store, RowsClient(fake), url=URL))
    assert {s.snapshot.user_name for s in store.streams([1, 2, 3, 4])} == {"alice-2019"}


def test_a_batch_naming_a_missing_row_writes_nothing(store: HistoryStore) -> None:
    # Batches are written with SQLite's row-by-row reference checks off and checked
    # once per distinct reference instead: a reference to a missing row still fails.
    fake = FakeTautulli(plays=plays([wan_session("paris")], 4, start=START))
    importer = TautulliImport(store, RowsClient(fake), url=URL, page_size=2)
    assert importer.import_page()
    players = [key for key in store._ids._refs if key[0] == "players"]
    assert players
    for key in players:  # a cached id whose row is gone
        store._ids._refs[key] = 10**9
    with pytest.raises(StoreError, match="FOREIGN KEY"):
        importer.import_page()
    assert store.imported_count() == 2
    assert store._writer.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    run_history(importer)  # the failed batch forgot the cached ids
    assert store.imported_count() == 4
    assert store._writer.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_a_batch_counts_each_device_once_with_its_span(store: HistoryStore) -> None:
    session = wan_session("paris")
    fake = FakeTautulli(plays=plays([session], 5, start=START, every=DAY))
    run_history(TautulliImport(store, RowsClient(fake), url=URL))
    row = store._writer.execute(
        "SELECT first_seen, last_seen, count FROM user_devices WHERE machine_id = ?",
        (session.player_machine_id,),
    ).fetchone()
    assert tuple(row) == (START, START + 4 * DAY, 5)
