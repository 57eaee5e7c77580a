"""A fake Tautulli (API v2) on loopback: `get_history` and `get_users` with Tautulli's own
envelope, paging, field names and types, and its ways of failing.

Tautulli answers every command at `/api/v2?apikey=...&cmd=...` with
`{"response": {"result": "success" | "error", "message": ..., "data": ...}}`. `get_history`
pages with `start`/`length` and reports `recordsTotal`/`recordsFiltered` beside the rows.
Rows are built from the same `SimSession` records the fake Plex serves (`history_row`), so a
scenario's viewing can be replayed as the history Tautulli would have kept of it.

Versions before 2.x lacked `row_id`, `product`, `machine_id`, `location`, `relayed` and
`secure`: `legacy=True` leaves them out, as those versions did.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
import json
from typing import Any

from aiohttp import web

from simulator.scenario import SimDecision, SimMediaKind, SimSession

DEFAULT_API_KEY = "0123456789abcdef0123456789abcdef"

# Fields added to get_history's rows by Tautulli 2.x; older versions never send them.
MODERN_FIELDS = ("row_id", "product", "machine_id", "location", "relayed", "secure")

_DECISIONS = {
    SimDecision.DIRECT_PLAY: "direct play",
    SimDecision.COPY: "copy",
    SimDecision.TRANSCODE: "transcode",
}


class TautulliFailure(StrEnum):
    """How the fake misbehaves on /api/v2."""

    NONE = "none"
    HTML = "html"  # a login page or a reverse proxy's error page instead of JSON
    SERVER_ERROR = "server_error"  # HTTP 500 with Tautulli's error envelope
    NOT_JSON = "not_json"  # text that is not JSON at all


@dataclass(frozen=True, slots=True)
class HistoryPlay:
    """One play Tautulli kept: the session as Plex reported it, and when it ran."""

    row_id: int
    session: SimSession
    started: int  # epoch seconds
    stopped: int
    paused_counter: int = 0


def history_row(play: HistoryPlay, *, legacy: bool = False) -> dict[str, Any]:
    """The get_history row Tautulli returns for a play (its field names and types)."""
    session = play.session
    media_type = session.media_kind.value
    live = 0
    if session.media_kind is SimMediaKind.LIVE_TV:
        media_type, live = "episode", 1
    title = session.title
    full_title = title
    if session.grandparent_title:
        full_title = f"{session.grandparent_title} - {title}"
    row: dict[str, Any] = {
        "reference_id": play.row_id,
        "row_id": play.row_id,
        "id": play.row_id,
        "date": play.started,
        "started": play.started,
        "stopped": play.stopped,
        "duration": max(play.stopped - play.started - play.paused_counter, 0),
        "play_duration": max(play.stopped - play.started - play.paused_counter, 0),
        "paused_counter": play.paused_counter,
        "user_id": session.user_id,
        "user": session.user_name,
        "friendly_name": session.user_name.title(),
        "user_thumb": f"https://plex.tv/users/{session.user_id}/avatar",
        "user_is_archived": 0,
        "library_is_archived": 0,
        "platform": session.player_platform,
        "product": session.player_product,
        "player": session.player_title,
        "ip_address": session.address,
        "live": live,
        "machine_id": session.player_machine_id,
        "location": session.network.value,
        "secure": int(session.secure),
        "relayed": int(session.relayed),
        "media_type": media_type,
        "rating_key": session.rating_key,
        "parent_rating_key": "",
        "grandparent_rating_key": "",
        "full_title": full_title,
        "title": title,
        "parent_title": session.parent_title or "",
        "grandparent_title": session.grandparent_title or "",
        "original_title": "",
        "year": session.year or "",
        "media_index": session.index if session.index is not None else "",
        "parent_media_index": session.parent_index if session.parent_index is not None else "",
        "thumb": f"/library/metadata/{session.rating_key}/thumb",
        "originally_available_at": "",
        "guid": f"plex://movie/{session.rating_key:024x}",
        "transcode_decision": _DECISIONS[session.decision],
        "percent_complete": 100,
        "watched_status": 1,
        "group_count": 1,
        "group_ids": str(play.row_id),
        "state": None,
        "session_key": None,
    }
    if legacy:
        for name in MODERN_FIELDS:
            del row[name]
    return row


def plays_from(
    sessions: Iterable[tuple[SimSession, int, int]], *, first_row_id: int = 1
) -> list[HistoryPlay]:
    """History plays from (session, started, stopped) triples, numbered from `first_row_id`."""
    return [
        HistoryPlay(row_id=row_id, session=session, started=started, stopped=stopped)
        for row_id, (session, started, stopped) in enumerate(sessions, start=first_row_id)
    ]


@dataclass
class FakeTautulli:
    """Tautulli's API v2 over HTTP on loopback, serving a list of plays."""

    plays: list[HistoryPlay] = field(default_factory=list)
    apikey: str = DEFAULT_API_KEY
    legacy: bool = False
    host: str = "127.0.0.1"
    port: int = 0
    failure: TautulliFailure = TautulliFailure.NONE
    # Rows served as given (garbage tests): appended after the plays' rows.
    extra_rows: list[Any] = field(default_factory=list)
    # After this many get_history answers, fail every further one (an outage mid-import).
    fail_after_pages: int | None = None
    requests: list[dict[str, str]] = field(default_factory=list)
    # Each request's method and target as the server's access log would show them.
    request_lines: list[str] = field(default_factory=list)
    _runner: web.AppRunner | None = None
    _pages_served: int = 0

    @property
    def url(self) -> str:
        """The base URL Tautulli's users configure (the API lives under /api/v2)."""
        return f"http://{self.host}:{self.port}"

    async def start(self) -> str:
        """Listen, and return the base URL."""
        app = web.Application()
        # Tautulli's handler (webserve.py `WebInterface.api`, `@cherrypy.expose` with no
        # method restriction) takes GET and POST alike: CherryPy merges a POSTed form
        # into the same keyword arguments as the query string.
        app.router.add_get("/api/v2", self._api)
        app.router.add_post("/api/v2", self._api)
        app.router.add_get("/", self._home)
        runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port)
        await site.start()
        self._runner = runner
        if self.port == 0:
            self.port = int(runner.addresses[-1][1])
        return self.url

    async def stop(self) -> None:
        """Stop listening."""
        if self._runner is not None:
            await self._runner.cleanup()
        self._runner = None

    def rows(self) -> list[Any]:
        """Every row get_history can return, oldest first."""
        plays = sorted(self.plays, key=lambda play: (play.started, play.row_id))
        return [history_row(play, legacy=self.legacy) for play in plays] + list(self.extra_rows)

    def users(self) -> list[dict[str, Any]]:
        """get_users' rows: every user with a play, as Tautulli lists them."""
        seen: dict[int, SimSession] = {}
        for play in self.plays:
            seen.setdefault(play.session.user_id, play.session)
        return [
            {
                "row_id": index,
                "user_id": user_id,
                "username": session.user_name,
                "friendly_name": session.user_name.title(),
                "thumb": f"https://plex.tv/users/{user_id}/avatar",
                "email": f"{session.user_name}@example.invalid",
                "is_active": 1,
                "is_admin": int(index == 1),
                "is_home_user": 0,
                "is_allow_sync": 1,
                "is_restricted": 0,
                "do_notify": 1,
                "keep_history": 1,
                "allow_guest": 0,
                "server_token": "",
                "shared_libraries": "1;2",
                "filter_all": "",
                "filter_movies": "",
                "filter_tv": "",
                "filter_music": "",
                "filter_photos": "",
            }
            for index, (user_id, session) in enumerate(sorted(seen.items()), start=1)
        ]

    async def _home(self, request: web.Request) -> web.StreamResponse:
        return web.Response(text="<html><body>Tautulli</body></html>", content_type="text/html")

    async def _api(self, request: web.Request) -> web.StreamResponse:
        query = dict(request.query)
        if request.method == "POST":
            query |= {key: str(value) for key, value in (await request.post()).items()}
        self.requests.append(query)
        self.request_lines.append(f"{request.method} {request.path_qs}")
        if self.failure is TautulliFailure.HTML:
            return web.Response(
                text="<!DOCTYPE html><html><head><title>Tautulli - Login</title></head></html>",
                content_type="text/html",
            )
        if self.failure is TautulliFailure.NOT_JSON:
            return web.Response(text="response: ok", content_type="application/json")
        if self.failure is TautulliFailure.SERVER_ERROR:
            return _envelope(None, result="error", message="Internal error", status=500)
        if query.get("apikey") != self.apikey:
            return _envelope({}, result="error", message="Invalid apikey")
        cmd = query.get("cmd", "")
        if cmd == "get_users":
            return _envelope(self.users())
        if cmd == "get_history":
            return self._history(query)
        return _envelope({}, result="error", message=f"Unknown command: {cmd}")

    def _history(self, query: dict[str, str]) -> web.Response:
        if self.fail_after_pages is not None and self._pages_served >= self.fail_after_pages:
            return _envelope(None, result="error", message="Database is locked", status=500)
        self._pages_served += 1
        rows = self.rows()
        total = len(rows)
        after = query.get("after")
        if after:
            floor = datetime.strptime(after, "%Y-%m-%d").replace(tzinfo=UTC).timestamp()
            rows = [r for r in rows if not isinstance(r, dict) or _started(r) >= floor]
        if query.get("order_dir", "desc") == "desc":
            rows.reverse()
        start = int(query.get("start", "0"))
        length = int(query.get("length", "25"))
        return _envelope(
            {
                "recordsFiltered": len(rows),
                "recordsTotal": total,
                "data": rows[start : start + length],
                "draw": int(query.get("draw", "1")),
                "filter_duration": "0 mins",
                "total_duration": "0 mins",
            }
        )


def _started(row: dict[str, Any]) -> float:
    value = row.get("started")
    return float(value) if isinstance(value, int | float) else 0.0


def _envelope(
    data: Any, *, result: str = "success", message: str | None = None, status: int = 200
) -> web.Response:
    body = {"response": {"result": result, "message": message, "data": data}}
    return web.Response(text=json.dumps(body), content_type="application/json", status=status)


def spread(
    sessions: Sequence[SimSession], *, start: int, every: int, duration: int, count: int
) -> list[tuple[SimSession, int, int]]:
    """`count` plays cycling through `sessions`, one every `every` seconds from `start`."""
    return [
        (sessions[i % len(sessions)], start + i * every, start + i * every + duration)
        for i in range(count)
    ]
