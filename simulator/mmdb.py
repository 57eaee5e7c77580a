"""MaxMind DB files built from the simulator's places, as DB-IP Lite and GeoLite2 shape them.

Tests and `scripts/develop` never download a real database: they build small ones here with
`mmdb-writer` (a development requirement only). Each place's addresses are single-address
networks, so the files answer exactly what the fake ip-api answers for the same addresses.
"""

from __future__ import annotations

from collections.abc import Iterable
import gzip
from pathlib import Path
import re
from typing import Any, Literal

from mmdb_writer import MmdbU16, MmdbU32, MMDBWriter
from netaddr import IPSet

from .places import PLACES, Place

type Flavour = Literal["dbip", "geolite2"]
_ASN = re.compile(r"AS(\d+)\s*(.*)")


def _networks(found: Place) -> IPSet:
    # The writer places IPv4 networks where an IPv6 database's readers look them up (::/96).
    return IPSet([f"{a}/32" for a in found.ipv4] + [f"{a}/128" for a in found.ipv6])


def city_record(found: Place, flavour: Flavour = "dbip", accuracy_km: int = 20) -> dict[str, Any]:
    """A City record for `found`; GeoLite2 adds an accuracy radius and ISO region codes."""
    location: dict[str, Any] = {"latitude": found.lat, "longitude": found.lon}
    subdivision: dict[str, Any] = {"names": {"en": found.region_name}}
    if flavour == "geolite2":
        location |= {"accuracy_radius": MmdbU16(accuracy_km), "time_zone": found.timezone}
        subdivision["iso_code"] = found.region
    return {
        "city": {"names": {"en": found.city}},
        "country": {"iso_code": found.country_code, "names": {"en": found.country}},
        "location": location,
        "subdivisions": [subdivision],
    }


def write_city(
    path: Path,
    places: Iterable[Place] = PLACES,
    *,
    flavour: Flavour = "dbip",
    accuracy_km: int = 20,
    records: Iterable[tuple[str, dict[str, Any]]] = (),
) -> Path:
    """A City database at `path`; `records` adds raw (network, record) pairs as given."""
    kind = "DBIP-City-Lite" if flavour == "dbip" else "GeoLite2-City"
    writer = MMDBWriter(ip_version=6, ipv4_compatible=True, database_type=kind)
    for found in places:
        writer.insert_network(_networks(found), city_record(found, flavour, accuracy_km))
    for network, record in records:
        writer.insert_network(IPSet([network]), record)
    path.parent.mkdir(parents=True, exist_ok=True)
    writer.to_db_file(str(path))
    return path


def write_asn(path: Path, places: Iterable[Place] = PLACES, *, flavour: Flavour = "dbip") -> Path:
    """An ASN database at `path` (both vendors use GeoLite2's ASN field names)."""
    kind = "DBIP-ASN-Lite" if flavour == "dbip" else "GeoLite2-ASN"
    writer = MMDBWriter(ip_version=6, ipv4_compatible=True, database_type=kind)
    for found in places:
        match = _ASN.fullmatch(found.asn)
        if match is None:
            continue
        writer.insert_network(
            _networks(found),
            {
                "autonomous_system_number": MmdbU32(int(match[1])),
                "autonomous_system_organization": match[2],
            },
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    writer.to_db_file(str(path))
    return path


def gzipped(path: Path) -> bytes:
    """The file as DB-IP publishes it: gzip-compressed."""
    return gzip.compress(path.read_bytes())
