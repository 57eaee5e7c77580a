"""The chosen geolocation provider, its files and downloads, and the repair issue it may need.

`async_create_provider` builds what the entry's options choose; the result wraps the core
provider so every lookup also keeps the repair issue in step (opened when the user must act:
a missing or corrupt file, a failed or refused download, a database over 60 days old, a
token plex.tv refuses; closed once it works again). DB-IP's files live in Home Assistant's
cache directory where the running core has one (2026.3+), else under the config dir, and
are refreshed monthly with jitter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
import logging
from pathlib import Path
import random
from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import CONF_TOKEN
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.helpers.event import async_track_time_interval
from homeassistant.util import dt as dt_util

from .const import (
    CONF_DBIP_URL,
    CONF_GEO_PROVIDER,
    CONF_GEO_URL,
    CONF_MMDB_ASN_PATH,
    CONF_MMDB_CITY_PATH,
    CONF_PLEXTV_URL,
    DOMAIN,
    GEO_PROVIDER_DBIP,
    GEO_PROVIDER_MAXMIND,
    GEO_PROVIDER_PLEXTV,
)
from .core.geo import GeoProvider, LookupResult, ProviderStatus, create_provider
from .core.geo.dbip import ATTRIBUTION, ATTRIBUTION_URL, DbIpDownloader, DownloadError
from .core.geo.mmdb import PROBLEM_CORRUPT, MmdbProvider, OfflineDatabase
from .core.geo.plextv import PlexTvProvider
from .core.wire import Attribution
from .options import option

_LOGGER = logging.getLogger(__name__)

CHECK_INTERVAL = timedelta(hours=6)
MAX_JITTER = timedelta(days=3)


def cache_directory(hass: HomeAssistant) -> Path:
    """Where downloaded databases go: HA's cache directory when it has one, else config."""
    cache_path = getattr(hass.config, "cache_path", None)
    if callable(cache_path):  # HA 2026.3+
        return Path(cache_path(DOMAIN))
    return Path(hass.config.path(DOMAIN, "cache"))


@dataclass(frozen=True, slots=True)
class Problem:
    """What a repair issue says: the translation key and why."""

    key: str
    reason: str


class ManagedProvider:
    """The entry's provider, with its downloads and its repair issue."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry: ConfigEntry,
        provider: GeoProvider,
        downloader: DbIpDownloader | None = None,
    ) -> None:
        """Wrap `provider` (and the DB-IP `downloader` that feeds it)."""
        self.hass = hass
        self.entry = entry
        self.inner = provider
        self.downloader = downloader
        self.name = provider.name
        self._issue: Problem | None = None
        self._jitter = timedelta(seconds=random.uniform(0, MAX_JITTER.total_seconds()))

    @property
    def issue_id(self) -> str:
        """This entry's geolocation repair issue."""
        return f"geolocation_{self.entry.entry_id}"

    @property
    def attribution(self) -> Attribution | None:
        """The credit a data licence asks for (DB-IP's CC BY 4.0), or None."""
        if self.downloader is None:
            return None
        return {"text": ATTRIBUTION, "url": ATTRIBUTION_URL}

    async def locate(self, addresses: Sequence[str], now: datetime) -> LookupResult:
        """The inner provider's answer; the repair issue follows its outcome."""
        result = await self.inner.locate(addresses, now)
        await self.async_sync_issue()
        return result

    def status(self) -> ProviderStatus:
        """The inner provider's status."""
        return self.inner.status()

    async def async_start(self) -> None:
        """Download DB-IP now if there is none or it is old, then check every few hours."""
        if self.downloader is None:
            return
        self.entry.async_on_unload(
            async_track_time_interval(self.hass, self._async_check, CHECK_INTERVAL)
        )
        self.entry.async_create_background_task(
            self.hass, self._async_check(), f"{DOMAIN} DB-IP download"
        )

    async def _async_check(self, _now: datetime | None = None) -> None:
        downloader = self.downloader
        assert downloader is not None
        now = dt_util.utcnow()
        if await self.hass.async_add_executor_job(downloader.due, now, self._jitter):
            try:
                await downloader.refresh(now.date())
            except DownloadError as err:
                _LOGGER.warning("DB-IP database not updated: %s", err)
        await self.async_sync_issue()

    async def async_problem(self) -> Problem | None:
        """What the user must fix now, or None."""
        inner_problem: str | None = getattr(self.inner, "problem", None)
        reason = self.inner.status().last_error or ""
        if self.downloader is not None:
            state = await self.hass.async_add_executor_job(self.downloader.state, dt_util.utcnow())
            if state.problem is not None:
                age = "" if state.age is None else f"{state.age.days} days old"
                return Problem(state.problem, state.last_error or age)
            # A missing file while the first download runs is not the user's to fix.
            return Problem(PROBLEM_CORRUPT, reason) if inner_problem == PROBLEM_CORRUPT else None
        return None if inner_problem is None else Problem(inner_problem, reason)

    async def async_sync_issue(self) -> None:
        """Open, update or close the repair issue to match the problem now."""
        problem = await self.async_problem()
        if problem == self._issue:
            return
        self._issue = problem
        if problem is None:
            ir.async_delete_issue(self.hass, DOMAIN, self.issue_id)
            return
        ir.async_create_issue(
            self.hass,
            DOMAIN,
            self.issue_id,
            is_fixable=False,
            severity=ir.IssueSeverity.ERROR,
            translation_key=problem.key,
            translation_placeholders={"server": self.entry.title, "reason": problem.reason},
        )

    def close(self) -> None:
        """Release the database files (an unmap, not I/O)."""
        if isinstance(self.inner, MmdbProvider):
            self.inner.close()

    def diagnostics(self) -> dict[str, Any]:
        """The provider-specific part of the diagnostics (no addresses, no token)."""
        info: dict[str, Any] = {"attribution": self.attribution}
        if self._issue is not None:
            info["problem"] = self._issue.key
        if isinstance(self.inner, MmdbProvider):
            info["database_file"] = self.inner.database.city_path.name
        return info


async def async_create_provider(hass: HomeAssistant, entry: ConfigEntry) -> ManagedProvider:
    """The provider the entry's options choose, ready to locate."""
    name = str(option(entry.options, CONF_GEO_PROVIDER))
    session = async_get_clientsession(hass)
    if name == GEO_PROVIDER_DBIP:
        downloader = DbIpDownloader(
            session, cache_directory(hass), str(option(entry.options, CONF_DBIP_URL))
        )
        database = OfflineDatabase(downloader.path("city"), downloader.path("asn"))
        return ManagedProvider(hass, entry, MmdbProvider(name, database), downloader)
    if name == GEO_PROVIDER_MAXMIND:
        asn = str(option(entry.options, CONF_MMDB_ASN_PATH)).strip()
        database = OfflineDatabase(
            Path(str(option(entry.options, CONF_MMDB_CITY_PATH)).strip()),
            Path(asn) if asn else None,
        )
        return ManagedProvider(hass, entry, MmdbProvider(name, database))
    if name == GEO_PROVIDER_PLEXTV:
        provider = PlexTvProvider(
            session,
            entry.data[CONF_TOKEN],
            str(option(entry.options, CONF_PLEXTV_URL)),
            client_id=f"plexgeo-{entry.entry_id}",
        )
        return ManagedProvider(hass, entry, provider)
    return ManagedProvider(
        hass, entry, create_provider(name, session, str(option(entry.options, CONF_GEO_URL)))
    )
