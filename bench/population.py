"""The synthetic Plex server's people, devices, library and addresses, all from one seed.

Viewers live in the simulator's places (so a location is a real city), each with a home
ISP whose IPv4 address changes with its DHCP lease, an IPv6 /64 with rotating privacy
addresses for about half of them, a carrier pool for mobile streams, a few secondary
places (family, work) and a handful of trips a year. Addresses are drawn inside the same
allocations as the places' listed ones: the /16 of an IPv4 address, the /48 of an IPv6.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
import ipaddress
import math
import random
import zlib

from custom_components.plexgeo.core.addresses import is_public
from custom_components.plexgeo.core.models import MediaType
from simulator.places import PLACES, Place

DAY = 86_400
LOOKUP_TTL = 30 * DAY  # the engine's default geolocation cache TTL

# How many viewers live in each place (relative): a server shared mostly in the
# Anglosphere and Europe, with a tail elsewhere. The VPN exit is only ever a trip.
_HOME_WEIGHTS = {
    "london": 10,
    "manchester": 6,
    "edinburgh": 3,
    "paris": 6,
    "berlin": 6,
    "madrid": 4,
    "amsterdam": 4,
    "stockholm": 3,
    "new_york": 12,
    "chicago": 8,
    "san_francisco": 8,
    "toronto": 6,
    "sao_paulo": 4,
    "sydney": 5,
    "melbourne": 3,
    "auckland": 2,
    "tokyo": 4,
    "singapore": 2,
    "mumbai": 3,
    "cape_town": 2,
}
_FIRST = [
    "Ada",
    "Ben",
    "Chloé",
    "Dev",
    "Emma",
    "Farid",
    "Grace",
    "Hiro",
    "Ines",
    "Jonas",
    "Kai",
    "Lena",
    "Mateo",
    "Nia",
    "Omar",
    "Priya",
    "Quinn",
    "Rosa",
    "Sven",
    "Tomás",
    "Uma",
    "Viktor",
    "Wen",
    "Xavier",
    "Yara",
    "Zoë",
]
_LAST = [
    "Abe",
    "Brown",
    "Costa",
    "Dubois",
    "Eriksen",
    "Fischer",
    "García",
    "Haddad",
    "Ito",
    "Jensen",
    "Kowalski",
    "Li",
]
_PRODUCTS = (
    ("Plex for Android (TV)", "Android", "SHIELD Android TV", "Living Room TV"),
    ("Plex for Roku", "Roku", "Roku Ultra", "Bedroom Roku"),
    ("Plex for iOS", "iOS", "iPhone", "iPhone"),
    ("Plex for Apple TV", "tvOS", "Apple TV", "Apple TV"),
    ("Plex Web", "Chrome", "Windows", "Chrome"),
    ("Plex for Windows", "Windows", "PC", "Desktop"),
    ("Plex for LG", "webOS", "OLED55C1", "LG TV"),
)
_WORDS = [
    "Silent",
    "Northern",
    "Last",
    "Broken",
    "Golden",
    "Hidden",
    "Winter",
    "Distant",
    "Electric",
    "Paper",
    "Iron",
    "Glass",
    "River",
    "Empire",
    "Garden",
    "Signal",
    "Harbour",
    "Orbit",
    "Shadow",
    "Kingdom",
    "Station",
    "Letters",
    "Frontier",
    "Tide",
]


@dataclass(frozen=True, slots=True)
class Player:
    """One of a viewer's devices."""

    machine_id: str
    title: str
    product: str
    platform: str
    device: str

    def fields(self) -> dict[str, str]:
        """A stream's player fields from this device (snapshots and simulated sessions alike)."""
        return {
            "player_title": self.title,
            "player_product": self.product,
            "player_platform": self.platform,
            "player_device": self.device,
            "player_machine_id": self.machine_id,
        }


@dataclass(frozen=True, slots=True)
class Trip:
    """A stay away from home: streams come from `place` between `start` and `end`."""

    start: int  # epoch seconds
    end: int
    place: Place
    address: str  # the hotel's or friend's line


@dataclass(frozen=True, slots=True)
class Viewer:
    """A Plex user of the shared server."""

    index: int
    user_id: str
    user_name: str
    home: Place
    secondary: tuple[Place, ...]
    household: bool  # lives with the server: mostly LAN streams
    ipv6_prefix: str | None  # the home /64, when the ISP and router do IPv6
    lease_days: int
    lease_offset: int
    players: tuple[Player, ...]
    trips: tuple[Trip, ...]


