"""The Tautulli import in Home Assistant: a background task per server, its progress and summary.

The work is `core.importer`'s; this adapter runs its synchronous steps in the executor one
page at a time (polling goes on between them; each page is one short transaction), locates
the addresses through the entry's own provider, publishes progress to the import sensor and
ends with a persistent notification. The API key is never logged.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from datetime import date
import logging
from typing import TYPE_CHECKING, Any

from homeassistant.components import persistent_notification
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.exceptions import ServiceValidationError
from homeassistant.util import dt as dt_util

from .const import (
    CONF_TAUTULLI_API_KEY,
    CONF_TAUTULLI_REQUEST,
    CONF_TAUTULLI_START_DATE,
    CONF_TAUTULLI_URL,
    CONF_TAUTULLI_VERIFY_SSL,
    DOMAIN,
)
from .core.errors import StoreError
from .core.importer import (
    PHASE_DONE,
    PHASE_HISTORY,
    PHASE_LOCATING,
    SOURCE,
    ImportState,
    ImportSummary,
    TautulliImport,
    fingerprint,
    locate_imported,
)
from .core.markdown import escape_markdown
from .core.store import HistoryStore
from .core.tautulli import TautulliClient, TautulliError
from .core.wire import TautulliSummary
from .options import alert_settings, home_of

if TYPE_CHECKING:
    from .coordinator import PlexGeoConfigEntry

_LOGGER = logging.getLogger(__name__)
PHASE_CONNECTING = "connecting"
PHASE_FAILED = "failed"


@dataclass(frozen=True, slots=True)
class TautulliConfig:
    """Where Tautulli is and how to reach it."""

    url: str
    api_key: str
    verify_ssl: bool = True
    start_date: date | None = None
    request: str = ""  # when the owner asked for this import (options), to run it once

    @classmethod
    def from_options(cls, options: Mapping[str, Any]) -> TautulliConfig | None:
        """The import the options ask for, or None."""
        url, key = options.get(CONF_TAUTULLI_URL), options.get(CONF_TAUTULLI_API_KEY)
        if not url or not key:
            return None
        return cls(
            url=str(url),
            api_key=str(key),
            verify_ssl=bool(options.get(CONF_TAUTULLI_VERIFY_SSL, True)),
            start_date=parse_date(options.get(CONF_TAUTULLI_START_DATE)),
            request=str(options.get(CONF_TAUTULLI_REQUEST, "")),
        )


def parse_date(value: object) -> date | None:
    """A start date as forms and actions give it (ISO text or a date), or None."""
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        return date.fromisoformat(value)
    return None


def needs_run(saved: str | None, config: TautulliConfig) -> bool:
    """Whether the saved import state leaves this import to do (never run, unfinished,
    another Tautulli or start date, or asked for again)."""
    if saved is None:
        return True
    try:
        state = ImportState.from_json(saved)
    except (ValueError, TypeError):
        return True
    return (
        state.phase != PHASE_DONE
        or state.fingerprint != fingerprint(config.url, config.start_date)
        or state.request != config.request
    )


def saved_summary(store: HistoryStore) -> TautulliSummary:
    """The last import's phase and summary as saved in the store ({} when none)."""
    saved = store.import_state(SOURCE)
    if saved is None:
        return {}
    try:
        state = ImportState.from_json(saved)
    except (ValueError, TypeError):
        return {}
    summary: TautulliSummary = {
        "phase": state.phase,
        "rows_read": state.next_start,
        **asdict(state.summary),  # type: ignore[typeddict-item]
    }
    return summary


