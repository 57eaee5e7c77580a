"""Builders for core tests: snapshots, locations from the simulator's places, lookups."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
import os
from pathlib import Path
import shutil
import sqlite3
import subprocess
from typing import Any

import pytest

from custom_components.plexgeo.core import migrations
from custom_components.plexgeo.core.addresses import choose_address
from custom_components.plexgeo.core.geo.base import LookupResult
from custom_components.plexgeo.core.models import (
    Alert,
    Location,
    LocationStatus,
    MediaType,
    PlaybackState,
    Stream,
    StreamSnapshot,
)
from custom_components.plexgeo.core.store import HistoryStore, UnknownStream
from simulator.places import Place, place, place_for_address

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def location_of(found: Place, at: datetime = T0) -> Location:
    """The Location ip-api would give for a place."""
    return Location(
        country_code=found.country_code,
        country_name=found.country,
        region=found.region_name,
        city=found.city,
        latitude=found.lat,
        longitude=found.lon,
        timezone=found.timezone,
        isp=found.isp,
        org=found.org,
        asn=found.asn,
        mobile=found.mobile,
        proxy=found.proxy,
        hosting=found.hosting,
        provider="ip-api",
        looked_up_at=at,
    )


def snapshot(
    key: str = "1",
    *,
    user: str = "alice",
    address: str | None = None,
    where: str | None = "london",
    local: bool = False,
    relayed: bool = False,
    title: str = "Arrival",
    **changes: Any,
) -> StreamSnapshot:
    """A playing movie session of `user` from `where` (a place key) or `address`."""
    if address is None and where is not None:
        address = place(where).ipv4[0]
    ip, rule = choose_address(
        local=local, relayed=relayed, address=address, remote_public_address=None
    )
    base = StreamSnapshot(
        session_key=key,
        user_id=f"id-{user}",
        user_name=user,
        player_title="Living Room TV",
        player_product="Plex for Android (TV)",
        player_platform="Android",
        player_device="SHIELD",
        player_machine_id=f"machine-{user}",
        media_type=MediaType.MOVIE,
        title=title,
        grandparent_title=None,
        parent_title=None,
        parent_index=None,
        index=None,
        year=2016,
        state=PlaybackState.PLAYING,
        progress_ms=0,
        duration_ms=6_960_000,
        bandwidth_kbps=8000,
        local=local,
        relayed=relayed,
        secure=True,
        network="lan" if local else "wan",
        transcode_decision="direct play",
        ip_address=ip,
        address_rule=rule,
    )
    return replace(base, **changes)


def answer(addresses: Iterable[str], at: datetime = T0) -> LookupResult:
    """What a working provider answers for addresses listed in the simulator's places."""
    located = {}
    for address in addresses:
        found = place_for_address(address)
        assert found is not None, address
        located[address] = location_of(found, at)
    return LookupResult(located=located, failed={}, deferred=())


def no_answer(addresses: Iterable[str]) -> LookupResult:
    """A provider that is down: everything deferred."""
    return LookupResult(located={}, failed={}, deferred=tuple(addresses), error="down")


# --- one-at-a-time store calls -----------------------------------------------------
# The store works in batches; tests often want one stream or alert at a time. These read
# and write only through its public batch methods.


def start_stream(
    store: HistoryStore,
    snapshot: StreamSnapshot,
    at: datetime,
    status: LocationStatus,
    location: Location | None,
) -> Stream:
    """Record one new stream first seen at `at`."""
    return store.start_streams([(snapshot, at, status, location)])[0]


def stream(store: HistoryStore, stream_id: int) -> Stream | None:
    """One stream by id, or None."""
    found = store.streams([stream_id])
    return found[0] if found else None


def update_stream(
    store: HistoryStore, stream_id: int, snapshot: StreamSnapshot, at: datetime
) -> Stream:
    """Store a later poll of one stream; returns it as read back (UnknownStream if gone)."""
    known = stream(store, stream_id)
    if known is None:
        raise UnknownStream(f"no stream {stream_id}")
    store.update_streams([(known, snapshot)], at)
    return _stored(store, stream_id)


def set_location(
    store: HistoryStore, stream_id: int, status: LocationStatus, location: Location | None
) -> Stream:
    """Record one stream's geolocation outcome; returns the stream as stored."""
    store.set_locations([(stream_id, status, location)])
    return _stored(store, stream_id)


def _stored(store: HistoryStore, stream_id: int) -> Stream:
    found = stream(store, stream_id)
    if found is None:
        raise UnknownStream(f"no stream {stream_id}")
    return found


def alert(store: HistoryStore, alert_id: int) -> Alert | None:
    """One alert by id, or None."""
    found = store.alerts(before_id=alert_id + 1, limit=1)
    return found[0] if found and found[0].alert_id == alert_id else None


def cache_location(store: HistoryStore, address_hash: str, location: Location) -> None:
    """Remember where one address hash is."""
    store.cache_locations([(address_hash, location)])


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """Make a file or directory read-only, even for root (who ignores permission bits)."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(path)], check=False).returncode:
        pytest.skip("cannot make a file read-only for root here")
    try:
        yield
    finally:
        subprocess.run([chattr, "-i", str(path)], check=True)


def _triggers(version: int) -> set[str]:
    """The triggers a file has at `version`."""
    conn = sqlite3.connect(":memory:")
    try:
        for migration in migrations.MIGRATIONS[:version]:
            migration(conn)
        return {
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        }
    finally:
        conn.close()


def undo_migrations_after(conn: sqlite3.Connection, version: int) -> None:
    """Drop what the migrations after `version` added (their tables, and their columns of
    older tables): the file as `version` left it, marked with that version."""
    then = migrations.expected_shape(migrations.MIGRATIONS[:version])
    for (trigger,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger'"
    ).fetchall():
        if trigger not in _triggers(version):
            conn.execute(f"DROP TRIGGER {trigger}")
    for table, columns in migrations.expected_shape(migrations.MIGRATIONS).items():
        if table not in then:
            conn.execute(f"DROP TABLE {table}")
            continue
        for column in set(columns) - set(then[table]):
            conn.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    conn.execute(f"PRAGMA user_version = {int(version)}")
