"""A year of streams, written through the store's public write path, grown size by size.

Stream number k (k = 0, 1, 2, ...) is a pure function of the seed and k, and its start
time is the k-th point of a van der Corput sequence warped onto the year: any prefix of
the sequence covers the whole year evenly. So the 10k history is the first 10,000
streams of the 100k one, which is the first 100,000 of the 1M one, and a bigger history
grows from a smaller cached file by adding streams k = n..N-1, written in time order
within that step (as a live server would append them).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
import hashlib
import random
import time

from custom_components.plexgeo.core.crypto import KeyMaterial
from custom_components.plexgeo.core.models import (
    AddressRule,
    Location,
    LocationStatus,
    MediaType,
    PlaybackState,
    StreamSnapshot,
)
from custom_components.plexgeo.core.store import HistoryStore, NewStream
from simulator.places import Place

from .population import DAY, Population, Viewer, looked_up_at

# Bump when the generated history changes: cached databases are keyed by it.
GENERATOR_VERSION = 1
USERS = 1_000
END = int(datetime(2026, 5, 1, tzinfo=UTC).timestamp())
START = END - 365 * DAY
BATCH = 500
SERVER_ID = "bench0000000000000000000000000000000000"
# Relative streams per hour of the (server's) day: evenings dominate.
_HOURLY = (
    2, 1, 1, 1, 1, 1, 1, 2, 2, 3, 3, 3, 4, 4, 4, 4, 5, 6, 8, 10, 11, 10, 7, 4,
)  # fmt: skip
_TOTAL = sum(_HOURLY)
_CUMULATIVE = [sum(_HOURLY[:h]) / _TOTAL for h in range(25)]


@dataclass(frozen=True, slots=True)
class IngestTiming:
    """How long the store took to write one growth step, batch by batch."""

    streams: int
    batch_seconds: tuple[float, ...]  # start_streams, one entry per batch of BATCH
    end_seconds: float  # end_streams for every batch
    cache_seconds: float  # cache_locations for the step's addresses
    addresses: int


def keys_for(seed: int) -> KeyMaterial:
    """Key material derived from the seed, so a cached database can be reopened."""
    fernet = hashlib.sha256(f"plexgeo-bench-fernet-{seed}".encode()).digest()
    return KeyMaterial(
        base64.urlsafe_b64encode(fernet),
        hashlib.sha256(f"plexgeo-bench-hmac-{seed}".encode()).digest(),
    )


def van_der_corput(k: int) -> float:
    """The k-th point of the base-2 van der Corput sequence in [0, 1)."""
    value, denominator = 0.0, 1.0
    while k:
        denominator *= 2
        k, bit = divmod(k, 2)
        value += bit / denominator
    return value


def start_time(k: int) -> int:
    """Stream k's start (epoch seconds): its sequence point, on the day's viewing curve."""
    position = van_der_corput(k) * 365
    day = int(position)
    fraction = position - day
    hour = 0
    while _CUMULATIVE[hour + 1] <= fraction:
        hour += 1
    within = (fraction - _CUMULATIVE[hour]) / (_HOURLY[hour] / _TOTAL)
    return START + day * DAY + int((hour + within) * 3600)


def location_of(place: Place, address: str, at: int) -> Location:
    """Where ip-api puts an address of `place`, as the cache held it at `at`."""
    return Location(
        country_code=place.country_code,
        country_name=place.country,
        region=place.region_name,
        city=place.city,
        latitude=place.lat,
        longitude=place.lon,
        timezone=place.timezone,
        isp=place.isp,
        org=place.org,
        asn=place.asn,
        mobile=place.mobile,
        proxy=place.proxy,
        hosting=place.hosting,
        provider="ip-api",
        looked_up_at=datetime.fromtimestamp(looked_up_at(address, at), UTC),
    )


def _where(
    population: Population, viewer: Viewer, at: int, rng: random.Random
) -> tuple[Place | None, str | None, str]:
    """The place, address and network of one stream (None place: LAN)."""
    trip = population.trip_at(viewer, at)
    if trip is not None and rng.random() < 0.7:
        if rng.random() < 0.35:
            return trip.place, rng.choice(population.mobile_pools[trip.place.key]), "cellular"
        return trip.place, trip.address, "wan"
    if viewer.household and rng.random() < 0.85:
        return None, f"192.168.1.{10 + viewer.index % 200}", "lan"
    draw = rng.random()
    if draw < 0.11:
        which = rng.randrange(len(viewer.secondary))
        place = viewer.secondary[which]
        return place, population.secondary_ipv4(viewer, which, at), "wan"
    home = viewer.home
    if draw < 0.24:
        return home, rng.choice(population.mobile_pools[home.key]), "cellular"
    ipv6 = population.home_ipv6(viewer, at)
    if ipv6 is not None and rng.random() < 0.5:
        return home, ipv6, "wan"
    return home, population.home_ipv4(viewer, at), "wan"


def new_stream(population: Population, k: int) -> NewStream:
    """Stream k of the history: its first snapshot, start, location status and location."""
    at = start_time(k)
    rng = random.Random(population.seed * 1_000_003 + k)
    viewer = population.pick_viewer(rng.random())
    player = rng.choice(viewer.players)
    kind = rng.random()
    media_type = (
        MediaType.MOVIE
        if kind < 0.35
        else MediaType.EPISODE
        if kind < 0.9
        else MediaType.TRACK
        if kind < 0.98
        else MediaType.LIVE_TV
    )
    items = population.by_type[media_type]
    item = items[int(len(items) * rng.random() ** 2.5)]  # a few titles are most watched
    place, address, network = _where(population, viewer, at, rng)
    relayed = place is not None and rng.random() < 0.01
    if place is None:
        rule, status, location = AddressRule.LAN, LocationStatus.LOCAL, None
    elif relayed:
        address, rule, status, location = None, AddressRule.RELAYED, LocationStatus.UNKNOWN, None
    else:
        assert address is not None
        rule, status = AddressRule.REMOTE_PUBLIC_ADDRESS, LocationStatus.KNOWN
        location = location_of(place, address, at)
    transcode = rng.random()
    snapshot = StreamSnapshot(
        session_key=str(k + 1),
        user_id=viewer.user_id,
        user_name=viewer.user_name,
        **player.fields(),
        media_type=media_type,
        title=item.title,
        grandparent_title=item.grandparent_title,
        parent_title=item.parent_title,
        parent_index=item.parent_index,
        index=item.index,
        year=item.year,
        state=PlaybackState.PLAYING,
        progress_ms=rng.randrange(item.duration_ms or 3_600_000),
        duration_ms=item.duration_ms,
        bandwidth_kbps=rng.randrange(300, 40_000),
        local=place is None,
        relayed=relayed,
        secure=True,
        network=network,
        transcode_decision=(
            "direct play" if transcode < 0.6 else "transcode" if transcode < 0.85 else "copy"
        ),
        ip_address=address,
        address_rule=rule,
    )
    return snapshot, datetime.fromtimestamp(at, UTC), status, location


def population_for(seed: int) -> Population:
    """The benchmark's population for a seed."""
    return Population(seed, users=USERS, start=START, end=END)


