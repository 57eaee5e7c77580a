"""The fake ip-api keeps ip-api.com's contract: endpoints, fields, limits and headers."""

from __future__ import annotations

from collections.abc import AsyncGenerator
import json
import time
from typing import Any

import aiohttp
import pytest

from simulator.ipapi import FailMode, FakeIpApi
from simulator.places import PLACES, place

LONDON = "81.2.69.142"
PARIS_V6 = "2a01:cb00:8a2:1c00::5"
UNLISTED = "31.13.64.35"
# ip-api's answer to /json/{ip} when no fields are asked for (its documented default).
DEFAULT_SUCCESS_KEYS = {
    "status", "country", "countryCode", "region", "regionName", "city", "zip",
    "lat", "lon", "timezone", "isp", "org", "as", "query",
}  # fmt: skip


@pytest.fixture
def fake(ipapi: FakeIpApi) -> FakeIpApi:
    """The running fake ip-api from tests/conftest.py."""
    return ipapi


@pytest.fixture
async def http(socket_enabled: None) -> AsyncGenerator[aiohttp.ClientSession]:
    """A plain client session."""
    async with aiohttp.ClientSession() as session:
        yield session


async def get_json(http: aiohttp.ClientSession, url: str) -> Any:
    """GET a URL that must answer 200 with JSON."""
    async with http.get(url) as response:
        assert response.status == 200
        return await response.json()


async def post_batch(
    http: aiohttp.ClientSession, fake: FakeIpApi, body: Any, query: str = ""
) -> aiohttp.ClientResponse:
    """POST a batch and read its body, so the response can be inspected after release."""
    async with http.post(f"{fake.base_url}/batch{query}", json=body) as response:
        await response.read()
        return response


async def test_json_endpoint_answers_with_the_default_fields(
    fake: FakeIpApi, http: aiohttp.ClientSession
) -> None:
    """GET /json/{ip} answers ip-api's default field set, from the places table."""
    answer = await get_json(http, f"{fake.base_url}/json/{LONDON}")

    london = place("london")
    assert set(answer) == DEFAULT_SUCCESS_KEYS
    assert answer["status"] == "success"
    assert answer["query"] == LONDON
    assert (answer["countryCode"], answer["country"]) == ("GB", "United Kingdom")
    assert (answer["region"], answer["regionName"], answer["city"]) == (
        london.region,
        london.region_name,
        london.city,
    )
    assert (answer["lat"], answer["lon"]) == (london.lat, london.lon)
    assert answer["as"] == london.asn
    assert [(r.method, r.path, r.addresses) for r in fake.requests] == [
        ("GET", f"/json/{LONDON}", (LONDON,))
    ]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("192.168.1.1", "private range"),
        ("10.0.0.8", "private range"),
        ("fd00::1", "private range"),
        ("127.0.0.1", "reserved range"),
        ("169.254.1.1", "reserved range"),
        ("100.64.0.1", "reserved range"),
        ("240.0.0.1", "reserved range"),
        ("fe80::1", "reserved range"),
        ("not-an-ip", "invalid query"),
    ],
)
async def test_unlocatable_queries_fail_with_ip_apis_messages(
    fake: FakeIpApi, http: aiohttp.ClientSession, query: str, message: str
) -> None:
    """Private, reserved and invalid queries answer `status: fail` with ip-api's message."""
    answer = await get_json(http, f"{fake.base_url}/json/{query}")

    assert answer == {"status": "fail", "message": message, "query": query}


@pytest.mark.parametrize(
    "fields",
    ["status,countryCode,lat,query", str((1 << 14) | (1 << 1) | (1 << 6) | (1 << 13))],
)
async def test_fields_by_name_or_number(
    fake: FakeIpApi, http: aiohttp.ClientSession, fields: str
) -> None:
    """`fields` as names or as ip-api's numeric bitmask selects the same keys."""
    answer = await get_json(http, f"{fake.base_url}/json/{PARIS_V6}?fields={fields}")

    assert answer == {"status": "success", "countryCode": "FR", "lat": 48.8566, "query": PARIS_V6}


async def test_numeric_default_equals_no_fields(
    fake: FakeIpApi, http: aiohttp.ClientSession
) -> None:
    """61439 is ip-api's documented default field set."""
    plain = await get_json(http, f"{fake.base_url}/json/{LONDON}")
    numeric = await get_json(http, f"{fake.base_url}/json/{LONDON}?fields=61439")

    assert numeric == plain


