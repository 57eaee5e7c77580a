"""The managed DB-IP Lite download against the fake download server: never the real one."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from datetime import UTC, date, datetime, timedelta
import errno
import os
from pathlib import Path

import aiohttp
import pytest

from custom_components.plexgeo.core.geo import dbip
from custom_components.plexgeo.core.geo.dbip import (
    ASN,
    CITY,
    PROBLEM_DISK,
    PROBLEM_DOWNLOAD,
    PROBLEM_STALE,
    DbIpDownloader,
    DownloadError,
    published_name,
)
from custom_components.plexgeo.core.geo.mmdb import MmdbProvider, OfflineDatabase
from simulator.dbip import DownloadFault, FakeDbIp
from simulator.mmdb import city_record, gzipped, write_asn, write_city
from simulator.places import place

TODAY = date(2026, 3, 14)
NOW = datetime(2026, 3, 14, 12, 0, tzinfo=UTC)
LONDON = "81.2.69.142"


@pytest.fixture
async def fake(socket_enabled: None, tmp_path: Path) -> AsyncGenerator[FakeDbIp]:
    server = FakeDbIp()
    await server.start()
    server.publish_month(TODAY, tmp_path / "built")
    yield server
    await server.stop()


def publish(server: FakeDbIp, where: Path, month: date, city: Path | None = None) -> None:
    city = city or write_city(where / "city.mmdb")
    server.publish(published_name(CITY, month), gzipped(city))
    server.publish(published_name(ASN, month), gzipped(write_asn(where / "asn.mmdb")))


@pytest.fixture
async def session(socket_enabled: None) -> AsyncGenerator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as client_session:
        yield client_session


@pytest.fixture
def downloader(fake: FakeDbIp, session: aiohttp.ClientSession, tmp_path: Path) -> DbIpDownloader:
    return DbIpDownloader(session, tmp_path / "cache", fake.base_url)


def offline(downloader: DbIpDownloader) -> MmdbProvider:
    return MmdbProvider(
        dbip.PROVIDER_NAME,
        OfflineDatabase(downloader.path(CITY), downloader.path(ASN), recheck_seconds=0),
    )


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.startswith("."))


async def test_download_installs_both_databases_and_they_answer(
    downloader: DbIpDownloader, fake: FakeDbIp
) -> None:
    assert downloader.due(NOW)
    await downloader.refresh(TODAY)
    assert [r.name for r in fake.requests] == [
        "dbip-city-lite-2026-03.mmdb.gz",
        "dbip-asn-lite-2026-03.mmdb.gz",
    ]
    result = await offline(downloader).locate([LONDON], NOW)
    london = result.located[LONDON]
    assert (london.city, london.asn, london.provider) == (
        "London",
        "AS2856 British Telecommunications PLC",
        "dbip",
    )
    assert leftovers(downloader.directory) == []
    assert not downloader.due(datetime.now(UTC))
    assert downloader.state(datetime.now(UTC)).problem is None


async def test_early_in_a_month_last_months_file_is_used(
    downloader: DbIpDownloader, fake: FakeDbIp, tmp_path: Path
) -> None:
    fake.files.clear()
    publish(fake, tmp_path / "older", date(2026, 2, 1))
    await downloader.refresh(TODAY)
    assert [r.status for r in fake.requests] == [404, 200, 404, 200]
    assert downloader.path(CITY).exists()


async def test_nothing_published_is_a_clear_error(
    downloader: DbIpDownloader, fake: FakeDbIp
) -> None:
    fake.files.clear()
    with pytest.raises(DownloadError, match="no city database published for 2026-03") as err:
        await downloader.refresh(TODAY)
    assert err.value.problem == PROBLEM_DOWNLOAD
    assert downloader.state(NOW).problem == PROBLEM_DOWNLOAD


@pytest.mark.parametrize(
    ("fault", "message"),
    [
        (DownloadFault.SERVER_ERROR, "HTTP 503"),
        (DownloadFault.CUT, "download failed"),
        (DownloadFault.GARBAGE, "unusable"),
        (DownloadFault.NOT_GZIP, "incomplete or not gzip"),
    ],
)
async def test_a_failed_download_keeps_the_old_database_answering(
    downloader: DbIpDownloader, fake: FakeDbIp, tmp_path: Path, fault: DownloadFault, message: str
) -> None:
    await downloader.refresh(TODAY)
    geo = offline(downloader)
    assert (await geo.locate([LONDON], NOW)).located[LONDON].city == "London"
    before = downloader.path(CITY).read_bytes()
    # Next month's file moves London to Paris; the download of it fails.
    moved = write_city(
        tmp_path / "moved" / "city.mmdb",
        places=(),
        records=[(f"{LONDON}/32", city_record(place("paris")))],
    )
    publish(fake, tmp_path / "moved", date(2026, 4, 1), moved)
    fake.fault = fault
    with pytest.raises(DownloadError, match=message) as err:
        await downloader.refresh(date(2026, 4, 2))
    assert err.value.problem == PROBLEM_DOWNLOAD
    assert downloader.path(CITY).read_bytes() == before
    assert leftovers(downloader.directory) == []
    assert (await geo.locate([LONDON], NOW)).located[LONDON].city == "London"

    fake.fault = DownloadFault.NONE
    await downloader.refresh(date(2026, 4, 2))
    assert downloader.state(NOW).problem is None
    assert (await geo.locate([LONDON], NOW)).located[LONDON].city == "Paris"


async def test_a_disk_that_refuses_the_write_is_its_own_problem(
    downloader: DbIpDownloader, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(dbip, "_replace", full)
    with pytest.raises(DownloadError, match="No space left on device") as err:
        await downloader.refresh(TODAY)
    assert err.value.problem == PROBLEM_DISK
    assert downloader.state(NOW).problem == PROBLEM_DISK
    assert leftovers(downloader.directory) == []


async def test_an_unwritable_directory_is_a_disk_problem(
    fake: FakeDbIp, session: aiohttp.ClientSession, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the folder should be")
    downloader = DbIpDownloader(session, blocker / "cache", fake.base_url)
    with pytest.raises(DownloadError) as err:
        await downloader.refresh(TODAY)
    assert err.value.problem == PROBLEM_DISK


async def test_refresh_is_due_monthly_with_jitter_and_stale_after_two_months(
    downloader: DbIpDownloader,
) -> None:
    await downloader.refresh(TODAY)
    installed = downloader.installed_at()
    assert installed is not None
    jitter = timedelta(days=2)
    assert not downloader.due(installed + timedelta(days=31), jitter)
    assert downloader.due(installed + timedelta(days=32), jitter)
    assert downloader.state(installed + timedelta(days=59)).problem is None
    stale = downloader.state(installed + timedelta(days=61))
    assert stale.problem == PROBLEM_STALE
    assert stale.age is not None and stale.age > timedelta(days=60)


async def test_an_old_file_on_disk_is_due_and_stale(downloader: DbIpDownloader) -> None:
    await downloader.refresh(TODAY)
    old = (datetime.now(UTC) - timedelta(days=70)).timestamp()
    os.utime(downloader.path(CITY), (old, old))
    now = datetime.now(UTC)
    assert downloader.due(now)
    assert downloader.state(now).problem == PROBLEM_STALE
