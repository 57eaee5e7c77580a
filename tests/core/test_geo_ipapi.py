"""The ip-api client, over real HTTP against the fake ip-api on 127.0.0.1."""

from __future__ import annotations

from collections.abc import AsyncGenerator, Awaitable, Callable
from datetime import UTC, datetime, timedelta
import ipaddress
import math
from typing import Any

import aiohttp
from aiohttp import web
import pytest

from custom_components.plexgeo.core.geo import (
    REASON_INVALID,
    REASON_LOCAL,
    REASON_UNUSABLE,
    GeoProvider,
    IpApiProvider,
    create_provider,
)
from custom_components.plexgeo.core.models import Location
from simulator.ipapi import FailMode, FakeIpApi
from simulator.places import Place, place

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
LONDON_V4 = "81.2.69.142"
NEW_YORK_V6 = "2600:4040:2d1a:c00::4"


def unlisted_public(count: int) -> list[str]:
    """Public addresses that are not in simulator.places (the fake hashes them to a place)."""
    first = ipaddress.IPv4Address("31.13.0.1")
    return [str(first + i) for i in range(count)]


@pytest.fixture
def fake(ipapi: FakeIpApi) -> FakeIpApi:
    """The running fake ip-api from tests/conftest.py."""
    return ipapi


@pytest.fixture
async def session(socket_enabled: None) -> AsyncGenerator[aiohttp.ClientSession]:
    """A client session, closed after the test."""
    async with aiohttp.ClientSession() as client_session:
        yield client_session


@pytest.fixture
def provider(fake: FakeIpApi, session: aiohttp.ClientSession) -> IpApiProvider:
    """The client, pointed at the fake, with a short timeout."""
    return IpApiProvider(session, fake.base_url, timeout=0.3)


def assert_at(location: Location, expected: Place) -> None:
    """The location describes `expected` in every field ip-api gives."""
    assert (location.country_code, location.country_name) == (
        expected.country_code,
        expected.country,
    )
    assert (location.region, location.city) == (expected.region_name, expected.city)
    assert (location.latitude, location.longitude) == (expected.lat, expected.lon)
    assert location.timezone == expected.timezone
    assert (location.isp, location.org, location.asn) == (expected.isp, expected.org, expected.asn)
    assert (location.mobile, location.proxy, location.hosting) == (
        expected.mobile,
        expected.proxy,
        expected.hosting,
    )
    assert location.provider == "ip-api"


@pytest.mark.parametrize("count", [1, 100, 101, 250])
async def test_batches_of_at_most_100(fake: FakeIpApi, provider: IpApiProvider, count: int) -> None:
    """N new addresses cost ceil(N/100) POSTs to /batch, and every one is located."""
    addresses = unlisted_public(count)

    result = await provider.locate(addresses, NOW)

    assert len(fake.requests) == math.ceil(count / 100)
    assert all(r.method == "POST" and r.path == "/batch" for r in fake.requests)
    assert all(len(r.addresses) <= 100 for r in fake.requests)
    sent = [a for r in fake.requests for a in r.addresses]
    assert sorted(sent) == sorted(addresses)
    assert set(result.located) == set(addresses)
    assert result.failed == {}
    assert result.deferred == ()
    assert result.error is None
    for address in addresses[:5]:
        assert_at(result.located[address], fake.place_of(address))
    assert provider.status().requests_sent == math.ceil(count / 100)


async def test_asks_only_the_fields_a_location_needs(
    fake: FakeIpApi, provider: IpApiProvider
) -> None:
    """The request names exactly what a Location holds, plus status, message and query."""
    await provider.locate([LONDON_V4], NOW)

    assert fake.requests[0].fields == {
        "status", "message", "query", "country", "countryCode", "regionName", "city",
        "lat", "lon", "timezone", "isp", "org", "as", "mobile", "proxy", "hosting",
    }  # fmt: skip


async def test_duplicates_are_asked_once(fake: FakeIpApi, provider: IpApiProvider) -> None:
    """The same address, however spelled, goes out once and answers every spelling."""
    mapped = f"::ffff:{LONDON_V4}"

    result = await provider.locate([LONDON_V4, LONDON_V4, mapped], NOW)

    assert [r.addresses for r in fake.requests] == [(LONDON_V4,)]
    assert set(result.located) == {LONDON_V4, mapped}
    assert result.located[mapped] == result.located[LONDON_V4]


