"""The history store: the stream log, user names, alerts and trust, and purging."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from custom_components.plexgeo.core.models import (
    AlertKind,
)
from custom_components.plexgeo.core.store import HistoryStore

from . import helpers
from .test_store import IPV4, IPV6, T0, alert_for, loc, raw, snap, start

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
