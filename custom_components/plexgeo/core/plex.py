"""Talking to a Plex Media Server: plexapi for the connection, our own parser for sessions.

plexapi handles the HTTP, the token and Plex's error codes; the sessions XML is read
here from the raw element, so one parser works across plexapi releases and every odd
reply (no User, empty address, absurd numbers) is handled in one place.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
import logging
from typing import Any
from xml.etree import ElementTree
from xml.etree.ElementTree import Element, ParseError

import aiohttp

from .addresses import choose_address
from .errors import (
    PlexAuthError,
    PlexError,
    PlexResponseError,
    PlexSSLError,
    PlexUnreachable,
    ResponseTooLarge,
)
from .http import GuardedSession, read_capped, redirect_error
from .models import MediaType, PlaybackState, StreamSnapshot

_LOGGER = logging.getLogger(__name__)

# Plex elements that carry a playing item inside /status/sessions.
_ITEM_TAGS = frozenset({"Video", "Track", "Photo", "Episode", "Movie"})
# Longest text kept from Plex: titles beyond this are not titles.
_MAX_TEXT = 500
_MEDIA_TYPES = {
    "movie": MediaType.MOVIE,
    "episode": MediaType.EPISODE,
    "track": MediaType.TRACK,
    "clip": MediaType.CLIP,
    "photo": MediaType.PHOTO,
}
_STATES = {state.value: state for state in PlaybackState}
UNKNOWN_USER_ID = "unknown"
# Largest answer read from Plex. A session item is 1-3 KB of XML, so this holds about ten
# thousand streams or more; a 200 MB answer is refused after 32 MiB, before any parsing.
MAX_ANSWER_BYTES = 32 * 2**20
# /identity is one short element; discovery reads it on the event loop, so it stays tiny.
MAX_IDENTITY_BYTES = 64 * 2**10
# Longest any one request to Plex may take, however the server trickles its answer.
DEFAULT_DEADLINE = 30.0


@dataclass(frozen=True, slots=True)
class ServerInfo:
    """Who a Plex server is."""

    machine_identifier: str
    friendly_name: str
    version: str


def _text(element: Element | None, name: str) -> str | None:
    if element is None:
        return None
    value = element.get(name)
    if value is None:
        return None
    value = "".join(ch for ch in value if ch.isprintable() or ch == " ").strip()
    return value[:_MAX_TEXT] or None


def _int(element: Element | None, name: str) -> int | None:
    value = _text(element, name)
    if value is None:
        return None
    try:
        number = int(float(value))
    except (ValueError, OverflowError):
        return None
    return number if 0 <= number < 2**53 else None


def _flag(element: Element | None, name: str) -> bool | None:
    value = _text(element, name)
    if value is None:
        return None
    return value.lower() in {"1", "true"}


def _media_type(item: Element) -> MediaType:
    if _flag(item, "live"):
        return MediaType.LIVE_TV
    return _MEDIA_TYPES.get((_text(item, "type") or "").lower(), MediaType.OTHER)


def _transcode_session(item: Element) -> Element | None:
    transcode = item.find("TranscodeSession")
    if transcode is None:  # Live TV details nest it inside Media
        transcode = item.find("Media/TranscodeSession")
    return transcode


def _transcode_decision(item: Element) -> str | None:
    transcode = _transcode_session(item)
    if transcode is not None:
        video = _text(transcode, "videoDecision")
        audio = _text(transcode, "audioDecision")
        if "transcode" in (video, audio):
            return "transcode"
        return "copy"
    part = item.find("Media/Part")
    decision = _text(part, "decision")
    if decision in (None, "directplay"):
        return "direct play"
    return decision


# Resolution labels by the frame's height or width (either is enough: films are often
# cropped, 1920x800 is still 1080p), largest first.
_RESOLUTIONS = (
    ("8K", 4000, 7000),
    ("4K", 1600, 3200),
    ("1080p", 900, 1800),
    ("720p", 650, 1200),
    ("576p", 560, 1000),
    ("480p", 400, 700),
)
# Plex's videoResolution words (it writes "1080", "720", "sd", "4k"; some answers "720p").
_RESOLUTION_WORDS = {"sd": "SD", "4k": "4K", "2160": "4K", "8k": "8K", "4320": "8K"}
# Above this, a bitrate is not a bitrate (1 Gbit/s).
_MAX_BITRATE_KBPS = 1_000_000


def _resolution_of(height: int | None, width: int | None) -> str | None:
    if not height and not width:
        return None
    for label, min_height, min_width in _RESOLUTIONS:
        if (height or 0) >= min_height or (width or 0) >= min_width:
            return label
    return "SD"


def _resolution_word(value: str | None) -> str | None:
    if value is None:
        return None
    word = value.lower()
    if word in _RESOLUTION_WORDS:
        return _RESOLUTION_WORDS[word]
    digits = word.removesuffix("p").removesuffix("i")
    return _resolution_of(int(digits), None) if digits.isdigit() and len(digits) <= 5 else None


def _quality(item: Element) -> tuple[str | None, int | None]:
    """The resolution label and bitrate delivered: a video transcode's output size when
    Plex names it, else the session's Media (which describes what is sent)."""
    medias = item.findall("Media")
    media = next((m for m in medias if _flag(m, "selected")), medias[0] if medias else None)
    resolution = None
    transcode = _transcode_session(item)
    if transcode is not None and _text(transcode, "videoDecision") == "transcode":
        resolution = _resolution_of(_int(transcode, "height"), _int(transcode, "width"))
    if resolution is None:
        resolution = _resolution_word(_text(media, "videoResolution")) or _resolution_of(
            _int(media, "height"), _int(media, "width")
        )
    bitrate = _int(media, "bitrate")
    return resolution, bitrate if bitrate and bitrate <= _MAX_BITRATE_KBPS else None


