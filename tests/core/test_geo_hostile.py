"""A hostile geolocation service: absurd fields, endless and trickling answers (fake ip-api)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator
from datetime import UTC, datetime
import logging
import math
import time
from typing import Any

import aiohttp
from aiohttp import web
import pytest

from custom_components.plexgeo.core.geo import REASON_UNUSABLE, IpApiProvider
from custom_components.plexgeo.core.geo.validate import InvalidLocation, build_location
from simulator.hostile import HUGE_BYTES, CaptureServer, redirect
from simulator.ipapi import FailMode, FakeIpApi
from simulator.places import place

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
LONDON = place("london").ipv4[0]
PARIS = place("paris").ipv4[0]


@pytest.fixture
async def provider(ipapi: FakeIpApi) -> AsyncGenerator[IpApiProvider]:
    """The client, pointed at the fake, with a short deadline."""
    async with aiohttp.ClientSession() as session:
        yield IpApiProvider(session, ipapi.base_url, timeout=0.5)


@pytest.mark.parametrize(
    "fields",
    [
        {"countryCode": "../../etc/passwd"},
        {"countryCode": "gb"},
        {"countryCode": "GBR"},
        {"countryCode": "GB\n"},
        {"countryCode": ""},
        {"countryCode": 44},
        {"countryCode": None},
        {"lat": math.nan},
        {"lat": math.inf},
        {"lon": -math.inf},
        {"lat": 1e308},
        {"lat": 90.0001},
        {"lon": -180.5},
        {"lat": 10**400},  # a JSON integer no float can hold
        {"lat": "51.5"},
        {"lon": True},
        {"lat": None},
        {"lon": [1, 2]},
        {"status": "maybe"},
    ],
    ids=repr,
)
async def test_an_impossible_place_is_an_unknown_location(
    ipapi: FakeIpApi,
    provider: IpApiProvider,
    caplog: pytest.LogCaptureFixture,
    fields: dict[str, Any],
) -> None:
    """A field that cannot be true makes that address unknown, with one log line; others stand."""
    ipapi.tamper(LONDON, **fields)

    with caplog.at_level(logging.WARNING, "custom_components.plexgeo.core.geo"):
        result = await provider.locate([LONDON, PARIS], NOW)

    assert result.failed == {LONDON: REASON_UNUSABLE}
    assert set(result.located) == {PARIS}
    assert result.deferred == ()
    [line] = [r for r in caplog.records if r.name.startswith("custom_components.plexgeo")]
    assert "1 unusable location(s)" in line.getMessage()
    assert "etc/passwd" not in line.getMessage()  # the field is named, its value never


async def test_hostile_text_is_cleaned_and_capped(
    ipapi: FakeIpApi, provider: IpApiProvider
) -> None:
    """Names stay text: controls and bidi overrides go, length is capped, wrong types are None."""
    ipapi.tamper(
        LONDON,
        country="<b>Eng</b>\x00land\u202e ![x](http://attacker/p.png)",
        regionName="\x1b[31m" + "R" * 5000,
        city="\r\n",
        timezone="Europe/London; DROP TABLE",
        isp=12,
        org={"name": "x"},
        mobile="yes",
        proxy=1,
    )

    result = await provider.locate([LONDON], NOW)

    found = result.located[LONDON]
    assert found.country_code == "GB"
    assert found.country_name == "<b>Eng</b>land ![x](http://attacker/p.png)"
    assert found.region == "[31m" + "R" * 96
    assert found.city is None
    assert found.timezone is None
    assert (found.isp, found.org) == (None, None)
    assert (found.mobile, found.proxy) == (None, None)


def test_build_location_keeps_a_good_answer_whole() -> None:
    """Valid fields pass unchanged (the limits are the exact ranges)."""
    location = build_location(
        country_code_value="NZ",
        country_name="",
        region="Canterbury",
        city="Christchurch",
        latitude=-90,
        longitude=180.0,
        timezone_name="Pacific/Auckland",
        isp="Spark",
        org="Spark NZ",
        asn="AS4771 Spark New Zealand",
        mobile=True,
        proxy=False,
        hosting=None,
        provider="test",
        looked_up_at=NOW,
    )
    assert (location.country_name, location.latitude, location.longitude) == ("NZ", -90.0, 180.0)
    assert (location.timezone, location.mobile, location.proxy) == ("Pacific/Auckland", True, False)
    with pytest.raises(InvalidLocation, match="longitude is out of range"):
        build_location(
            **{**_fields(location), "longitude": 180.0001},
            provider="test",
            looked_up_at=NOW,
        )


def _fields(location: Any) -> dict[str, Any]:
    return {
        "country_code_value": location.country_code,
        "country_name": location.country_name,
        "region": location.region,
        "city": location.city,
        "latitude": location.latitude,
        "longitude": location.longitude,
        "timezone_name": location.timezone,
        "isp": location.isp,
        "org": location.org,
        "asn": location.asn,
        "mobile": location.mobile,
        "proxy": location.proxy,
        "hosting": location.hosting,
    }


@pytest.mark.parametrize("declare_length", [False, True], ids=["chunked", "content-length"])
async def test_huge_answer_is_refused(
    ipapi: FakeIpApi, provider: IpApiProvider, declare_length: bool
) -> None:
    """A 200 MB answer is refused after 1 MiB; the batch waits for a later poll."""
    ipapi.streamed.declare_length = declare_length
    await ipapi.fail(FailMode.HUGE)

    result = await provider.locate([LONDON], NOW)
    await asyncio.sleep(0.1)

    assert result.deferred == (LONDON,)
    assert result.error == "The answer is larger than 1 MiB; refused"
    assert ipapi.streamed.bytes_sent < HUGE_BYTES // 10
    assert not ipapi.streamed.finished


async def test_dripping_answer_misses_the_deadline(
    ipapi: FakeIpApi, provider: IpApiProvider
) -> None:
    """One byte every 0.1 s: the 0.5 s deadline ends the exchange, not the answer's end."""
    ipapi.slow_seconds = 0.1
    await ipapi.fail(FailMode.DRIP)

    started = time.perf_counter()
    result = await provider.locate([LONDON], NOW)

    assert time.perf_counter() - started < 2
    assert result.deferred == (LONDON,)
    assert result.error == "timed out after 0.5 s"


async def test_redirect_is_not_followed(capture: CaptureServer) -> None:
    """Addresses go to the configured service only: a 302 elsewhere defers the batch."""

    async def moved(request: web.Request) -> web.StreamResponse:
        return redirect(capture.url + "/batch")

    app = web.Application()
    app.router.add_post("/batch", moved)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    try:
        async with aiohttp.ClientSession() as session:
            url = f"http://127.0.0.1:{runner.addresses[0][1]}"
            result = await IpApiProvider(session, url).locate([LONDON], NOW)
    finally:
        await runner.cleanup()

    assert result.deferred == (LONDON,)
    assert result.error == "HTTP 302"
    assert capture.requests == []