async def test_public_ipv4_and_ipv6_land_in_their_places(
    fake: FakeIpApi, provider: IpApiProvider
) -> None:
    """Listed addresses are located to their listed city, with provider and lookup time."""
    result = await provider.locate([LONDON_V4, NEW_YORK_V6], NOW)

    assert_at(result.located[LONDON_V4], place("london"))
    assert_at(result.located[NEW_YORK_V6], place("new_york"))
    assert result.located[NEW_YORK_V6].looked_up_at == NOW


@pytest.mark.parametrize(
    "address",
    [
        "192.168.1.20",  # private IPv4
        "10.20.30.40",
        "172.16.5.4",
        "100.64.12.1",  # carrier-grade NAT
        "fd12:3456:789a::1",  # IPv6 unique local
        "fe80::1c2b:3aff:fe4d:5e6f",  # IPv6 link-local
        "169.254.10.20",  # IPv4 link-local
        "127.0.0.1",  # loopback
        "::1",
        "240.0.0.1",  # reserved
    ],
)
async def test_local_addresses_are_never_sent(
    fake: FakeIpApi, provider: IpApiProvider, address: str
) -> None:
    """Non-public addresses fail as "local" without leaving the machine."""
    result = await provider.locate([address, LONDON_V4], NOW)

    assert result.failed == {address: REASON_LOCAL}
    assert set(result.located) == {LONDON_V4}
    assert [r.addresses for r in fake.requests] == [(LONDON_V4,)]


async def test_only_local_addresses_send_nothing(fake: FakeIpApi, provider: IpApiProvider) -> None:
    """A call with nothing public makes no request at all."""
    result = await provider.locate(["192.168.0.2", "not-an-address"], NOW)

    assert result.failed == {"192.168.0.2": REASON_LOCAL, "not-an-address": REASON_INVALID}
    assert fake.requests == []
    assert provider.status().requests_sent == 0


async def test_budget_announced_as_spent_is_respected_until_the_ttl(
    fake: FakeIpApi, provider: IpApiProvider
) -> None:
    """After X-Rl: 0 no request goes out until X-Ttl has passed (time comes from `now`)."""
    await fake.fail(FailMode.BUDGET_EXHAUSTED)
    first = await provider.locate([LONDON_V4], NOW)
    assert set(first.located) == {LONDON_V4}
    status = provider.status()
    assert status.requests_left == 0
    assert status.reset_at is not None
    assert NOW < status.reset_at <= NOW + timedelta(seconds=60)

    waiting = await provider.locate([NEW_YORK_V6], status.reset_at - timedelta(seconds=1))

    assert waiting.deferred == (NEW_YORK_V6,)
    assert waiting.error is not None
    assert "rate limit" in waiting.error
    assert len(fake.requests) == 1

    after = await provider.locate([NEW_YORK_V6], status.reset_at)

    assert set(after.located) == {NEW_YORK_V6}
    assert len(fake.requests) == 2


async def test_budget_spent_mid_call_defers_the_remaining_batches(
    socket_enabled: None, session: aiohttp.ClientSession
) -> None:
    """With one request left, 250 addresses cost one request and 150 wait."""
    server = FakeIpApi(batch_requests_per_minute=1)
    provider = IpApiProvider(session, await server.start())
    try:
        addresses = unlisted_public(250)
        result = await provider.locate(addresses, NOW)
    finally:
        await server.stop()

    assert len(server.requests) == 1
    assert len(result.located) == 100
    assert set(result.deferred) == set(addresses[100:])
    assert result.error is not None
    assert "rate limit" in result.error


async def test_http_429_defers_then_resolves_after_the_reset(
    fake: FakeIpApi, provider: IpApiProvider
) -> None:
    """A 429 defers the batch and holds every request back until the window resets."""
    await fake.fail(FailMode.RATE_LIMITED)
    limited = await provider.locate([LONDON_V4], NOW)

    assert limited.deferred == (LONDON_V4,)
    assert limited.located == {}
    assert limited.error is not None
    assert "429" in limited.error
    reset_at = provider.status().reset_at
    assert reset_at is not None
    assert reset_at > NOW

    await fake.fail(FailMode.NONE)
    early = await provider.locate([LONDON_V4], NOW + timedelta(seconds=1))
    assert early.deferred == (LONDON_V4,)
    assert len(fake.requests) == 1

    later = await provider.locate([LONDON_V4], reset_at)
    assert set(later.located) == {LONDON_V4}
    assert len(fake.requests) == 2


