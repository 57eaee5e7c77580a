"""A fake ip-api.com on loopback: the JSON and batch endpoints, rate limit and failure modes.

It answers from `simulator.places`, so a test knows where every address "is": listed
addresses map to their place, any other public address to a place picked by a hash.
Everything runs on the event loop (aiohttp), so tests need no threads.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
import contextlib
from dataclasses import dataclass
from enum import StrEnum
import hashlib
import ipaddress
import json
import math
import time
from typing import Any, Final

from aiohttp import web

from . import hostile
from .places import PLACES, Place, place, place_for_address

BATCH_LIMIT: Final = 100
WINDOW_SECONDS: Final = 60
SLOW_SECONDS: Final = 5.0

# ip-api's field names and the bits of its numeric `fields` value.
FIELD_BITS: Final[Mapping[str, int]] = {
    "country": 1 << 0,
    "countryCode": 1 << 1,
    "region": 1 << 2,
    "regionName": 1 << 3,
    "city": 1 << 4,
    "zip": 1 << 5,
    "lat": 1 << 6,
    "lon": 1 << 7,
    "timezone": 1 << 8,
    "isp": 1 << 9,
    "org": 1 << 10,
    "as": 1 << 11,
    "reverse": 1 << 12,
    "query": 1 << 13,
    "status": 1 << 14,
    "message": 1 << 15,
    "mobile": 1 << 16,
    "proxy": 1 << 17,
    "district": 1 << 19,
    "continent": 1 << 20,
    "continentCode": 1 << 21,
    "asname": 1 << 22,
    "currency": 1 << 23,
    "hosting": 1 << 24,
    "offset": 1 << 25,
}
# What ip-api returns when no `fields` are asked (its documented default, 61439).
DEFAULT_FIELDS: Final = frozenset(name for name, bit in FIELD_BITS.items() if bit & 61439)

_PRIVATE_NETWORKS: Final = tuple(
    ipaddress.ip_network(net)
    for net in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7")
)
_CONTINENTS: Final[Mapping[str, tuple[str, str]]] = {
    "GB": ("Europe", "EU"), "FR": ("Europe", "EU"), "DE": ("Europe", "EU"),
    "ES": ("Europe", "EU"), "NL": ("Europe", "EU"), "SE": ("Europe", "EU"),
    "US": ("North America", "NA"), "CA": ("North America", "NA"),
    "BR": ("South America", "SA"), "AU": ("Oceania", "OC"), "NZ": ("Oceania", "OC"),
    "JP": ("Asia", "AS"), "SG": ("Asia", "AS"), "IN": ("Asia", "AS"), "ZA": ("Africa", "AF"),
}  # fmt: skip


class FailMode(StrEnum):
    """How the fake misbehaves, set with `FakeIpApi.fail`."""

    NONE = "none"
    RATE_LIMITED = "rate_limited"  # HTTP 429 to every request
    BUDGET_EXHAUSTED = "budget_exhausted"  # the next answer says X-Rl: 0 (once)
    SLOW = "slow"  # answer after `slow_seconds`
    DOWN = "down"  # nothing listens: connections are refused
    INVALID_JSON = "invalid_json"  # HTTP 200 with a body that is not JSON
    FAIL_ALL = "fail_all"  # status "fail" for every address
    PARTIAL = "partial"  # a batch answers only its first half
    HUGE = "huge"  # an endless answer, streamed (see `streamed`)
    DRIP = "drip"  # the answer one byte every `slow_seconds`


@dataclass(slots=True)
class _Budget:
    """One endpoint's rate-limit window."""

    limit: int
    used: int = 0
    window_end: float = 0.0


@dataclass(frozen=True, slots=True)
class RecordedRequest:
    """One request the fake received (refused ones included)."""

    method: str
    path: str
    addresses: tuple[str, ...]
    fields: frozenset[str]  # the fields the request asked for, defaults resolved


