"""The simulated server's notification websocket, `/:/websockets/notifications`.

Like a real Plex Media Server, it pushes a `playing` notification whenever a session
starts, changes state or moves to a new item, and a `stopped` one when it ends. The
frames have the shape real servers send (as captured in public Plex tools' test data):

    {"NotificationContainer": {"type": "playing", "size": 1,
      "PlaySessionStateNotification": [{"sessionKey": "12", "clientIdentifier": "...",
        "guid": "", "ratingKey": "1201", "url": "", "key": "/library/metadata/1201",
        "viewOffset": 0, "playQueueItemID": 3601, "state": "playing"}]}}

The hub compares the sessions every 20 ms (a real server pushes as players report their
timelines), so every change to the scenario is announced, however it was made. Progress
alone sends nothing here (a real server reports it every ten seconds or so); tests that
want a flood send frames themselves with `send_raw`.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterable
import contextlib
import json

from aiohttp import WSMsgType, web

from simulator.scenario import SimDecision, SimSession

_STOP = object()
PATH = "/:/websockets/notifications"
SYNC_SECONDS = 0.02


def play_frame(session: SimSession, state: str) -> str:
    """One `playing` notification for a session, in `state` (playing/paused/.../stopped)."""
    entry: dict[str, object] = {
        "sessionKey": session.session_key,
        "clientIdentifier": session.player_machine_id,
        "guid": "",
        "ratingKey": str(session.rating_key),
        "url": "",
        "key": f"/library/metadata/{session.rating_key}",
        "viewOffset": session.view_offset_ms,
        "playQueueItemID": session.rating_key * 3,
        "state": state,
    }
    if session.decision is not SimDecision.DIRECT_PLAY:
        entry["transcodeSession"] = f"{session.session_id[:24]:0<24}"
    return json.dumps(
        {
            "NotificationContainer": {
                "type": "playing",
                "size": 1,
                "PlaySessionStateNotification": [entry],
            }
        }
    )


class NotificationHub:
    """The websocket endpoint and the clients connected to it."""

    def __init__(self, sessions: Callable[[], Iterable[SimSession]]) -> None:
        """Watch `sessions()`; the endpoint answers 404 while `supported` is False."""
        self._current = sessions
        self.supported = True
        self.frames_sent = 0
        self._queues: dict[web.WebSocketResponse, asyncio.Queue[object]] = {}
        self._last: dict[str, tuple[str, int]] = {}
        self._sessions: dict[str, SimSession] = {}

    def install(self, app: web.Application) -> None:
        """Serve the endpoint on `app` and watch the sessions while it runs."""
        app.router.add_get(PATH, self.handle)
        app.on_shutdown.append(self.close_all)
        app.cleanup_ctx.append(self._watch)

    async def _watch(self, _app: web.Application) -> AsyncIterator[None]:
        self.sync()  # what plays already was announced before anyone listened
        task = asyncio.create_task(self._follow())
        yield
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task

    async def _follow(self) -> None:
        while True:
            await asyncio.sleep(SYNC_SECONDS)
            self.sync()

    @property
    def connections(self) -> int:
        """Clients connected right now."""
        return len(self._queues)

    async def handle(self, request: web.Request) -> web.StreamResponse:
        """Accept a client and push frames to it until either side closes."""
        if not self.supported:
            raise web.HTTPNotFound
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        queue: asyncio.Queue[object] = asyncio.Queue()
        self._queues[ws] = queue
        reader = asyncio.create_task(self._read(ws, queue))
        try:
            while (frame := await queue.get()) is not _STOP:
                if ws.closed:
                    break
                await ws.send_str(str(frame))
        finally:
            del self._queues[ws]
            reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await reader
            await ws.close()
        return ws

    @staticmethod
    async def _read(ws: web.WebSocketResponse, queue: asyncio.Queue[object]) -> None:
        # Reading answers the client's pings and notices its close.
        async for message in ws:
            if message.type is WSMsgType.ERROR:
                break
        queue.put_nowait(_STOP)

    def send_raw(self, frame: str) -> None:
        """Push any text frame to every client (garbled ones included)."""
        for queue in self._queues.values():
            queue.put_nowait(frame)
            self.frames_sent += 1

    def sync(self) -> None:
        """Notify what changed since the last call: new, changed and stopped sessions."""
        current = {s.session_key: s for s in self._current()}
        for key, session in current.items():
            seen = (session.state.value, session.rating_key)
            if self._last.get(key) != seen:
                self.send_raw(play_frame(session, session.state.value))
        for key in self._last.keys() - current.keys():
            self.send_raw(play_frame(self._sessions[key], "stopped"))
        self._last = {k: (s.state.value, s.rating_key) for k, s in current.items()}
        self._sessions = current

    async def close_all(self, _app: object = None) -> None:
        """Close every client's socket (a server going away, or a test's dropped socket)."""
        for queue in self._queues.values():
            queue.put_nowait(_STOP)
        for _ in range(500):  # each handler finishes its frame, then closes
            if not self._queues:
                return
            await asyncio.sleep(0.01)
