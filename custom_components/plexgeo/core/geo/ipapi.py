"""ip-api.com: the free batch endpoint, used politely within its published rate limit."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
import json
import logging
from typing import Any, Final

import aiohttp

from ..addresses import is_public, parse_address
from ..errors import ResponseTooLarge
from ..http import read_capped
from ..models import Location
from .base import REASON_INVALID, REASON_LOCAL, REASON_UNUSABLE, LookupResult, ProviderStatus
from .validate import InvalidLocation, build_location, clean_text

_LOGGER = logging.getLogger(__name__)

PROVIDER_NAME: Final = "ip-api"
DEFAULT_BASE_URL: Final = "http://ip-api.com"
BATCH_LIMIT: Final = 100  # ip-api answers HTTP 422 to a larger batch
# Only what a Location holds, plus `query` to match answers to addresses and
# `status`/`message` to tell answers from refusals.
REQUEST_FIELDS: Final = (
    "status",
    "message",
    "query",
    "country",
    "countryCode",
    "regionName",
    "city",
    "lat",
    "lon",
    "timezone",
    "isp",
    "org",
    "as",
    "mobile",
    "proxy",
    "hosting",
)
# When a 429 carries no X-Ttl, wait out a whole window (ip-api's windows are a minute).
_FALLBACK_TTL: Final = timedelta(seconds=60)
# A full batch answer is about 40 KB; anything past this is not ip-api.
MAX_ANSWER_BYTES: Final = 2**20


@dataclass(slots=True)
class _Batch:
    """What one POST /batch brought back."""

    located: dict[str, Location] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)
    unanswered: list[str] = field(default_factory=list)
    error: str | None = None


class IpApiProvider:
    """A GeoProvider for ip-api.com's batch endpoint; never raises for transient failures."""

    name: str = PROVIDER_NAME

    def __init__(
        self,
        session: aiohttp.ClientSession,
        base_url: str = DEFAULT_BASE_URL,
        *,
        timeout: float = 10.0,
    ) -> None:
        """Use `session` (Home Assistant's shared one) to reach `base_url`."""
        self._session = session
        self._batch_url = base_url.rstrip("/") + "/batch"
        self._timeout_seconds = timeout
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._requests_left: int | None = None
        self._reset_at: datetime | None = None
        self._last_error: str | None = None
        self._last_success: datetime | None = None
        self._requests_sent = 0

    async def locate(self, addresses: Sequence[str], now: datetime) -> LookupResult:
        """Locate public addresses in batches of 100; never send local or refused requests."""
        to_send, refused = _partition(addresses)
        located: dict[str, Location] = {}
        failed: dict[str, str] = {}
        deferred: list[str] = []
        errors: list[str] = []
        queue = list(to_send)
        for start in range(0, len(queue), BATCH_LIMIT):
            chunk = queue[start : start + BATCH_LIMIT]
            refusal = None if errors else self._refusal(now)
            if errors or refusal is not None:
                # After one failure the rest would most likely fail the same way
                # (and each timeout costs the poll `timeout` seconds), so wait.
                if refusal is not None:
                    errors.append(refusal)
                deferred.extend(chunk)
                continue
            batch = await self._post(chunk, now)
            located.update(batch.located)
            failed.update(batch.failed)
            deferred.extend(batch.unanswered)
            if batch.error is not None:
                errors.append(batch.error)
        error = "; ".join(dict.fromkeys(errors)) if errors else None
        if error is not None:
            self._last_error = error
        return LookupResult(
            located=_fan_out(located, to_send),
            failed=refused | _fan_out(failed, to_send),
            deferred=tuple(original for address in deferred for original in to_send[address]),
            error=error,
        )

    def status(self) -> ProviderStatus:
        """The rate budget ip-api last announced and the last outcome."""
        return ProviderStatus(
            name=self.name,
            requests_left=self._requests_left,
            reset_at=self._reset_at,
            last_error=self._last_error,
            last_success=self._last_success,
            requests_sent=self._requests_sent,
        )

    def _refusal(self, now: datetime) -> str | None:
        """Why a request now would be refused, or None when one may be sent."""
        if self._requests_left is None or self._requests_left > 0:
            return None
        if self._reset_at is not None and now < self._reset_at:
            return f"rate limit reached, waiting until {self._reset_at.isoformat()}"
        self._requests_left = None  # a new window: the next answer tells the budget
        return None

    async def _post(self, chunk: list[str], now: datetime) -> _Batch:
        """Send one batch; every failure becomes the batch's error, never an exception."""
        self._requests_sent += 1
        try:
            # The whole exchange has one deadline, however slowly the answer trickles in.
            async with (
                asyncio.timeout(self._timeout_seconds),
                self._session.post(
                    self._batch_url,
                    params={"fields": ",".join(REQUEST_FIELDS)},
                    json=chunk,
                    allow_redirects=False,  # addresses go to the configured service only
                    timeout=self._timeout,
                ) as response,
            ):
                self._read_budget(response.headers, now)
                if response.status == 429:
                    self._requests_left = 0
                    if self._reset_at is None or self._reset_at <= now:
                        self._reset_at = now + _FALLBACK_TTL
                    return _Batch(unanswered=chunk, error="rate limited (HTTP 429)")
                if response.status != 200:
                    return _Batch(unanswered=chunk, error=f"HTTP {response.status}")
                raw = await read_capped(response, MAX_ANSWER_BYTES, "The answer")
            # Off the event loop: even a capped answer can take a while to parse.
            body: Any = await asyncio.get_running_loop().run_in_executor(None, json.loads, raw)
        except TimeoutError:
            return _Batch(unanswered=chunk, error=f"timed out after {self._timeout_seconds:g} s")
        except aiohttp.ClientError as err:
            return _Batch(unanswered=chunk, error=f"connection failed: {type(err).__name__}: {err}")
        except ResponseTooLarge as err:
            return _Batch(unanswered=chunk, error=str(err))
        except ValueError:
            return _Batch(unanswered=chunk, error="invalid JSON in reply")
        batch = _read_batch(body, chunk, now)
        if batch.located or batch.failed:
            self._last_success = now
        return batch

    def _read_budget(self, headers: Mapping[str, str], now: datetime) -> None:
        """Remember X-Rl (requests left) and X-Ttl (seconds to the window's end)."""
        try:
            left = int(headers["X-Rl"])
            ttl = int(headers["X-Ttl"])
        except (KeyError, ValueError):
            return
        self._requests_left = left
        self._reset_at = now + timedelta(seconds=max(ttl, 0))


