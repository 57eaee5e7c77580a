"""A user's household model and the judgements made against it.

Pure functions over small records, so the rules are testable without a database:
where a location really is (a point, or a country with its uncertainty), which network a
stream comes from (IPv4 /24, IPv6 /64, the provider's ASN), whether two streams overlap,
and, for a pair of streams of one user, whether they are the same place, sharing or
travel, and which of them is out of place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
import math

from .addresses import parse_address
from .models import Location

_EARTH_RADIUS_KM = 6371.0088
# A city-level answer is still a guess: the provider's city is rarely the viewer's street.
CITY_RADIUS_KM = 25.0
# Countries a country-level answer may mean, in thousands of km² (the radius of a disc of
# that area stands for the uncertainty); others count as DEFAULT_COUNTRY_RADIUS_KM.
_COUNTRY_AREA_KKM2 = {
    "RU": 17098, "CA": 9985, "US": 9834, "CN": 9597, "BR": 8516, "AU": 7692, "IN": 3287,
    "AR": 2780, "KZ": 2725, "DZ": 2382, "CD": 2345, "SA": 2150, "MX": 1964, "ID": 1905,
    "IR": 1648, "MN": 1564, "PE": 1285, "ZA": 1221, "CO": 1142, "EG": 1002, "NG": 924,
    "TR": 784, "CL": 756, "FR": 644, "UA": 604, "ES": 506, "SE": 450, "JP": 378, "DE": 357,
    "FI": 338, "NO": 385, "PL": 313, "IT": 301, "PH": 300, "NZ": 268, "GB": 244, "RO": 238,
}  # fmt: skip
DEFAULT_COUNTRY_RADIUS_KM = 150.0


@dataclass(frozen=True, slots=True)
class Place:
    """Where a stream is, with how far off that may be."""

    country_code: str
    country_name: str
    city: str | None
    latitude: float
    longitude: float
    radius_km: float

    @property
    def name(self) -> str:
        """The city, or the country when only the country is known."""
        return self.city or self.country_name


def country_radius_km(country_code: str) -> float:
    """How far a country-level answer may be from the viewer."""
    area = _COUNTRY_AREA_KKM2.get(country_code.upper())
    if area is None:
        return DEFAULT_COUNTRY_RADIUS_KM
    return math.sqrt(area * 1000 / math.pi)


def place_of(location: Location) -> Place:
    """A location with its uncertainty: a country-level answer is never a point."""
    radius = CITY_RADIUS_KM if location.city else country_radius_km(location.country_code)
    return Place(
        location.country_code,
        location.country_name,
        location.city,
        location.latitude,
        location.longitude,
        radius,
    )


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points."""
    p1, q1, p2, q2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin((q2 - q1) / 2) ** 2
    return 2 * _EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def centre_distance_km(a: Place, b: Place) -> float:
    """Distance between two places' centres (what an alert reports)."""
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)


def gap_km(a: Place, b: Place) -> float:
    """The least distance two places can be apart, given their uncertainty."""
    return max(0.0, centre_distance_km(a, b) - a.radius_km - b.radius_km)


# --- networks ---------------------------------------------------------------------------


class NetworkType(StrEnum):
    """What ip-api says a network is; a proxy or hosting network may be a VPN."""

    RESIDENTIAL = "residential"
    MOBILE = "mobile"
    PROXY = "proxy"
    HOSTING = "hosting"


def network_type(location: Location | None) -> NetworkType | None:
    """The network's type from the provider's flags (proxy before hosting before mobile)."""
    if location is None:
        return None
    if location.proxy:
        return NetworkType.PROXY
    if location.hosting:
        return NetworkType.HOSTING
    if location.mobile:
        return NetworkType.MOBILE
    if location.proxy is None and location.hosting is None and location.mobile is None:
        return None
    return NetworkType.RESIDENTIAL


def address_prefix(address: str | None, v4_prefix: int = 24, v6_prefix: int = 64) -> str | None:
    """The network an address belongs to: its IPv4 /24 or IPv6 /64 by default."""
    ip = parse_address(address)
    if ip is None:
        return None
    # What str(ip_network(f"{ip}/{length}", strict=False)) gives, at half the cost: the
    # detectors take a prefix of every stream they judge.
    length, bits = (v4_prefix, 32) if ip.version == 4 else (v6_prefix, 128)
    host_bits = (1 << (bits - length)) - 1
    return f"{type(ip)(int(ip) & ~host_bits)}/{length}"


def asn_of(location: Location | None) -> str | None:
    """The provider's AS number ("AS2856"), without the name that follows it."""
    if location is None or not location.asn:
        return None
    first = location.asn.split(" ", 1)[0].upper()
    return first if first.startswith("AS") and first[2:].isdigit() else None


