"""The detectors against the household model, through the engine and a real store."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from custom_components.plexgeo.core.crypto import KeyMaterial
from custom_components.plexgeo.core.models import AlertKind, StreamSnapshot
from custom_components.plexgeo.core.settings import AlertSettings, Home
from custom_components.plexgeo.core.store.detector import AROUND_FIRST
from custom_components.plexgeo.options import parse_networks
from simulator.places import place

from .helpers import T0, no_answer, snapshot
from .test_engine import Harness

LONDON = place("london")
HOME = Home(LONDON.lat, LONDON.lon, "GB")
MINUTE = timedelta(minutes=1)
HOUR = timedelta(hours=1)


@pytest.fixture
def harness(tmp_path: Path) -> Iterator[Harness]:
    h = Harness(tmp_path / "h.db", KeyMaterial.generate())
    h.settings = AlertSettings(home=HOME)
    yield h
    h.store.close()


def _lan(key: str, **changes: object) -> StreamSnapshot:
    return snapshot(key, address="192.168.1.20", local=True, **changes)


def test_lan_history_counts_for_home(harness: Harness) -> None:
    for day in range(6):
        harness.watch(_lan(f"h{day}"), T0 + timedelta(days=day), minutes=30)
    outcome = harness.poll([snapshot("au", where="sydney")], T0 + timedelta(days=7))
    [alert] = outcome.new_alerts
    assert (alert.kind, alert.session_count, alert.previous_country_code) == (
        AlertKind.RARE_COUNTRY,
        6,
        "GB",
    )
    assert alert.network_type == "residential"


def test_without_a_home_lan_streams_are_not_judged(harness: Harness) -> None:
    harness.settings = AlertSettings()
    harness.poll([_lan("h"), snapshot("ny", where="new_york")], T0)
    outcome = harness.poll([_lan("h"), snapshot("ny", where="new_york")], T0 + MINUTE)
    assert outcome.new_alerts == ()


def test_sharing_with_the_lan_names_the_remote_stream(harness: Harness) -> None:
    first = harness.poll([_lan("h")], T0)
    [owner] = first.started
    outcome = harness.poll([_lan("h"), snapshot("ny", where="new_york")], T0 + MINUTE)
    [alert] = outcome.new_alerts
    [friend] = outcome.started
    assert alert.kind is AlertKind.CONCURRENT_LOCATIONS
    assert (alert.stream_id, alert.other_stream_id) == (friend.stream_id, owner.stream_id)
    assert alert.seconds_apart == 0 and alert.speed_kmh is None


def test_sharing_seen_late_is_still_sharing(harness: Harness) -> None:
    harness.watch(snapshot("h", where="london"), T0 - timedelta(hours=5))
    # The owner's address is cached; the friend's waits for a geolocation outage to end.
    harness.poll([snapshot("o", where="london"), snapshot("f", where="chicago")], T0, no_answer)
    harness.poll([snapshot("f", where="chicago")], T0 + 20 * MINUTE, no_answer)
    outcome = harness.poll([snapshot("f", where="chicago")], T0 + 30 * MINUTE)
    [alert] = outcome.new_alerts
    assert (alert.kind, alert.city, alert.previous_city) == (
        AlertKind.CONCURRENT_LOCATIONS,
        "Chicago",
        "London",
    )


def test_travel_skips_trusted_streams_and_counts_seconds(harness: Harness) -> None:
    harness.settings = replace(
        harness.settings,
        trusted_networks=parse_networks("185.220.101.0/24"),
        rare_country_min_sessions=100,
    )
    harness.watch(snapshot("l", where="london"), T0, minutes=30)
    harness.watch(snapshot("v", where="frankfurt_vpn"), T0 + 31 * MINUTE, minutes=10)
    outcome = harness.poll([snapshot("t", where="tokyo")], T0 + 50 * MINUTE)
    [alert] = outcome.new_alerts
    assert (alert.kind, alert.previous_city) == (AlertKind.IMPOSSIBLE_TRAVEL, "London")
    assert alert.seconds_apart == pytest.approx(20 * 60, abs=60)


def test_travel_passes_over_more_trusted_streams_than_are_read_at_first(
    harness: Harness,
) -> None:
    """The store reads the first few streams before one; when every one of them is on a
    trusted network, the travel check reads on to the latest untrusted stream."""
    harness.settings = replace(
        harness.settings,
        trusted_networks=parse_networks("185.220.101.0/24"),
        rare_country_min_sessions=100,
    )
    harness.watch(snapshot("l", where="london"), T0, minutes=1, step=1)
    for n in range(AROUND_FIRST + 2):
        at = T0 + (2 + 2 * n) * MINUTE
        harness.watch(snapshot(f"v{n}", where="frankfurt_vpn"), at, minutes=1, step=1)
    outcome = harness.poll([snapshot("t", where="tokyo")], T0 + 40 * MINUTE)
    [alert] = outcome.new_alerts
    assert (alert.kind, alert.previous_city) == (AlertKind.IMPOSSIBLE_TRAVEL, "London")


def test_concurrent_streams_per_server_and_per_user(harness: Harness) -> None:
    sessions = [_lan(f"s{n}", player_machine_id=f"m{n}") for n in range(3)]
    assert harness.poll(sessions, T0).new_alerts == ()
    harness.poll([], T0 + MINUTE)
    harness.settings = replace(harness.settings, concurrent_streams_limit=2)
    outcome = harness.poll(sessions, T0 + 2 * MINUTE)
    [alert] = outcome.new_alerts
    assert (alert.kind, alert.stream_count, alert.session_count) == (
        AlertKind.CONCURRENT_STREAMS,
        3,
        2,
    )
    assert (alert.country_code, alert.network_type) == ("GB", "lan")
    harness.poll([], T0 + 3 * MINUTE)
    harness.store.set_stream_limit("id-alice", 3)  # this user may play three at once
    assert harness.poll(sessions, T0 + 4 * MINUTE).new_alerts == ()


def test_new_device_and_network_are_opt_in(harness: Harness) -> None:
    # A first stream ever: nothing to compare with, whatever the options.
    harness.settings = replace(harness.settings, new_device_alerts=True, new_network_alerts=True)
    harness.watch(snapshot("a", where="london"), T0)
    harness.settings = replace(harness.settings, new_device_alerts=False, new_network_alerts=False)
    ipad = snapshot("b", where="manchester", player_machine_id="ipad", player_title="iPad")
    assert harness.poll([ipad], T0 + timedelta(days=1)).new_alerts == ()
    harness.poll([], T0 + timedelta(days=1, minutes=1))
    harness.settings = replace(harness.settings, new_device_alerts=True, new_network_alerts=True)
    phone = snapshot("c", where="paris", player_machine_id="phone", player_title="Pixel")
    outcome = harness.poll([phone], T0 + timedelta(days=2))
    kinds = {alert.kind: alert for alert in outcome.new_alerts}
    assert set(kinds) == {AlertKind.NEW_DEVICE, AlertKind.NEW_NETWORK}
    assert kinds[AlertKind.NEW_DEVICE].device == "Pixel"
    assert kinds[AlertKind.NEW_NETWORK].device == "Orange S.A."
    harness.poll([], T0 + timedelta(days=2, minutes=1))
    # Known now: the same device and network again raise nothing.
    assert harness.poll([phone], T0 + timedelta(days=3)).new_alerts == ()


def _decrypted(harness: Harness, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Record the ids of the streams whose addresses the store is asked to decrypt."""
    asked: list[int] = []
    read = harness.store.stream_addresses

    def spy(stream_ids: Sequence[int]) -> dict[int, str]:
        asked.extend(stream_ids)
        return read(stream_ids)

    monkeypatch.setattr(harness.store, "stream_addresses", spy)
    return asked


