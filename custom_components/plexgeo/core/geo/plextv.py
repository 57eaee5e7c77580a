"""plex.tv's geoip endpoint, asked with the server owner's token (as Tautulli does).

`GET https://plex.tv/api/v2/geoip?ip_address=<address>` answers one address per request
with `<location code="GB" country="United Kingdom" city="London" subdivisions="England"
coordinates="51.5, -0.12" time_zone="Europe/London" .../>` (plexapi's `GeoLocation` reads the
same attributes). The token goes in a header, over HTTPS only.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
import ipaddress
from typing import Final
from urllib.parse import urlsplit
import xml.etree.ElementTree as ET

import aiohttp

from ..errors import ResponseTooLarge
from ..http import read_capped
from ..models import Location
from .base import REASON_UNUSABLE, LookupResult, ProviderStatus, fan_out, partition
from .validate import InvalidLocation, build_location

PROVIDER_NAME: Final = "plex.tv"
DEFAULT_BASE_URL: Final = "https://plex.tv"
GEOIP_PATH: Final = "/api/v2/geoip"
PROBLEM_UNAUTHORIZED: Final = "plextv_unauthorized"
REASON_NOT_FOUND: Final = "plex.tv does not know this address"
# One request per address: a poll asks at most this many, the rest wait for the next poll.
MAX_PER_POLL: Final = 20
MAX_ANSWER_BYTES: Final = 64 * 1024
_FALLBACK_RETRY: Final = timedelta(seconds=60)


@dataclass(frozen=True, slots=True)
class _Wait:
    """plex.tv cannot answer now: this address and the rest wait for a later poll."""

    reason: str


class InsecureTokenURL(ValueError):
    """The token would travel in clear text: plex.tv is only asked over HTTPS."""


def check_url(base_url: str) -> str:
    """`base_url` without a trailing slash; InsecureTokenURL unless HTTPS (or loopback HTTP)."""
    parts = urlsplit(base_url)
    if parts.scheme == "https":
        return base_url.rstrip("/")
    try:
        loopback = ipaddress.ip_address(parts.hostname or "").is_loopback
    except ValueError:
        loopback = False
    if parts.scheme == "http" and loopback:  # the simulator, on this machine only
        return base_url.rstrip("/")
    raise InsecureTokenURL("plex.tv is asked over HTTPS only: the request carries the token")


class PlexTvProvider:
    """A GeoProvider over plex.tv's geoip endpoint; never raises for outages."""

    name: str = PROVIDER_NAME

    def __init__(
        self,
        session: aiohttp.ClientSession,
        token: str,
        base_url: str = DEFAULT_BASE_URL,
        *,
        client_id: str = "plexgeo",
        timeout: float = 10.0,
    ) -> None:
        """Ask `base_url` (HTTPS, or loopback HTTP for the simulator) with `token`."""
        self._url = check_url(base_url) + GEOIP_PATH
        self._session = session
        self._headers = {
            "Accept": "application/xml",
            "X-Plex-Token": token,
            "X-Plex-Client-Identifier": client_id,
            "X-Plex-Product": "PlexGeo",
        }
        self._timeout = timeout
        self._retry_at: datetime | None = None
        self._last_error: str | None = None
        self._last_success: datetime | None = None
        self._problem: str | None = None
        self._requests_sent = 0

    @property
    def problem(self) -> str | None:
        """PROBLEM_UNAUTHORIZED while plex.tv refuses the token, else None."""
        return self._problem

    async def locate(self, addresses: Sequence[str], now: datetime) -> LookupResult:
        """Ask plex.tv for each public address; a refusal or outage defers the rest."""
        to_send, refused = partition(addresses)
        located: dict[str, Location] = {}
        failed: dict[str, str] = {}
        error: str | None = None
        if self._retry_at is not None and now < self._retry_at:
            error = f"rate limited by plex.tv until {self._retry_at.isoformat()}"
        for address in list(to_send)[:MAX_PER_POLL] if error is None else ():
            outcome = await self._ask(address, now)
            if isinstance(outcome, Location):
                located[address] = outcome
            elif isinstance(outcome, _Wait):
                error = outcome.reason
                break
            else:
                failed[address] = outcome
        if error is not None:
            self._last_error = error
        elif located or failed:
            self._last_error = None
        answered = located.keys() | failed.keys()
        return LookupResult(
            located=fan_out(located, to_send),
            failed=refused | fan_out(failed, to_send),
            deferred=tuple(
                original
                for address, originals in to_send.items()
                if address not in answered
                for original in originals
            ),
            error=error,
        )

    async def _ask(self, address: str, now: datetime) -> Location | str | _Wait:
        """The location, the reason it has none, or why this and the rest must wait."""
        self._requests_sent += 1
        try:
            async with (
                asyncio.timeout(self._timeout),
                self._session.get(
                    self._url,
                    params={"ip_address": address},
                    headers=self._headers,
                    allow_redirects=False,  # the token goes to plex.tv only
                ) as response,
            ):
                status = response.status
                if status == 200:
                    body = await read_capped(response, MAX_ANSWER_BYTES, "plex.tv's answer")
                else:
                    return self._refusal(status, response.headers, now)
        except TimeoutError:
            return _Wait(f"plex.tv timed out after {self._timeout:g} s")
        except aiohttp.ClientError as err:
            return _Wait(f"plex.tv unreachable: {type(err).__name__}: {err}")
        except ResponseTooLarge as err:
            return _Wait(f"{err}")
        self._problem = None
        self._last_success = now
        try:
            return _location(body, now)
        except InvalidLocation:
            return REASON_UNUSABLE

    def _refusal(self, status: int, headers: Mapping[str, str], now: datetime) -> str | _Wait:
        if status in (401, 403):
            self._problem = PROBLEM_UNAUTHORIZED
            return _Wait(f"plex.tv refused the server owner's token (HTTP {status})")
        if status == 404:
            return REASON_NOT_FOUND
        if status == 429:
            try:
                wait = timedelta(seconds=max(int(headers.get("Retry-After", "")), 1))
            except ValueError:
                wait = _FALLBACK_RETRY
            self._retry_at = now + wait
            return _Wait("rate limited by plex.tv (HTTP 429)")
        return _Wait(f"plex.tv answered HTTP {status}")

    def status(self) -> ProviderStatus:
        """When plex.tv lets us ask again after a 429, and the last outcome."""
        return ProviderStatus(
            name=self.name,
            requests_left=None,
            reset_at=self._retry_at,
            last_error=self._last_error,
            last_success=self._last_success,
            requests_sent=self._requests_sent,
        )


