"""Tautulli's play history as PlexGeo streams: its API v2 client and the mapping of its rows.

Tautulli keeps every play with the address it came from; its user ids are Plex's. Each row
becomes the same `StreamSnapshot` a live poll produces, under the same address rule
(`::ffff:` unwrapped, LAN never located, relayed without a public address unknown), keyed
`tautulli:<row id>` so the store can tell it was imported and from which row.

Synchronous (requests through `GuardedSession`: capped, no redirects, a deadline); the HA
layer calls it in the executor. The API key travels in a POSTed form (never in a URL that
something could log) and never appears in an error message: Tautulli's /api/v2 handler
(`WebInterface.api` in its webserve.py) takes any method, and CherryPy reads a POSTed form
into the same arguments as a query string.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache
import json
from typing import Any, Final
from urllib.parse import urlsplit

import requests

from .addresses import choose_address, is_public, parse_address
from .errors import PlexError, PlexGeoError, PlexRedirectError, ResponseTooLarge
from .http import GuardedSession
from .models import AddressRule, MediaType, PlaybackState, StreamSnapshot

# Rows asked for at a time, and stored in one transaction: each batch rewrites a page of
# every user's index entries and rollups, so larger batches write far less per row.
PAGE_SIZE: Final = 5000
MAX_PAGE_BYTES: Final = 32 * 2**20  # a 5,000-row page is about 7.5 MB
DEADLINE_SECONDS: Final = 60.0
SESSION_KEY_PREFIX: Final = "tautulli:"
_TEXT_LIMIT: Final = 500
# Plays before Plex existed or after this century are garbage, not history.
_EARLIEST: Final = 1_199_145_600  # 2008-01-01
_LATEST: Final = 4_102_444_800  # 2100-01-01

# Row fields only Tautulli 2.x returns: their absence is reported, not an error.
OPTIONAL_FIELDS: Final = ("product", "machine_id", "location", "relayed", "secure")
_OPTIONAL: Final = frozenset(OPTIONAL_FIELDS)

# Why a row was skipped (the summary counts each).
SKIP_NOT_A_ROW: Final = "not_a_row"
SKIP_NO_ROW_ID: Final = "no_row_id"
SKIP_NO_USER: Final = "no_user"
SKIP_BAD_TIME: Final = "bad_time"
SKIP_NOT_A_VIEWING: Final = "not_a_viewing"

_MEDIA_TYPES: Final = {
    "movie": MediaType.MOVIE,
    "episode": MediaType.EPISODE,
    "track": MediaType.TRACK,
    "clip": MediaType.CLIP,
    "photo": MediaType.PHOTO,
    "live": MediaType.LIVE_TV,
}


def is_imported(snapshot: StreamSnapshot) -> bool:
    """Whether a stream came from Tautulli's history (a baseline, never judged)."""
    return snapshot.session_key.startswith(SESSION_KEY_PREFIX)


class TautulliError(PlexGeoError):
    """Importing from Tautulli failed; the message is safe to show (no API key)."""


class TautulliUnreachable(TautulliError):
    """Tautulli did not answer: refused, timed out, TLS failed, or HTTP 5xx."""


class TautulliAuthError(TautulliError):
    """Tautulli refused the API key."""


class TautulliResponseError(TautulliError):
    """Tautulli answered something that is not its API's JSON (a login page, a proxy)."""


@dataclass(frozen=True, slots=True)
class TautulliUser:
    """One of Tautulli's users: Plex's id and names."""

    user_id: str
    username: str
    friendly_name: str


@dataclass(frozen=True, slots=True)
class HistoryPage:
    """One page of get_history, rows as received (still untrusted)."""

    rows: list[Any]
    total: int  # recordsFiltered: every row the query matches


@dataclass(frozen=True, slots=True)
class ImportedPlay:
    """One Tautulli row as a stream: its row id, snapshot and times (epoch seconds, as
    Tautulli sends them and the store keeps them)."""

    row_id: int
    snapshot: StreamSnapshot
    started: int
    stopped: int
    paused_seconds: int

    @property
    def started_at(self) -> datetime:
        """When the play started."""
        return datetime.fromtimestamp(self.started, UTC)

    @property
    def stopped_at(self) -> datetime:
        """When the play stopped (when it started, if Tautulli never saw it end)."""
        return datetime.fromtimestamp(self.stopped, UTC)


@dataclass
class MappedRows:
    """A page's rows mapped: the plays, the skipped rows by reason, the fields never seen."""

    plays: list[ImportedPlay] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    missing: set[str] = field(default_factory=set)