def _partition(addresses: Iterable[str]) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Split into public addresses to send (normalised -> as given) and refused ones."""
    to_send: dict[str, list[str]] = {}
    refused: dict[str, str] = {}
    for original in dict.fromkeys(addresses):
        ip = parse_address(original)
        if ip is None:
            refused[original] = REASON_INVALID
        elif not is_public(ip):
            refused[original] = REASON_LOCAL
        else:
            to_send.setdefault(str(ip), []).append(original)
    return to_send, refused


def _fan_out[T](by_address: Mapping[str, T], to_send: Mapping[str, list[str]]) -> dict[str, T]:
    """Key answers by the addresses as the caller spelled them."""
    return {
        original: value for address, value in by_address.items() for original in to_send[address]
    }


def _read_batch(body: Any, chunk: list[str], now: datetime) -> _Batch:
    """Match ip-api's answers to the chunk by their `query`; what is not answered waits."""
    if not isinstance(body, list):
        return _Batch(unanswered=chunk, error=f"unexpected reply: {type(body).__name__}")
    batch = _Batch()
    asked = set(chunk)
    malformed = 0
    unusable: list[str] = []
    for item in body:
        if not isinstance(item, dict):
            malformed += 1
            continue
        address = _answered_address(item)
        if address is None or address not in asked:
            malformed += 1
            continue
        if item.get("status") == "fail":
            batch.failed[address] = clean_text(item.get("message")) or "fail"
            continue
        try:
            batch.located[address] = _location(item, now)
        except InvalidLocation as err:
            # A place that cannot be is an unknown location, not something to ask again.
            batch.failed[address] = REASON_UNUSABLE
            unusable.append(str(err))
    if unusable:
        _LOGGER.warning(
            "ip-api answered %d unusable location(s) (%s); treated as unknown locations",
            len(unusable),
            "; ".join(dict.fromkeys(unusable)),
        )
    batch.unanswered = [a for a in chunk if a not in batch.located and a not in batch.failed]
    if batch.unanswered:
        batch.error = f"{len(batch.unanswered)} of {len(chunk)} addresses missing from the reply"
    elif malformed:
        batch.error = f"{malformed} unusable items in the reply"
    return batch


def _answered_address(item: Mapping[str, Any]) -> str | None:
    """The normalised address an answer is about (ip-api echoes it as `query`)."""
    query = item.get("query")
    ip = parse_address(query) if isinstance(query, str) else None
    return str(ip) if ip is not None else None


def _location(item: Mapping[str, Any], now: datetime) -> Location:
    """A checked Location from one ip-api success object; raises InvalidLocation."""
    if item.get("status") != "success":
        raise InvalidLocation("status is neither success nor fail")
    return build_location(
        country_code_value=item.get("countryCode"),
        country_name=item.get("country"),
        region=item.get("regionName"),
        city=item.get("city"),
        latitude=item.get("lat"),
        longitude=item.get("lon"),
        timezone_name=item.get("timezone"),
        isp=item.get("isp"),
        org=item.get("org"),
        asn=item.get("as"),
        mobile=item.get("mobile"),
        proxy=item.get("proxy"),
        hosting=item.get("hosting"),
        provider=PROVIDER_NAME,
        looked_up_at=now,
    )