async def test_timeout_defers(fake: FakeIpApi, provider: IpApiProvider) -> None:
    """A reply slower than the client's timeout defers the batch instead of raising."""
    await fake.fail(FailMode.SLOW)

    result = await provider.locate([LONDON_V4, NEW_YORK_V6], NOW)

    assert set(result.deferred) == {LONDON_V4, NEW_YORK_V6}
    assert result.error is not None
    assert "timed out" in result.error
    assert provider.status().last_error == result.error


async def test_timeout_stops_the_call_after_the_first_batch(
    fake: FakeIpApi, provider: IpApiProvider
) -> None:
    """One timeout is enough: the remaining batches wait instead of timing out in turn."""
    await fake.fail(FailMode.SLOW)

    result = await provider.locate(unlisted_public(250), NOW)

    assert len(fake.requests) == 1
    assert len(result.deferred) == 250


async def test_connection_refused_defers_then_recovers(
    fake: FakeIpApi, provider: IpApiProvider
) -> None:
    """With nothing listening the batch waits; once the service is back it is located."""
    await provider.locate([NEW_YORK_V6], NOW)  # leaves a keep-alive connection behind
    await fake.fail(FailMode.DOWN)

    down = await provider.locate([LONDON_V4], NOW)

    assert down.deferred == (LONDON_V4,)
    assert down.error is not None
    assert "connection failed" in down.error

    await fake.recover()
    back = await provider.locate([LONDON_V4], NOW)
    assert set(back.located) == {LONDON_V4}
    assert back.error is None


async def test_invalid_json_defers(fake: FakeIpApi, provider: IpApiProvider) -> None:
    """A reply that is not JSON defers the batch; a repeated address is deferred once."""
    await fake.fail(FailMode.INVALID_JSON)

    result = await provider.locate([LONDON_V4, LONDON_V4], NOW)

    assert result.deferred == (LONDON_V4,)
    assert result.error == "invalid JSON in reply"


async def test_partial_reply_defers_the_missing(fake: FakeIpApi, provider: IpApiProvider) -> None:
    """Addresses missing from the reply wait for a later call; the answered ones count."""
    addresses = unlisted_public(4)
    await fake.fail(FailMode.PARTIAL)

    result = await provider.locate(addresses, NOW)

    assert set(result.located) == set(addresses[:2])
    assert set(result.deferred) == set(addresses[2:])
    assert result.error == "2 of 4 addresses missing from the reply"


async def test_status_fail_lands_in_failed(fake: FakeIpApi, provider: IpApiProvider) -> None:
    """ip-api's `status: fail` is final for the address, with ip-api's message."""
    await fake.fail(FailMode.FAIL_ALL)

    result = await provider.locate([LONDON_V4, NEW_YORK_V6], NOW)

    assert result.failed == {LONDON_V4: "invalid query", NEW_YORK_V6: "invalid query"}
    assert result.deferred == ()
    assert result.error is None


async def test_override_moves_an_address(fake: FakeIpApi, provider: IpApiProvider) -> None:
    """A geolocation database update shows on the next lookup."""
    before = await provider.locate([LONDON_V4], NOW)
    fake.override(LONDON_V4, "tokyo")

    after = await provider.locate([LONDON_V4], NOW)

    assert_at(before.located[LONDON_V4], place("london"))
    assert_at(after.located[LONDON_V4], place("tokyo"))


async def test_status_reports_budget_and_outcomes(fake: FakeIpApi, provider: IpApiProvider) -> None:
    """Diagnostics see the announced budget, the last success and the last error."""
    assert provider.status().requests_left is None

    await provider.locate([LONDON_V4], NOW)
    await fake.fail(FailMode.INVALID_JSON)
    later = NOW + timedelta(seconds=5)
    await provider.locate([LONDON_V4], later)

    status = provider.status()
    assert status.name == "ip-api"
    assert status.requests_left == 13  # ip-api allows 15 batches a minute
    assert status.requests_sent == 2
    assert status.last_success == NOW
    assert status.last_error == "invalid JSON in reply"


async def test_create_provider(fake: FakeIpApi, session: aiohttp.ClientSession) -> None:
    """The name "ip-api" builds a working client for the given base URL; other names are refused."""
    created: GeoProvider = create_provider("ip-api", session, fake.base_url)

    result = await created.locate([LONDON_V4], NOW)

    assert created.name == "ip-api"
    assert set(result.located) == {LONDON_V4}
    with pytest.raises(ValueError, match="unknown geolocation provider"):
        create_provider("maxmind", session, None)


# Replies the fake never gives (a broken proxy or a changed API), from a bare server.

type Reply = Callable[[web.Request], Awaitable[web.StreamResponse]]


