"""`scripts/bench --push`: what Plex's notification socket costs the event loop.

The simulated Plex server runs on its own thread and loop, so the measured loop carries
only PlexGeo's side: the socket client (`core.plex_push`), frame parsing and the fetch
rule and the fetch delay (`core.notifications`), timed as `notifications.PlexGeoPush`
times it. The fetch is the real `PlexClient.fetch_sessions`
in an executor thread, counted. Loop cost is the loop thread's CPU time
(`time.thread_time`) over a window:

- burst: 100 notifications for new sessions spread over one second, plus the fetch;
- idle: ten seconds with the socket connected and nothing sent, against ten seconds
  with no socket at all.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
import json
import threading
import time
from typing import Any

import aiohttp

from custom_components.plexgeo.core.notifications import (
    MAX_WAIT_SECONDS,
    FetchDelay,
    FetchRule,
    PlayNotification,
    live_keys,
)
from custom_components.plexgeo.core.plex import PlexClient
from custom_components.plexgeo.core.plex_push import NotificationSocket
from simulator.plex import PlexSimulator
from simulator.plex_notifications import play_frame
from simulator.scenario import SimSession

BURST = 100
BURST_SECONDS = 1.0
IDLE_SECONDS = 10.0


class ServerThread:
    """A PlexSimulator on a loop of its own."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.sim = PlexSimulator()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)

    def call[T](self, coro: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(30)

    def start(self) -> str:
        self._thread.start()
        return self.call(self.sim.start())

    def stop(self) -> None:
        self.call(self.sim.stop())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(5)


class Listener:
    """PlexGeo's side: socket, rule, delayed fetch (what PlexGeoPush does on HA)."""

    def __init__(self, client: PlexClient, executor: ThreadPoolExecutor) -> None:
        self.client = client
        self.executor = executor
        self.rule = FetchRule()
        self.live: dict[str, set[str]] = {}
        self.fetches = 0
        self.connected = asyncio.Event()
        self.fetched = asyncio.Event()
        self.delay = FetchDelay()
        self._timer: asyncio.TimerHandle | None = None
        self.task: asyncio.Task[None] | None = None

    def on_notes(self, notes: list[PlayNotification]) -> None:
        if self.rule.wants_fetch(notes, self.live):
            loop = asyncio.get_running_loop()
            self.delay.request(loop.time())
            if self._timer is None:
                self._timer = loop.call_at(self.delay.due(), self._fire)

    def on_state(self, connected: bool, error: str | None) -> None:
        if connected:
            self.connected.set()

    def _fire(self) -> None:
        loop = asyncio.get_running_loop()
        if loop.time() < self.delay.due() - 0.01:  # not quiet yet: as PlexGeoPush._fire
            self._timer = loop.call_at(self.delay.due(), self._fire)
            return
        self._timer = None
        self.delay.start()
        self.task = loop.create_task(self._fetch())

    async def _fetch(self) -> None:
        self.fetches += 1
        loop = asyncio.get_running_loop()
        snapshots = await loop.run_in_executor(self.executor, self.client.fetch_sessions)
        self.live = live_keys(s.session_key for s in snapshots)
        self.fetched.set()


async def _cpu_during(seconds: float, action: Callable[[], Coroutine[Any, Any, None]]) -> float:
    """Loop-thread CPU seconds over `action` plus the rest of a `seconds` window."""
    started_cpu, started = time.thread_time(), time.monotonic()
    await action()
    await asyncio.sleep(max(0.0, seconds - (time.monotonic() - started)))
    return time.thread_time() - started_cpu


async def _measure(server: ServerThread, url: str, idle_seconds: float) -> dict[str, Any]:
    async def nothing() -> None:
        return None

    idle_without = await _cpu_during(idle_seconds, nothing)
    executor = ThreadPoolExecutor(2)
    client = PlexClient(url, server.sim.token, verify_ssl=True)
    await asyncio.get_running_loop().run_in_executor(executor, client.connect)
    listener = Listener(client, executor)
    async with aiohttp.ClientSession() as session:
        socket = NotificationSocket(
            session,
            url,
            server.sim.token,
            verify_ssl=True,
            on_notes=listener.on_notes,
            on_state=listener.on_state,
            now=lambda: datetime.now(UTC),
        )
        task = asyncio.create_task(socket.run())
        await listener.connected.wait()
        idle_with = await _cpu_during(idle_seconds, nothing)

        frames = [
            play_frame(SimSession(session_key=str(1000 + i), session_id=f"b{i}"), "playing")
            for i in range(BURST)
        ]

        async def send() -> None:  # on the server's loop, not the measured one
            for frame in frames:
                server.sim.notifications.send_raw(frame)
                await asyncio.sleep(BURST_SECONDS / BURST)

        async def burst() -> None:
            await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(send(), server.loop))
            await listener.fetched.wait()

        burst_cpu = await _cpu_during(BURST_SECONDS + MAX_WAIT_SECONDS + 1.0, burst)
        received = socket.health.notifications
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    await asyncio.get_running_loop().run_in_executor(executor, client.close)
    executor.shutdown()
    return {
        "burst_notifications": BURST,
        "burst_seconds": BURST_SECONDS,
        "notifications_received": received,
        "fetches": listener.fetches,
        "burst_loop_cpu_ms": round(burst_cpu * 1000, 2),
        "per_notification_loop_cpu_us": round(burst_cpu / BURST * 1e6, 1),
        "idle_seconds": idle_seconds,
        "idle_loop_cpu_ms_without_socket": round(idle_without * 1000, 3),
        "idle_loop_cpu_ms_with_socket": round(idle_with * 1000, 3),
    }


def main(idle_seconds: float = IDLE_SECONDS) -> int:
    """Measure and print the figures as JSON; fails unless the burst cost one fetch."""
    server = ServerThread()
    url = server.start()
    try:
        figures = asyncio.run(_measure(server, url, idle_seconds))
    finally:
        server.stop()
    print(json.dumps(figures, indent=2))
    return 0 if figures["fetches"] == 1 else 1