class FakeIpApi:
    """An ip-api.com stand-in on loopback; start() returns its base URL."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        requests_per_minute: int = 45,
        batch_requests_per_minute: int = 15,
    ) -> None:
        """Listen on `host`:`port` (0 picks a free port) with ip-api's free rate limits.

        Like ip-api, /json and /batch have separate budgets per one-minute window.
        """
        self.host = host
        self.port = port
        self.slow_seconds = SLOW_SECONDS
        self.requests: list[RecordedRequest] = []
        self.mode = FailMode.NONE
        self._overrides: dict[str, Place] = {}
        self._tampered: dict[str, dict[str, Any]] = {}
        self.streamed = hostile.Streamed()
        self._clock_offset = 0.0
        self._budgets = {
            "json": _Budget(requests_per_minute),
            "batch": _Budget(batch_requests_per_minute),
        }
        self._release = asyncio.Event()
        app = web.Application()
        app.router.add_get("/json", self._handle_json)
        app.router.add_get("/json/", self._handle_json)
        app.router.add_get("/json/{query}", self._handle_json)
        app.router.add_post("/batch", self._handle_batch)
        self._runner = web.AppRunner(app, access_log=None)
        self._site: web.TCPSite | None = None

    @property
    def base_url(self) -> str:
        """Where the fake listens."""
        return f"http://{self.host}:{self.port}"

    async def start(self) -> str:
        """Start listening; return the base URL to hand to the client."""
        await self._runner.setup()
        await self._listen()
        return self.base_url

    async def stop(self) -> None:
        """Stop listening and drop open connections."""
        self._release_slow_answers()
        await self._runner.cleanup()
        self._site = None

    async def fail(self, mode: FailMode) -> None:
        """Misbehave from now on (DOWN closes the port; NONE reopens it)."""
        if mode is FailMode.NONE:
            await self.recover()
            return
        if self.mode is FailMode.DOWN and mode is not FailMode.DOWN:
            await self._listen()
        self.mode = mode
        if mode is FailMode.DOWN and self._site is not None:
            self._release_slow_answers()  # so their connections can close at once
            await self._site.stop()
            self._site = None
            server = self._runner.server
            for connection in server.connections if server is not None else ():
                connection.force_close()  # keep-alive connections would still be served
            # One loop turn lets clients in this loop see the close before they reuse it.
            await asyncio.sleep(0)

    async def recover(self) -> None:
        """Behave again, listening again on the same port if the fake was DOWN."""
        self.mode = FailMode.NONE
        self._release_slow_answers()
        if self._site is None:
            await self._listen()

    def override(self, address: str, place_key: str) -> None:
        """Move `address` to another place, as a geolocation database update would."""
        self._overrides[_normalise(address)] = place(place_key)

    def tamper(self, address: str, **fields: Any) -> None:
        """Answer `address` with these field values instead, as a hostile service would.

        Values go out as Python's json writes them: NaN and Infinity included.
        """
        self._tampered[_normalise(address)] = fields

    def advance(self, seconds: float) -> None:
        """Move the fake's clock on, to end a rate-limit window without sleeping."""
        self._clock_offset += seconds

    def place_of(self, address: str) -> Place:
        """The place the fake puts a public address in."""
        key = _normalise(address)
        if key in self._overrides:
            return self._overrides[key]
        return place_for_address(key) or _hashed_place(key)

    def _release_slow_answers(self) -> None:
        """Let every answer held back by SLOW go now; later ones wait afresh."""
        self._release.set()
        self._release = asyncio.Event()

    async def _listen(self) -> None:
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        self._site = site
        if self.port == 0:
            server = self._runner.addresses
            self.port = int(server[0][1])

    def _now(self) -> float:
        return time.monotonic() + self._clock_offset

    def _take_budget(self, endpoint: str) -> tuple[bool, int, int]:
        """Count one request: (allowed, requests left, seconds to the window's end)."""
        budget = self._budgets[endpoint]
        now = self._now()
        if now >= budget.window_end:
            budget.window_end = now + WINDOW_SECONDS
            budget.used = 0
        allowed = budget.used < budget.limit and self.mode is not FailMode.RATE_LIMITED
        if allowed:
            budget.used += 1
        left = max(budget.limit - budget.used, 0)
        ttl = math.ceil(budget.window_end - now)
        if self.mode is FailMode.BUDGET_EXHAUSTED:
            self.mode = FailMode.NONE
            left = 0
        return allowed, (left if allowed else 0), ttl

    async def _answer(
        self, request: web.Request, endpoint: str, build: Callable[[], Any]
    ) -> web.StreamResponse:
        """Apply the rate limit and failure modes around one endpoint's answer."""
        allowed, left, ttl = self._take_budget(endpoint)
        headers = {"X-Rl": str(left), "X-Ttl": str(ttl)}
        if not allowed:
            return web.Response(status=429, text="", headers=headers)
        if self.mode is FailMode.HUGE:
            return await hostile.stream_filler(request, self.streamed, "json")
        if self.mode is FailMode.DRIP:
            answer = web.json_response(build(), headers=headers)
            return await hostile.drip(request, answer, self.slow_seconds)
        if self.mode is FailMode.SLOW:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._release.wait(), self.slow_seconds)
        if self.mode is FailMode.INVALID_JSON:
            return web.Response(
                text='{"status": "success", "coun', content_type="application/json", headers=headers
            )
        return web.json_response(build(), headers=headers)

    async def _handle_json(self, request: web.Request) -> web.StreamResponse:
        query = request.match_info.get("query") or (request.remote or "")
        fields = _parse_fields(request.query.get("fields"))
        self.requests.append(RecordedRequest("GET", request.path, (query,), fields))
        return await self._answer(request, "json", lambda: self._lookup(query, fields))

    async def _handle_batch(self, request: web.Request) -> web.StreamResponse:
        try:
            body = json.loads(await request.read())
        except ValueError:
            body = None
        default_fields = _parse_fields(request.query.get("fields"))
        items = _batch_items(body, default_fields)
        addresses = tuple(query for query, _ in items) if items is not None else ()
        self.requests.append(RecordedRequest("POST", request.path, addresses, default_fields))
        if items is None:
            return web.json_response({"status": "fail", "message": "invalid query"}, status=400)
        if len(items) > BATCH_LIMIT:
            return web.json_response(
                {"status": "fail", "message": f"too many items, {BATCH_LIMIT} at most"},
                status=422,
            )
        if self.mode is FailMode.PARTIAL:
            items = items[: len(items) // 2]
        return await self._answer(
            request, "batch", lambda: [self._lookup(query, fields) for query, fields in items]
        )

    def _lookup(self, query: str, fields: frozenset[str]) -> dict[str, Any]:
        """One answer object, as ip-api builds it, filtered to `fields`."""
        refusal = _refusal(query)
        if refusal is None and self.mode is FailMode.FAIL_ALL:
            refusal = "invalid query"
        if refusal is not None:
            answer: dict[str, Any] = {"status": "fail", "message": refusal, "query": query}
        else:
            answer = _success(self.place_of(query), query)
            answer |= self._tampered.get(_normalise(query), {})
        return {name: value for name, value in answer.items() if name in fields}


def _normalise(address: str) -> str:
    return str(ipaddress.ip_address(address))


def _hashed_place(address: str) -> Place:
    """A stable place for an unlisted address, so every public address is somewhere real."""
    digest = hashlib.sha256(address.encode()).digest()
    return PLACES[int.from_bytes(digest[:8], "big") % len(PLACES)]


def _refusal(query: str) -> str | None:
    """ip-api's message for an address it will not locate, or None."""
    try:
        ip = ipaddress.ip_address(query)
    except ValueError:
        return "invalid query"
    if any(ip.version == net.version and ip in net for net in _PRIVATE_NETWORKS):
        return "private range"
    if not ip.is_global or ip.is_multicast or ip in ipaddress.ip_network("100.64.0.0/10"):
        return "reserved range"
    return None


def _success(found: Place, query: str) -> dict[str, Any]:
    continent, continent_code = _CONTINENTS.get(found.country_code, ("", ""))
    return {
        "status": "success",
        "continent": continent,
        "continentCode": continent_code,
        "country": found.country,
        "countryCode": found.country_code,
        "region": found.region,
        "regionName": found.region_name,
        "city": found.city,
        "district": "",
        "zip": "",
        "lat": found.lat,
        "lon": found.lon,
        "timezone": found.timezone,
        "isp": found.isp,
        "org": found.org,
        "as": found.asn,
        "asname": found.asn.split(" ", 1)[-1],
        "reverse": "",
        "mobile": found.mobile,
        "proxy": found.proxy,
        "hosting": found.hosting,
        "query": query,
    }


def _parse_fields(value: str | None) -> frozenset[str]:
    """ip-api's `fields`: comma-separated names or the numeric sum of their bits."""
    if value is None or not value.strip():
        return DEFAULT_FIELDS
    text = value.strip()
    if text.isdigit():
        bits = int(text)
        return frozenset(name for name, bit in FIELD_BITS.items() if bits & bit)
    return frozenset(
        name for name in (part.strip() for part in text.split(",")) if name in FIELD_BITS
    )


def _batch_items(
    body: Any, default_fields: frozenset[str]
) -> list[tuple[str, frozenset[str]]] | None:
    """The batch's (query, fields) pairs, or None when the body is not a valid batch."""
    if not isinstance(body, list):
        return None
    items: list[tuple[str, frozenset[str]]] = []
    for item in body:
        if isinstance(item, str):
            items.append((item, default_fields))
        elif isinstance(item, dict) and isinstance(item.get("query"), str):
            own = item.get("fields")
            fields = _parse_fields(str(own)) if own is not None else default_fields
            items.append((item["query"], fields))
        else:
            return None
    return items