def test_a_new_stream_is_judged_with_its_address_in_memory(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    harness.settings = AlertSettings(rare_country_min_sessions=1000)
    first = harness.watch(snapshot("ldn", where="london"), T0)
    asked = _decrypted(harness, monkeypatch)
    outcome = harness.poll([snapshot("syd", where="sydney")], T0 + 3 * HOUR)
    [alert] = outcome.new_alerts
    assert alert.kind is AlertKind.IMPOSSIBLE_TRAVEL
    # The far stream before it is read for its network; the new one is not decrypted.
    assert asked == [first.ended[0].stream_id]


def test_travel_reads_no_near_address_without_trusted_networks(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    harness.settings = AlertSettings(rare_country_min_sessions=1000)
    harness.watch(snapshot("a", where="london"), T0)
    asked = _decrypted(harness, monkeypatch)
    outcome = harness.poll([snapshot("b", where="london")], T0 + 2 * HOUR)
    assert (outcome.new_alerts, asked) == ((), [])
    [near] = outcome.started
    # A trusted network may be passed over, so the near stream is read to know.
    harness.settings = replace(
        harness.settings, trusted_networks=parse_networks("185.220.101.0/24")
    )
    outcome = harness.poll([snapshot("c", where="london")], T0 + 4 * HOUR)
    assert outcome.new_alerts == ()
    assert asked == [near.stream_id]
