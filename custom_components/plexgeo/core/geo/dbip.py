"""The managed DB-IP Lite download: fetched monthly, installed atomically beside the old file.

DB-IP publishes its free City Lite and ASN Lite databases each month as
`dbip-{city,asn}-lite-YYYY-MM.mmdb.gz` (CC BY 4.0, attribution required). A download is
streamed to a partial file, decompressed and opened in the executor, and only then renamed
over the file in use: a download that stops half way, a corrupt file or a full disk leaves
the old database answering. The offline provider notices the new file and reopens it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
import contextlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
import gzip
import logging
import os
from pathlib import Path
from typing import Final, TypeVar
import zlib

import aiohttp

from ..errors import ResponseTooLarge
from .mmdb import DatabaseUnavailable, open_reader

_LOGGER = logging.getLogger(__name__)
_T = TypeVar("_T")

PROVIDER_NAME: Final = "dbip"
DEFAULT_DOWNLOAD_URL: Final = "https://download.db-ip.com/free"
ATTRIBUTION: Final = "IP Geolocation by DB-IP"
ATTRIBUTION_URL: Final = "https://db-ip.com"
CITY: Final = "city"
ASN: Final = "asn"
# A new month's file appears some days into the month: refresh after a month, and say the
# database is out of date (a repair issue) once it is two months old.
REFRESH_AFTER: Final = timedelta(days=30)
STALE_AFTER: Final = timedelta(days=60)
# City Lite is about 60 MB compressed and 130 MB open; anything far past that is not DB-IP.
MAX_COMPRESSED_BYTES: Final = 512 * 2**20
MAX_DATABASE_BYTES: Final = 2 * 2**30
_CHUNK: Final = 2**20

PROBLEM_DOWNLOAD: Final = "download_failed"
PROBLEM_DISK: Final = "disk_refused"
PROBLEM_STALE: Final = "database_stale"


class DownloadError(Exception):
    """A download that did not install; `problem` is PROBLEM_DOWNLOAD or PROBLEM_DISK."""

    def __init__(self, problem: str, message: str) -> None:
        """Keep the kind of problem beside the text."""
        super().__init__(message)
        self.problem = problem


def file_name(kind: str) -> str:
    """The installed file for `kind` (CITY or ASN)."""
    return f"dbip-{kind}-lite.mmdb"


def published_name(kind: str, month: date) -> str:
    """The name DB-IP publishes `kind` under for `month`."""
    return f"dbip-{kind}-lite-{month.year:04d}-{month.month:02d}.mmdb.gz"


def _previous_month(day: date) -> date:
    first = day.replace(day=1)
    return (first - timedelta(days=1)).replace(day=1)


@dataclass(frozen=True, slots=True)
class DatabaseState:
    """What the managed files look like now, for diagnostics and repair issues."""

    age: timedelta | None  # since the City file was installed; None when there is none
    last_error: str | None
    problem: str | None  # PROBLEM_* for a repair issue, or None


class DbIpDownloader:
    """Keeps DB-IP Lite City and ASN files current in `directory`."""

    def __init__(
        self,
        session: aiohttp.ClientSession,
        directory: Path,
        base_url: str = DEFAULT_DOWNLOAD_URL,
        *,
        timeout: float = 900.0,
    ) -> None:
        """Download from `base_url` into `directory` through `session`."""
        self._session = session
        self.directory = directory
        self._base_url = base_url.rstrip("/")
        self._timeout = timeout
        self._last_error: str | None = None
        self._problem: str | None = None
        self._lock = asyncio.Lock()

    def path(self, kind: str) -> Path:
        """Where the installed `kind` database is."""
        return self.directory / file_name(kind)

    def installed_at(self) -> datetime | None:
        """When the City file was installed (its modification time), or None; blocking."""
        try:
            mtime = self.path(CITY).stat().st_mtime
        except OSError:
            return None
        return datetime.fromtimestamp(mtime, tz=UTC)

    def state(self, now: datetime) -> DatabaseState:
        """Age, last error and the problem to show; blocking (a stat)."""
        installed = self.installed_at()
        age = None if installed is None else now - installed
        problem = self._problem
        if age is not None and age > STALE_AFTER:
            problem = PROBLEM_STALE  # the user sees the age; last_error says why
        return DatabaseState(age=age, last_error=self._last_error, problem=problem)

    def due(self, now: datetime, jitter: timedelta = timedelta(0)) -> bool:
        """Whether a refresh is due: no file yet, or one older than a month (plus jitter)."""
        installed = self.installed_at()
        return installed is None or now - installed >= REFRESH_AFTER + jitter

    async def refresh(self, today: date) -> None:
        """Download and install both databases; DownloadError says what went wrong."""
        async with self._lock:
            try:
                for kind in (CITY, ASN):
                    await self._install(kind, today)
            except DownloadError as err:
                self._last_error, self._problem = str(err), err.problem
                raise
            self._last_error = self._problem = None

    async def _install(self, kind: str, today: date) -> None:
        loop = asyncio.get_running_loop()
        await self._run(loop, self.directory.mkdir, parents=True, exist_ok=True)
        partial = self.directory / f".{file_name(kind)}.gz.part"
        unpacked = self.directory / f".{file_name(kind)}.new"
        try:
            await self._fetch(kind, today, partial)
            await self._run(loop, _unpack, partial, unpacked)
            await self._run(loop, _replace, unpacked, self.path(kind))
        finally:
            # Nothing half-written stays behind, whatever failed.
            await loop.run_in_executor(None, _remove, partial)
            await loop.run_in_executor(None, _remove, unpacked)
        _LOGGER.info("Installed DB-IP Lite %s database", kind)

    async def _run(
        self, loop: asyncio.AbstractEventLoop, func: Callable[..., _T], *args: object, **kw: object
    ) -> _T:
        """Run blocking file work in the executor; a refused write is PROBLEM_DISK."""
        try:
            return await loop.run_in_executor(None, lambda: func(*args, **kw))
        except OSError as err:
            raise DownloadError(
                PROBLEM_DISK, f"cannot write in {self.directory}: {err.strerror or err}"
            ) from None

    async def _fetch(self, kind: str, today: date, partial: Path) -> None:
        """Stream this month's file (or last month's, early in a month) to `partial`."""
        months = (today, _previous_month(today))
        for month in months:
            url = f"{self._base_url}/{published_name(kind, month)}"
            try:
                if await self._stream(url, partial):
                    return
            except TimeoutError:
                raise DownloadError(
                    PROBLEM_DOWNLOAD, f"{kind} database download timed out"
                ) from None
            except aiohttp.ClientError as err:
                raise DownloadError(
                    PROBLEM_DOWNLOAD,
                    f"{kind} database download failed: {type(err).__name__}: {err}",
                ) from None
            except ResponseTooLarge as err:
                raise DownloadError(PROBLEM_DOWNLOAD, str(err)) from None
        raise DownloadError(
            PROBLEM_DOWNLOAD, f"no {kind} database published for {today:%Y-%m} or the month before"
        )

    async def _stream(self, url: str, partial: Path) -> bool:
        """Write the answer to `partial`; False when the file is not published (404)."""
        loop = asyncio.get_running_loop()
        async with (
            asyncio.timeout(self._timeout),
            self._session.get(url, allow_redirects=False) as response,
        ):
            if response.status == 404:
                return False
            if response.status != 200:
                raise DownloadError(
                    PROBLEM_DOWNLOAD, f"download server answered HTTP {response.status}"
                )
            declared = response.content_length
            if declared is not None and declared > MAX_COMPRESSED_BYTES:
                raise ResponseTooLarge("The database download", MAX_COMPRESSED_BYTES)
            handle = await self._run(loop, partial.open, "wb")
            try:
                written = 0
                async for chunk in response.content.iter_chunked(_CHUNK):
                    written += len(chunk)
                    if written > MAX_COMPRESSED_BYTES:
                        raise ResponseTooLarge("The database download", MAX_COMPRESSED_BYTES)
                    await self._run(loop, handle.write, chunk)
                await self._run(loop, os.fsync, handle.fileno())
            finally:
                await loop.run_in_executor(None, handle.close)
        return True


def _unpack(partial: Path, unpacked: Path) -> None:
    """Decompress and check the file opens as a MaxMind DB; DownloadError when it does not."""
    try:
        with gzip.open(partial, "rb") as source, unpacked.open("wb") as target:
            copied = 0
            while block := source.read(_CHUNK):
                copied += len(block)
                if copied > MAX_DATABASE_BYTES:
                    raise DownloadError(PROBLEM_DOWNLOAD, "the database is implausibly large")
                target.write(block)
            target.flush()
            os.fsync(target.fileno())
    except (EOFError, gzip.BadGzipFile, zlib.error) as err:
        raise DownloadError(
            PROBLEM_DOWNLOAD, f"the download is incomplete or not gzip ({err})"
        ) from None
    try:
        open_reader(unpacked).close()
    except DatabaseUnavailable as err:
        raise DownloadError(PROBLEM_DOWNLOAD, f"the download is unusable: {err}") from None


def _replace(unpacked: Path, target: Path) -> None:
    """Put the new file in place in one step, and make the rename durable."""
    unpacked.replace(target)
    fd = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):  # cleaning up must not hide why the install failed
        path.unlink(missing_ok=True)
