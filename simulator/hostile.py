"""Hostile answers, shared by the fake Plex and the fake ip-api: a redirect to elsewhere,
an endless answer, an answer that trickles in, and a server that records what reaches it.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field

from aiohttp import web
from multidict import CIMultiDict

HUGE_BYTES = 200 * 2**20  # the size of the answer in issue 13
DRIP_SECONDS = 5.0
_FILLER_CHUNK = 64 * 2**10
# (start, what repeats, end, content type): a valid Plex sessions list and a valid ip-api
# batch answer, both of any size.
_FILLERS = {
    "xml": (
        b'<MediaContainer size="0">',
        b'<Video title="filler" type="movie"/>',
        b"</MediaContainer>",
        "text/xml",
    ),
    "json": (
        b"[",
        b'{"status":"success","countryCode":"GB","lat":1,"lon":2},',
        b"{}]",
        "application/json",
    ),
}


@dataclass(slots=True)
class Streamed:
    """How much of an endless answer actually left the server before the client hung up."""

    size: int = HUGE_BYTES
    declare_length: bool = False  # send Content-Length (a client can refuse before reading)
    bytes_sent: int = 0
    finished: bool = False


async def stream_filler(request: web.Request, streamed: Streamed, kind: str) -> web.StreamResponse:
    """Stream `streamed.size` bytes of `kind` ("xml" or "json") without holding them."""
    prefix, filler, suffix, content_type = _FILLERS[kind]
    response = web.StreamResponse(headers={"Content-Type": content_type})
    # Whole elements only, so the answer stays well-formed at any size.
    repeats = (streamed.size - len(prefix) - len(suffix)) // len(filler)
    if streamed.declare_length:
        response.content_length = len(prefix) + repeats * len(filler) + len(suffix)
    response.force_close()
    await response.prepare(request)
    per_chunk = max(_FILLER_CHUNK // len(filler), 1)
    streamed.bytes_sent = 0
    with contextlib.suppress(ConnectionError):  # the client hung up, as it should
        await response.write(prefix)
        streamed.bytes_sent = len(prefix)
        while repeats > 0:
            count = min(per_chunk, repeats)
            await response.write(filler * count)
            streamed.bytes_sent += count * len(filler)
            repeats -= count
        await response.write(suffix)
        streamed.bytes_sent += len(suffix)
        await response.write_eof()
        streamed.finished = True
    return response


async def drip(request: web.Request, answer: web.Response, seconds: float) -> web.StreamResponse:
    """Send `answer`'s headers at once, then its body one byte every `seconds`."""
    body = answer.body if isinstance(answer.body, bytes) else b""
    response = web.StreamResponse(status=answer.status, headers=answer.headers)
    response.content_length = len(body)
    response.force_close()
    await response.prepare(request)
    with contextlib.suppress(ConnectionError):
        for index in range(len(body)):
            await response.write(body[index : index + 1])
            await asyncio.sleep(seconds)
        await response.write_eof()
    return response


def redirect(location: str) -> web.Response:
    """A 302 to `location`, as a server moved behind a proxy (or a hostile one) answers."""
    return web.Response(status=302, headers={"Location": location})


class DripServer:
    """A bare TCP server that sends a whole HTTP answer, status line included, byte by byte.

    aiohttp always sends headers at once; this covers a server trickling those too.
    """

    def __init__(self, body: bytes, *, seconds: float, content_type: str = "text/xml") -> None:
        """Answer every request with `body`, one byte every `seconds`."""
        head = (
            f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
        )
        self._answer = head.encode() + body
        self._seconds = seconds
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self.url = ""

    async def start(self) -> str:
        """Listen on loopback; return the base URL."""
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        port = self._server.sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        return self.url

    async def stop(self) -> None:
        """Stop listening and drop every connection."""
        for task in self._tasks:
            task.cancel()
        if self._server is not None:
            self._server.close()
            self._server.close_clients()
            await self._server.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        with contextlib.suppress(ConnectionError, asyncio.CancelledError):
            await reader.readuntil(b"\r\n\r\n")
            for index in range(len(self._answer)):
                writer.write(self._answer[index : index + 1])
                await writer.drain()
                await asyncio.sleep(self._seconds)
        writer.close()
        self._tasks.discard(task)


@dataclass(frozen=True, slots=True)
class Captured:
    """One request that reached the capture server."""

    method: str
    path: str
    headers: CIMultiDict[str]
    query: dict[str, str]


@dataclass(slots=True)
class CaptureServer:
    """A server on loopback that records every request: where a redirect must not lead."""

    requests: list[Captured] = field(default_factory=list)
    url: str = ""
    _runner: web.AppRunner | None = None

    async def start(self) -> str:
        """Listen on loopback; return the base URL."""
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._record)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.url = f"http://127.0.0.1:{self._runner.addresses[0][1]}"
        return self.url

    async def stop(self) -> None:
        """Stop listening."""
        if self._runner is not None:
            await self._runner.cleanup()

    async def _record(self, request: web.Request) -> web.Response:
        self.requests.append(
            Captured(
                request.method, request.path, CIMultiDict(request.headers), dict(request.query)
            )
        )
        return web.Response(text='<MediaContainer size="0"/>', content_type="text/xml")
