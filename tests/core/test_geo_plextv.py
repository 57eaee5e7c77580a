"""The plex.tv provider against the fake plex.tv: token, answers and every refusal."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from datetime import UTC, datetime, timedelta

import aiohttp
import pytest

from custom_components.plexgeo.core.geo.base import REASON_LOCAL, REASON_UNUSABLE
from custom_components.plexgeo.core.geo.plextv import (
    MAX_PER_POLL,
    PROBLEM_UNAUTHORIZED,
    REASON_NOT_FOUND,
    InsecureTokenURL,
    PlexTvProvider,
)
from simulator.places import PLACES
from simulator.plextv import FakePlexTv, PlexTvFault

TOKEN = "owner-token-123"
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
LONDON = "81.2.69.142"
LONDON_V6 = "2a00:23c4:5b1:e01::17"


@pytest.fixture
async def fake(socket_enabled: None) -> AsyncGenerator[FakePlexTv]:
    server = FakePlexTv(TOKEN)
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def session(socket_enabled: None) -> AsyncGenerator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as client_session:
        yield client_session


@pytest.fixture
def provider(fake: FakePlexTv, session: aiohttp.ClientSession) -> PlexTvProvider:
    return PlexTvProvider(session, TOKEN, fake.base_url)


async def test_locates_with_the_owners_token_in_a_header(
    provider: PlexTvProvider, fake: FakePlexTv
) -> None:
    result = await provider.locate([LONDON, LONDON_V6, "10.0.0.2", "9.9.9.9"], NOW)
    london = result.located[LONDON]
    assert (london.country_code, london.region, london.city) == ("GB", "England", "London")
    assert (london.latitude, london.longitude) == (51.5072, -0.1276)
    assert (london.timezone, london.provider, london.precision) == (
        "Europe/London",
        "plex.tv",
        "city",
    )
    assert result.located[LONDON_V6].city == "London"
    assert result.failed == {"10.0.0.2": REASON_LOCAL, "9.9.9.9": REASON_NOT_FOUND}
    assert result.deferred == () and result.error is None
    # Local addresses never leave; the token travels as a header, never in the URL.
    assert [r.address for r in fake.requests] == [LONDON, LONDON_V6, "9.9.9.9"]
    assert {r.token for r in fake.requests} == {TOKEN}


async def test_the_token_is_never_sent_in_clear_text(session: aiohttp.ClientSession) -> None:
    with pytest.raises(InsecureTokenURL):
        PlexTvProvider(session, TOKEN, "http://plex.tv")
    assert PlexTvProvider(session, TOKEN, "https://plex.tv").name == "plex.tv"


async def test_a_poll_asks_a_bounded_number_and_the_rest_wait(
    provider: PlexTvProvider, fake: FakePlexTv
) -> None:
    addresses = [a for p in PLACES for a in p.ipv4]
    assert len(addresses) > MAX_PER_POLL
    result = await provider.locate(addresses, NOW)
    assert len(fake.requests) == MAX_PER_POLL
    assert len(result.located) == MAX_PER_POLL
    assert set(result.deferred) == set(addresses) - set(result.located)
    assert result.error is None


async def test_a_refused_token_is_a_problem_for_the_user_and_streams_wait(
    provider: PlexTvProvider, fake: FakePlexTv
) -> None:
    fake.fault = PlexTvFault.UNAUTHORIZED
    result = await provider.locate([LONDON, LONDON_V6], NOW)
    assert result.deferred == (LONDON, LONDON_V6) and not result.located and not result.failed
    assert result.error == "plex.tv refused the server owner's token (HTTP 401)"
    assert provider.problem == PROBLEM_UNAUTHORIZED
    assert len(fake.requests) == 1  # the second would be refused the same way

    fake.fault = PlexTvFault.NONE
    result = await provider.locate([LONDON], NOW)
    assert LONDON in result.located and provider.problem is None


async def test_rate_limit_waits_for_retry_after(provider: PlexTvProvider, fake: FakePlexTv) -> None:
    fake.fault = PlexTvFault.RATE_LIMITED
    fake.retry_after = 120
    result = await provider.locate([LONDON], NOW)
    assert result.deferred == (LONDON,) and result.error == "rate limited by plex.tv (HTTP 429)"
    assert provider.status().reset_at == NOW + timedelta(seconds=120)

    fake.fault = PlexTvFault.NONE
    early = await provider.locate([LONDON], NOW + timedelta(seconds=60))
    assert early.deferred == (LONDON,) and early.error is not None
    assert len(fake.requests) == 1  # nothing sent inside the window
    later = await provider.locate([LONDON], NOW + timedelta(seconds=121))
    assert LONDON in later.located


async def test_server_errors_and_outages_defer(provider: PlexTvProvider, fake: FakePlexTv) -> None:
    fake.fault = PlexTvFault.SERVER_ERROR
    result = await provider.locate([LONDON], NOW)
    assert result.deferred == (LONDON,) and result.error == "plex.tv answered HTTP 503"
    assert provider.problem is None  # nothing for the user to fix
    await fake.stop()
    result = await provider.locate([LONDON], NOW)
    assert result.deferred == (LONDON,)
    assert result.error is not None and "plex.tv unreachable" in result.error
    assert provider.status().last_error == result.error


@pytest.mark.parametrize(
    "xml",
    [
        "not xml at all <",
        "<errors/>",
        '<location code="gb" coordinates="51.5, -0.12"/>',
        '<location code="GB" coordinates="91, 0"/>',
        '<location code="GB" coordinates="nan, nan"/>',
        '<location code="GB" coordinates="51.5"/>',
    ],
)
async def test_unusable_answers_are_unknown_locations(
    provider: PlexTvProvider, fake: FakePlexTv, xml: str
) -> None:
    fake.raw[LONDON] = xml
    result = await provider.locate([LONDON], NOW)
    assert result.failed == {LONDON: REASON_UNUSABLE}
    assert result.error is None


async def test_hostile_text_is_cleaned(provider: PlexTvProvider, fake: FakePlexTv) -> None:
    fake.raw[LONDON] = (
        '<location code="GB" country="United Kingdom" city="Lon&#x202e;don&#x200b;"'
        ' coordinates="51.5, -0.12" time_zone="Europe/London; rm -rf"/>'
    )
    london = (await provider.locate([LONDON], NOW)).located[LONDON]
    assert (london.city, london.timezone) == ("London", None)
