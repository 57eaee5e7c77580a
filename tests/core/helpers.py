"""Builders for core tests: snapshots, locations from the simulator's places, lookups."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from custom_components.plexgeo.core.addresses import choose_address
from custom_components.plexgeo.core.geo.base import LookupResult
from custom_components.plexgeo.core.models import (
    Location,
    MediaType,
    PlaybackState,
    StreamSnapshot,
)
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