async def test_extra_fields(fake: FakeIpApi, http: aiohttp.ClientSession) -> None:
    """Fields beyond the default (mobile, proxy, hosting, continent) are answered when asked."""
    fields = "mobile,proxy,hosting,continentCode"
    vpn = await get_json(http, f"{fake.base_url}/json/185.220.101.4?fields={fields}")
    phone = await get_json(http, f"{fake.base_url}/json/49.36.12.7?fields={fields}")

    assert vpn == {"mobile": False, "proxy": True, "hosting": True, "continentCode": "EU"}
    assert phone == {"mobile": True, "proxy": False, "hosting": False, "continentCode": "AS"}


async def test_batch_mixes_strings_and_objects_in_order(
    fake: FakeIpApi, http: aiohttp.ClientSession
) -> None:
    """Batch items answer in order; an object's own fields override the query default."""
    body = [LONDON, {"query": PARIS_V6, "fields": "city", "lang": "en"}, "10.1.1.1"]

    response = await post_batch(http, fake, body, "?fields=countryCode,query,status,message")
    answer = await response.json()

    assert response.status == 200
    assert answer == [
        {"status": "success", "countryCode": "GB", "query": LONDON},
        {"city": "Paris"},
        {"status": "fail", "message": "private range", "query": "10.1.1.1"},
    ]
    assert fake.requests[0].addresses == (LONDON, PARIS_V6, "10.1.1.1")


async def test_batch_of_100_is_accepted_and_101_refused(
    fake: FakeIpApi, http: aiohttp.ClientSession
) -> None:
    """ip-api takes up to 100 items per batch and answers 422 beyond."""
    hundred = await post_batch(http, fake, [LONDON] * 100, "?fields=status")
    too_many = await post_batch(http, fake, [LONDON] * 101, "?fields=status")

    assert hundred.status == 200
    assert len(await hundred.json()) == 100
    assert too_many.status == 422


@pytest.mark.parametrize("body", [{"query": LONDON}, [LONDON, 42], [{"fields": "city"}]])
async def test_batch_that_is_not_a_list_of_queries_is_refused(
    fake: FakeIpApi, http: aiohttp.ClientSession, body: Any
) -> None:
    """A body that is not a JSON array of addresses or query objects is a bad request."""
    response = await post_batch(http, fake, body)

    assert response.status == 400


async def test_batch_body_that_is_not_json_is_refused(
    fake: FakeIpApi, http: aiohttp.ClientSession
) -> None:
    """A body that does not parse is a bad request."""
    async with http.post(f"{fake.base_url}/batch", data=b'["81.2.69') as response:
        assert response.status == 400


async def test_rate_limit_headers_and_429(
    socket_enabled: None, http: aiohttp.ClientSession
) -> None:
    """X-Rl counts down the window's budget, X-Ttl the seconds left; past it, HTTP 429."""
    fake = FakeIpApi(requests_per_minute=2)
    url = f"{await fake.start()}/json/{LONDON}"
    try:
        seen = []
        for _ in range(3):
            async with http.get(url) as response:
                seen.append((response.status, response.headers["X-Rl"], response.headers["X-Ttl"]))
        fake.advance(61)
        async with http.get(url) as response:
            after_reset = (response.status, response.headers["X-Rl"])
    finally:
        await fake.stop()

    assert [(status, left) for status, left, _ in seen] == [(200, "1"), (200, "0"), (429, "0")]
    assert all(0 < int(ttl) <= 60 for _, _, ttl in seen)
    assert after_reset == (200, "1")


async def test_batch_has_its_own_budget_of_15(fake: FakeIpApi, http: aiohttp.ClientSession) -> None:
    """ip-api allows 15 batches a minute, counted apart from the 45 single lookups."""
    batch_left = []
    for _ in range(16):
        response = await post_batch(http, fake, [LONDON], "?fields=status")
        batch_left.append((response.status, response.headers["X-Rl"]))
    async with http.get(f"{fake.base_url}/json/{LONDON}") as response:
        single = (response.status, response.headers["X-Rl"])

    assert batch_left[0] == (200, "14")
    assert batch_left[14] == (200, "0")
    assert batch_left[15] == (429, "0")
    assert single == (200, "44")


async def test_unlisted_public_address_maps_stably_to_a_place(
    fake: FakeIpApi, http: aiohttp.ClientSession
) -> None:
    """Any public address gets a real place, the same on every fake."""
    other = FakeIpApi()
    other_url = await other.start()
    try:
        first = await get_json(http, f"{fake.base_url}/json/{UNLISTED}")
        again = await get_json(http, f"{other_url}/json/{UNLISTED}")
    finally:
        await other.stop()

    assert first == again
    assert (first["city"], first["countryCode"]) in {(p.city, p.country_code) for p in PLACES}
    spread = {fake.place_of(f"31.13.{i}.1").key for i in range(200)}
    assert len(spread) > len(PLACES) // 2  # the hash spreads addresses over the table