class TautulliClient:
    """Tautulli's API v2 at `url` (its base address, as its users configure it)."""

    def __init__(
        self,
        url: str,
        apikey: str,
        *,
        verify: bool = True,
        session: requests.Session | None = None,
    ) -> None:
        """Check the address; nothing is sent until a call."""
        parts = urlsplit(url.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise TautulliError("The Tautulli URL must start with http:// or https://")
        self._endpoint = f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}/api/v2"
        self._origin = f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}"
        self._apikey = apikey
        self._session = session or GuardedSession(
            verify=verify, max_bytes=MAX_PAGE_BYTES, deadline=DEADLINE_SECONDS
        )

    def close(self) -> None:
        """Close the connections."""
        self._session.close()

    def users(self) -> list[TautulliUser]:
        """get_users: every user Tautulli knows (rows that are not users are left out)."""
        data = self._call("get_users")
        if not isinstance(data, list):
            raise TautulliResponseError(f"Tautulli at {self._origin} sent no user list")
        users = []
        for row in data:
            if not isinstance(row, Mapping):
                continue
            user_id = _int(row.get("user_id"))
            username = _text(row.get("username"))
            if user_id is None or not username:
                continue
            friendly = _text(row.get("friendly_name")) or username
            users.append(TautulliUser(str(user_id), username, friendly))
        return users

    def history(
        self, start: int, length: int = PAGE_SIZE, after: date | None = None
    ) -> HistoryPage:
        """get_history rows [start, start + length), oldest first, ungrouped."""
        params = {
            "start": str(start),
            "length": str(length),
            "order_column": "started",
            "order_dir": "asc",
            "grouping": "0",
            "include_activity": "0",
        }
        if after is not None:
            params["after"] = after.isoformat()
        data = self._call("get_history", params)
        if not isinstance(data, Mapping) or not isinstance(data.get("data"), list):
            raise TautulliResponseError(f"Tautulli at {self._origin} sent no history rows")
        total = _int(data.get("recordsFiltered"))
        if total is None:
            total = _int(data.get("recordsTotal")) or 0
        return HistoryPage(rows=list(data["data"]), total=total)

    def _call(self, cmd: str, params: Mapping[str, str] | None = None) -> Any:
        form = {"apikey": self._apikey, "cmd": cmd, **(params or {})}
        try:
            # A form body, not the query string: HTTP libraries log request lines, and
            # Tautulli (CherryPy) reads a POSTed form like query parameters.
            response = self._session.post(self._endpoint, data=form)
        except PlexRedirectError as err:
            raise TautulliResponseError(
                f"Tautulli at {self._origin} redirects to {err.origin}; use that address"
            ) from None
        except ResponseTooLarge as err:
            raise TautulliResponseError(
                f"Tautulli at {self._origin} sent an answer larger than the limit"
            ) from err
        except (PlexError, requests.RequestException, OSError) as err:
            # requests' messages carry the URL, and so the API key: name the failure only.
            raise TautulliUnreachable(
                f"Tautulli at {self._origin} did not answer ({type(err).__name__})"
            ) from None
        return self._data(response)

    def _data(self, response: requests.Response) -> Any:
        try:
            body = json.loads(response.content)
        except ValueError:
            body = None
        envelope = body.get("response") if isinstance(body, dict) else None
        if not isinstance(envelope, dict):
            if response.status_code >= 500:
                raise TautulliUnreachable(
                    f"Tautulli at {self._origin} answered HTTP {response.status_code}"
                )
            raise TautulliResponseError(
                f"{self._origin} did not answer as Tautulli's API does (is the URL right?)"
            )
        if envelope.get("result") != "success":
            message = _text(envelope.get("message"))[:200]
            if "apikey" in message.lower() or response.status_code in (401, 403):
                raise TautulliAuthError(f"Tautulli at {self._origin} refused the API key")
            if response.status_code >= 500:
                raise TautulliUnreachable(f"Tautulli at {self._origin} failed: {message}")
            raise TautulliResponseError(f"Tautulli at {self._origin} said: {message}")
        return envelope.get("data")


# --- mapping ---------------------------------------------------------------------------


def map_rows(rows: list[Any]) -> MappedRows:
    """Map a page's rows; garbage rows are counted by reason, never raised."""
    mapped = MappedRows()
    plays, skipped, missing = mapped.plays, mapped.skipped, mapped.missing
    for row in rows:
        if type(row) is not dict and not isinstance(row, Mapping):  # JSON gives dicts
            skipped[SKIP_NOT_A_ROW] += 1
            continue
        if not row.keys() >= _OPTIONAL:  # one set comparison for the usual row
            missing.update(_OPTIONAL - row.keys())
        play = map_row(row)
        if isinstance(play, str):
            skipped[play] += 1
        else:
            plays.append(play)
    return mapped


