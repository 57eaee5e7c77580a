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
    "IPAPI",
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

PROVIDERS: tuple[str, ...] = (IPAPI,)


def create_provider(
    name: str, session: aiohttp.ClientSession, base_url: str | None = None
) -> GeoProvider:
    """The provider called `name`, reaching `base_url` (its public service when None)."""
    if name == IPAPI:
        return IpApiProvider(session, base_url or DEFAULT_BASE_URL)
    raise ValueError(f"unknown geolocation provider {name!r}; known: {', '.join(PROVIDERS)}")