@dataclass(frozen=True, slots=True)
class MediaItem:
    """One item of the library, as a session reports it."""

    media_type: MediaType
    title: str
    grandparent_title: str | None
    parent_title: str | None
    parent_index: int | None
    index: int | None
    year: int | None
    duration_ms: int | None


def _rng(*parts: object) -> random.Random:
    """A generator seeded by a tuple of parts, so every draw can be recomputed alone."""
    return random.Random("/".join(map(str, parts)))


def ipv4_in(place: Place, rng: random.Random) -> str:
    """A public IPv4 address in the /16 of one of the place's listed addresses."""
    while True:
        first, second, *_ = rng.choice(place.ipv4).split(".")
        address = f"{first}.{second}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
        if is_public(ipaddress.IPv4Address(address)):
            return address


def ipv6_prefix_in(place: Place, rng: random.Random) -> str | None:
    """A /64 (as its first four hextets) in the /48 of the place's listed IPv6, if any."""
    if not place.ipv6:
        return None
    network = ipaddress.IPv6Network(f"{rng.choice(place.ipv6)}/48", strict=False)
    subnet = network.network_address + (rng.getrandbits(16) << 64)
    return ":".join(subnet.exploded.split(":")[:4])


def ipv6_in(prefix: str, rng: random.Random) -> str:
    """A privacy address (random interface id) in a /64."""
    iid = rng.getrandbits(64) | 1
    groups = [f"{(iid >> shift) & 0xFFFF:x}" for shift in (48, 32, 16, 0)]
    return str(ipaddress.IPv6Address(f"{prefix}:{':'.join(groups)}"))


def looked_up_at(address: str, at: int) -> int:
    """When the geolocation cache last fetched `address`, as of `at`.

    Each address is refetched every TTL on its own phase, so a year of history holds
    one location row per address per month it was used, as the engine would write.
    """
    phase = zlib.crc32(address.encode()) % LOOKUP_TTL
    return at - ((at - phase) % LOOKUP_TTL)