@pytest.fixture
async def odd_server(
    socket_enabled: None,
) -> AsyncGenerator[Callable[[Reply], Awaitable[str]]]:
    """Start a one-route /batch server with a given reply; return its base URL."""
    runners: list[web.AppRunner] = []

    async def start(reply: Reply) -> str:
        app = web.Application()
        app.router.add_post("/batch", reply)
        runner = web.AppRunner(app)
        await runner.setup()
        runners.append(runner)
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        return f"http://127.0.0.1:{runner.addresses[0][1]}"

    yield start
    for runner in runners:
        await runner.cleanup()


def reply_with(status: int = 200, body: Any = None, headers: dict[str, str] | None = None) -> Reply:
    """A handler answering `body` as JSON with `status` and `headers`."""

    async def handle(request: web.Request) -> web.StreamResponse:
        return web.json_response(body, status=status, headers=headers)

    return handle


async def test_server_error_defers(
    odd_server: Callable[[Reply], Awaitable[str]], session: aiohttp.ClientSession
) -> None:
    """HTTP 5xx defers the batch."""
    provider = IpApiProvider(session, await odd_server(reply_with(503, {"oops": 1})))

    result = await provider.locate([LONDON_V4], NOW)

    assert result.deferred == (LONDON_V4,)
    assert result.error == "HTTP 503"


async def test_reply_that_is_not_a_list_defers(
    odd_server: Callable[[Reply], Awaitable[str]], session: aiohttp.ClientSession
) -> None:
    """A JSON object where a list belongs defers the batch."""
    provider = IpApiProvider(session, await odd_server(reply_with(body={"status": "success"})))

    result = await provider.locate([LONDON_V4], NOW)

    assert result.deferred == (LONDON_V4,)
    assert result.error == "unexpected reply: dict"


async def test_429_without_ttl_waits_a_minute(
    odd_server: Callable[[Reply], Awaitable[str]], session: aiohttp.ClientSession
) -> None:
    """A 429 with no X-Ttl holds requests back for a whole window."""
    provider = IpApiProvider(session, await odd_server(reply_with(429, None)))

    await provider.locate([LONDON_V4], NOW)

    assert provider.status().reset_at == NOW + timedelta(seconds=60)
    assert provider.status().requests_left == 0


async def test_unusable_items_are_unknown_locations(
    odd_server: Callable[[Reply], Awaitable[str]], session: aiohttp.ClientSession
) -> None:
    """Items without coordinates or country are unknown locations; strays are not trusted."""
    good = {"status": "success", "query": LONDON_V4, "countryCode": "GB", "country": "",
            "lat": 51.5, "lon": -0.1, "city": "", "mobile": "yes"}  # fmt: skip
    body = [
        good,
        {"status": "success", "query": NEW_YORK_V6, "countryCode": "US"},  # no lat/lon
        {"status": "success", "query": "8.8.8.8", "countryCode": "US", "lat": 1, "lon": 2},
        "82.14.203.9",
        {"status": "success", "query": "82.14.203.9", "lat": 1.0, "lon": 2.0},  # no country
        {"query": "82.14.203.9", "countryCode": "GB", "lat": 1.0, "lon": 2.0},  # no status
    ]
    provider = IpApiProvider(session, await odd_server(reply_with(body=body)))

    result = await provider.locate([LONDON_V4, NEW_YORK_V6, "82.14.203.9"], NOW)

    assert set(result.located) == {LONDON_V4}
    london = result.located[LONDON_V4]
    assert (london.country_name, london.city, london.mobile) == ("GB", None, None)
    assert result.failed == {NEW_YORK_V6: REASON_UNUSABLE, "82.14.203.9": REASON_UNUSABLE}
    assert result.deferred == ()
    assert result.error == "2 unusable items in the reply"  # the bare string and 8.8.8.8


async def test_stray_items_are_reported_when_all_are_answered(
    odd_server: Callable[[Reply], Awaitable[str]], session: aiohttp.ClientSession
) -> None:
    """Everything asked was answered, yet the junk beside it is worth a log line."""
    body = [
        {"status": "fail", "query": LONDON_V4, "message": "reserved range"},
        {"status": "success", "query": "8.8.8.8"},
    ]
    provider = IpApiProvider(session, await odd_server(reply_with(body=body)))

    result = await provider.locate([LONDON_V4], NOW)

    assert result.failed == {LONDON_V4: "reserved range"}
    assert result.deferred == ()
    assert result.error == "1 unusable items in the reply"