def is_viewing(item: Element) -> bool:
    """Whether a session item is a real viewing: prerolls, trailers and extras are not."""
    return _media_type(item) is not MediaType.CLIP


def parse_session(item: Element) -> StreamSnapshot:
    """Turn one /status/sessions item into a snapshot; tolerant of missing parts."""
    player = item.find("Player")
    user = item.find("User")
    session = item.find("Session")
    network = (_text(session, "location") or "").lower() or None
    local = bool(_flag(player, "local")) or network == "lan"
    relayed = bool(_flag(player, "relayed"))
    ip_address, rule = choose_address(
        local=local,
        relayed=relayed,
        address=_text(player, "address"),
        remote_public_address=_text(player, "remotePublicAddress"),
    )
    session_key = _text(item, "sessionKey") or ""
    session_id = _text(session, "id") or ""
    rating_key = _text(item, "ratingKey") or _text(item, "key") or ""
    state = _STATES.get((_text(player, "state") or "").lower(), PlaybackState.UNKNOWN)
    resolution, bitrate = _quality(item)
    return StreamSnapshot(
        # A new item on the same Plex session (autoplay) is a new viewing.
        session_key=f"{session_key}/{session_id}/{rating_key}",
        user_id=_text(user, "id") or _text(player, "userID") or UNKNOWN_USER_ID,
        user_name=_text(user, "title") or "Unknown user",
        player_title=_text(player, "title") or _text(player, "device") or "Unknown player",
        player_product=_text(player, "product") or "",
        player_platform=_text(player, "platform") or "",
        player_device=_text(player, "device") or "",
        player_machine_id=_text(player, "machineIdentifier") or "",
        media_type=_media_type(item),
        title=_text(item, "title") or "Unknown title",
        grandparent_title=_text(item, "grandparentTitle"),
        parent_title=_text(item, "parentTitle"),
        parent_index=_int(item, "parentIndex"),
        index=_int(item, "index"),
        year=_int(item, "year"),
        state=state,
        progress_ms=_int(item, "viewOffset") or 0,
        duration_ms=_int(item, "duration"),
        bandwidth_kbps=_int(session, "bandwidth"),
        local=local,
        relayed=relayed,
        secure=_flag(player, "secure"),
        network=network,
        transcode_decision=_transcode_decision(item),
        ip_address=ip_address,
        address_rule=rule,
        resolution=resolution,
        bitrate_kbps=bitrate,
    )


def parse_sessions(root: Element | None) -> list[StreamSnapshot]:
    """Parse a /status/sessions MediaContainer into the viewings it lists."""
    if root is None:
        return []
    if root.tag != "MediaContainer":
        raise PlexResponseError(f"Expected a MediaContainer, got <{root.tag[:50]}>")
    snapshots: dict[str, StreamSnapshot] = {}
    for item in root:
        if item.tag not in _ITEM_TAGS or not is_viewing(item):
            continue
        snapshot = parse_session(item)
        snapshots.setdefault(snapshot.session_key, snapshot)
    return list(snapshots.values())


def _translate(err: Exception) -> PlexError:
    """Map plexapi/requests errors to ours; unknown errors become PlexResponseError."""
    # Imported here: plexapi pulls in requests and a config file reader at import time.
    from plexapi.exceptions import BadRequest, NotFound, Unauthorized  # noqa: PLC0415
    import requests  # noqa: PLC0415

    if isinstance(err, PlexError):
        return err
    if isinstance(err, ResponseTooLarge):
        return PlexResponseError(str(err))
    if isinstance(err, Unauthorized):
        return PlexAuthError("The Plex server rejected the token")
    if isinstance(err, requests.exceptions.SSLError):
        return PlexSSLError(f"TLS handshake with the Plex server failed: {type(err).__name__}")
    if isinstance(err, (requests.exceptions.ConnectionError, requests.exceptions.Timeout)):
        return PlexUnreachable(f"Plex server unreachable: {type(err).__name__}")
    if isinstance(err, BadRequest):
        status = str(err)[1:4]
        if status == "403":
            return PlexAuthError("The Plex server refused access (HTTP 403)")
        return PlexUnreachable(f"Plex server answered HTTP {status}")
    if isinstance(err, NotFound):
        return PlexResponseError("The Plex server does not know this endpoint (HTTP 404)")
    if isinstance(err, ParseError):
        return PlexResponseError(f"The Plex server sent XML that cannot be parsed: {err}")
    if isinstance(err, requests.exceptions.RequestException):
        return PlexUnreachable(f"Plex request failed: {type(err).__name__}")
    return PlexResponseError(f"Unexpected reply from the Plex server: {type(err).__name__}")


