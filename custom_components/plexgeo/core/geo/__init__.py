"""Geolocation: which provider locates an address, behind one small interface."""

from __future__ import annotations

import aiohttp

from .base import (
    REASON_INVALID,
    REASON_LOCAL,
    REASON_UNUSABLE,
    GeoProvider,
    LookupResult,
    ProviderStatus,
)
from .ipapi import DEFAULT_BASE_URL, PROVIDER_NAME as IPAPI, IpApiProvider

__all__ = [
    "DBIP",
    "IPAPI",
    "MAXMIND",
    "PLEXTV",
    "PROVIDERS",
    "REASON_INVALID",
    "REASON_LOCAL",
    "REASON_UNUSABLE",
    "GeoProvider",
    "IpApiProvider",
    "LookupResult",
    "ProviderStatus",
    "create_provider",
]

# Every provider an entry can choose; ip-api is the default. The offline ones read files and
# plex.tv needs the owner's token: the HA layer builds those (geodata.py).
DBIP = "dbip"
MAXMIND = "maxmind"
PLEXTV = "plex.tv"
PROVIDERS: tuple[str, ...] = (IPAPI, DBIP, MAXMIND, PLEXTV)


def create_provider(
    name: str, session: aiohttp.ClientSession, base_url: str | None = None
) -> GeoProvider:
    """The provider called `name`, reaching `base_url` (its public service when None)."""
    if name == IPAPI:
        return IpApiProvider(session, base_url or DEFAULT_BASE_URL)
    raise ValueError(f"geolocation provider {name!r} is not an online batch service; use {IPAPI!r}")
