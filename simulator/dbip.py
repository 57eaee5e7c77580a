"""A fake DB-IP free download server on loopback, serving databases the tests built.

DB-IP publishes `dbip-{city,asn}-lite-YYYY-MM.mmdb.gz` under its free download path; the
fake serves whatever gzipped bytes it was given under those names, answers 404 for months
it has not been given, and can fail the ways a real download fails: a server error, a body
that stops half way, or content that is not a database.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
import gzip
from pathlib import Path

from aiohttp import web

from .mmdb import gzipped, write_asn, write_city


class DownloadFault(StrEnum):
    """How the fake misbehaves."""

    NONE = "none"
    SERVER_ERROR = "server_error"  # HTTP 503
    CUT = "cut"  # declares the whole length, sends half, closes the connection
    GARBAGE = "garbage"  # a valid gzip of something that is not a MaxMind DB
    NOT_GZIP = "not_gzip"  # the database bytes, uncompressed


@dataclass(frozen=True, slots=True)
class Download:
    """One request the fake received."""

    name: str
    status: int


class FakeDbIp:
    """Serves /free/<name> from `files`; start() returns the base URL to configure."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        """Listen on `host`:`port` (0 picks a free port)."""
        self.host = host
        self.port = port
        self.files: dict[str, bytes] = {}  # published name -> gzipped bytes
        self.fault = DownloadFault.NONE
        self.requests: list[Download] = []
        app = web.Application()
        app.router.add_get("/free/{name}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)

    @property
    def base_url(self) -> str:
        """The download path to configure (DB-IP's is https://download.db-ip.com/free)."""
        return f"http://{self.host}:{self.port}/free"

    async def start(self) -> str:
        """Start listening; return the base URL."""
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        self.port = int(self._runner.addresses[0][1])
        return self.base_url

    async def stop(self) -> None:
        """Stop listening."""
        await self._runner.cleanup()

    def publish_month(self, month: date, folder: Path) -> None:
        """Build City and ASN databases of the simulator's places in `folder`, for `month`."""
        city = write_city(folder / "city.mmdb")
        asn = write_asn(folder / "asn.mmdb")
        self.publish(f"dbip-city-lite-{month:%Y-%m}.mmdb.gz", gzipped(city))
        self.publish(f"dbip-asn-lite-{month:%Y-%m}.mmdb.gz", gzipped(asn))

    def publish(self, name: str, gzipped: bytes) -> None:
        """Serve `gzipped` as `name` (a dbip-*-lite-YYYY-MM.mmdb.gz file)."""
        self.files[name] = gzipped

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        body = self.files.get(name)
        status = 404 if body is None else 200
        if body is not None and self.fault is DownloadFault.SERVER_ERROR:
            status = 503
        self.requests.append(Download(name, status))
        if status != 200 or body is None:
            return web.Response(status=status, text="not here")
        if self.fault is DownloadFault.GARBAGE:
            body = gzip.compress(b"this is not a MaxMind DB file" * 100)
        elif self.fault is DownloadFault.NOT_GZIP:
            body = gzip.decompress(body)
        response = web.StreamResponse(
            headers={"Content-Type": "application/gzip", "Content-Length": str(len(body))}
        )
        await response.prepare(request)
        if self.fault is DownloadFault.CUT:
            await response.write(body[: len(body) // 2])
            await asyncio.sleep(0)
            transport = request.transport
            if transport is not None:
                transport.close()
            return response
        await response.write(body)
        await response.write_eof()
        return response