class Population:
    """Everyone and everything on the synthetic server, derived from `seed`."""

    def __init__(self, seed: int, *, users: int, start: int, end: int) -> None:
        """Draw `users` viewers, their devices and trips in [start, end), and a library."""
        self.seed = seed
        self.start = start
        self.end = end
        homes = [p for p in PLACES if p.key in _HOME_WEIGHTS]
        self._homes = homes
        rng = _rng(seed, "population")
        home_weights = [_HOME_WEIGHTS[p.key] for p in homes]
        viewers = []
        weights = []
        for index in range(users):
            home = rng.choices(homes, home_weights)[0]
            viewers.append(self._viewer(index, home, rng))
            # Log-normal activity: most watch a little, a few watch a lot.
            weight = math.exp(rng.gauss(0.0, 1.1))
            weights.append(weight * (2.0 if viewers[-1].household else 1.0))
        self.viewers: tuple[Viewer, ...] = tuple(viewers)
        total = sum(weights)
        running = 0.0
        self._cumulative: list[float] = []
        for weight in weights:
            running += weight / total
            self._cumulative.append(running)
        self.library: tuple[MediaItem, ...] = _library(_rng(seed, "library"))
        by_type: dict[MediaType, list[MediaItem]] = {}
        for item in self.library:
            by_type.setdefault(item.media_type, []).append(item)
        self.by_type = {kind: tuple(items) for kind, items in by_type.items()}
        self._home4 = lru_cache(maxsize=100_000)(self._home_ipv4)
        self._home6 = lru_cache(maxsize=200_000)(self._home_ipv6)
        self._away4 = lru_cache(maxsize=50_000)(self._secondary_ipv4)
        self.mobile_pools: dict[str, tuple[str, ...]] = {
            p.key: tuple(ipv4_in(p, _rng(seed, "mobile", p.key, i)) for i in range(64))
            for p in PLACES
        }

    def _viewer(self, index: int, home: Place, rng: random.Random) -> Viewer:
        others = [p for p in self._homes if p.country_code != home.country_code]
        secondary = tuple(rng.sample(others, rng.randint(1, 3)))
        household = index % 64 == 7  # about 1.5 %: the server owner's family
        prefix = ipv6_prefix_in(home, rng) if rng.random() < 0.55 else None
        players = tuple(
            Player(f"{rng.getrandbits(64):016x}", title, product, platform, device)
            for product, platform, device, title in rng.sample(_PRODUCTS, rng.randint(1, 4))
        )
        trips = []
        travel_places = [*others, *(p for p in PLACES if p.key not in _HOME_WEIGHTS)]
        for _ in range(rng.choice((0, 1, 1, 2, 2, 3, 4, 6))):
            start = rng.randrange(self.start, self.end)
            place = rng.choice(travel_places)
            address = ipv4_in(place, rng)
            trips.append(Trip(start, start + rng.randint(2, 14) * DAY, place, address))
        name = f"{_FIRST[index % len(_FIRST)]} {_LAST[(index // len(_FIRST)) % len(_LAST)]}"
        return Viewer(
            index=index,
            user_id=str(31_000_000 + index * 7_919),
            user_name=f"{name} {index // (len(_FIRST) * len(_LAST)) + 1}",
            home=home,
            secondary=secondary,
            household=household,
            ipv6_prefix=prefix,
            lease_days=rng.choice((14, 30, 60, 90, 180, 365)),
            lease_offset=rng.randrange(365 * DAY),
            players=players,
            trips=tuple(sorted(trips, key=lambda t: t.start)),
        )

    def pick_viewer(self, draw: float) -> Viewer:
        """The viewer a uniform draw in [0, 1) lands on, by activity."""
        index = min(bisect_right(self._cumulative, draw), len(self.viewers) - 1)
        return self.viewers[index]

    def trip_at(self, viewer: Viewer, at: int) -> Trip | None:
        """The trip the viewer is on at `at`, if any."""
        for trip in viewer.trips:
            if trip.start <= at < trip.end:
                return trip
        return None

    def home_ipv4(self, viewer: Viewer, at: int) -> str:
        """The home line's address at `at`: a new one every DHCP lease."""
        period = (at + viewer.lease_offset) // (viewer.lease_days * DAY)
        return self._home4(viewer.index, period)

    def _home_ipv4(self, index: int, period: int) -> str:
        return ipv4_in(self.viewers[index].home, _rng(self.seed, "home4", index, period))

    def home_ipv6(self, viewer: Viewer, at: int) -> str | None:
        """The home privacy address at `at` (rotated weekly), or None without IPv6."""
        if viewer.ipv6_prefix is None:
            return None
        return self._home6(viewer.index, at // (7 * DAY))

    def _home_ipv6(self, index: int, week: int) -> str:
        prefix = self.viewers[index].ipv6_prefix
        assert prefix is not None
        return ipv6_in(prefix, _rng(self.seed, "home6", index, week))

    def secondary_ipv4(self, viewer: Viewer, which: int, at: int) -> str:
        """The address at a secondary place (changes each quarter)."""
        return self._away4(viewer.index, which, at // (90 * DAY))

    def _secondary_ipv4(self, index: int, which: int, quarter: int) -> str:
        place = self.viewers[index].secondary[which]
        return ipv4_in(place, _rng(self.seed, "away4", index, which, quarter))


def _library(rng: random.Random) -> tuple[MediaItem, ...]:
    def title() -> str:
        return " ".join(rng.sample(_WORDS, rng.randint(1, 3)))

    items: list[MediaItem] = []
    for _ in range(3_000):
        items.append(
            MediaItem(
                MediaType.MOVIE,
                title(),
                None,
                None,
                None,
                None,
                rng.randint(1950, 2026),
                rng.randint(80, 180) * 60_000,
            )
        )
    for _ in range(250):
        show, year = title(), rng.randint(1990, 2026)
        for season in range(1, rng.randint(1, 6) + 1):
            for episode in range(1, rng.randint(6, 13) + 1):
                items.append(
                    MediaItem(
                        MediaType.EPISODE,
                        title(),
                        show,
                        f"Season {season}",
                        season,
                        episode,
                        year + season - 1,
                        rng.randint(22, 60) * 60_000,
                    )
                )
    for _ in range(400):
        artist, album = title(), title()
        for track in range(1, 13):
            items.append(
                MediaItem(
                    MediaType.TRACK,
                    title(),
                    artist,
                    album,
                    1,
                    track,
                    None,
                    rng.randint(120, 420) * 1000,
                )
            )
    for channel in range(1, 41):
        items.append(
            MediaItem(MediaType.LIVE_TV, f"Channel {channel}", None, None, None, None, None, None)
        )
    return tuple(items)
