"""The household model's store side: schema v5 migration, queries, habits, limits."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
import sqlite3

import pytest

from custom_components.plexgeo.core import migrations
from custom_components.plexgeo.core.crypto import KeyMaterial
from custom_components.plexgeo.core.models import Alert, AlertKind, LocationStatus, Stream
from custom_components.plexgeo.core.store import HistoryStore
from simulator.places import place

from . import helpers
from .helpers import T0, location_of, snapshot
from .test_schema_places import as_before_household

HOUR = timedelta(hours=1)


@pytest.fixture
def keys() -> KeyMaterial:
    return KeyMaterial.generate()


@pytest.fixture
def store(tmp_path: Path, keys: KeyMaterial) -> Iterator[HistoryStore]:
    opened = HistoryStore.open(tmp_path / "h.db", keys, "srv")
    yield opened
    opened.close()


def _start(
    store: HistoryStore, key: str, at: datetime, where: str | None, **changes: object
) -> Stream:
    """A stream of alice's from a place (located), or on the LAN (`where` None)."""
    if where is None:
        new = snapshot(key, address="192.168.1.20", local=True, **changes)
        return store.start_streams([(new, at, LocationStatus.LOCAL, None)])[0]
    new = snapshot(key, where=where, **changes)
    found = location_of(place(where))  # one lookup, as the cache gives it
    return store.start_streams([(new, at, LocationStatus.KNOWN, found)])[0]


def _alert(stream: Stream, at: datetime) -> Alert:
    return Alert(
        alert_id=0,
        kind=AlertKind.CONCURRENT_LOCATIONS,
        stream_id=stream.stream_id,
        user_id=stream.snapshot.user_id,
        user_name=stream.snapshot.user_name,
        created_at=at,
        country_code="US",
        country_name="United States",
        city="New York",
        latitude=40.7,
        longitude=-74.0,
        share=None,
        session_count=None,
        previous_country_code="GB",
        previous_country_name="United Kingdom",
        previous_city="London",
        distance_km=5570.2,
        speed_kmh=None,
        media_title="Arrival",
        player="Chrome",
        other_stream_id=1,
        network_type="residential",
        seconds_apart=0.0,
    )


def test_version_4_file_migrates_with_nothing_lost(tmp_path: Path, keys: KeyMaterial) -> None:
    """A version-4 database (places with accuracy, before the household model) opens,
    gains the household tables filled from its history, and keeps every stream and alert."""
    path = tmp_path / "old.db"
    old = HistoryStore.open(path, keys, "srv")
    london = _start(old, "1", T0, "london")
    _start(old, "2", T0 + HOUR, "paris", player_machine_id="tablet")
    _start(old, "3", T0 + 2 * HOUR, None)
    old.close()
    as_before_household(path)
    # An alert as version 4 wrote it.
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (4,)
        conn.execute(
            "INSERT INTO alerts (kind, stream_ref, user_id, user_name, dedup_key, created_at,"
            " country_code, country_name, latitude, longitude, media_title, player)"
            " VALUES ('rare_country', ?, 'id-alice', 'alice', 'rare_country:GB', ?, 'GB',"
            " 'United Kingdom', 51.5, -0.1, 'Arrival', 'TV')",
            (london.stream_id, int(T0.timestamp())),
        )
    conn.close()
    store = HistoryStore.open(path, keys, "srv")
    try:
        assert store.schema_version == len(migrations.MIGRATIONS) == HistoryStore.SCHEMA_VERSION
        assert store.recovered_from is None
        assert [s.stream_id for s in store.streams([1, 2, 3])] == [1, 2, 3]
        assert store.stream_address(london.stream_id) == place("london").ipv4[0]
        [alert] = store.alerts()
        assert (alert.kind, alert.stream_id, alert.created_at) == (
            AlertKind.RARE_COUNTRY,
            london.stream_id,
            T0,
        )
        assert (alert.other_stream_id, alert.network_type, alert.seconds_apart) == (None,) * 3
        assert store.device_use("id-alice", "machine-alice") == (True, T0 + 2 * HOUR)
        assert store.device_use("id-alice", "tablet") == (True, T0 + HOUR)
        # Networks from the providers' ASNs (LAN streams have none).
        assert store.network_use("id-alice", "AS2856") == (True, T0)
        assert store.network_use("id-alice", "AS3215") == (True, T0 + HOUR)
        assert store.network_use("id-alice", "AS1") == (True, None)
    finally:
        store.close()


def test_alert_evidence_round_trips(store: HistoryStore) -> None:
    stream = _start(store, "1", T0, "new_york")
    stored = store.add_alert(replace(_alert(stream, T0), stream_count=3, device="iPad"), "k")
    assert helpers.alert(store, stored.alert_id) == stored
    assert (stored.other_stream_id, stored.seconds_apart, stored.device) == (1, 0.0, "iPad")