class PlexClient:
    """A synchronous Plex connection: call every method from an executor thread."""

    def __init__(
        self,
        url: str,
        token: str,
        *,
        verify_ssl: bool = True,
        timeout: float = 10,
        deadline: float | None = None,
        max_bytes: int = MAX_ANSWER_BYTES,
    ):
        """Remember how to connect; nothing is sent until `connect`.

        `timeout` bounds each wait for data, `deadline` (DEFAULT_DEADLINE when None) each
        request as a whole.
        """
        self._url = url.rstrip("/")
        self._token = token
        self._verify_ssl = verify_ssl
        self._timeout = timeout
        self._deadline = DEFAULT_DEADLINE if deadline is None else deadline
        self._max_bytes = max_bytes
        self._server: Any = None

    def _call[T](self, func: Callable[[], T]) -> T:
        try:
            return func()
        except PlexError:
            raise
        except Exception as err:
            raise _translate(err) from None

    def connect(self) -> ServerInfo:
        """Connect and identify the server."""
        from plexapi.server import PlexServer  # noqa: PLC0415

        def _connect() -> Any:
            session = GuardedSession(
                verify=self._verify_ssl, max_bytes=self._max_bytes, deadline=self._deadline
            )
            return PlexServer(self._url, self._token, session=session, timeout=self._timeout)

        server = self._call(_connect)
        machine_identifier = server.machineIdentifier
        if not machine_identifier:
            raise PlexResponseError("The server did not say its machineIdentifier")
        self._server = server
        return ServerInfo(
            machine_identifier=str(machine_identifier),
            friendly_name=str(server.friendlyName or machine_identifier),
            version=str(server.version or ""),
        )

    def fetch_sessions(self) -> list[StreamSnapshot]:
        """Read /status/sessions and return the current viewings."""
        if self._server is None:
            self.connect()
        server = self._server
        root = self._call(lambda: server.query("/status/sessions"))
        return parse_sessions(root)

    def terminate(self, session_id: str, reason: str) -> None:
        """Stop a playback session (a Plex Pass feature), showing `reason` to the viewer."""
        if self._server is None:
            self.connect()
        server = self._server
        self._call(
            lambda: server.query(
                "/status/sessions/terminate", params={"sessionId": session_id, "reason": reason}
            )
        )

    def close(self) -> None:
        """Close the HTTP session."""
        if self._server is not None:
            self._server._session.close()
            self._server = None


def session_id_of(session_key: str) -> str:
    """The Plex playback session id inside a stream's session key (for terminate)."""
    parts = session_key.split("/")
    return parts[1] if len(parts) == 3 and parts[1] else parts[0]


async def fetch_identity(
    session: aiohttp.ClientSession,
    url: str,
    *,
    verify_ssl: bool = True,
    request_timeout: float = 10,
) -> str:
    """A server's machineIdentifier from its public /identity endpoint (no token needed).

    `request_timeout` is the deadline for the whole exchange; the answer is capped at
    MAX_IDENTITY_BYTES, small enough to parse on the event loop.
    """
    try:
        async with (
            asyncio.timeout(request_timeout),
            session.get(
                f"{url.rstrip('/')}/identity",
                ssl=verify_ssl,
                allow_redirects=False,
                timeout=aiohttp.ClientTimeout(total=request_timeout),
            ) as response,
        ):
            if 300 <= response.status < 400:
                raise redirect_error(response.headers.get("Location"))
            response.raise_for_status()
            body = await read_capped(response, MAX_IDENTITY_BYTES, "The identity answer")
        # Same parser plexapi uses; expat (>= 2.4.1) refuses entity-expansion bombs.
        root = ElementTree.fromstring(body)  # noqa: S314
    except (aiohttp.ClientError, TimeoutError) as err:
        raise PlexUnreachable(f"Plex server unreachable: {type(err).__name__}") from err
    except ResponseTooLarge as err:
        raise PlexResponseError(str(err)) from err
    except ParseError as err:
        raise PlexResponseError(f"Identity reply is not XML: {err}") from err
    machine_identifier = root.get("machineIdentifier")
    if not machine_identifier:
        raise PlexResponseError("Identity reply has no machineIdentifier")
    return machine_identifier