def grow(store: HistoryStore, population: Population, first: int, last: int) -> IngestTiming:
    """Write streams k = first..last-1 in time order; time every store call.

    Streams go in through `start_streams` (batched, addresses encrypted), are closed
    with `end_streams`, and each address's newest location lands in the geolocation
    cache through `cache_locations` at the end, as the engine would have left it.
    """
    order = sorted(range(first, last), key=start_time)
    batch_seconds: list[float] = []
    end_seconds = 0.0
    newest: dict[str, Location] = {}
    for offset in range(0, len(order), BATCH):
        batch = [new_stream(population, k) for k in order[offset : offset + BATCH]]
        for snapshot, _, _, location in batch:
            if location is not None and snapshot.ip_address is not None:
                known = newest.get(snapshot.ip_address)
                if known is None or known.looked_up_at < location.looked_up_at:
                    newest[snapshot.ip_address] = location
        began = time.perf_counter()
        streams = store.start_streams(batch)
        batch_seconds.append(time.perf_counter() - began)
        began = time.perf_counter()
        store.end_streams([stream.stream_id for stream in streams])
        end_seconds += time.perf_counter() - began
    began = time.perf_counter()
    _fill_cache(store, newest)
    return IngestTiming(
        streams=len(order),
        batch_seconds=tuple(batch_seconds),
        end_seconds=end_seconds,
        cache_seconds=time.perf_counter() - began,
        addresses=len(newest),
    )


def _fill_cache(store: HistoryStore, newest: dict[str, Location]) -> None:
    # A smaller history may already cache a later lookup of the same address.
    forever = timedelta(days=365 * 100)
    now = datetime.fromtimestamp(END, UTC)
    found = []
    for address, location in newest.items():
        digest = store.address_hash(address)
        cached = store.cached_location(digest, now, forever)
        if cached is None or cached.looked_up_at < location.looked_up_at:
            found.append((digest, location))
    store.cache_locations(found)
