"""The polling coordinator: Plex → engine → geolocation → engine, once per interval."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
import heapq
import logging
import time
from typing import TYPE_CHECKING

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import (
    ConfigEntryAuthFailed,
    HomeAssistantError,
    ServiceValidationError,
)
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator, UpdateFailed
from homeassistant.util import dt as dt_util

from . import alerts
from .const import CONF_SCAN_INTERVAL, DOMAIN
from .core.engine import Engine, PollOutcome
from .core.errors import PlexAuthError, PlexError, StoreError
from .core.geo import GeoProvider, LookupResult
from .core.models import Alert, Stream
from .core.plex import PlexClient, ServerInfo, session_id_of
from .core.store import HistoryStore
from .core.wire import PushHealth, ServerState
from .options import alert_settings, home_of, option

if TYPE_CHECKING:
    from .notifications import PlexGeoPush
    from .tautulli_import import TautulliImportJob

_LOGGER = logging.getLogger(__name__)
_NO_LOOKUP = LookupResult(located={}, failed={}, deferred=())

type PlexGeoConfigEntry = ConfigEntry[PlexGeoData]


@dataclass(slots=True)
class PlexGeoData:
    """What one configured Plex server keeps while it is loaded."""

    coordinator: PlexGeoCoordinator
    store: HistoryStore
    push: PlexGeoPush | None = None  # Plex's notification socket, once started
    tautulli: TautulliImportJob | None = None  # the history import, once set up


def newest_streams(live: Sequence[Stream], limit: int) -> Sequence[Stream]:
    """At most `limit` live streams: all of them, or the most recently started."""
    if len(live) <= limit:
        return live
    return heapq.nlargest(limit, live, key=lambda stream: (stream.started_at, stream.stream_id))


class StoreUnavailableError(HomeAssistantError):
    """The history database refused an action's read or write; nothing was changed."""

    def __init__(self, err: StoreError) -> None:
        """Translated, with the database's own reason."""
        self.reason = str(err)
        super().__init__(
            translation_domain=DOMAIN,
            translation_key="store_unavailable",
            translation_placeholders={"error": str(err)},
        )


def error_placeholders(entry: ConfigEntry, err: Exception) -> dict[str, str]:
    """An exception's translation placeholders: the server's name and the core's reason.

    Core errors name the failure, never the token or the URL (which may carry credentials).
    """
    return {"server": entry.title, "error": str(err)}


@dataclass(slots=True)
class PollTiming:
    """How the last poll went, for diagnostics."""

    finished_at: str | None = None
    duration_ms: float | None = None
    streams: int = 0
    error: str | None = None


