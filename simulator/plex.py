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
import hashlib
import re
import ssl
from typing import Any
import xml.etree.ElementTree as ET

from aiohttp import web

from simulator import hostile
from simulator.plex_notifications import NotificationHub
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

# Characters XML 1.0 cannot carry at all, even escaped; Plex drops them too.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

_ERROR_PAGE = (
    "<html><head><title>{title}</title></head><body><h1>{status} {title}</h1></body></html>"
)
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
            response = _error(401, "Unauthorized")
        elif failing and self.failure is FailureMode.SLOW:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), self.slow_delay)
            response = await handler(request)
        elif failing and self.failure is FailureMode.HTTP_500:
            response = _error(500, "Internal Server Error")
        elif failing and self.failure is FailureMode.HTTP_503:
            response = _error(503, "Service Unavailable")
        elif failing and self.failure is FailureMode.MALFORMED:
            response = web.Response(text='{"error": "not xml"}', content_type="text/xml")
        elif failing and self.failure is FailureMode.TRUNCATED:
            response = _truncate(await handler(request))
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
        root = _element(
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
            myPlexSubscription=_flag(self.plex_pass),
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
            _element(root, "Directory", count="1", key=key, title=key)
        return _xml(root)

    async def _identity(self, request: web.Request) -> web.StreamResponse:
        return _xml(
            _element(
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
        root = _element(
            None,
            "MediaContainer",
            size=str(len(accounts)),
            identifier="com.plexapp.system.accounts",
        )
        for account_id, name in accounts:
            _element(
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
        return _xml(root)

    async def _sessions(self, request: web.Request) -> web.StreamResponse:
        items = [render_session(s) for s in self.sessions]
        if self.failure is FailureMode.GARBAGE_ATTRIBUTES:
            items.extend(garbage_items())
        root = _element(None, "MediaContainer", size=str(len(items)))
        root.extend(items)
        return _xml(root)

    async def _live_tv(self, request: web.Request) -> web.StreamResponse:
        uuid = request.match_info["uuid"]
        for session in self.sessions:
            if session.media_kind is SimMediaKind.LIVE_TV and live_uuid(session) == uuid:
                root = _element(None, "MediaContainer", size="1")
                root.append(render_session(session, detail=True))
                return _xml(root)
        return _error(404, "Not Found")

    async def _terminate(self, request: web.Request) -> web.StreamResponse:
        session_id = request.query.get("sessionId")
        if not session_id:
            return _error(400, "Bad Request")
        if not self.plex_pass:
            # Stopping other people's streams is a Plex Pass feature; Plex answers 401.
            return _error(401, "Unauthorized")
        stopped = self.scenario.terminate(session_id, request.query.get("reason", ""))
        if stopped is None:
            return _error(404, "Not Found")
        return web.Response(status=200)


# --- XML -----------------------------------------------------------------------------------


def xml_text(value: object) -> str:
    """A value as XML 1.0 can carry it: characters it forbids are dropped."""
    return _NOT_XML.sub("", str(value))


def _element(parent: ET.Element | None, tag: str, **attributes: object) -> ET.Element:
    """An element with its attributes in order; None values are left out."""
    attrs = {k: xml_text(v) for k, v in attributes.items() if v is not None}
    if parent is None:
        return ET.Element(tag, attrs)
    return ET.SubElement(parent, tag, attrs)


def _flag(value: bool) -> str:
    return "1" if value else "0"


def _xml(root: ET.Element) -> web.Response:
    body = '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
    return web.Response(text=body, content_type="text/xml", charset="utf-8")


def _error(status: int, title: str) -> web.Response:
    return web.Response(
        status=status,
        text=_ERROR_PAGE.format(status=status, title=title),
        content_type="text/html",
    )


def _truncate(response: web.StreamResponse) -> web.StreamResponse:
    """Cut an XML answer inside an element, so no parser can accept it."""
    if not isinstance(response, web.Response) or response.text is None:
        return response
    text = response.text
    inner = text.find("<", text.find("<MediaContainer") + 1)
    cut = inner + 12 if inner != -1 else len(text) - 10
    return web.Response(
        status=response.status, text=text[:cut], content_type="text/xml", charset="utf-8"
    )


def live_uuid(session: SimSession) -> str:
    """The Live TV session uuid Plex puts in `Media.uuid` and the item's key."""
    digest = hashlib.blake2b(session.session_id.encode(), digest_size=16).hexdigest()
    return f"{digest[:8]}-{digest[8:12]}-{digest[12:16]}-{digest[16:20]}-{digest[20:]}"


def render_session(session: SimSession, *, detail: bool = False) -> ET.Element:
    """One `/status/sessions` item; `detail` gives the live TV detail shape (no viewer)."""
    kind = session.media_kind
    tag = "Track" if kind is SimMediaKind.TRACK else "Video"
    item = _element(None, tag, **_item_attributes(session, detail=detail))
    media = _media(item, session)
    transcode_parent = media if detail else item
    if session.decision is not SimDecision.DIRECT_PLAY:
        _transcode(transcode_parent, session)
    if detail:
        return item
    _element(
        item,
        "User",
        id=str(session.user_id),
        thumb=f"https://plex.tv/users/{session.user_id:x}/avatar",
        title=session.user_name,
    )
    _element(
        item,
        "Player",
        address=session.address,
        device=session.player_device,
        local=_flag(session.local),
        machineIdentifier=session.player_machine_id,
        platform=session.player_platform,
        platformVersion=session.player_platform_version,
        product=session.player_product,
        relayed=_flag(session.relayed),
        remotePublicAddress=session.remote_public_address,
        secure=_flag(session.secure),
        state=session.state.value,
        title=session.player_title,
        userID=str(session.user_id),
        version=session.player_version,
    )
    _element(
        item,
        "Session",
        bandwidth=str(session.bandwidth_kbps),
        id=session.session_id,
        location=session.network.value,
    )
    return item


def _item_attributes(session: SimSession, *, detail: bool) -> dict[str, object]:
    kind = session.media_kind
    key = f"/library/metadata/{session.rating_key}"
    section = {
        SimMediaKind.MOVIE: ("1", "Movies"),
        SimMediaKind.EPISODE: ("2", "TV Shows"),
        SimMediaKind.TRACK: ("3", "Music"),
        SimMediaKind.CLIP: ("-2", None),
    }.get(kind)
    attributes: dict[str, object] = {
        "addedAt": 1_600_000_000 + session.rating_key * 37,
        "duration": session.duration_ms,
        "guid": _guid(session),
        "key": f"/livetv/sessions/{live_uuid(session)}" if kind is SimMediaKind.LIVE_TV else key,
        "librarySectionID": section[0] if section else None,
        "librarySectionTitle": section[1] if section else None,
        "ratingKey": session.rating_key,
        "sessionKey": None if detail else session.session_key,
        "thumb": f"{key}/thumb/1732540800",
        "title": session.title,
        "type": "episode" if kind is SimMediaKind.LIVE_TV else kind.value,
        "viewOffset": None if detail else session.view_offset_ms,
        "year": session.year,
    }
    if kind is SimMediaKind.LIVE_TV:
        attributes["live"] = "1"
    if kind in (SimMediaKind.EPISODE, SimMediaKind.LIVE_TV, SimMediaKind.TRACK):
        attributes |= {
            "grandparentTitle": session.grandparent_title,
            "parentTitle": session.parent_title,
            "parentIndex": session.parent_index,
            "index": session.index,
        }
    elif kind is SimMediaKind.CLIP:
        attributes["index"] = session.index
    return attributes


def _guid(session: SimSession) -> str:
    digest = hashlib.blake2b(str(session.rating_key).encode(), digest_size=12).hexdigest()
    if session.media_kind is SimMediaKind.CLIP:
        return f"analyzed.prerolls://{digest}"
    kind = "episode" if session.media_kind is SimMediaKind.LIVE_TV else session.media_kind.value
    return f"plex://{kind}/{digest}"


def _media(item: ET.Element, session: SimSession) -> ET.Element:
    decision = session.decision.value
    if session.media_kind is SimMediaKind.TRACK:
        media = _element(
            item,
            "Media",
            id=session.rating_key * 3,
            duration=session.duration_ms,
            bitrate=session.bandwidth_kbps,
            audioChannels="2",
            audioCodec="flac",
            container="flac",
            selected="1",
        )
        _element(
            media,
            "Part",
            id=session.rating_key * 5,
            container="flac",
            decision=decision,
            duration=session.duration_ms,
            file=f"/music/{session.grandparent_title}/{session.parent_title}/{session.title}.flac",
            selected="1",
        )
        return media
    live = session.media_kind is SimMediaKind.LIVE_TV
    media = _element(
        item,
        "Media",
        id=session.rating_key * 3,
        duration=None if live else session.duration_ms,
        bitrate=session.bandwidth_kbps,
        width="1920",
        height="1080",
        aspectRatio="1.78",
        audioChannels="6",
        audioCodec="ac3" if live else "eac3",
        videoCodec="mpeg2video" if live else "h264",
        videoResolution="1080",
        container="mpegts" if live else "mkv",
        origin="livetv" if live else None,
        protocol="hls" if live else None,
        uuid=live_uuid(session) if live else None,
        selected="1",
    )
    _element(
        media,
        "Part",
        id=session.rating_key * 5,
        container="mpegts" if live else "mkv",
        decision=decision,
        duration=None if live else session.duration_ms,
        file=None if live else f"/media/{session.title}.mkv",
        protocol="hls" if live else None,
        selected="1",
    )
    return media


def _transcode(parent: ET.Element, session: SimSession) -> None:
    decision = session.decision.value
    audio_only = session.media_kind is SimMediaKind.TRACK
    _element(
        parent,
        "TranscodeSession",
        key=f"/transcode/sessions/{live_uuid(session)}",
        throttled="0",
        complete="0",
        progress="12.5",
        speed="1.6000000238418579",
        duration=session.duration_ms,
        context="streaming",
        videoDecision=None if audio_only else decision,
        audioDecision=decision,
        protocol="hls",
        container="mpegts",
        videoCodec=None if audio_only else "h264",
        audioCodec="aac",
        audioChannels="2",
        transcodeHwRequested="1",
    )


def garbage_items() -> list[ET.Element]:
    """Valid XML a confused server might send: missing viewers, absurd values, odd types."""
    base = SimSession(session_key="9001", session_id="garbage-session")
    no_user = render_session(base)
    no_user.remove(_child(no_user, "User"))
    no_player = render_session(base)
    no_player.remove(_child(no_player, "Player"))
    absurd = render_session(base)
    _child(absurd, "Player").attrib |= {"address": "", "remotePublicAddress": "", "local": "2"}
    _child(absurd, "Session").attrib |= {"bandwidth": "lots", "location": "moon"}
    absurd.attrib |= {"viewOffset": "soon", "duration": "-1", "year": "MMXVI"}
    unknown_type = render_session(base)
    unknown_type.attrib |= {"type": "hologram", "sessionKey": ""}
    _child(unknown_type, "User").attrib["id"] = "not-a-number"
    return [no_user, no_player, absurd, unknown_type]


def _child(element: ET.Element, tag: str) -> ET.Element:
    found = element.find(tag)
    if found is None:
        raise LookupError(tag)
    return found
