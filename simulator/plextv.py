"""A fake plex.tv geoip endpoint on loopback, answering from the simulator's places.

`GET /api/v2/geoip?ip_address=<address>` with the owner's `X-Plex-Token` header answers
`<location .../>` as plex.tv does; it can refuse the token (401), rate-limit (429 with
Retry-After) or fail (503), and records every request so tests see what left the machine.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from xml.sax.saxutils import quoteattr

from aiohttp import web

from .places import Place, place_for_address


class PlexTvFault(StrEnum):
    """How the fake misbehaves."""

    NONE = "none"
    UNAUTHORIZED = "unauthorized"
    RATE_LIMITED = "rate_limited"
    SERVER_ERROR = "server_error"


@dataclass(frozen=True, slots=True)
class GeoipRequest:
    """One request the fake received."""

    address: str | None
    token: str | None
    status: int


class FakePlexTv:
    """plex.tv's geoip endpoint for `token`; start() returns the base URL."""

    def __init__(self, token: str, host: str = "127.0.0.1", port: int = 0) -> None:
        """Accept only `token`; listen on `host`:`port` (0 picks a free port)."""
        self.token = token
        self.host = host
        self.port = port
        self.fault = PlexTvFault.NONE
        self.retry_after = 30
        self.requests: list[GeoipRequest] = []
        self.raw: dict[str, str] = {}  # address -> the XML to answer instead
        app = web.Application()
        app.router.add_get("/api/v2/geoip", self._handle)
        self._runner = web.AppRunner(app, access_log=None)

    @property
    def base_url(self) -> str:
        """Where the fake listens (plex.tv's is https://plex.tv)."""
        return f"http://{self.host}:{self.port}"

    async def start(self) -> str:
        """Start listening; return the base URL."""
        await self._runner.setup()
        await web.TCPSite(self._runner, self.host, self.port).start()
        self.port = int(self._runner.addresses[0][1])
        return self.base_url

    async def stop(self) -> None:
        """Stop listening."""
        await self._runner.cleanup()

    async def _handle(self, request: web.Request) -> web.Response:
        address = request.query.get("ip_address")
        token = request.headers.get("X-Plex-Token")
        response = self._answer(address, token)
        self.requests.append(GeoipRequest(address, token, response.status))
        return response

    def _answer(self, address: str | None, token: str | None) -> web.Response:
        if self.fault is PlexTvFault.UNAUTHORIZED or token != self.token:
            return _xml(
                '<errors><error code="1001" message="User could not be authenticated"/></errors>',
                401,
            )
        if self.fault is PlexTvFault.RATE_LIMITED:
            response = _xml("<errors/>", 429)
            response.headers["Retry-After"] = str(self.retry_after)
            return response
        if self.fault is PlexTvFault.SERVER_ERROR:
            return web.Response(status=503, text="upstream unavailable")
        if address is not None and address in self.raw:
            return _xml(self.raw[address])
        found = place_for_address(address or "")
        if found is None:
            return _xml('<errors><error code="1020" message="Not found"/></errors>', 404)
        return _xml(location_xml(found))


def location_xml(found: Place) -> str:
    """`found` as plex.tv's geoip answer describes a place."""
    attributes = {
        "code": found.country_code,
        "continent_code": "EU",
        "country": found.country,
        "city": found.city,
        "european_union_member": "0",
        "time_zone": found.timezone,
        "postal_code": "",
        "in_privacy_restricted_country": "0",
        "in_privacy_restricted_region": "0",
        "subdivisions": found.region_name,
        "coordinates": f"{found.lat}, {found.lon}",
    }
    text = " ".join(f"{name}={quoteattr(value)}" for name, value in attributes.items())
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<location {text}/>'


def _xml(body: str, status: int = 200) -> web.Response:
    return web.Response(status=status, text=body, content_type="application/xml")
