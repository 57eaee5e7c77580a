"""The household model's pure rules: uncertainty, networks, intervals, pairs."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
import ipaddress

import pytest

from custom_components.plexgeo.core.household import (
    CITY_RADIUS_KM,
    DEFAULT_COUNTRY_RADIUS_KM,
    NetworkType,
    Place,
    Relation,
    Sighting,
    address_prefix,
    asn_of,
    country_radius_km,
    farthest_from_usual,
    format_apart,
    gap_km,
    judge_pair,
    near_usual,
    network_key,
    network_type,
    overlaps,
    place_of,
)
from custom_components.plexgeo.core.models import Location

T0 = datetime(2026, 3, 2, 18, 0, tzinfo=UTC)


def _location(city: str | None, country: str, lat: float, lon: float, **flags: object) -> Location:
    return Location(
        country_code=country,
        country_name=country,
        region=None,
        city=city,
        latitude=lat,
        longitude=lon,
        timezone=None,
        isp=None,
        org=None,
        asn=str(flags.pop("asn", "AS2856 British Telecommunications PLC")),
        mobile=flags.get("mobile"),  # type: ignore[arg-type]
        proxy=flags.get("proxy"),  # type: ignore[arg-type]
        hosting=flags.get("hosting"),  # type: ignore[arg-type]
        provider="test",
        looked_up_at=T0,
    )


LONDON = place_of(_location("London", "GB", 51.5072, -0.1276))
EDINBURGH = place_of(_location("Edinburgh", "GB", 55.9533, -3.1883))
NEW_YORK = place_of(_location("New York", "US", 40.7128, -74.006))
US_ONLY = place_of(_location(None, "US", 37.751, -97.822))
STRASBOURG = place_of(_location("Strasbourg", "FR", 48.5734, 7.7521))
FRANKFURT = place_of(_location("Frankfurt am Main", "DE", 50.1109, 8.6821))


def _seen(
    stream_id: int,
    place: Place | None,
    start: timedelta,
    end: timedelta | None,
    *,
    prefix: str | None = None,
    **changes: object,
) -> Sighting:
    sighting = Sighting(
        stream_id=stream_id,
        started_at=T0 + start,
        ended_at=None if end is None else T0 + end,
        last_seen=T0 + (end if end is not None else start),
        place=place,
        prefix=prefix,
        home=False,
        trusted=False,
    )
    return replace(sighting, **changes)  # type: ignore[arg-type]


def test_country_level_answer_is_never_a_point() -> None:
    assert LONDON.radius_km == CITY_RADIUS_KM
    assert US_ONLY.radius_km == pytest.approx(1769, abs=2)
    assert country_radius_km("zz") == DEFAULT_COUNTRY_RADIUS_KM
    assert US_ONLY.name == "US"  # no city: the country names it
    # New York is 2,100 km from the US centre, but within the country's uncertainty.
    assert gap_km(NEW_YORK, US_ONLY) < 500
    assert gap_km(LONDON, NEW_YORK) == pytest.approx(5570 - 2 * CITY_RADIUS_KM, abs=10)


def test_network_prefixes_and_asn() -> None:
    assert address_prefix("81.2.69.142") == address_prefix("81.2.69.77") == "81.2.69.0/24"
    assert address_prefix("81.2.70.1") != address_prefix("81.2.69.77")
    assert address_prefix("2a00:23c4:5b1:e01::17") == "2a00:23c4:5b1:e01::/64"
    assert address_prefix("::ffff:81.2.69.142") == "81.2.69.0/24"
    assert address_prefix("81.2.69.142", v4_prefix=32) == "81.2.69.142/32"
    assert address_prefix(None) is None and address_prefix("not an address") is None
    # Every prefix length, both families, as the ipaddress module writes the network.
    for address in ("81.2.69.142", "255.255.255.255", "2a00:23c4:5b1:e01::17", "ffff::1"):
        for length in range(129 if ":" in address else 33):
            network = ipaddress.ip_network(f"{address}/{length}", strict=False)
            assert address_prefix(address, length, length) == str(network)
    located = _location("London", "GB", 51.5, -0.1)
    assert asn_of(located) == "AS2856"
    assert asn_of(replace(located, asn="Private")) is None
    assert asn_of(None) is None
    assert network_key("81.2.69.142", located) == "AS2856"
    assert network_key("81.2.69.142", replace(located, asn=None)) == "81.2.69.0/24"


def test_network_type_from_the_provider_flags() -> None:
    base = _location("x", "GB", 0, 0)
    assert network_type(None) is None
    assert network_type(base) is None  # the provider said nothing
    assert network_type(replace(base, mobile=False, proxy=False, hosting=False)) == (
        NetworkType.RESIDENTIAL
    )
    assert network_type(replace(base, mobile=True)) == NetworkType.MOBILE
    assert network_type(replace(base, hosting=True, mobile=True)) == NetworkType.HOSTING
    assert network_type(replace(base, proxy=True, hosting=True)) == NetworkType.PROXY


def test_overlaps_closed_and_open_intervals() -> None:
    hour = timedelta(hours=1)
    assert overlaps(T0, T0 + hour, T0 + hour / 2, None)
    assert overlaps(T0, None, T0 - hour, T0)
    assert not overlaps(T0, T0 + hour, T0 + 2 * hour, T0 + 3 * hour)
    assert not overlaps(T0 + 2 * hour, None, T0, T0 + hour)


def test_format_apart() -> None:
    assert format_apart(20) == "20 s"
    assert format_apart(14 * 60 + 5) == "14 min"
    assert format_apart(3 * 3600 + 5 * 60) == "3 h 5 min"
    assert format_apart(2 * 3600) == "2 h"
    assert format_apart(50 * 3600) == "2 d 2 h"
    assert format_apart(48 * 3600) == "2 d"
    assert format_apart(-3) == "0 s"


def test_same_network_is_the_same_place_whatever_the_database_says() -> None:
    home = _seen(1, LONDON, timedelta(0), timedelta(hours=1), prefix="81.2.69.0/24")
    moved = _seen(2, EDINBURGH, timedelta(hours=1, minutes=10), None, prefix="81.2.69.0/24")
    judged = judge_pair(home, moved, floor_km=500, speed_kmh=800)
    assert judged is not None and judged.relation is Relation.SAME_PLACE
    other = replace(moved, prefix="86.128.44.0/24")
    judged = judge_pair(home, other, floor_km=500, speed_kmh=800)
    assert judged is not None and judged.relation is Relation.SAME_PLACE  # 534 km - 50 km
    judged = judge_pair(home, other, floor_km=400, speed_kmh=800)
    assert judged is not None and judged.relation is Relation.TRAVEL
    assert judged.seconds_apart == 600 and judged.speed_kmh is not None


def test_sharing_when_intervals_overlap_even_if_one_ended() -> None:
    owner = _seen(1, LONDON, timedelta(0), timedelta(minutes=30))
    friend = _seen(2, NEW_YORK, timedelta(minutes=5), timedelta(minutes=40))
    judged = judge_pair(friend, owner, floor_km=500, speed_kmh=800)
    assert judged is not None and judged.relation is Relation.SHARING
    assert judged.seconds_apart == 0 and judged.speed_kmh is None


def test_travel_and_plausible_trips() -> None:
    new_york = _seen(1, NEW_YORK, timedelta(0), timedelta(hours=1))
    fast = _seen(2, LONDON, timedelta(hours=1, seconds=20), None)
    judged = judge_pair(fast, new_york, floor_km=500, speed_kmh=800)
    assert judged is not None and judged.relation is Relation.TRAVEL
    assert judged.seconds_apart == 20
    flown = replace(fast, started_at=T0 + timedelta(hours=10))
    judged = judge_pair(new_york, flown, floor_km=500, speed_kmh=800)
    assert judged is not None and judged.relation is Relation.PLAUSIBLE


def test_untrusted_unlocated_and_home_pairs() -> None:
    home = _seen(1, LONDON, timedelta(0), None, home=True)
    assert judge_pair(home, replace(home, stream_id=2), floor_km=0, speed_kmh=800) is not None
    vpn = _seen(2, FRANKFURT, timedelta(0), None, trusted=True)
    assert judge_pair(home, vpn, floor_km=0, speed_kmh=800) is None
    assert (
        judge_pair(home, replace(vpn, trusted=False, place=None), floor_km=0, speed_kmh=1) is None
    )


def test_mobile_leniency_widens_the_floor() -> None:
    home = _seen(1, STRASBOURG, timedelta(0), None)
    phone = _seen(2, FRANKFURT, timedelta(minutes=1), None, mobile=True)
    judged = judge_pair(home, phone, floor_km=100, speed_kmh=800)
    assert judged is not None and judged.relation is Relation.SHARING
    judged = judge_pair(home, phone, floor_km=100, speed_kmh=800, mobile_floor_km=300)
    assert judged is not None and judged.relation is Relation.SAME_PLACE


def test_out_of_place_is_the_one_away_from_usual_places() -> None:
    owner = _seen(1, LONDON, timedelta(minutes=1), None)
    friend = _seen(2, NEW_YORK, timedelta(0), None)
    usual = [(LONDON, 10)]
    assert farthest_from_usual((owner, friend), usual) == (friend, owner)
    assert farthest_from_usual((friend, owner), usual) == (friend, owner)
    # No usual place: the later stream is out of place.
    assert farthest_from_usual((friend, owner), []) == (owner, friend)
    home = replace(owner, home=True, place=None)
    assert farthest_from_usual((home, friend), usual) == (friend, home)
    assert near_usual(STRASBOURG, [(FRANKFURT, 3)], 500)
    assert not near_usual(NEW_YORK, usual, 500)
