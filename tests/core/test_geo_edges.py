"""Edge cases of the offline and plex.tv providers: unreadable paths, slow or huge answers."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp
from aiohttp import web
import pytest

from custom_components.plexgeo.core.geo.base import REASON_UNUSABLE
from custom_components.plexgeo.core.geo.mmdb import PROBLEM_MISSING, MmdbProvider, OfflineDatabase
from custom_components.plexgeo.core.geo.plextv import PlexTvProvider
from custom_components.plexgeo.core.geo.validate import InvalidLocation, accuracy, coordinate
from simulator.plextv import FakePlexTv, PlexTvFault

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
LONDON = "81.2.69.142"


@pytest.mark.parametrize("where", ["directory", "under_a_file"])
async def test_an_unreadable_path_is_a_missing_database(tmp_path: Path, where: str) -> None:
    if where == "directory":
        city = tmp_path / "city.mmdb"
        city.mkdir()
    else:
        (tmp_path / "file").write_text("x")
        city = tmp_path / "file" / "city.mmdb"
    geo = MmdbProvider("maxmind", OfflineDatabase(city))
    result = await geo.locate([LONDON], NOW)
    assert result.deferred == (LONDON,)
    assert result.error is not None
    assert ("is a folder" if where == "directory" else "cannot be read") in result.error
    assert geo.problem == PROBLEM_MISSING


def test_numbers_too_large_for_a_float_are_refused() -> None:
    assert accuracy(10**400) is None
    with pytest.raises(InvalidLocation, match="out of range"):
        coordinate(10**400, "latitude", 90.0)


@pytest.fixture
async def session(socket_enabled: None) -> AsyncGenerator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as client_session:
        yield client_session


@pytest.fixture
async def fake(socket_enabled: None) -> AsyncGenerator[FakePlexTv]:
    server = FakePlexTv("token")
    await server.start()
    yield server
    await server.stop()


async def test_plextv_answers_too_large_or_odd_defer_or_fail(
    fake: FakePlexTv, session: aiohttp.ClientSession
) -> None:
    provider = PlexTvProvider(session, "token", fake.base_url)
    fake.raw[LONDON] = "<location " + "x" * 70_000 + "/>"
    result = await provider.locate([LONDON], NOW)
    assert result.deferred == (LONDON,) and result.error is not None
    fake.raw[LONDON] = '<location code="GB" coordinates="north, west"/>'
    assert (await provider.locate([LONDON], NOW)).failed == {LONDON: REASON_UNUSABLE}


async def test_plextv_retry_after_that_is_not_a_number_waits_a_minute(
    fake: FakePlexTv, session: aiohttp.ClientSession
) -> None:
    provider = PlexTvProvider(session, "token", fake.base_url)
    fake.fault = PlexTvFault.RATE_LIMITED
    fake.retry_after = "soon"  # type: ignore[assignment]
    await provider.locate([LONDON], NOW)
    assert provider.status().reset_at == NOW + timedelta(seconds=60)


async def test_plextv_that_never_answers_times_out(
    socket_enabled: None, session: aiohttp.ClientSession
) -> None:
    async def stall(_request: web.Request) -> web.Response:
        await asyncio.sleep(30)
        return web.Response()

    app = web.Application()
    app.router.add_get("/api/v2/geoip", stall)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    port = runner.addresses[0][1]
    try:
        provider = PlexTvProvider(session, "token", f"http://127.0.0.1:{port}", timeout=0.2)
        result = await provider.locate([LONDON], NOW)
        assert result.deferred == (LONDON,)
        assert result.error == "plex.tv timed out after 0.2 s"
    finally:
        await runner.cleanup()