def network_key(
    address: str | None, location: Location | None, v4_prefix: int = 24, v6_prefix: int = 64
) -> str | None:
    """A network's identity for new-network alerts: the ASN, else the address prefix."""
    return asn_of(location) or address_prefix(address, v4_prefix, v6_prefix)


# --- intervals --------------------------------------------------------------------------


def overlaps(
    a_start: datetime, a_end: datetime | None, b_start: datetime, b_end: datetime | None
) -> bool:
    """Whether two streams' intervals share a moment (an open end is still playing)."""
    return (b_end is None or a_start <= b_end) and (a_end is None or b_start <= a_end)


def format_apart(seconds: float) -> str:
    """A time between two streams in words: "20 s", "14 min", "3 h 5 min", "2 d 4 h"."""
    total = max(0, round(seconds))
    if total < 60:
        return f"{total} s"
    minutes = total // 60
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    days, hours = divmod(hours, 24)
    return f"{days} d {hours} h" if hours else f"{days} d"


# --- judging a pair of streams ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Sighting:
    """One stream as the detectors see it."""

    stream_id: int
    started_at: datetime
    ended_at: datetime | None  # None while it plays
    last_seen: datetime
    place: Place | None
    prefix: str | None  # IPv4 /24 or IPv6 /64 (None at home on the LAN)
    home: bool  # a LAN stream, at Home Assistant's home
    trusted: bool
    mobile: bool = False

    @property
    def end(self) -> datetime:
        """When it was last known to play."""
        return self.ended_at or self.last_seen


class Relation(StrEnum):
    """How two streams of one user relate."""

    SAME_PLACE = "same_place"  # same network, or close enough: nothing to say
    SHARING = "sharing"  # overlapping, far apart
    TRAVEL = "travel"  # one after the other, too far for the time between
    PLAUSIBLE = "plausible"  # one after the other, reachable in time


@dataclass(frozen=True, slots=True)
class Judgement:
    """What a pair of streams says, with its evidence."""

    relation: Relation
    distance_km: float  # between the places' centres
    gap_km: float  # the least distance, given the uncertainty
    seconds_apart: float  # 0 when they overlap
    speed_kmh: float | None


def judge_pair(
    a: Sighting,
    b: Sighting,
    *,
    floor_km: float,
    speed_kmh: float,
    mobile_floor_km: float | None = None,
) -> Judgement | None:
    """How two located streams of one user relate; None when either cannot be judged.

    Network identity comes before geography: the same /24 or /64 is the same place,
    whatever the geolocation database says. A trusted stream is judged by no one.
    """
    if a.place is None or b.place is None or a.trusted or b.trusted:
        return None
    distance = centre_distance_km(a.place, b.place)
    least = gap_km(a.place, b.place)
    floor = floor_km
    if mobile_floor_km is not None and (a.mobile or b.mobile):
        floor = max(floor, mobile_floor_km)
    same_network = a.prefix is not None and a.prefix == b.prefix
    if same_network or (a.home and b.home) or least <= floor:
        return Judgement(Relation.SAME_PLACE, distance, least, 0.0, None)
    if overlaps(a.started_at, a.ended_at, b.started_at, b.ended_at):
        return Judgement(Relation.SHARING, distance, least, 0.0, None)
    first, second = (a, b) if a.end <= b.started_at else (b, a)
    seconds = (second.started_at - first.end).total_seconds()
    speed = least / max(seconds / 3600, 1 / 3600)
    relation = Relation.TRAVEL if speed > speed_kmh else Relation.PLAUSIBLE
    return Judgement(relation, distance, least, seconds, speed)


def farthest_from_usual(
    pair: tuple[Sighting, Sighting], usual: Sequence[tuple[Place, int]]
) -> tuple[Sighting, Sighting]:
    """Order a pair as (out of place, other): the one farther from the user's usual places.

    `usual` are the user's places with their stream counts; with no usual place (or a
    tie), the later stream is the one out of place.
    """
    a, b = pair
    if usual:
        da, db = _away(a, usual), _away(b, usual)
        if da != db:
            return (a, b) if da > db else (b, a)
    return (a, b) if (a.started_at, a.stream_id) >= (b.started_at, b.stream_id) else (b, a)


def _away(sighting: Sighting, usual: Sequence[tuple[Place, int]]) -> float:
    """How far a stream is from the nearest of the user's usual places (home is usual)."""
    if sighting.home:
        return 0.0
    if sighting.place is None:
        return math.inf
    return min(gap_km(sighting.place, place) for place, _ in usual)


def near_usual(place: Place, usual: Sequence[tuple[Place, int]], floor_km: float) -> bool:
    """Whether a place is within the distance floor of one of the user's usual places."""
    return any(gap_km(place, other) <= floor_km for other, _ in usual)
