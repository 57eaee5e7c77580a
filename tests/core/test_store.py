"""The history store, through its public methods and the file it writes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
import ipaddress
import os
from pathlib import Path
import re
import sqlite3
import threading
import time

import pytest

from custom_components.plexgeo.core import schema
from custom_components.plexgeo.core.crypto import KeyMaterial
from custom_components.plexgeo.core.errors import (
    StoreCorrupt,
    StoreError,
    StoreKeyMismatch,
    StoreUnavailable,
)
from custom_components.plexgeo.core.models import (
    AddressRule,
    Alert,
    AlertKind,
    Location,
    LocationStatus,
    MediaType,
    PlaybackState,
    Stream,
    StreamSnapshot,
)
from custom_components.plexgeo.core.store import HistoryStore, UnknownStream

from . import helpers

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
IPV4 = "81.2.69.142"
IPV6 = "2a00:23c4:5b1:e01::17"
KNOWN = LocationStatus.KNOWN


def snap(**changes: object) -> StreamSnapshot:
    """A remote episode stream; keyword arguments override fields."""
    base = StreamSnapshot(
        session_key="12",
        user_id="1001",
        user_name="Zoë Ångström",
        player_title="Salon — TV",
        player_product="Plex for Android (TV)",
        player_platform="Android",
        player_device="SHIELD Android TV",
        player_machine_id="mid-1",
        media_type=MediaType.EPISODE,
        title="Épisode 2: 東京",
        grandparent_title="The Show",
        parent_title="Season 1",
        parent_index=1,
        index=2,
        year=2024,
        state=PlaybackState.PLAYING,
        progress_ms=61_000,
        duration_ms=2_700_000,
        bandwidth_kbps=8_000,
        local=False,
        relayed=True,
        secure=False,
        network="wan",
        transcode_decision="transcode",
        ip_address=IPV4,
        address_rule=AddressRule.REMOTE_PUBLIC_ADDRESS,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def loc(country: str = "GB", **changes: object) -> Location:
    """A location in `country`; keyword arguments override fields."""
    base = Location(
        country_code=country,
        country_name={"GB": "United Kingdom", "FR": "France", "AU": "Australia"}.get(
            country, country
        ),
        region="ENG",
        city="London",
        latitude=51.5072,
        longitude=-0.1276,
        timezone="Europe/London",
        isp="British Telecommunications PLC",
        org="BT",
        asn="AS2856",
        mobile=False,
        proxy=None,
        hosting=True,
        provider="ip-api",
        looked_up_at=T0 - timedelta(hours=1),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def alert_for(stream: Stream, **changes: object) -> Alert:
    """A rare-country alert about `stream`."""
    base = Alert(
        alert_id=0,
        kind=AlertKind.RARE_COUNTRY,
        stream_id=stream.stream_id,
        user_id=stream.snapshot.user_id,
        user_name=stream.snapshot.user_name,
        created_at=T0,
        country_code="AU",
        country_name="Australia",
        city=None,
        latitude=-33.86,
        longitude=151.2,
        share=0.04,
        session_count=25,
        previous_country_code=None,
        previous_country_name=None,
        previous_city=None,
        distance_km=None,
        speed_kmh=None,
        media_title="The Show - S01E02",
        player="Salon — TV",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


@pytest.fixture
def keys() -> KeyMaterial:
    return KeyMaterial.generate()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "plexgeo" / "machine-1.db"


@pytest.fixture
def store(db_path: Path, keys: KeyMaterial) -> Iterator[HistoryStore]:
    opened = HistoryStore.open(db_path, keys, "machine-1", busy_timeout=0.2)
    yield opened
    opened.close()


def raw(path: Path, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Run a query on the file with a separate plain connection."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def start(
    store: HistoryStore,
    at: datetime,
    location: Location | None = None,
    status: LocationStatus | None = None,
    **changes: object,
) -> Stream:
    if status is None:
        status = KNOWN if location is not None else LocationStatus.PENDING
    return helpers.start_stream(store, snap(**changes), at, status, location)


# --- round trip and lifecycle ---------------------------------------------------------


def test_round_trip_of_every_field(store: HistoryStore) -> None:
    snapshot = snap()
    location = loc(looked_up_at=datetime(2026, 2, 28, 9, 30, 15, 123456, tzinfo=UTC))
    started = helpers.start_stream(
        store, snapshot, T0 + timedelta(microseconds=999), KNOWN, location
    )

    read = helpers.stream(store, started.stream_id)
    assert read is not None
    assert read.snapshot == replace(snapshot, ip_address=None)  # reads never decrypt
    assert started.snapshot == snapshot
    assert read.server_id == "machine-1"
    assert read.started_at == read.last_seen == T0  # stored as whole seconds
    assert read.ended_at is None
    assert read.location_status is KNOWN
    assert read.location == replace(
        location, looked_up_at=datetime(2026, 2, 28, 9, 30, 15, tzinfo=UTC)
    )
    assert started.location == read.location
    assert read.ip_hash == store.address_hash(IPV4) == started.ip_hash
    assert store.stream_address(started.stream_id) == IPV4


def test_round_trip_of_none_values_and_lan(store: HistoryStore) -> None:
    snapshot = snap(
        media_type=MediaType.LIVE_TV,
        grandparent_title=None,
        parent_title=None,
        parent_index=None,
        index=None,
        year=None,
        state=PlaybackState.UNKNOWN,
        duration_ms=None,
        bandwidth_kbps=None,
        local=True,
        relayed=False,
        secure=None,
        network=None,
        transcode_decision=None,
        ip_address=None,
        address_rule=AddressRule.LAN,
    )
    started = helpers.start_stream(store, snapshot, T0, LocationStatus.LOCAL, None)
    read = helpers.stream(store, started.stream_id)
    assert read is not None
    assert read.snapshot == snapshot
    assert read.location is None
    assert read.ip_hash is None
    assert store.stream_address(started.stream_id) is None


@pytest.mark.parametrize("secure", [True, False, None])
def test_flags_round_trip(store: HistoryStore, secure: bool | None) -> None:
    for local, relayed in ((True, False), (False, True), (True, True), (False, False)):
        snapshot = snap(secure=secure, local=local, relayed=relayed)
        started = helpers.start_stream(store, snapshot, T0, LocationStatus.PENDING, None)
        read = helpers.stream(store, started.stream_id)
        assert read is not None
        assert (read.snapshot.secure, read.snapshot.local, read.snapshot.relayed) == (
            secure,
            local,
            relayed,
        )


def test_every_enum_member_has_a_distinct_code() -> None:
    for enum, codes in (
        (MediaType, schema.MEDIA_TYPE_CODES),
        (PlaybackState, schema.STATE_CODES),
        (AddressRule, schema.ADDRESS_RULE_CODES),
        (LocationStatus, schema.LOCATION_STATUS_CODES),
    ):
        assert set(codes) == set(enum)
        assert len(set(codes.values())) == len(codes)


def test_reopen_keeps_data(db_path: Path, keys: KeyMaterial) -> None:
    store = HistoryStore.open(db_path, keys, "machine-1")
    stream = start(store, T0, loc())
    store.trust_country("1001", "FR")
    alert = store.add_alert(alert_for(stream), "rare_country:AU")
    store.close()
    store.close()  # idempotent

    again = HistoryStore.open(db_path, keys, "machine-1")
    try:
        assert again.recovered_from is None
        assert again.schema_version == HistoryStore.SCHEMA_VERSION == len(schema.MIGRATIONS)
        assert helpers.stream(again, stream.stream_id) == replace(
            stream, snapshot=replace(stream.snapshot, ip_address=None)
        )
        assert again.stream_address(stream.stream_id) == IPV4
        assert helpers.alert(again, alert.alert_id) == alert
        assert again.trusted_countries("1001") == {"FR"}
        stats = again.stats()
        assert (stats.streams, stats.open_streams, stats.alerts, stats.schema_version) == (
            1,
            1,
            1,
            HistoryStore.SCHEMA_VERSION,
        )
        assert stats.file_size_bytes >= db_path.stat().st_size > 0
    finally:
        again.close()


def test_closed_store_refuses_calls(store: HistoryStore) -> None:
    store.close()
    with pytest.raises(StoreError):
        store.open_streams()
    with pytest.raises(StoreError):
        start(store, T0)


def test_naive_datetimes_are_refused(store: HistoryStore) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        helpers.start_stream(store, snap(), datetime(2026, 3, 1), LocationStatus.PENDING, None)


def test_location_must_match_status(store: HistoryStore) -> None:
    with pytest.raises(ValueError):
        helpers.start_stream(store, snap(), T0, KNOWN, None)
    with pytest.raises(ValueError):
        helpers.start_stream(store, snap(), T0, LocationStatus.PENDING, loc())


def test_update_end_and_open_streams(store: HistoryStore) -> None:
    first = start(store, T0)
    second = start(store, T0, session_key="13")
    updated = helpers.update_stream(
        store,
        first.stream_id,
        snap(state=PlaybackState.PAUSED, progress_ms=90_000, bandwidth_kbps=None, ip_address=IPV6),
        T0 + timedelta(minutes=5),
    )
    assert updated.last_seen == T0 + timedelta(minutes=5)
    assert updated.started_at == T0
    assert updated.snapshot.state is PlaybackState.PAUSED
    assert (updated.snapshot.progress_ms, updated.snapshot.bandwidth_kbps) == (90_000, None)
    assert updated.ip_hash == store.address_hash(IPV6) != first.ip_hash
    assert store.stream_address(first.stream_id) == IPV6

    assert {s.stream_id for s in store.open_streams()} == {first.stream_id, second.stream_id}
    store.end_streams([first.stream_id])
    ended = helpers.stream(store, first.stream_id)
    assert ended is not None
    assert ended.ended_at == ended.last_seen == T0 + timedelta(minutes=5)
    assert [s.stream_id for s in store.open_streams()] == [second.stream_id]
    store.end_streams([])  # nothing to do, no error
    assert store.stats().open_streams == 1


def test_unknown_stream_ids(store: HistoryStore) -> None:
    assert helpers.stream(store, 404) is None
    assert store.stream_address(404) is None
    with pytest.raises(UnknownStream):
        helpers.update_stream(store, 404, snap(), T0)
    with pytest.raises(UnknownStream):
        helpers.set_location(store, 404, KNOWN, loc())
    orphan = alert_for(start(store, T0), stream_id=404)
    with pytest.raises(StoreError):  # foreign key: an alert needs its stream
        store.add_alert(orphan, "k")
    assert store.alerts() == []


def test_set_location_and_pending(store: HistoryStore) -> None:
    old = start(store, T0)
    new = start(store, T0 + timedelta(minutes=1), ip_address=IPV6)
    start(store, T0 + timedelta(minutes=2), status=LocationStatus.LOCAL, ip_address=None)
    store.end_streams([old.stream_id])

    pending = store.pending_streams()
    assert [(s.stream_id, a) for s, a in pending] == [(new.stream_id, IPV6), (old.stream_id, IPV4)]
    assert [s.stream_id for s, _ in store.pending_streams(limit=1)] == [new.stream_id]

    located = helpers.set_location(store, new.stream_id, KNOWN, loc("FR"))
    assert located.location_status is KNOWN
    assert located.location == loc("FR")
    failed = helpers.set_location(store, old.stream_id, LocationStatus.FAILED, None)
    assert failed.location is None
    assert store.pending_streams() == []


def test_streams_started_since(store: HistoryStore) -> None:
    for minutes in (0, 10, 20):
        start(store, T0 + timedelta(minutes=minutes))
    assert store.streams_started_since(T0 + timedelta(minutes=10)) == 2
    assert store.streams_started_since(T0 + timedelta(minutes=10, microseconds=1)) == 1
    assert store.streams_started_since(T0 + timedelta(hours=1)) == 0


def test_start_streams_in_one_batch(store: HistoryStore) -> None:
    batch = [(snap(session_key=str(i)), T0 + timedelta(seconds=i), KNOWN, loc()) for i in range(5)]
    streams = store.start_streams(batch)
    assert [s.snapshot.session_key for s in streams] == ["0", "1", "2", "3", "4"]
    assert [helpers.stream(store, s.stream_id) for s in streams] == [
        replace(s, snapshot=replace(s.snapshot, ip_address=None)) for s in streams
    ]
    with pytest.raises(ValueError):  # validated before anything is written
        store.start_streams([*batch, (snap(), T0, KNOWN, None)])
    assert store.stats().streams == 5


# --- encryption ---------------------------------------------------------------------


def _needles(address: str) -> list[bytes]:
    packed = ipaddress.ip_address(address).packed
    return [address.encode(), address.encode("utf-16-le"), packed]


def test_addresses_never_reach_the_file(db_path: Path, keys: KeyMaterial) -> None:
    store = HistoryStore.open(db_path, keys, "machine-1")
    for address in (IPV4, IPV6):
        stream = start(store, T0, ip_address=address)
        helpers.cache_location(store, store.address_hash(address), loc())
        helpers.update_stream(
            store, stream.stream_id, snap(ip_address=address), T0 + timedelta(minutes=1)
        )
    wal = db_path.with_name(db_path.name + "-wal")
    assert wal.stat().st_size > 0  # the data is still in the WAL here
    files = [db_path, wal]
    contents = b"".join(p.read_bytes() for p in files)
    store.close()
    contents += db_path.read_bytes()
    for address in (IPV4, IPV6):
        for needle in _needles(address):
            assert needle not in contents


def test_same_address_is_one_row_and_other_keys_are_refused(
    db_path: Path, keys: KeyMaterial
) -> None:
    store = HistoryStore.open(db_path, keys, "machine-1")
    start(store, T0)
    start(store, T0 + timedelta(minutes=1))
    start(store, T0 + timedelta(minutes=2), ip_address=IPV6)
    store.close()
    assert raw(db_path, "SELECT COUNT(*) FROM addresses") == [(2,)]
    # Other keys never get to read (and fail to decrypt) a stored address: the open says so.
    with pytest.raises(StoreKeyMismatch):
        HistoryStore.open(db_path, KeyMaterial.generate(), "machine-1")


# --- geolocation cache --------------------------------------------------------------


def test_cached_location_hit_miss_and_expiry(store: HistoryStore) -> None:
    digest = store.address_hash(IPV4)
    ttl = timedelta(days=7)
    looked_up = loc().looked_up_at
    assert store.cached_location(digest, T0, ttl) is None  # miss
    helpers.cache_location(store, digest, loc())
    assert store.cached_location(digest, looked_up + ttl - timedelta(seconds=1), ttl) == loc()
    assert store.cached_location(digest, looked_up + ttl, ttl) is None  # expired
    assert store.cached_location(store.address_hash(IPV6), T0, ttl) is None
    refreshed = loc("FR", looked_up_at=T0)
    helpers.cache_location(store, digest, refreshed)  # a later lookup replaces the entry
    assert store.cached_location(digest, T0 + ttl - timedelta(seconds=1), ttl) == refreshed
    assert store.stats().cached_locations == 1


# --- detector queries ---------------------------------------------------------------


def test_country_counts_boundaries(store: HistoryStore) -> None:
    since, before = T0, T0 + timedelta(days=1)
    start(store, since - timedelta(seconds=1), loc("AU"))  # before the window
    at_since = start(store, since, loc("GB"))  # included
    start(store, before - timedelta(seconds=1), loc("GB"))  # included
    start(store, before, loc("FR"))  # excluded: the window is half open
    start(store, since + timedelta(hours=1), loc("FR"))  # included
    start(store, since + timedelta(hours=1))  # pending: not counted
    start(store, since + timedelta(hours=1), loc("AU"), user_id="other")  # another user

    assert store.country_counts("1001", since, before) == {"GB": 2, "FR": 1}
    assert store.country_counts("1001", since, before, at_since.stream_id) == {"GB": 1, "FR": 1}
    assert store.country_counts("1001", since + timedelta(microseconds=1), before) == {
        "GB": 1,
        "FR": 1,
    }
    assert store.country_counts("nobody", since, before) == {}


def test_country_counts_include_streams_located_later(store: HistoryStore) -> None:
    stream = start(store, T0)
    helpers.set_location(store, stream.stream_id, KNOWN, loc("FR"))
    assert store.country_counts("1001", T0, T0 + timedelta(seconds=1)) == {"FR": 1}


# --- stream log and users -----------------------------------------------------------


def test_stream_log_pages_and_filters(store: HistoryStore) -> None:
    streams = [
        start(store, T0 + timedelta(minutes=i // 2), loc("GB" if i % 3 else "FR")) for i in range(7)
    ]
    other = start(store, T0, loc("GB"), user_id="2002", user_name="Bob", ip_address=IPV6)
    newest_first = sorted(
        [*streams, other], key=lambda s: (s.started_at, s.stream_id), reverse=True
    )

    page = store.stream_log(limit=3)
    assert [s.stream_id for s in page] == [s.stream_id for s in newest_first[:3]]
    assert page[0].snapshot.ip_address == IPV4  # log rows are decrypted
    pages = [*page]
    while page:
        page = store.stream_log(limit=3, after_stream_id=page[-1].stream_id)
        pages.extend(page)
    assert [s.stream_id for s in pages] == [s.stream_id for s in newest_first]

    assert [s.stream_id for s in store.stream_log(user_id="2002")] == [other.stream_id]
    assert store.stream_log(user_id="2002")[0].snapshot.ip_address == IPV6
    assert {s.stream_id for s in store.stream_log(country_code="FR")} == {
        streams[i].stream_id for i in (0, 3, 6)
    }
    window = store.stream_log(since=T0 + timedelta(minutes=1), before=T0 + timedelta(minutes=3))
    assert {s.stream_id for s in window} == {s.stream_id for s in streams[2:6]}


def test_users_and_country_names(store: HistoryStore) -> None:
    start(store, T0, loc("FR"))
    start(store, T0 + timedelta(hours=1), user_id="2002", user_name="Bob")
    start(store, T0 + timedelta(hours=2), user_name="Zoë renamed")
    users = store.users_overview()
    assert [(u.user_id, u.user_name, u.stream_count, u.last_seen) for u in users] == [
        ("2002", "Bob", 1, T0 + timedelta(hours=1)),
        ("1001", "Zoë renamed", 2, T0 + timedelta(hours=2)),
    ]
    assert store.country_name("FR") == "France"
    assert store.country_name("JP") is None


# --- alerts and trust ---------------------------------------------------------------


def test_alerts_dedup_acknowledge_and_counts(store: HistoryStore) -> None:
    stream = start(store, T0, loc("AU"))
    first = store.add_alert(alert_for(stream), "rare_country:AU")
    assert first.alert_id > 0
    assert helpers.alert(store, first.alert_id) == first
    assert helpers.alert(store, 9999) is None
    assert store.alert_exists_since("1001", "rare_country:AU", T0)
    assert not store.alert_exists_since("1001", "rare_country:AU", T0 + timedelta(seconds=1))
    assert not store.alert_exists_since("1001", "rare_country:FR", T0 - timedelta(days=1))
    assert not store.alert_exists_since("2002", "rare_country:AU", T0 - timedelta(days=1))

    second = store.add_alert(
        alert_for(
            stream,
            kind=AlertKind.IMPOSSIBLE_TRAVEL,
            created_at=T0 + timedelta(minutes=1),
            share=None,
            session_count=None,
            previous_country_code="GB",
            previous_country_name="United Kingdom",
            previous_city="London",
            distance_km=16_990.5,
            speed_kmh=2_000.25,
        ),
        "impossible_travel",
    )
    third = store.add_alert(alert_for(stream, user_id="2002"), "rare_country:AU")
    assert helpers.alert(store, second.alert_id) == second
    assert [a.alert_id for a in store.alerts()] == [third.alert_id, second.alert_id, first.alert_id]
    assert [a.alert_id for a in store.alerts(limit=1, before_id=third.alert_id)] == [
        second.alert_id
    ]
    assert [a.alert_id for a in store.alerts(user_id="2002")] == [third.alert_id]
    assert store.unacknowledged_count() == 3

    done = store.acknowledge_alerts([first.alert_id], "admin", T0 + timedelta(hours=1))
    assert [(a.alert_id, a.acknowledged_by, a.acknowledged_at) for a in done] == [
        (first.alert_id, "admin", T0 + timedelta(hours=1))
    ]
    assert store.acknowledge_alerts([first.alert_id], "again", T0 + timedelta(hours=2)) == []
    assert [a.alert_id for a in store.alerts(acknowledged=True)] == [first.alert_id]
    assert [a.alert_id for a in store.alerts(acknowledged=False)] == [
        third.alert_id,
        second.alert_id,
    ]
    assert store.unacknowledged_count() == 2

    rest = store.acknowledge_alerts(None, None, T0 + timedelta(hours=3))
    assert [a.alert_id for a in rest] == [third.alert_id, second.alert_id]
    assert all(a.acknowledged_by is None for a in rest)
    assert store.unacknowledged_count() == 0
    assert store.stats().unacknowledged_alerts == 0
    assert helpers.alert(store, first.alert_id) == done[0]  # the first acknowledgement stands


def test_trust_and_untrust(store: HistoryStore) -> None:
    assert store.trusted_countries("1001") == frozenset()
    store.trust_country("1001", "FR")
    store.trust_country("1001", "FR")
    store.trust_country("1001", "AU")
    store.trust_country("2002", "GB")
    assert store.trusted_countries("1001") == {"FR", "AU"}
    assert store.untrust_country("1001", "FR")
    assert not store.untrust_country("1001", "FR")
    assert store.trusted_countries("1001") == {"AU"}
    assert store.trusted_countries("2002") == {"GB"}


# --- retention ----------------------------------------------------------------------


@pytest.mark.parametrize("batch_size", [1, 2, 5, 1000])
def test_purge_in_batches(store: HistoryStore, db_path: Path, batch_size: int) -> None:
    cutoff = T0 + timedelta(days=30)
    old = [
        start(store, T0 + timedelta(hours=i), loc("FR"), user_id="gone", ip_address=f"90.84.12.{i}")
        for i in range(5)
    ]
    old_open = start(store, T0, loc("GB"))  # never ended: kept however old
    ends_late = start(store, cutoff - timedelta(hours=1), loc("GB"))
    helpers.update_stream(
        store, ends_late.stream_id, snap(), cutoff
    )  # last seen at the cutoff: kept
    store.end_streams([s.stream_id for s in old] + [ends_late.stream_id])
    store.add_alert(alert_for(old[0]), "rare_country:FR")
    kept_alert = store.add_alert(alert_for(old_open), "rare_country:GB")
    helpers.cache_location(store, store.address_hash("90.84.12.0"), loc("FR"))
    helpers.cache_location(store, store.address_hash(IPV4), loc("GB", looked_up_at=cutoff))

    assert store.purge_older_than(cutoff, batch_size=batch_size) == 5

    assert {s.stream_id for s in store.stream_log()} == {old_open.stream_id, ends_late.stream_id}
    assert [a.alert_id for a in store.alerts()] == [kept_alert.alert_id]
    assert raw(db_path, "SELECT COUNT(*) FROM addresses") == [(1,)]
    assert raw(db_path, "SELECT plex_id FROM users") == [("1001",)]
    assert raw(
        db_path,
        "SELECT p.country_code FROM locations AS l JOIN places AS p ON p.id = l.place_ref",
    ) == [("GB",), ("GB",)]
    assert store.stats().cached_locations == 1
    assert store.purge_older_than(cutoff, batch_size=batch_size) == 0
    # Lookup rows were forgotten with the purge: new streams recreate them.
    again = start(store, T0, loc("FR"), user_id="gone", ip_address="90.84.12.0")
    assert store.stream_address(again.stream_id) == "90.84.12.0"


def test_purge_rejects_empty_batches(store: HistoryStore) -> None:
    with pytest.raises(ValueError):
        store.purge_older_than(T0, batch_size=0)


# --- damaged, locked and read-only files --------------------------------------------

_MOVED = re.compile(r"^machine-1\.db\.corrupt-\d{8}T\d{6}Z(-\d+)?$")


def _check_recovered(store: HistoryStore, db_path: Path, original: bytes) -> None:
    assert store.recovered_from is not None
    assert _MOVED.match(store.recovered_from.name)
    assert store.recovered_from.read_bytes() == original
    stream = start(store, T0, loc())
    assert helpers.stream(store, stream.stream_id) is not None
    assert store.schema_version == HistoryStore.SCHEMA_VERSION


def test_garbage_file_is_moved_aside(db_path: Path, keys: KeyMaterial) -> None:
    db_path.parent.mkdir(parents=True)
    garbage = os.urandom(8192)
    db_path.write_bytes(garbage)
    db_path.with_name(db_path.name + "-wal").write_bytes(b"junk wal")
    store = HistoryStore.open(db_path, keys, "machine-1")
    try:
        _check_recovered(store, db_path, garbage)
        assert store.recovered_from is not None
        moved_wal = store.recovered_from.with_name(store.recovered_from.name + "-wal")
        assert moved_wal.read_bytes() == b"junk wal"
    finally:
        store.close()


def test_short_garbage_and_same_second_recoveries(db_path: Path, keys: KeyMaterial) -> None:
    db_path.parent.mkdir(parents=True)
    moved = set()
    for _ in range(2):
        db_path.write_bytes(b"not sqlite")
        store = HistoryStore.open(db_path, keys, "machine-1")
        try:
            _check_recovered(store, db_path, b"not sqlite")
            moved.add(store.recovered_from)
        finally:
            store.close()
    assert len(moved) == 2  # a second recovery never overwrites the first


def test_truncated_database_is_moved_aside(db_path: Path, keys: KeyMaterial) -> None:
    store = HistoryStore.open(db_path, keys, "machine-1")
    store.start_streams([(snap(title=f"t{i}"), T0, KNOWN, loc()) for i in range(500)])
    store.close()
    content = db_path.read_bytes()
    truncated = content[: len(content) // 2]
    db_path.write_bytes(truncated)
    store = HistoryStore.open(db_path, keys, "machine-1")
    try:
        _check_recovered(store, db_path, truncated)
        assert store.stats().streams == 1
    finally:
        store.close()


def test_foreign_schema_is_moved_aside(db_path: Path, keys: KeyMaterial) -> None:
    db_path.parent.mkdir(parents=True)
    raw(db_path, "CREATE TABLE something_else (x)")
    original = db_path.read_bytes()
    store = HistoryStore.open(db_path, keys, "machine-1")
    try:
        _check_recovered(store, db_path, original)
    finally:
        store.close()


def test_current_version_with_wrong_tables_is_moved_aside(db_path: Path, keys: KeyMaterial) -> None:
    HistoryStore.open(db_path, keys, "machine-1").close()
    raw(db_path, "DROP TABLE trusted_countries")
    original = db_path.read_bytes()
    store = HistoryStore.open(db_path, keys, "machine-1")
    try:
        _check_recovered(store, db_path, original)
    finally:
        store.close()


def test_interrupted_first_start_is_migrated(db_path: Path, keys: KeyMaterial) -> None:
    db_path.parent.mkdir(parents=True)
    raw(db_path, "PRAGMA user_version")  # creates an empty database at version 0
    store = HistoryStore.open(db_path, keys, "machine-1")
    try:
        assert store.recovered_from is None
        assert store.schema_version == HistoryStore.SCHEMA_VERSION
        assert start(store, T0).stream_id == 1
    finally:
        store.close()


def test_newer_schema_is_refused_untouched(db_path: Path, keys: KeyMaterial) -> None:
    HistoryStore.open(db_path, keys, "machine-1").close()
    raw(db_path, "PRAGMA journal_mode = DELETE")
    raw(db_path, "PRAGMA user_version = 7")
    original = db_path.read_bytes()
    with pytest.raises(StoreError, match="schema version 7") as err:
        HistoryStore.open(db_path, keys, "machine-1")
    assert not isinstance(err.value, StoreCorrupt | StoreUnavailable)
    assert db_path.read_bytes() == original
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["machine-1.db"]


def test_registered_migration_applies_to_existing_data(
    db_path: Path, keys: KeyMaterial, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = HistoryStore.open(db_path, keys, "machine-1")
    stream = start(store, T0, loc())
    store.close()

    def add_notes(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE streams ADD COLUMN note TEXT")
        conn.execute("UPDATE streams SET note = 'migrated'")

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, add_notes])
    monkeypatch.setattr(HistoryStore, "SCHEMA_VERSION", len(schema.MIGRATIONS))
    migrated = HistoryStore.open(db_path, keys, "machine-1")
    try:
        assert migrated.schema_version == len(schema.MIGRATIONS)
        assert migrated.recovered_from is None
        read = helpers.stream(migrated, stream.stream_id)
        assert read is not None
        assert read.location == stream.location
        assert migrated.stream_address(stream.stream_id) == IPV4
    finally:
        migrated.close()
    assert raw(db_path, "SELECT note FROM streams") == [("migrated",)]


def test_failing_migration_leaves_version_unchanged(
    db_path: Path, keys: KeyMaterial, monkeypatch: pytest.MonkeyPatch
) -> None:
    HistoryStore.open(db_path, keys, "machine-1").close()

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (x)")
        conn.execute("THIS IS NOT SQL")

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, broken])
    with pytest.raises(StoreError):
        HistoryStore.open(db_path, keys, "machine-1")
    assert raw(db_path, "PRAGMA user_version") == [(len(schema.MIGRATIONS) - 1,)]
    assert raw(db_path, "SELECT name FROM sqlite_master WHERE name = 'half_done'") == []


def test_locked_database_raises_unavailable_on_write(store: HistoryStore, db_path: Path) -> None:
    start(store, T0)
    holder = sqlite3.connect(db_path, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        began = time.monotonic()
        with pytest.raises(StoreUnavailable):
            start(store, T0)
        assert 0.15 < time.monotonic() - began < 5  # waited for the busy timeout
        assert len(store.open_streams()) == 1  # WAL: reads go on meanwhile
    finally:
        holder.rollback()
        holder.close()
    assert start(store, T0).stream_id == 2  # usable again once the lock is gone


def test_locked_new_database_raises_unavailable_on_open(db_path: Path, keys: KeyMaterial) -> None:
    db_path.parent.mkdir(parents=True)
    holder = sqlite3.connect(db_path, isolation_level=None)
    try:
        holder.execute("CREATE TABLE x (y)")
        holder.execute("BEGIN EXCLUSIVE")
        with pytest.raises(StoreUnavailable):
            HistoryStore.open(db_path, keys, "machine-1", busy_timeout=0.1)
    finally:
        holder.rollback()
        holder.close()
    assert db_path.exists()  # a locked file is never moved aside


def test_full_disk_raises_unavailable_and_rolls_back(store: HistoryStore) -> None:
    start(store, T0)
    # SQLite reports a page limit exactly like a full disk (SQLITE_FULL).
    pages = store._writer.execute("PRAGMA page_count").fetchone()[0]
    store._writer.execute(f"PRAGMA max_page_count = {pages}")
    batch = [(snap(user_id=f"u{i}", title=f"t{i}" * 50), T0, KNOWN, loc()) for i in range(200)]
    with pytest.raises(StoreUnavailable):
        store.start_streams(batch)
    store._writer.execute("PRAGMA max_page_count = 1073741823")
    assert store.stats().streams == 1  # the batch rolled back whole
    # Ids cached during the failed batch were forgotten: the retry inserts them afresh.
    assert len(store.start_streams(batch)) == 200
    assert helpers.stream(store, store.start_streams(batch[:1])[0].stream_id) is not None


def test_read_only_file_raises_unavailable(db_path: Path, keys: KeyMaterial) -> None:
    HistoryStore.open(db_path, keys, "machine-1").close()
    with helpers.read_only(db_path), pytest.raises(StoreUnavailable):
        store = HistoryStore.open(db_path, keys, "machine-1", busy_timeout=0.1)
        try:
            start(store, T0)
        finally:
            store.close()
    assert raw(db_path, "SELECT COUNT(*) FROM streams") == [(0,)]


def test_read_only_directory_raises_unavailable(db_path: Path, keys: KeyMaterial) -> None:
    HistoryStore.open(db_path, keys, "machine-1").close()
    with helpers.read_only(db_path.parent), pytest.raises(StoreUnavailable):
        store = HistoryStore.open(db_path, keys, "machine-1", busy_timeout=0.1)
        try:
            start(store, T0)
        finally:
            store.close()


def test_unwritable_folder_raises_unavailable(tmp_path: Path, keys: KeyMaterial) -> None:
    blocker = tmp_path / "plexgeo"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(StoreUnavailable):
        HistoryStore.open(blocker / "machine-1.db", keys, "machine-1")


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
        "user_placed_streams": lambda: store.user_placed_streams("1", since, before),
        "usual_places": lambda: store.usual_places("1", since, before, 5),
        "last_alert": lambda: store.last_alert("1", "rare_country:FR", since),
        "streamed_elsewhere_since": lambda: store.streamed_elsewhere_since("1", "FR", since),
        "user_devices": lambda: store.user_devices("1"),
        "user_networks": lambda: store.user_networks("1"),
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
            for table in ("user_days", "user_months", "country_days", "alerts"):
                if re.match(rf"SCAN {table}\b", detail):
                    assert "INDEX alerts_unacknowledged" in detail, (name, details)
    # Rare country: whole days from the rollup, the partial days by user and start time.
    assert any(re.match(r"SEARCH user_days", d) for d in plans["country_counts"])
    assert any("streams_by_user" in d for d in plans["country_counts"])
    assert all("INDEX" in d for d in plans["user_placed_streams"] if "streams" in d)
    assert any("streams_located" in d for d in plans["usual_places"])
    assert any("alerts_dedup" in d for d in plans["last_alert"])
    assert any("streams_by_user" in d for d in plans["streamed_elsewhere_since"])
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


# --- batched writes ---------------------------------------------------------------------


def test_update_streams_match_what_the_store_reads_back(store: HistoryStore) -> None:
    first = start(store, T0, loc("GB"))
    second = start(store, T0, loc("FR"), session_key="13", ip_address=IPV6, user_id="2002")
    later = T0 + timedelta(seconds=30, microseconds=700)
    updates = [
        (first, snap(state=PlaybackState.PAUSED, progress_ms=90_000, bandwidth_kbps=None)),
        (second, snap(session_key="13", ip_address="90.84.12.7", user_id="2002")),
    ]
    returned = store.update_streams(updates, later)
    assert returned == [
        helpers.stream(store, first.stream_id),
        helpers.stream(store, second.stream_id),
    ]
    assert returned[0].last_seen == T0 + timedelta(seconds=30)
    assert returned[1].ip_hash == store.address_hash("90.84.12.7")
    assert store.stream_address(second.stream_id) == "90.84.12.7"
    assert store.update_streams([], later) == []


def test_update_streams_store_nothing_if_one_is_gone(store: HistoryStore) -> None:
    stream = start(store, T0, loc())
    before = helpers.stream(store, stream.stream_id)
    gone = replace(stream, stream_id=stream.stream_id + 99)
    with pytest.raises(UnknownStream, match=str(gone.stream_id)):
        store.update_streams(
            [(stream, snap(progress_ms=5)), (gone, snap())], T0 + timedelta(minutes=1)
        )
    assert helpers.stream(store, stream.stream_id) == before


def test_set_locations_in_one_go_and_all_or_nothing(store: HistoryStore) -> None:
    a = start(store, T0, None, status=LocationStatus.PENDING)
    b = start(store, T0, None, status=LocationStatus.PENDING, session_key="13")
    store.set_locations(
        [(a.stream_id, KNOWN, loc("FR")), (b.stream_id, LocationStatus.FAILED, None)]
    )
    assert helpers.stream(store, a.stream_id).location == loc("FR")  # type: ignore[union-attr]
    assert helpers.stream(store, b.stream_id).location_status is LocationStatus.FAILED  # type: ignore[union-attr]
    with pytest.raises(UnknownStream):
        store.set_locations([(a.stream_id, KNOWN, loc("AU")), (10_000, KNOWN, loc("AU"))])
    assert helpers.stream(store, a.stream_id).location == loc("FR")  # type: ignore[union-attr]
    with pytest.raises(ValueError):
        store.set_locations([(a.stream_id, KNOWN, None)])
    assert store.streams([b.stream_id, 10_000, a.stream_id, b.stream_id]) == [
        helpers.stream(store, b.stream_id),
        helpers.stream(store, a.stream_id),
    ]


def test_bulk_batches_grow_the_page_cache_until_an_ordinary_write(store: HistoryStore) -> None:
    def cache_size() -> int:
        return int(store._writer.execute("PRAGMA cache_size").fetchone()[0])

    ordinary = cache_size()
    store.start_streams(
        [(snap(session_key=str(i)), T0 + timedelta(seconds=i), KNOWN, loc()) for i in range(150)]
    )
    assert cache_size() < ordinary  # negative: KiB; more negative is larger
    assert pragma(store, "wal_autocheckpoint") > 1000  # SQLite's default, kept otherwise
    start(store, T0, loc())
    assert cache_size() == ordinary
    assert pragma(store, "wal_autocheckpoint") == 1000
    # The bulk WAL is cut back after a checkpoint rather than kept at its largest.
    assert 0 < pragma(store, "journal_size_limit") <= 16 * 1024 * 1024


def test_users_overview_orders_countries_by_streams_then_code(store: HistoryStore) -> None:
    for i, country in enumerate(["GB", "US", "FR", "US", "DE", "FR"]):
        start(store, T0 + timedelta(hours=i), loc(country))
    start(store, T0, None, LocationStatus.LOCAL, user_id="bob", user_name="Bob")
    start(store, T0, loc("JP"), user_id="bob", user_name="Bob")
    start(store, T0, loc("IT"), user_id="bob", user_name="Bob")
    countries = {u.user_id: u.countries for u in store.users_overview()}
    assert countries == {"1001": ("FR", "US", "DE", "GB"), "bob": ("IT", "JP")}


def pragma(store: HistoryStore, name: str) -> int:
    return int(store._writer.execute(f"PRAGMA {name}").fetchone()[0])


def test_bulk_batch_ids_are_sqlites_and_rows_read_back_equal(
    store: HistoryStore, db_path: Path
) -> None:
    # The batch's ids are assigned before its one executemany: they must be those SQLite
    # itself gives (max rowid + 1, onwards), also after the newest stream was deleted.
    first = [start(store, T0 + timedelta(seconds=i), loc()) for i in range(3)]
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("DELETE FROM streams WHERE id = ?", (first[-1].stream_id,))
    conn.close()
    expected = first[-1].stream_id  # SQLite reuses the freed top rowid (no AUTOINCREMENT)
    kinds = [
        (KNOWN, loc("FR", city="Lyon")),
        (LocationStatus.PENDING, None),
        (LocationStatus.LOCAL, None),
        (KNOWN, loc()),
    ]
    batch = [
        (
            snap(
                session_key=f"b{i}",
                user_id=f"u{i % 7}",
                user_name=f"User {i % 7}",
                title=f"Title {i % 11}",
                ip_address=None if kinds[i % 4][0] is LocationStatus.LOCAL else f"81.2.69.{i % 50}",
                network=None if i % 5 == 0 else "wan",
            ),
            T0 + timedelta(minutes=i, microseconds=i),
            *kinds[i % 4],
        )
        for i in range(150)
    ]
    streams = store.start_streams(batch)
    assert [s.stream_id for s in streams] == list(range(expected, expected + 150))
    assert raw(
        db_path, "SELECT id, session_key FROM streams WHERE id >= ? ORDER BY id", (expected,)
    ) == [(s.stream_id, s.snapshot.session_key) for s in streams]
    assert store.streams([s.stream_id for s in streams]) == [
        replace(s, snapshot=replace(s.snapshot, ip_address=None)) for s in streams
    ]
    overview = {u.user_id: u for u in store.users_overview()}
    assert sum(u.stream_count for u in overview.values()) == 152
    assert store.stats().streams == 152


def test_without_trigram_the_schema_and_search_still_work(
    db_path: Path, keys: KeyMaterial, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An older SQLite (before 3.34) has no trigram tokenizer: no search tables, LIKE.
    monkeypatch.setattr(schema, "has_trigram", lambda conn: False)
    opened = HistoryStore.open(db_path, keys, "server-1")
    try:
        assert "media_search" not in schema.database_shape(opened._writer)
        start(opened, T0, loc(), title="Harbour Lights")
        assert [s.snapshot.title for s in opened.stream_log(search="harb")] == ["Harbour Lights"]
        assert opened.recovered_from is None
    finally:
        opened.close()
