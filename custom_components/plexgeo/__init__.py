"""PlexGeo: where in the world your Plex streams come from."""

from __future__ import annotations

from datetime import timedelta
import logging
from pathlib import Path

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import CONF_TOKEN, CONF_URL, Platform
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import (
    ConfigEntryAuthFailed,
    ConfigEntryError,
    ConfigEntryNotReady,
)
from homeassistant.helpers import config_validation as cv
from homeassistant.helpers.event import async_track_time_interval
from homeassistant.helpers.typing import ConfigType
from homeassistant.loader import async_get_integration
from homeassistant.util import dt as dt_util

from . import alerts, geodata, keys, services, sidebar, websocket_api
from .const import (
    CONF_PANEL_ADMIN_ONLY,
    CONF_PUSH_SCAN_INTERVAL,
    CONF_RETENTION_DAYS,
    CONF_VERIFY_SSL,
    DOMAIN,
    PLEX_TIMEOUT,
)
from .coordinator import (
    PlexGeoConfigEntry,
    PlexGeoCoordinator,
    PlexGeoData,
    error_placeholders,
)
from .core.engine import Engine
from .core.errors import PlexAuthError, PlexError, StoreError
from .core.plex import PlexClient
from .notifications import PlexGeoPush
from .options import option
from .tautulli_import import TautulliImportJob

_LOGGER = logging.getLogger(__name__)

PLATFORMS: list[Platform] = [Platform.EVENT, Platform.GEO_LOCATION, Platform.SENSOR]
CONFIG_SCHEMA = cv.config_entry_only_config_schema(DOMAIN)
PURGE_INTERVAL = timedelta(days=1)


def database_path(hass: HomeAssistant, machine_identifier: str) -> Path:
    """Where a server's history database lives under the HA config dir."""
    return Path(hass.config.path(DOMAIN)) / f"{machine_identifier}.db"


async def async_setup(hass: HomeAssistant, config: ConfigType) -> bool:
    """Register what is shared by every server: services, websocket commands, the bundle."""
    services.async_register_services(hass)
    websocket_api.async_register_commands(hass)
    await sidebar.async_register_static_path(hass)
    return True


async def _async_update_panel(hass: HomeAssistant, entries: list[ConfigEntry]) -> None:
    """Show the sidebar panel while any server is loaded; admin-only unless all entries allow."""
    sidebar.async_remove_panel(hass)
    if not entries:
        return
    integration = await async_get_integration(hass, DOMAIN)
    admin_only = any(option(e.options, CONF_PANEL_ADMIN_ONLY) for e in entries)
    await sidebar.async_register_panel(hass, str(integration.version), admin_only=admin_only)


async def async_setup_entry(hass: HomeAssistant, entry: PlexGeoConfigEntry) -> bool:
    """Connect to the Plex server, open its history and start polling."""
    client = PlexClient(
        entry.data[CONF_URL],
        entry.data[CONF_TOKEN],
        verify_ssl=entry.data.get(CONF_VERIFY_SSL, True),
        timeout=PLEX_TIMEOUT,
    )
    try:
        server = await hass.async_add_executor_job(client.connect)
    except PlexAuthError as err:
        raise ConfigEntryAuthFailed(
            translation_domain=DOMAIN,
            translation_key="auth_failed",
            translation_placeholders=error_placeholders(entry, err),
        ) from err
    except PlexError as err:
        raise ConfigEntryNotReady(
            translation_domain=DOMAIN,
            translation_key="plex_unreachable",
            translation_placeholders=error_placeholders(entry, err),
        ) from err

    try:
        store = await keys.async_open_store(
            hass, entry, database_path(hass, server.machine_identifier), server.machine_identifier
        )
    except StoreError as err:
        await hass.async_add_executor_job(client.close)
        raise ConfigEntryNotReady(
            translation_domain=DOMAIN,
            translation_key="database_unavailable",
            translation_placeholders=error_placeholders(entry, err),
        ) from err
    except ConfigEntryError:  # the keys do not fit: a repair issue says what to do
        await hass.async_add_executor_job(client.close)
        raise
    if store.recovered_from is not None:
        alerts.async_database_recovered(hass, entry, store.recovered_from)

    provider = await geodata.async_create_provider(hass, entry)
    coordinator = PlexGeoCoordinator(
        hass, entry, client=client, server=server, engine=Engine(store), provider=provider
    )
    entry.runtime_data = PlexGeoData(coordinator=coordinator, store=store)
    try:
        await coordinator.async_config_entry_first_refresh()
    except BaseException:
        await _async_close(hass, entry.runtime_data)
        raise

    entry.runtime_data.push = PlexGeoPush(
        hass,
        entry,
        coordinator,
        url=entry.data[CONF_URL],
        token=entry.data[CONF_TOKEN],
        verify_ssl=entry.data.get(CONF_VERIFY_SSL, True),
        push_interval=int(option(entry.options, CONF_PUSH_SCAN_INTERVAL)),
    )
    entry.runtime_data.push.async_start()
    entry.runtime_data.tautulli = TautulliImportJob(hass, entry)

    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)
    entry.async_on_unload(provider.close)
    await provider.async_start()
    # This entry is not "loaded" until setup returns, so it is named explicitly.
    await _async_update_panel(hass, [*hass.config_entries.async_loaded_entries(DOMAIN), entry])
    # An import the options asked for and that has not finished goes on in the background.
    await entry.runtime_data.tautulli.async_resume()

    retention_days = int(option(entry.options, CONF_RETENTION_DAYS))
    if retention_days > 0:

        async def _purge(_now: object = None) -> None:
            before = dt_util.utcnow() - timedelta(days=retention_days)
            try:
                purged = await hass.async_add_executor_job(store.purge_older_than, before)
            except StoreError as err:
                # Locked, refused, or closed by an unload racing the timer: tomorrow's run
                # purges the same streams.
                _LOGGER.debug("Purge skipped: %s", err)
                return
            if purged:
                _LOGGER.debug("Purged %d streams older than %d days", purged, retention_days)

        entry.async_on_unload(async_track_time_interval(hass, _purge, PURGE_INTERVAL))
    return True


async def _async_close(hass: HomeAssistant, data: PlexGeoData) -> None:
    # No poll or import page may start once the store is closing.
    if data.tautulli is not None:
        await data.tautulli.async_stop()
    if data.push is not None:
        await data.push.async_stop()
    await data.coordinator.async_shutdown()
    await hass.async_add_executor_job(data.coordinator.client.close)
    await hass.async_add_executor_job(data.store.close)


async def async_unload_entry(hass: HomeAssistant, entry: PlexGeoConfigEntry) -> bool:
    """Stop polling and close the server's history."""
    unloaded = await hass.config_entries.async_unload_platforms(entry, PLATFORMS)
    if unloaded:
        await _async_close(hass, entry.runtime_data)
        others = [e for e in hass.config_entries.async_loaded_entries(DOMAIN) if e is not entry]
        await _async_update_panel(hass, others)
    return unloaded


async def async_remove_entry(hass: HomeAssistant, entry: PlexGeoConfigEntry) -> None:
    """The user removed the server: delete its history, its key and its repair issues."""
    alerts.async_remove_entry_issues(hass, entry.entry_id)
    if entry.unique_id:
        path = database_path(hass, entry.unique_id)
        await hass.async_add_executor_job(_delete_database, path)
    await keys.async_remove(hass, entry.entry_id)


def _delete_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