class PlexGeoCoordinator(DataUpdateCoordinator[PollOutcome]):
    """Polls one Plex server and keeps the live streams and new alerts."""

    config_entry: PlexGeoConfigEntry

    def __init__(
        self,
        hass: HomeAssistant,
        entry: PlexGeoConfigEntry,
        *,
        client: PlexClient,
        server: ServerInfo,
        engine: Engine,
        provider: GeoProvider,
    ) -> None:
        """Poll at the entry's interval."""
        super().__init__(
            hass,
            _LOGGER,
            config_entry=entry,
            name=f"{DOMAIN} {entry.title}",
            update_interval=timedelta(seconds=int(option(entry.options, CONF_SCAN_INTERVAL))),
            always_update=True,
        )
        self.client = client
        self.server = server
        self.engine = engine
        self.provider = provider
        self.settings = alert_settings(entry.options, home_of(hass))
        self.last_poll = PollTiming()
        # The server's state for the panel: the newest good poll, and the first failed one
        # of the current run of failures (with its translation key).
        self.last_success: datetime | None = None
        self.failing_since: datetime | None = None
        self.problem: str | None = None
        self._geolocation_error: str | None = None
        # Alerts raised while no event entity listened (the first poll after a start or
        # reload runs before the platforms are set up); the entity fires them when added.
        self.anomaly_listening = False
        self.unfired_alerts: list[Alert] = []
        # A refresh triggered by a Plex notification never runs beside a scheduled one.
        self._poll_lock = asyncio.Lock()
        # The `relocate_addresses` job, while one runs (relocate.py).
        self.relocation: asyncio.Task[None] | None = None

    async def _async_update_data(self) -> PollOutcome:
        async with self._poll_lock:
            return await self._update_data()

    async def _update_data(self) -> PollOutcome:
        started = time.perf_counter()
        # Local time: "streams today" starts at the user's midnight (stored times are absolute).
        now = dt_util.now()
        try:
            outcome = await self._poll(now)
        except (UpdateFailed, ConfigEntryAuthFailed) as err:
            # The core's reason, as diagnostics showed it before UpdateFailed was translated.
            reason = str(err.__cause__ or err)
            failed_at = dt_util.utcnow()
            self.last_poll = PollTiming(failed_at.isoformat(), None, 0, reason)
            self.failing_since = self.failing_since or failed_at
            self.problem = err.translation_key
            raise
        self.last_success, self.failing_since, self.problem = now, None, None
        self.last_poll = PollTiming(
            now.isoformat(), round((time.perf_counter() - started) * 1000, 1), len(outcome.live)
        )
        alerts.async_announce(self.hass, self.config_entry, outcome)
        if not self.anomaly_listening:
            self.unfired_alerts.extend(outcome.new_alerts)
        return outcome

    def server_state(self, push: PushHealth | None = None) -> ServerState:
        """Whether the Plex server answers, since when it does not, and when it was polled.

        `push` is the notification socket's health, which the panel shows beside it.
        """
        interval = self.update_interval.total_seconds() if self.update_interval else 0
        return {
            "connected": self.last_update_success and self.failing_since is None,
            "problem": self.problem,
            "last_poll": self.last_poll.finished_at,
            "last_success": self.last_success.isoformat() if self.last_success else None,
            "failing_since": self.failing_since.isoformat() if self.failing_since else None,
            "poll_interval": int(interval),
            "push": push,
        }

    def _log_geolocation(self, lookup: LookupResult) -> None:
        """Say once that geolocation is failing, and once that it works again."""
        if lookup.error and self._geolocation_error is None:
            _LOGGER.warning(
                "Geolocation unavailable (%s); %d address(es) stay pending and are retried",
                lookup.error,
                len(lookup.deferred),
            )
        elif lookup.error is None and lookup.located and self._geolocation_error is not None:
            _LOGGER.info("Geolocation works again")
        if lookup.error or lookup.located:
            self._geolocation_error = lookup.error

    async def _poll(self, now: datetime) -> PollOutcome:
        try:
            snapshots = await self.hass.async_add_executor_job(self.client.fetch_sessions)
        except PlexAuthError as err:
            raise ConfigEntryAuthFailed(
                translation_domain=DOMAIN,
                translation_key="auth_failed",
                translation_placeholders=error_placeholders(self.config_entry, err),
            ) from err
        except PlexError as err:
            raise UpdateFailed(
                translation_domain=DOMAIN,
                translation_key="plex_unreachable",
                translation_placeholders=error_placeholders(self.config_entry, err),
            ) from err
        try:
            ingested = await self.hass.async_add_executor_job(self.engine.ingest, snapshots, now)
            lookup = (
                await self.provider.locate(list(ingested.lookups), now)
                if ingested.lookups
                else _NO_LOOKUP
            )
            self._log_geolocation(lookup)
            outcome = await self.hass.async_add_executor_job(
                self.engine.resolve, ingested, lookup, self.settings, now
            )
        except StoreError as err:
            alerts.async_database_unavailable(self.hass, self.config_entry, str(err))
            raise UpdateFailed(
                translation_domain=DOMAIN,
                translation_key="database_unavailable",
                translation_placeholders=error_placeholders(self.config_entry, err),
            ) from err
        alerts.async_database_unavailable(self.hass, self.config_entry, None)
        return outcome

    # --- what a user does: services, repair flows and the panel call these -----------------

    async def _store[**P, T](self, func: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run a store call in the executor; a refusing database is a translated HA error."""
        try:
            return await self.hass.async_add_executor_job(lambda: func(*args, **kwargs))
        except StoreError as err:
            raise StoreUnavailableError(err) from err

    async def async_acknowledge(
        self, alert_ids: list[int] | None, *, trust: bool = False, by: str | None = None
    ) -> list[Alert]:
        """Acknowledge alerts (None: all), maybe trusting their countries; drop their issues."""
        store = self.engine.store
        acknowledged = await self._store(store.acknowledge_alerts, alert_ids, by, dt_util.utcnow())
        if trust:
            for alert in acknowledged:
                await self._store(store.trust_country, alert.user_id, alert.country_code)
        entry = self.config_entry
        alerts.async_clear_alert_issues(
            self.hass, entry.entry_id, [a.alert_id for a in acknowledged]
        )
        count = await self._store(store.unacknowledged_count)
        alerts.async_update_more_alerts(self.hass, entry, count)
        # The coordinator is the one writer of its data; no new alerts in this update, so
        # the event entity does not fire them twice.
        self.async_set_updated_data(replace(self.data, new_alerts=(), unacknowledged_alerts=count))
        return acknowledged

    async def async_set_trust(
        self, user_id: str, country_code: str, trusted: bool
    ) -> frozenset[str]:
        """Trust or untrust a country for a user; returns the user's trusted countries."""
        store = self.engine.store
        code = country_code.upper()
        await self._store(store.trust_country if trusted else store.untrust_country, user_id, code)
        return await self._store(store.trusted_countries, user_id)

    async def async_set_stream_limit(self, user_id: str, limit: int | None) -> None:
        """Set a user's own concurrent-stream limit (None: the server's limit; 0: none)."""
        await self._store(self.engine.store.set_stream_limit, user_id, limit)

    async def async_terminate(self, stream_id: int, message: str) -> None:
        """Stop a live stream on the Plex server, showing the viewer `message`."""
        live = {stream.stream_id: stream for stream in self.data.live}
        if stream_id not in live:
            raise ServiceValidationError(
                translation_domain=DOMAIN,
                translation_key="stream_not_live",
                translation_placeholders={"stream_id": str(stream_id)},
            )
        session_id = session_id_of(live[stream_id].snapshot.session_key)
        try:
            await self.hass.async_add_executor_job(self.client.terminate, session_id, message)
        except PlexAuthError as err:
            raise HomeAssistantError(
                translation_domain=DOMAIN, translation_key="terminate_refused"
            ) from err
        except PlexError as err:
            raise HomeAssistantError(
                translation_domain=DOMAIN,
                translation_key="terminate_failed",
                translation_placeholders={"error": str(err)},
            ) from err
        await self.async_request_refresh()