def _coordinates(text: str | None) -> tuple[object, object]:
    """plex.tv's "lat, lon" as two numbers (or the text, which validation refuses)."""
    parts = (text or "").split(",")
    if len(parts) != 2:
        return None, None
    try:
        return float(parts[0]), float(parts[1])
    except ValueError:
        return None, None


def _location(body: bytes, now: datetime) -> Location:
    """A checked Location from plex.tv's XML; raises InvalidLocation."""
    try:
        root = ET.fromstring(body)  # noqa: S314 - capped, and expat refuses entity expansion bombs
    except ET.ParseError:
        raise InvalidLocation("the answer is not XML") from None
    element = root if root.tag == "location" else root.find(".//location")
    if element is None:
        raise InvalidLocation("the answer has no location")
    attributes = element.attrib
    latitude, longitude = _coordinates(attributes.get("coordinates"))
    return build_location(
        country_code_value=attributes.get("code"),
        country_name=attributes.get("country"),
        region=attributes.get("subdivisions"),
        city=attributes.get("city"),
        latitude=latitude,
        longitude=longitude,
        timezone_name=attributes.get("time_zone"),
        isp=None,
        org=None,
        asn=None,
        mobile=None,
        proxy=None,
        hosting=None,
        provider=PROVIDER_NAME,
        looked_up_at=now,
    )