def test_usual_places_count_lan_streams_as_home(store: HistoryStore) -> None:
    for n in range(3):
        _start(store, f"l{n}", T0 + n * HOUR, "london")
    _start(store, "p", T0, "paris")
    _start(store, "h1", T0, None)
    _start(store, "h2", T0, None)
    excluded = _start(store, "x", T0, "paris")
    places = store.usual_places("id-alice", T0, T0 + 5 * HOUR, excluded.stream_id)
    by_city = {(loc.city if loc else None): count for loc, count in places}
    assert by_city == {"London": 3, "Paris": 1, None: 2}
    assert store.usual_places("nobody", T0, T0, 0) == []


def test_usual_places_count_each_place_once(store: HistoryStore) -> None:
    # London looked up on three days: three location rows of one place, counted as one
    # place (all three streams), decoded once as its newest lookup; Paris apart.
    for n in range(3):
        new = snapshot(f"l{n}", where="london")
        found = location_of(place("london"), T0 + n * timedelta(days=1))
        store.start_streams([(new, T0 + n * HOUR, LocationStatus.KNOWN, found)])
    _start(store, "p", T0, "paris")
    places = store.usual_places("id-alice", T0, T0 + 5 * HOUR, 0)
    london = [(loc, count) for loc, count in places if loc and loc.city == "London"]
    assert london == [(location_of(place("london"), T0 + 2 * timedelta(days=1)), 3)]
    assert [(loc.city, n) for loc, n in places if loc and loc.city == "Paris"] == [("Paris", 1)]


def test_counted_countries_move_the_rare_country_counts(store: HistoryStore) -> None:
    lan = _start(store, "h", T0, None)
    vpn = _start(store, "v", T0, "frankfurt_vpn")
    _start(store, "l", T0, "london")
    since, before = T0 - HOUR, T0 + HOUR
    assert store.country_counts("id-alice", since, before) == {"DE": 1, "GB": 1}
    store.set_counted_countries([(lan.stream_id, "GB"), (vpn.stream_id, None)])
    assert store.country_counts("id-alice", since, before) == {"GB": 2}
    # Whole days come from the rollup: the trigger moved the counts there too.
    assert store.country_counts("id-alice", T0 - timedelta(days=3), T0 + timedelta(days=3)) == {
        "GB": 2
    }
    store.set_counted_countries([])  # nothing to do


def test_a_visit_alerted_until_acknowledged_and_left(store: HistoryStore) -> None:
    key = "rare_country:AU"

    def alerted(since: datetime = T0 - HOUR) -> bool:
        return store.visit_alerted("id-alice", "AU", key, since)

    au = _start(store, "1", T0, "sydney")
    assert not alerted()
    store.add_alert(_alert(au, T0), key)
    second = store.add_alert(_alert(au, T0 + HOUR), key)
    assert alerted()  # open
    assert not alerted(T0 + 2 * HOUR)  # raised before the window
    assert not store.visit_alerted("id-alice", "AU", "rare_country:FR", T0 - HOUR)
    # The latest alert is the one that counts: acknowledged, still the same visit...
    store.acknowledge_alerts([second.alert_id], "admin", T0 + HOUR)
    assert alerted()
    _start(store, "2", T0 + 2 * HOUR, "melbourne")
    assert alerted()
    # ...until the user streams from another country after it.
    _start(store, "3", T0 + 3 * HOUR, "london")
    assert not alerted()
    assert not store.visit_alerted("nobody", "AU", key, T0 - HOUR)


def test_habits_are_counted_with_their_last_use(store: HistoryStore, tmp_path: Path) -> None:
    _start(store, "1", T0, "london")  # the user exists once a stream of theirs does
    store.record_habits(devices=[], networks=[])
    store.record_habits(
        devices=[("id-alice", "tv", T0), ("id-alice", "tv", T0 + HOUR)],
        networks=[("id-alice", "AS2856", T0 + HOUR), ("id-alice", "AS2856", T0)],
    )
    assert store.device_use("id-alice", "tv") == (True, T0 + HOUR)
    assert store.device_use("id-alice", "phone") == (True, None)
    assert store.network_use("id-alice", "AS2856") == (True, T0 + HOUR)
    assert store.device_use("nobody", "tv") == (False, None)
    assert store.network_use("nobody", "AS2856") == (False, None)
    rows = sqlite3.connect(tmp_path / "h.db").execute(
        "SELECT count, first_seen < last_seen FROM user_devices"
    )
    assert rows.fetchall() == [(2, 1)]


def test_stream_limits_set_and_clear(store: HistoryStore) -> None:
    assert store.stream_limit("id-alice") is None
    store.set_stream_limit("id-alice", 2)
    store.set_stream_limit("id-alice", 3)
    assert store.stream_limit("id-alice") == 3
    store.set_stream_limit("id-alice", None)
    assert store.stream_limit("id-alice") is None