class TautulliImportJob:
    """One server's import: at most one at a time, in the background."""

    def __init__(self, hass: HomeAssistant, entry: PlexGeoConfigEntry) -> None:
        """Idle until started."""
        self.hass = hass
        self.entry = entry
        self.phase: str | None = None
        self.rows = 0
        self.total = 0
        self.percent: int | None = None
        self.error: str | None = None
        self.summary: ImportSummary | None = None
        self._task: asyncio.Task[None] | None = None
        self._listeners: list[CALLBACK_TYPE] = []

    @property
    def running(self) -> bool:
        """Whether an import is under way."""
        return self._task is not None and not self._task.done()

    @callback
    def async_add_listener(self, listener: CALLBACK_TYPE) -> Callable[[], None]:
        """Call `listener` on every progress change; returns the function that stops it."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def attributes(self) -> dict[str, Any]:
        """Progress as the import sensor shows it (no URL, no key)."""
        attributes: dict[str, Any] = {
            "phase": self.phase,
            "rows": self.rows,
            "total_rows": self.total,
            "error": self.error,
        }
        if self.summary is not None:
            attributes |= {
                "streams": self.summary.streams,
                "users": len(self.summary.users),
                "countries": len(self.summary.countries),
                "addresses_located": self.summary.located,
                "skipped": dict(self.summary.skipped),
            }
        return attributes

    @callback
    def async_start(self, config: TautulliConfig) -> None:
        """Start importing in the background; an import already running is an error."""
        if self.running:
            raise ServiceValidationError(
                translation_domain=DOMAIN, translation_key="import_running"
            )
        self.error, self.summary = None, None
        self._set(PHASE_CONNECTING, 0, 0, 0)
        self._task = self.entry.async_create_background_task(
            self.hass, self._run(config), f"{DOMAIN} Tautulli import {self.entry.title}"
        )

    async def async_resume(self) -> None:
        """Start the import the options ask for, unless it is done already."""
        config = TautulliConfig.from_options(self.entry.options)
        if config is None:
            return
        store = self.entry.runtime_data.store
        try:
            saved = await self.hass.async_add_executor_job(store.import_state, SOURCE)
        except StoreError as err:
            _LOGGER.warning("Tautulli import not resumed: %s", err)
            return
        if needs_run(saved, config):
            self.async_start(config)

    async def async_stop(self) -> None:
        """Cancel a running import (its last whole page stays; it resumes next time)."""
        task = self._task
        if task is not None and not task.done():
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)

    @callback
    def _set(self, phase: str, rows: int, total: int, percent: int | None) -> None:
        self.phase, self.rows, self.total, self.percent = phase, rows, total, percent
        for listener in list(self._listeners):
            listener()

    async def _run(self, config: TautulliConfig) -> None:
        hass = self.hass
        client = await hass.async_add_executor_job(
            lambda: TautulliClient(config.url, config.api_key, verify=config.verify_ssl)
        )
        try:
            await self._import(client, config)
        except (TautulliError, StoreError) as err:
            self.error = str(err)
            self._set(PHASE_FAILED, self.rows, self.total, self.percent)
            _LOGGER.warning("Tautulli import stopped: %s", err)
            self._notify(
                "Tautulli import stopped",
                f"{escape_markdown(str(err))}\n\nWhat was imported is kept; the import "
                "resumes from there when started again.",
            )
        finally:
            await hass.async_add_executor_job(client.close)

    async def _import(self, client: TautulliClient, config: TautulliConfig) -> None:
        hass = self.hass
        data = self.entry.runtime_data
        home = home_of(hass)
        importer = await hass.async_add_executor_job(
            lambda: TautulliImport(
                data.store,
                client,
                url=config.url,
                after=config.start_date,
                home_country=home.country_code if home else None,
            )
        )
        importer.state.request = config.request
        state = importer.state
        more = True
        while more:
            self._set(PHASE_HISTORY, state.next_start, state.total, state.percent)
            more = await hass.async_add_executor_job(importer.import_page)
        self._set(PHASE_LOCATING, state.next_start, state.total, state.percent)
        settings = alert_settings(self.entry.options, home)
        await locate_imported(
            importer,
            data.coordinator.provider,
            hass.async_add_executor_job,
            settings,
            now=dt_util.utcnow,
            wait=asyncio.sleep,
        )
        self.summary = await hass.async_add_executor_job(importer.finish)
        self._set(PHASE_DONE, state.next_start, state.total, 100)
        self._notify("Tautulli import finished", summary_text(self.summary))

    def _notify(self, title: str, message: str) -> None:
        persistent_notification.async_create(
            self.hass,
            message,
            title=f"PlexGeo: {title} ({escape_markdown(self.entry.title)})",
            notification_id=f"{DOMAIN}_tautulli_{self.entry.entry_id}",
        )


def summary_text(summary: ImportSummary) -> str:
    """The summary as the notification says it (counts and codes only: nothing untrusted)."""
    lines = [
        f"- Streams imported: {summary.streams} (of {summary.rows} rows read)",
        f"- Already recorded live: {summary.already_live}; imported before: {summary.duplicates}",
        f"- Users: {len(summary.users)}",
        f"- Countries: {', '.join(summary.countries) or 'none'}",
        f"- Addresses located: {summary.located} (not locatable: {summary.not_located})",
    ]
    if summary.skipped:
        reasons = ", ".join(f"{reason}: {n}" for reason, n in sorted(summary.skipped.items()))
        lines.append(f"- Rows skipped: {reasons}")
    if summary.missing_fields:
        lines.append(
            "- Not in this Tautulli version's history: " + ", ".join(summary.missing_fields)
        )
    lines.append("\nImported streams are a baseline: they never raise alerts.")
    return "\n".join(lines)
