"""A Plex Media Server on loopback, for the endpoints PlexGeo uses.

The XML mirrors a real server's (element and attribute names from Plex's own answers), so
plexapi parses it and PlexGeo's parser reads it as it would read Plex. Failure modes make
the server misbehave on demand. It runs on the caller's event loop; plexapi, which is
synchronous, reaches it from an executor thread.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Awaitable, Callable
import contextlib
from enum import StrEnum
import ssl
from typing import Any

from aiohttp import web

from simulator import hostile
from simulator.plex_notifications import NotificationHub
from simulator.plex_xml import (
    element,
    error_response,
    flag,
    garbage_items,
    live_uuid,
    render_session,
    truncated,
    xml_response,
)
from simulator.scenario import (
    Scenario,
    SimDecision,
    SimMediaKind,
    SimSession,
)

DEFAULT_TOKEN = "plexgeo-sim-token"  # noqa: S105  (a test fixture, not a secret)
DEFAULT_MACHINE_IDENTIFIER = "5f0c3e9d8b7a4c2e1f0a9b8c7d6e5f4a3b2c1d0e"
DEFAULT_FRIENDLY_NAME = "PlexGeo Simulator"
PLEX_VERSION = "1.41.3.9314-a0bfb8370"
SLOW_DELAY_SECONDS = 5.0

type _Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

_SUBSCRIBER_FEATURES = "pass,session_kick,session_bandwidth_restrictions,"
_OWNER_FEATURES = (
    "adaptive_bitrate,camera_upload,collections,content_filter,download_certificates,dvr,"
    "federated-auth,hardware_transcoding,home,hwtranscode,livetv,loudness,lyrics,"
    "music_videos,photos-v5,radio,server-manager,shared-radio,sync,trailers,webhooks"
)


class FailureMode(StrEnum):
    """How the simulated server misbehaves."""

    NONE = "none"
    REFUSE = "refuse"  # nothing listens on the port
    SLOW = "slow"  # answers after a delay
    HTTP_500 = "http_500"
    HTTP_503 = "http_503"
    UNAUTHORIZED = "unauthorized"  # 401 even with the right token
    TRUNCATED = "truncated"  # XML cut mid-element
    MALFORMED = "malformed"  # not XML at all
    GARBAGE_ATTRIBUTES = "garbage_attributes"  # valid XML, missing and absurd attributes
    REDIRECT = "redirect"  # 302 to `redirect_location`
    HUGE = "huge"  # an endless answer, streamed (see `streamed`)
    DRIP = "drip"  # the answer one byte every `delay` seconds


class PlexSimulator:
    """A fake Plex Media Server serving a `Scenario` over HTTP on loopback."""

    def __init__(
        self,
        scenario: Scenario | None = None,
        *,
        token: str = DEFAULT_TOKEN,
        machine_identifier: str = DEFAULT_MACHINE_IDENTIFIER,
        friendly_name: str = DEFAULT_FRIENDLY_NAME,
        plex_pass: bool = True,
        host: str = "127.0.0.1",
        port: int = 0,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        """Configure the server (HTTPS with `ssl_context`); nothing listens until `start()`."""
        self.scenario = scenario if scenario is not None else Scenario()
        self.token = token
        self.machine_identifier = machine_identifier
        self.friendly_name = friendly_name
        self.plex_pass = plex_pass
        self.host = host
        self.port = port
        self.failure = FailureMode.NONE
        self.slow_delay = SLOW_DELAY_SECONDS
        self.fail_all_endpoints = False
        self.ssl_context = ssl_context
        self.redirect_location = "http://127.0.0.1:9/"
        self.streamed = hostile.Streamed()
        self._requests: Counter[str] = Counter()
        self._with_token: Counter[str] = Counter()
        self._runner: web.AppRunner | None = None
        self._site: web.TCPSite | None = None
        self._stopping = asyncio.Event()
        self.notifications = NotificationHub(lambda: self.sessions)

    # --- lifecycle ---------------------------------------------------------------------

    @property
    def url(self) -> str:
        """The base URL, such as http://127.0.0.1:32400 (the port is known after start)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{'https' if self.ssl_context else 'http'}://{host}:{self.port}"

    async def start(self) -> str:
        """Listen, and return the base URL."""
        if self._runner is not None:
            raise RuntimeError("the simulator is already running")
        app = web.Application(middlewares=[self._middleware])
        app.router.add_get("/", self._root)
        app.router.add_get("/identity", self._identity)
        app.router.add_get("/accounts", self._accounts)
        app.router.add_get("/status/sessions", self._sessions)
        app.router.add_get("/status/sessions/terminate", self._terminate)
        app.router.add_get("/livetv/sessions/{uuid}", self._live_tv)
        self.notifications.install(app)  # /:/websockets/notifications
        self._stopping = asyncio.Event()
        runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await runner.setup()
        self._runner = runner
        await self._listen()
        return self.url

    async def stop(self) -> None:
        """Stop listening and drop every connection."""
        self._stopping.set()  # wakes handlers sleeping in SLOW mode
        if self._runner is not None:
            await self._runner.cleanup()
        self._runner = None
        self._site = None

    async def _listen(self) -> None:
        assert self._runner is not None
        site = web.TCPSite(self._runner, self.host, self.port, ssl_context=self.ssl_context)
        await site.start()
        self._site = site
        if self.port == 0:
            self.port = int(self._runner.addresses[-1][1])

    # --- failures ------------------------------------------------------------------------

    async def fail(
        self,
        mode: FailureMode,
        *,
        delay: float = SLOW_DELAY_SECONDS,
        all_endpoints: bool = False,
    ) -> None:
        """Misbehave from now on: on `/status/sessions`, or everywhere with `all_endpoints`.

        REFUSE stops listening altogether; `recover()` listens again on the same port.
        """
        if self.failure is FailureMode.REFUSE and mode is not FailureMode.REFUSE:
            await self._listen()
        self.failure = mode
        self.slow_delay = delay
        self.fail_all_endpoints = all_endpoints
        if mode is FailureMode.REFUSE and self._site is not None:
            await self._site.stop()
            self._site = None
            await self.notifications.close_all()

    async def recover(self) -> None:
        """Behave again, listening on the same port if REFUSE had closed it."""
        await self.fail(FailureMode.NONE)

    # --- the scenario, for tests -----------------------------------------------------------

    @property
    def sessions(self) -> tuple[SimSession, ...]:
        """The sessions the server currently reports."""
        return self.scenario.sessions

    @property
    def terminated(self) -> list[tuple[str, str]]:
        """(session id, reason) of every session stopped through the terminate endpoint."""
        return self.scenario.terminated

    def add_session(self, session: SimSession) -> str:
        """Start a session; returns its session key."""
        return self.scenario.add_session(session)

    def update_session(self, key: str, **changes: Any) -> SimSession:
        """Change fields of a current session."""
        return self.scenario.update_session(key, **changes)

    def remove_session(self, key: str) -> SimSession:
        """Stop a session."""
        return self.scenario.remove_session(key)

    def clear(self) -> None:
        """Stop every session."""
        self.scenario.clear()

    def request_count(self, path: str) -> int:
        """How many requests reached `path` (query string excluded), answered or not."""
        return self._requests[path]

    def token_request_count(self) -> int:
        """How many requests carried a token (any token), on every path."""
        return sum(self._with_token.values())

    # --- HTTP --------------------------------------------------------------------------------

    @web.middleware
    async def _middleware(self, request: web.Request, handler: _Handler) -> web.StreamResponse:
        self._requests[request.path] += 1
        token = request.headers.get("X-Plex-Token") or request.query.get("X-Plex-Token")
        if token:
            self._with_token[request.path] += 1
        failing = self.fail_all_endpoints or request.path == "/status/sessions"
        response: web.StreamResponse
        # Like real Plex, /identity answers without a token (discovery relies on it).
        needs_token = request.path != "/identity"
        if (needs_token and token != self.token) or (
            failing and self.failure is FailureMode.UNAUTHORIZED
        ):
            response = error_response(401, "Unauthorized")
        elif failing and self.failure is FailureMode.SLOW:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), self.slow_delay)
            response = await handler(request)
        elif failing and self.failure is FailureMode.HTTP_500:
            response = error_response(500, "Internal Server Error")
        elif failing and self.failure is FailureMode.HTTP_503:
            response = error_response(503, "Service Unavailable")
        elif failing and self.failure is FailureMode.MALFORMED:
            response = web.Response(text='{"error": "not xml"}', content_type="text/xml")
        elif failing and self.failure is FailureMode.TRUNCATED:
            response = truncated(await handler(request))
        elif failing and self.failure is FailureMode.REDIRECT:
            response = hostile.redirect(self.redirect_location)
        elif failing and self.failure is FailureMode.HUGE:
            return await hostile.stream_filler(request, self.streamed, "xml")
        elif failing and self.failure is FailureMode.DRIP:
            answer = await handler(request)
            assert isinstance(answer, web.Response)
            return await hostile.drip(request, answer, self.slow_delay)
        else:
            response = await handler(request)
        response.headers["X-Plex-Protocol"] = "1.0"
        # One request per connection: a kept-alive socket would outlive REFUSE.
        response.force_close()
        return response

    async def _root(self, request: web.Request) -> web.StreamResponse:
        features = (_SUBSCRIBER_FEATURES if self.plex_pass else "") + _OWNER_FEATURES
        root = element(
            None,
            "MediaContainer",
            size="0",
            allowCameraUpload="1",
            allowSharing="1",
            allowSync="1",
            allowTuners="1",
            certificate="1",
            countryCode="gbr",
            friendlyName=self.friendly_name,
            livetv="7",
            machineIdentifier=self.machine_identifier,
            multiuser="1",
            myPlex="1",
            myPlexMappingState="mapped",
            myPlexSigninState="ok",
            myPlexSubscription=flag(self.plex_pass),
            myPlexUsername="owner@example.com",
            ownerFeatures=features,
            platform="Linux",
            platformVersion="24.04.1 LTS (Noble Numbat)",
            transcoderActiveVideoSessions=str(
                sum(s.decision is SimDecision.TRANSCODE for s in self.sessions)
            ),
            transcoderAudio="1",
            transcoderVideo="1",
            updatedAt="1732540800",
            version=PLEX_VERSION,
        )
        for key in ("activities", "clients", "library", "livetv", "status", "transcode"):
            element(root, "Directory", count="1", key=key, title=key)
        return xml_response(root)

    async def _identity(self, request: web.Request) -> web.StreamResponse:
        return xml_response(
            element(
                None,
                "MediaContainer",
                size="0",
                apiVersion="1.1.1",
                claimed="1",
                machineIdentifier=self.machine_identifier,
                version=PLEX_VERSION,
            )
        )

    async def _accounts(self, request: web.Request) -> web.StreamResponse:
        accounts = [(0, ""), *((i, n) for i, n in self.scenario.accounts() if i != 0)]
        root = element(
            None,
            "MediaContainer",
            size=str(len(accounts)),
            identifier="com.plexapp.system.accounts",
        )
        for account_id, name in accounts:
            element(
                root,
                "Account",
                id=str(account_id),
                key=f"/accounts/{account_id}",
                name=name,
                defaultAudioLanguage="en",
                autoSelectAudio="1",
                defaultSubtitleLanguage="en",
                subtitleMode="1",
                thumb="",
            )
        return xml_response(root)

    async def _sessions(self, request: web.Request) -> web.StreamResponse:
        items = [render_session(s) for s in self.sessions]
        if self.failure is FailureMode.GARBAGE_ATTRIBUTES:
            items.extend(garbage_items())
        root = element(None, "MediaContainer", size=str(len(items)))
        root.extend(items)
        return xml_response(root)

    async def _live_tv(self, request: web.Request) -> web.StreamResponse:
        uuid = request.match_info["uuid"]
        for session in self.sessions:
            if session.media_kind is SimMediaKind.LIVE_TV and live_uuid(session) == uuid:
                root = element(None, "MediaContainer", size="1")
                root.append(render_session(session, detail=True))
                return xml_response(root)
        return error_response(404, "Not Found")

    async def _terminate(self, request: web.Request) -> web.StreamResponse:
        session_id = request.query.get("sessionId")
        if not session_id:
            return error_response(400, "Bad Request")
        if not self.plex_pass:
            # Stopping other people's streams is a Plex Pass feature; Plex answers 401.
            return error_response(401, "Unauthorized")
        stopped = self.scenario.terminate(session_id, request.query.get("reason", ""))
        if stopped is None:
            return error_response(404, "Not Found")
        return web.Response(status=200)
