"""A client for Plex's notification websocket: connect, read, reconnect with back-off.

PlexGeo's own client rather than the `plexwebsocket` package (MIT, used by HA core's Plex
integration): that package stops listening for good after one frame that is not JSON or
after eight failed attempts, logs every retry as an error, logs frames at debug level,
needs a connected plexapi server object and ships no type information. This client is a
hundred lines on the caller's aiohttp session and answers to PlexGeo's rules:

- The token goes in the URL's query, to the configured server only. aiohttp follows
  redirects on a websocket handshake and would forward a token header to wherever the
  server points; a query string is not carried over. Because that URL holds the token, no
  aiohttp error text is ever logged or kept (their `str()` includes the URL): errors are
  described by type and status only (`describe_error`).
- The server's certificate is checked unless the entry turned that off (`verify_ssl`).
- Every failure backs off, 1 s doubling to 5 min; a server that answers 404 (no websocket
  support) is asked again only at the longest interval.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
import logging
import time

import aiohttp
from yarl import URL

from .notifications import WEBSOCKET_PATH, GarbledNotification, PlayNotification, parse_frame
from .wire import PushHealth as PushHealthRow

_LOGGER = logging.getLogger(__name__)

BACKOFF_FIRST = 1.0
BACKOFF_MAX = 300.0
# A connection that lasted less than this did not prove the server healthy.
STABLE_SECONDS = 30.0
HEARTBEAT_SECONDS = 30.0
CLOSE_TIMEOUT = 2.0
MAX_FRAME_BYTES = 1 << 20

_sleep = asyncio.sleep  # tests replace it to read the back-off without waiting

type NotesCallback = Callable[[list[PlayNotification]], None]
type StateCallback = Callable[[bool, str | None], None]


@dataclass(slots=True)
class PushHealth:
    """How the notification socket is doing, for diagnostics and the panel."""

    connected: bool = False
    since: datetime | None = None  # when `connected` last changed
    notifications: int = 0  # play-state notifications received
    fetches: int = 0  # sessions fetches they triggered
    garbled: int = 0  # frames that were not notifications
    connects: int = 0
    last_error: str | None = None  # type or status only, never an error's text

    def as_dict(self) -> PushHealthRow:
        """JSON-ready, as the panel receives it."""
        return {
            "connected": self.connected,
            "since": self.since.isoformat() if self.since else None,
            "notifications": self.notifications,
            "fetches": self.fetches,
            "garbled": self.garbled,
            "connects": self.connects,
            "last_error": self.last_error,
        }


def describe_error(err: BaseException) -> str:
    """An error as safe text: its type and HTTP status, never its message (it has the URL)."""
    if isinstance(err, aiohttp.ClientResponseError):
        return f"HTTP {err.status}"
    return type(err).__name__


def websocket_url(base_url: str, token: str) -> URL:
    """The notification socket's URL for a server's base URL (ws:// or wss://)."""
    url = URL(base_url.rstrip("/"))
    path = url.path.rstrip("/") + WEBSOCKET_PATH
    scheme = "wss" if url.scheme == "https" else "ws"
    return url.with_scheme(scheme).with_path(path).with_query({"X-Plex-Token": token})


class NotificationSocket:
    """Keeps one websocket to a Plex server open and hands its notifications on."""

    def __init__(
        self,
        session: aiohttp.ClientSession,
        base_url: str,
        token: str,
        *,
        verify_ssl: bool,
        on_notes: NotesCallback,
        on_state: StateCallback,
        now: Callable[[], datetime],
    ) -> None:
        """Nothing is sent until `run`."""
        self._session = session
        self._url = websocket_url(base_url, token)
        self._verify_ssl = verify_ssl
        self._on_notes = on_notes
        self._on_state = on_state
        self._now = now
        self._failures = 0
        self._stopping = False
        self.health = PushHealth()

    def __repr__(self) -> str:
        """No token in a repr."""
        return f"<NotificationSocket {self._url.host}:{self._url.port}>"

    def _set_connected(self, connected: bool, error: str | None) -> None:
        if error is not None:
            self.health.last_error = error
        if connected != self.health.connected or self.health.since is None:
            self.health.connected = connected
            self.health.since = self._now()
        self._on_state(connected, error)

    def stop(self) -> None:
        """Make `run` end at its next step; the caller also cancels its task.

        The flag, not only the cancel, ends it: aiohttp turns a cancel that meets one of its
        own timeouts into TimeoutError and uncancels the task, so a cancel alone can be lost
        and the socket would reconnect (and the unload, and a reload, wait for ever).
        """
        self._stopping = True

    def stopping(self) -> bool:
        """Whether `stop` was called (a call, so it is read afresh after every await)."""
        return self._stopping

    async def run(self) -> None:
        """Connect, read, and reconnect after every failure, until stopped or cancelled."""
        while not self.stopping():
            started = time.monotonic()
            try:
                error = await self._connect_and_read()
            except (aiohttp.ClientError, OSError, TimeoutError) as err:
                task = asyncio.current_task()
                if task is not None and task.cancelling():
                    # A stop that raced a connect timeout arrives as TimeoutError: still a
                    # stop (else unload, and the reload waiting for it, would never end).
                    raise asyncio.CancelledError from err
                error = describe_error(err)
            if self.stopping():
                return
            if time.monotonic() - started >= STABLE_SECONDS:
                self._failures = 0
            self._set_connected(False, error)
            delay = min(BACKOFF_FIRST * 2**self._failures, BACKOFF_MAX)
            if error == "HTTP 404":
                delay = BACKOFF_MAX
            self._failures += 1
            _LOGGER.debug("Plex notifications: %s; next try in %.0f s", error, delay)
            await _sleep(delay)

    async def _connect_and_read(self) -> str:
        """One connection; returns why it ended."""
        async with self._session.ws_connect(
            self._url,
            ssl=self._verify_ssl,
            heartbeat=HEARTBEAT_SECONDS,
            max_msg_size=MAX_FRAME_BYTES,
            timeout=aiohttp.ClientWSTimeout(ws_close=CLOSE_TIMEOUT),
        ) as ws:
            self.health.connects += 1
            self._set_connected(True, None)
            async for message in ws:
                if self.stopping():
                    break
                if message.type is aiohttp.WSMsgType.TEXT:
                    self._frame(message.data)
                elif message.type is aiohttp.WSMsgType.BINARY:
                    self.health.garbled += 1
                elif message.type is aiohttp.WSMsgType.ERROR:  # the error rides in `data`
                    error = message.data if isinstance(message.data, BaseException) else None
                    return describe_error(error or ConnectionError())
        return "closed by the server"

    def _frame(self, data: str) -> None:
        try:
            notes = parse_frame(data)
        except GarbledNotification:
            self.health.garbled += 1
            return
        if notes:
            self.health.notifications += len(notes)
            self._on_notes(notes)
