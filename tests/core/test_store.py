"""The history store, through its public methods and the file it writes."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
import ipaddress
from pathlib import Path
import sqlite3

import pytest

from custom_components.plexgeo.core import migrations, schema
from custom_components.plexgeo.core.crypto import KeyMaterial
from custom_components.plexgeo.core.errors import (
    StoreError,
    StoreKeyMismatch,
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
        resolution="1080p",
        bitrate_kbps=7_800,
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
        resolution=None,
        bitrate_kbps=None,
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
        assert again.schema_version == HistoryStore.SCHEMA_VERSION == len(migrations.MIGRATIONS)
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