# The text fields a row is read from, in the order `map_row` unpacks them.
_TEXT_FIELDS: Final = (
    "user", "friendly_name", "location", "ip_address", "player", "product", "platform",
    "machine_id", "title", "full_title", "grandparent_title", "parent_title",
    "transcode_decision", "media_type",
)  # fmt: skip


def map_row(row: Mapping[str, Any]) -> ImportedPlay | str:
    """One get_history row as a play, or the reason it cannot be one."""
    get = row.get
    row_id = _int(get("row_id", get("id")))
    if row_id is None or row_id <= 0:
        return SKIP_NO_ROW_ID
    # Every text field at once, as _text reads them (a call per field was a fifth of it).
    (
        user_name, friendly, network, address, player, product, platform, machine_id,
        title, full_title, grandparent, parent, decision, media,
    ) = [
        value.strip()[:_TEXT_LIMIT] if isinstance(value, str) else ""
        for value in map(get, _TEXT_FIELDS)
    ]  # fmt: skip
    user_id = _int(get("user_id"))
    user_name = user_name or friendly
    if user_id is None or user_id < 0 or not user_name:
        return SKIP_NO_USER
    started = _int(get("started"))
    if started is None or not _EARLIEST <= started < _LATEST:
        return SKIP_BAD_TIME
    stopped = _int(get("stopped"))
    # A play Tautulli never saw end (stopped 0) lasted as far as anyone knows: an instant.
    if stopped is None or stopped < started or stopped >= _LATEST:
        stopped = started
    if _flag(get("live")):
        media_type = MediaType.LIVE_TV
    else:
        media_type = _MEDIA_TYPES.get(media.lower(), MediaType.OTHER)
        if media_type is MediaType.CLIP:
            return SKIP_NOT_A_VIEWING  # live polls skip prerolls and trailers too
    relayed = _flag(get("relayed")) is True
    lan_or_wan = network.lower() or None
    local, ip_address, rule = _address(lan_or_wan, relayed, address or None)
    snapshot = StreamSnapshot(
        session_key=f"{SESSION_KEY_PREFIX}{row_id}",
        user_id=str(user_id),
        user_name=user_name,
        player_title=player or "Unknown player",
        player_product=product,
        player_platform=platform,
        player_device="",
        player_machine_id=machine_id,
        media_type=media_type,
        title=title or full_title or "Unknown title",
        grandparent_title=grandparent or None,
        parent_title=parent or None,
        parent_index=_int(get("parent_media_index")),
        index=_int(get("media_index")),
        year=_int(get("year")),
        state=PlaybackState.UNKNOWN,
        progress_ms=0,
        duration_ms=None,
        bandwidth_kbps=None,
        local=local,
        relayed=relayed,
        secure=_flag(get("secure")),
        network=lan_or_wan,
        transcode_decision=decision.lower() or None,
        ip_address=ip_address,
        address_rule=rule,
    )
    paused = _int(get("paused_counter"))
    return ImportedPlay(row_id, snapshot, started, stopped, paused if paused and paused > 0 else 0)


@lru_cache(maxsize=4096)
def _address(
    network: str | None, relayed: bool, address: str | None
) -> tuple[bool, str | None, AddressRule]:
    """Whether a play was local, and the address to locate under the live rule (a
    history repeats a household's few addresses: each is parsed once)."""
    if network is not None:
        local = network == "lan"
    else:
        # Before Tautulli recorded the location, a private address is the only LAN sign.
        parsed = parse_address(address)
        local = parsed is not None and not is_public(parsed)
    ip_address, rule = choose_address(
        local=local, relayed=relayed, address=address, remote_public_address=None
    )
    return local, ip_address, rule


def _int(value: object) -> int | None:
    """An integer as Tautulli sends them: a number, a numeric string, or nothing ("")."""
    if type(value) is int:  # the common case first (bool is a subclass: not this)
        return value
    if isinstance(value, str):
        if not value or len(value) >= 20:
            return None
        text = value.strip()
        digits = text[1:] if text[:1] == "-" else text
        # ASCII digits only: "²" and "--5" pass str.isdigit() yet int() refuses them.
        return int(text) if digits.isascii() and digits.isdigit() else None
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _text(value: object) -> str:
    """Text from an untrusted field: strings only, trimmed and capped."""
    return value.strip()[:_TEXT_LIMIT] if isinstance(value, str) else ""


def _flag(value: object) -> bool | None:
    """Tautulli's 0/1 flags (ints, or "0"/"1" in some versions); None when absent."""
    number = _int(value)
    return None if number is None else number != 0
