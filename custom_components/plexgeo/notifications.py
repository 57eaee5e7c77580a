"""Instant streams: Plex's notification websocket triggers the coordinator's refresh.

A notification naming a new or stopped session schedules one sessions fetch once the
notifications go quiet for `QUIET_SECONDS`, and never later than `MAX_WAIT_SECONDS`
after the first, so a burst of notifications costs one fetch. The fetch is the
coordinator's own refresh: lifecycle, geolocation, detectors and events are a poll's.
The poll stays the safety net; while the socket is up it may run at the longer
`push_scan_interval`. When the socket fails, polling carries on at the normal interval
and one line is logged, no repair issue.

The delay (`core.notifications.FetchDelay`) is PlexGeo's own rather than HA's
`Debouncer` (or `async_request_refresh`, which uses one): a Debouncer drops a call that
arrives while its function runs, and a stream that starts during a fetch would then wait
for the next poll.
"""

from __future__ import annotations

import asyncio
import contextlib
from datetime import datetime, timedelta
import logging
import time
from typing import TYPE_CHECKING

from homeassistant.const import EVENT_HOMEASSISTANT_STOP
from homeassistant.core import CALLBACK_TYPE, Event, HassJob, HomeAssistant, callback
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.helpers.event import async_call_later
from homeassistant.util import dt as dt_util

from .core.notifications import FetchDelay, FetchRule, PlayNotification, live_keys
from .core.plex_push import STABLE_SECONDS, NotificationSocket, PushHealth

if TYPE_CHECKING:
    from homeassistant.config_entries import ConfigEntry

    from .coordinator import PlexGeoCoordinator

_LOGGER = logging.getLogger(__name__)

# How early a timer may fire and still count as on time.
_TOLERANCE = 0.01
# How often an unload repeats its cancel while the socket's task has not ended.
_RECANCEL_SECONDS = 1.0


class PlexGeoPush:
    """One server's notification listener, started with the entry, stopped on unload."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry: ConfigEntry,
        coordinator: PlexGeoCoordinator,
        *,
        url: str,
        token: str,
        verify_ssl: bool,
        push_interval: int,
    ) -> None:
        """Prepare the socket; nothing connects until `async_start`."""
        self._hass = hass
        self._entry = entry
        self._coordinator = coordinator
        self._poll_interval = coordinator.update_interval
        self._push_interval = timedelta(seconds=push_interval)
        self._socket = NotificationSocket(
            async_get_clientsession(hass),
            url,
            token,
            verify_ssl=verify_ssl,
            on_notes=self._on_notes,
            on_state=self._on_state,
            now=dt_util.utcnow,
        )
        self._rule = FetchRule()
        self._task: asyncio.Task[None] | None = None
        self._fetch_task: asyncio.Task[None] | None = None
        self._timer: CALLBACK_TYPE | None = None
        self._fetch_job = HassJob(self._fire, "plexgeo push fetch", cancel_on_shutdown=True)
        self._delay = FetchDelay()
        self._fetching = False
        self._stopped = False
        self._logged_down = False
        self._up_since: float | None = None

    @property
    def health(self) -> PushHealth:
        """Connected or not, since when, notifications received, fetches triggered."""
        return self._socket.health

    @callback
    def async_start(self) -> None:
        """Open the socket in the background until unload or Home Assistant's stop.

        A plain loop task, not one of HA's background tasks: those are awaited by
        `async_block_till_done(wait_background_tasks=True)`, which a socket that lives as
        long as the entry would never let finish.
        """
        self._task = self._hass.loop.create_task(
            self._socket.run(), name=f"plexgeo notifications {self._entry.title}"
        )

        async def _on_stop(_event: Event) -> None:
            await self.async_stop()

        self._entry.async_on_unload(
            self._hass.bus.async_listen_once(EVENT_HOMEASSISTANT_STOP, _on_stop)
        )

    async def async_stop(self) -> None:
        """Close the socket, end the task and drop any pending fetch."""
        self._stopped = True
        if self._timer is not None:
            self._timer()
            self._timer = None
        self._socket.stop()
        if self._task is not None:
            task, self._task = self._task, None
            # Cancelling leaves the socket's `async with`, which closes it (2 s at most).
            # aiohttp can swallow a cancel (it uncancels the task when one of its own
            # timers fired too): the socket's stop flag, and a cancel repeated each second,
            # end it whatever it was awaiting.
            while not task.done():
                task.cancel()
                await asyncio.wait({task}, timeout=_RECANCEL_SECONDS)
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if self._fetch_task is not None:
            # The store closes after this: let a fetch in flight finish with it open.
            with contextlib.suppress(asyncio.CancelledError):
                await self._fetch_task
        self.health.connected = False

    @callback
    def _on_notes(self, notes: list[PlayNotification]) -> None:
        outcome = self._coordinator.data
        live = live_keys(s.snapshot.session_key for s in outcome.live) if outcome else {}
        if self._rule.wants_fetch(notes, live):
            self.request_fetch()

    @callback
    def request_fetch(self) -> None:
        """Fetch the sessions once things go quiet (or after a running fetch)."""
        if self._stopped:
            return
        self._delay.request(self._hass.loop.time())
        if self._timer is None and not self._fetching:
            self._arm()

    @callback
    def _arm(self) -> None:
        wait = max(0.0, self._delay.due() - self._hass.loop.time())
        self._timer = async_call_later(self._hass, wait, self._fetch_job)

    @callback
    def _fire(self, _now: datetime) -> None:
        self._timer = None
        if self._hass.loop.time() < self._delay.due() - _TOLERANCE:
            self._arm()  # more notifications came: wait for the quiet (or the limit)
            return
        self._delay.start()
        self._fetching = True
        self._fetch_task = self._entry.async_create_background_task(
            self._hass, self._fetch(), "plexgeo push fetch"
        )

    async def _fetch(self) -> None:
        try:
            self.health.fetches += 1
            await self._coordinator.async_refresh()
        finally:
            self._fetching = False
            self._fetch_task = None
            if self._delay.pending and not self._stopped:
                self._arm()

    @callback
    def _on_state(self, connected: bool, error: str | None) -> None:
        if connected:
            self._up_since = time.monotonic()
            _LOGGER.debug("Plex notifications connected")
            if self._poll_interval is not None and self._push_interval > self._poll_interval:
                self._coordinator.update_interval = self._push_interval
            return
        # One line per outage: an outage ends when a connection has held for a while.
        if self._up_since is not None and time.monotonic() - self._up_since >= STABLE_SECONDS:
            self._logged_down = False
        self._up_since = None
        if not self._logged_down:
            seconds = self._poll_interval.total_seconds() if self._poll_interval else 0
            _LOGGER.info(
                "Plex notifications unavailable (%s); PlexGeo polls every %.0f s meanwhile",
                error,
                seconds,
            )
            self._logged_down = True
        if self._coordinator.update_interval != self._poll_interval:
            # The next poll was planned at the long interval: poll soon, then at the short one.
            self._coordinator.update_interval = self._poll_interval
            self.request_fetch()
