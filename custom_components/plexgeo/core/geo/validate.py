"""Checks on what a geolocation source says, shared by every provider.

A provider is a third party (or a file, or plex.tv): its answers are untrusted input. Every
provider builds its `Location` through `build_location`, which checks each field and raises
`InvalidLocation` for an answer that cannot be a place; the caller treats that address as
unknown and logs one line.
"""

from __future__ import annotations

from datetime import datetime
import math
import re
from typing import Final

from ..models import Location

_COUNTRY_CODE: Final = re.compile(r"[A-Z]{2}")
# IANA zone names: letters, digits and _+-/ only (America/Argentina/ComodRivadavia is the longest).
_TIMEZONE: Final = re.compile(r"[A-Za-z0-9_+\-/]{1,64}")
# Longest text kept per field; longer names are not names.
MAX_NAME: Final = 100  # country, region, city
MAX_NETWORK_NAME: Final = 200  # isp, org, asn
# C0/C1 controls, and the format characters that reorder or hide text (bidi overrides,
# zero-width spaces, BOM): a place name never needs them and they disguise what is shown.
_CONTROLS: Final = re.compile(
    "[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]"
)


class InvalidLocation(ValueError):
    """A provider's answer cannot be a place; the message names the field, never its value."""


def clean_text(value: object, max_length: int = MAX_NAME) -> str | None:
    """Untrusted text as a record keeps it: controls dropped, trimmed, capped; else None."""
    if not isinstance(value, str):
        return None
    text = _CONTROLS.sub("", value[: max_length * 4]).strip()
    return text[:max_length].rstrip() or None


def clean_flag(value: object) -> bool | None:
    """A yes/no field: a real boolean, or unknown."""
    return value if isinstance(value, bool) else None


def country_code(value: object) -> str:
    """An ISO 3166-1 alpha-2 code, exactly two capital letters."""
    if not isinstance(value, str) or _COUNTRY_CODE.fullmatch(value) is None:
        raise InvalidLocation("country code is not two capital letters")
    return value


def coordinate(value: object, name: str, limit: float) -> float:
    """A finite number within ±`limit` (booleans and numeric strings are refused)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidLocation(f"{name} is not a number")
    try:
        number = float(value)
    except OverflowError:  # an int too large for a float
        raise InvalidLocation(f"{name} is out of range") from None
    if not math.isfinite(number) or not -limit <= number <= limit:
        raise InvalidLocation(f"{name} is out of range")
    return number


def timezone(value: object) -> str | None:
    """An IANA zone name, or None for anything else."""
    text = clean_text(value, 64)
    return text if text is not None and _TIMEZONE.fullmatch(text) else None


def build_location(
    *,
    country_code_value: object,
    country_name: object,
    region: object,
    city: object,
    latitude: object,
    longitude: object,
    timezone_name: object,
    isp: object,
    org: object,
    asn: object,
    mobile: object,
    proxy: object,
    hosting: object,
    provider: str,
    looked_up_at: datetime,
) -> Location:
    """A checked Location from a provider's raw fields; raises InvalidLocation."""
    code = country_code(country_code_value)
    return Location(
        country_code=code,
        country_name=clean_text(country_name) or code,
        region=clean_text(region),
        city=clean_text(city),
        latitude=coordinate(latitude, "latitude", 90.0),
        longitude=coordinate(longitude, "longitude", 180.0),
        timezone=timezone(timezone_name),
        isp=clean_text(isp, MAX_NETWORK_NAME),
        org=clean_text(org, MAX_NETWORK_NAME),
        asn=clean_text(asn, MAX_NETWORK_NAME),
        mobile=clean_flag(mobile),
        proxy=clean_flag(proxy),
        hosting=clean_flag(hosting),
        provider=provider,
        looked_up_at=looked_up_at,
    )