async def test_override_moves_an_address(fake: FakeIpApi, http: aiohttp.ClientSession) -> None:
    """`override` models a geolocation database update."""
    fake.override(LONDON, "sydney")

    answer = await get_json(http, f"{fake.base_url}/json/{LONDON}?fields=city,countryCode")

    assert answer == {"city": "Sydney", "countryCode": "AU"}


async def test_rate_limited_mode(fake: FakeIpApi, http: aiohttp.ClientSession) -> None:
    """RATE_LIMITED answers 429 with X-Rl: 0 until cleared."""
    await fake.fail(FailMode.RATE_LIMITED)
    async with http.get(f"{fake.base_url}/json/{LONDON}") as response:
        limited = (response.status, response.headers["X-Rl"])
    await fake.fail(FailMode.NONE)
    async with http.get(f"{fake.base_url}/json/{LONDON}") as response:
        cleared = response.status

    assert limited == (429, "0")
    assert cleared == 200


async def test_budget_exhausted_mode_applies_once(
    fake: FakeIpApi, http: aiohttp.ClientSession
) -> None:
    """BUDGET_EXHAUSTED answers normally but announces X-Rl: 0, on the next answer only."""
    await fake.fail(FailMode.BUDGET_EXHAUSTED)
    left = []
    for _ in range(2):
        async with http.get(f"{fake.base_url}/json/{LONDON}") as response:
            assert response.status == 200
            left.append(response.headers["X-Rl"])

    assert left == ["0", "43"]


async def test_slow_mode_delays_answers(fake: FakeIpApi, http: aiohttp.ClientSession) -> None:
    """SLOW holds every answer back for `slow_seconds`."""
    fake.slow_seconds = 0.2
    await fake.fail(FailMode.SLOW)

    started = time.monotonic()
    await get_json(http, f"{fake.base_url}/json/{LONDON}")

    assert time.monotonic() - started >= 0.2


async def test_down_refuses_connections_until_recovered(
    fake: FakeIpApi, http: aiohttp.ClientSession
) -> None:
    """DOWN closes the port (open keep-alive connections too); recover() reopens the same one."""
    base_url = fake.base_url
    url = f"{base_url}/json/{LONDON}"
    await get_json(http, url)
    await fake.fail(FailMode.DOWN)

    with pytest.raises(aiohttp.ClientConnectorError):
        await get_json(http, url)

    await fake.recover()
    assert fake.base_url == base_url
    assert (await get_json(http, url))["city"] == "London"


async def test_leaving_down_for_another_mode_listens_again(
    fake: FakeIpApi, http: aiohttp.ClientSession
) -> None:
    """Switching from DOWN straight to another failure reopens the port for it."""
    await fake.fail(FailMode.DOWN)
    await fake.fail(FailMode.FAIL_ALL)

    answer = await get_json(http, f"{fake.base_url}/json/{LONDON}")

    assert answer["status"] == "fail"


async def test_invalid_json_mode(fake: FakeIpApi, http: aiohttp.ClientSession) -> None:
    """INVALID_JSON answers 200 with a body that does not parse."""
    await fake.fail(FailMode.INVALID_JSON)

    async with http.get(f"{fake.base_url}/json/{LONDON}") as response:
        assert response.status == 200
        with pytest.raises(json.JSONDecodeError):
            await response.json()


async def test_fail_all_mode(fake: FakeIpApi, http: aiohttp.ClientSession) -> None:
    """FAIL_ALL answers `status: fail` even for public addresses."""
    await fake.fail(FailMode.FAIL_ALL)

    response = await post_batch(http, fake, [LONDON, PARIS_V6])

    assert [item["status"] for item in await response.json()] == ["fail", "fail"]


async def test_partial_mode_answers_the_first_half(
    fake: FakeIpApi, http: aiohttp.ClientSession
) -> None:
    """PARTIAL drops the second half of a batch."""
    await fake.fail(FailMode.PARTIAL)

    response = await post_batch(
        http, fake, [LONDON, PARIS_V6, UNLISTED, "8.8.8.8"], "?fields=query"
    )

    assert await response.json() == [{"query": LONDON}, {"query": PARIS_V6}]
    assert fake.requests[0].addresses == (LONDON, PARIS_V6, UNLISTED, "8.8.8.8")
