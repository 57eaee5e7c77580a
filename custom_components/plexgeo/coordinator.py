"""The polling coordinator: Plex → engine → geolocation → engine, once per interval."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
import logging
import time
from typing import TYPE_CHECKING

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ConfigEntryAuthFailed
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator, UpdateFailed
from homeassistant.util import dt as dt_util

from . import alerts
from .const import CONF_SCAN_INTERVAL, DOMAIN
from .core.engine import Engine, PollOutcome
from .core.errors import PlexAuthError, PlexError, StoreError
from .core.geo import GeoProvider, LookupResult
from .core.models import Alert
from .core.plex import PlexClient, ServerInfo
from .options import alert_settings, home_of, option

if TYPE_CHECKING:
    from homeassistant.config_entries import ConfigEntry

_LOGGER = logging.getLogger(__name__)
_NO_LOOKUP = LookupResult(located={}, failed={}, deferred=())


@dataclass(slots=True)
class PollTiming:
    """How the last poll went, for diagnostics."""

    finished_at: str | None = None
    duration_ms: float | None = None
    streams: int = 0
    error: str | None = None


class PlexGeoCoordinator(DataUpdateCoordinator[PollOutcome]):
    """Polls one Plex server and keeps the live streams and new alerts."""

    config_entry: ConfigEntry

    def __init__(
        self,
        hass: HomeAssistant,
        entry: ConfigEntry,
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
        self._geolocation_error: str | None = None
        # Alerts raised while no event entity listened (the first poll after a start or
        # reload runs before the platforms are set up); the entity fires them when added.
        self.anomaly_listening = False
        self.unfired_alerts: list[Alert] = []

    async def _async_update_data(self) -> PollOutcome:
        started = time.perf_counter()
        # Local time: "streams today" starts at the user's midnight (stored times are absolute).
        now = dt_util.now()
        try:
            outcome = await self._poll(now)
        except UpdateFailed as err:
            self.last_poll = PollTiming(dt_util.utcnow().isoformat(), None, 0, str(err))
            raise
        self.last_poll = PollTiming(
            now.isoformat(), round((time.perf_counter() - started) * 1000, 1), len(outcome.live)
        )
        alerts.async_announce(self.hass, self.config_entry, outcome)
        if not self.anomaly_listening:
            self.unfired_alerts.extend(outcome.new_alerts)
        return outcome

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
            raise ConfigEntryAuthFailed(str(err)) from err
        except PlexError as err:
            raise UpdateFailed(str(err)) from err
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
            raise UpdateFailed(f"History database unavailable: {err}") from err
        alerts.async_database_unavailable(self.hass, self.config_entry, None)
        return outcome
