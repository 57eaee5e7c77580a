"""What crosses the network, bounded: byte caps, overall deadlines, no redirects, no environment.

Plex is reached through plexapi, which is synchronous and uses `requests`; `GuardedSession` is
the session it gets. Geolocation and discovery use aiohttp on the event loop; `read_capped`
is how they read an answer.
"""

from __future__ import annotations

import contextlib
import re
import socket
import threading
from typing import Any, Final
from urllib.parse import urlsplit

import aiohttp
import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from .errors import PlexRedirectError, PlexUnreachable, ResponseTooLarge

_CHUNK: Final = 64 * 1024
_SAFE_LOCATION_LENGTH: Final = 200
# What a redirect's target may look like to be shown in a form (no markup can pass).
_ORIGIN: Final = re.compile(
    r"https?://[A-Za-z0-9.\-]{1,253}(:[0-9]{1,5})?|https?://\[[0-9A-Fa-f:.]{2,45}\](:[0-9]{1,5})?"
)


async def read_capped(response: aiohttp.ClientResponse, limit: int, what: str) -> bytes:
    """The whole body, or ResponseTooLarge as soon as it is known to exceed `limit` bytes."""
    declared = response.content_length
    if declared is not None and declared > limit:
        raise ResponseTooLarge(what, limit)
    body = bytearray()
    async for chunk in response.content.iter_chunked(_CHUNK):
        body += chunk
        if len(body) > limit:
            raise ResponseTooLarge(what, limit)
    return bytes(body)


def redirect_error(location: str | None) -> PlexRedirectError:
    """The error for a redirect to `location` (the server's untrusted Location header)."""
    text = "".join(ch for ch in location or "" if ch.isprintable() and not ch.isspace())
    if len(text) > _SAFE_LOCATION_LENGTH:
        text = text[:_SAFE_LOCATION_LENGTH] + "…"
    try:
        parts = urlsplit(text)
        origin = f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}"
    except ValueError:
        origin = ""
    if not _ORIGIN.fullmatch(origin):
        origin = "another address"
    return PlexRedirectError(text or "an empty location", origin)


# --- the deadline for synchronous requests ----------------------------------------------------
#
# requests only has per-read timeouts: a server that sends one byte every few seconds never
# trips them. A timer shuts down the sockets a call uses when its deadline passes, which makes
# the blocked read return at once, wherever it is (TLS handshake, headers or body).

_current = threading.local()


class _Deadline:
    """Shuts down every socket registered while it is active, once `seconds` have passed."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        _current.deadline = self
        self._timer.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._timer.cancel()
        _current.deadline = None

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            if not self.expired:
                self._sockets.append(sock)
                return
        _shutdown(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            sockets, self._sockets = self._sockets, []
        for sock in sockets:
            _shutdown(sock)


def _shutdown(sock: socket.socket) -> None:
    # The plain socket's shutdown, also for TLS sockets: SSLSocket.shutdown would unwrap the
    # TLS layer under the thread that is reading from it.
    with contextlib.suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


def _watch(sock: socket.socket | None) -> None:
    deadline: _Deadline | None = getattr(_current, "deadline", None)
    if deadline is not None and sock is not None:
        deadline.watch(sock)


class _Watched:
    """Mixed into urllib3's connections: each socket a call uses is reported to its deadline."""

    sock: socket.socket | None

    def _new_conn(self) -> socket.socket:
        sock: socket.socket = super()._new_conn()  # type: ignore[misc]
        _watch(sock)
        return sock

    def request(self, *args: Any, **kwargs: Any) -> None:
        _watch(self.sock)  # a kept-alive connection, reused by this call
        super().request(*args, **kwargs)  # type: ignore[misc]


class _HTTPConnection(_Watched, HTTPConnection):
    pass


class _HTTPSConnection(_Watched, HTTPSConnection):
    pass


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


class _DeadlineAdapter(HTTPAdapter):
    """An adapter whose connections report their sockets to the current deadline."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}


class GuardedSession(requests.Session):
    """A requests session for Plex: explicit TLS, no redirects, a byte cap, a deadline.

    - `trust_env` is off: REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE would otherwise override
      "verify off" and replace the CA store behind "verify on", and proxies or .netrc from
      the environment would see the token.
    - Redirects are refused (PlexRedirectError naming the target): requests would resend
      X-Plex-Token to whatever host the redirect names.
    - A body larger than `max_bytes` is refused while it is read (ResponseTooLarge).
    - A call not finished within `deadline` seconds fails as PlexUnreachable.
    """

    def __init__(self, *, verify: bool, max_bytes: int, deadline: float) -> None:
        """Verify TLS certificates when `verify`, against certifi's CA bundle."""
        super().__init__()
        self.trust_env = False
        self.verify = verify
        self.max_bytes = max_bytes
        self.deadline = deadline
        adapter = _DeadlineAdapter()
        self.mount("http://", adapter)
        self.mount("https://", adapter)

    def request(
        self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any
    ) -> requests.Response:
        """Send one request and read its whole body within the limits."""
        kwargs |= {"allow_redirects": False, "stream": True, "verify": self.verify}
        what = f"The Plex server's answer to {urlsplit(str(url)).path or '/'}"
        with _Deadline(self.deadline) as deadline:
            try:
                response = super().request(method, url, *args, **kwargs)
                try:
                    _refuse_redirect(response)
                    response._content = _read_body(response, self.max_bytes, what)
                    response._content_consumed = True
                finally:
                    response.close()
            except (requests.RequestException, OSError, ValueError):
                if not deadline.expired:
                    raise
            # A socket shut down mid-answer can also look like an ordinary end of the body.
            if deadline.expired:
                raise PlexUnreachable(f"{what} did not arrive within {self.deadline:g} s")
        return response


def _refuse_redirect(response: requests.Response) -> None:
    if response.is_redirect:
        raise redirect_error(response.headers.get("Location"))


def _read_body(response: requests.Response, limit: int, what: str) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        raise ResponseTooLarge(what, limit)
    body = bytearray()
    for chunk in response.iter_content(_CHUNK):
        body += chunk
        if len(body) > limit:
            raise ResponseTooLarge(what, limit)
    return bytes(body)
