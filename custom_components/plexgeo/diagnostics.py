"""Diagnostics: what a bug report needs, with the token and addresses left out."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from homeassistant.components.diagnostics import async_redact_data
from homeassistant.const import CONF_TOKEN, CONF_URL, __version__ as HA_VERSION
from homeassistant.core import HomeAssistant
from homeassistant.loader import async_get_integration

from .const import CONF_TAUTULLI_API_KEY, CONF_TAUTULLI_URL, CONF_TRUSTED_NETWORKS, DOMAIN
from .coordinator import PlexGeoConfigEntry
from .core.engine import PollOutcome
from .geodata import ManagedProvider

TO_REDACT = {
    CONF_TOKEN,
    CONF_URL,
    CONF_TRUSTED_NETWORKS,
    CONF_TAUTULLI_API_KEY,
    CONF_TAUTULLI_URL,
}


async def async_get_config_entry_diagnostics(
    hass: HomeAssistant, entry: PlexGeoConfigEntry
) -> dict[str, Any]:
    """Versions, options, counts, the last poll and the geolocation provider's state."""
    data = entry.runtime_data
    coordinator = data.coordinator
    stats = await hass.async_add_executor_job(data.store.stats)
    provider = coordinator.provider.status()
    outcome = coordinator.data
    return {
        "home_assistant": HA_VERSION,
        "integration_version": str((await async_get_integration(hass, DOMAIN)).version),
        "plex_server": {
            "version": coordinator.server.version,
            "url_scheme": str(entry.data.get(CONF_URL, "")).split(":", 1)[0],
        },
        "entry": {
            "data": async_redact_data(dict(entry.data), TO_REDACT),
            "options": async_redact_data(dict(entry.options), TO_REDACT),
        },
        "last_poll": asdict(coordinator.last_poll),
        "last_update_success": coordinator.last_update_success,
        "live_streams": len(outcome.live) if outcome else 0,
        "live_by_location_status": _count_status(outcome),
        "store": {
            "schema_version": stats.schema_version,
            "streams": stats.streams,
            "open_streams": stats.open_streams,
            "alerts": stats.alerts,
            "unacknowledged_alerts": stats.unacknowledged_alerts,
            "cached_locations": stats.cached_locations,
            "file_size_bytes": stats.file_size_bytes,
        },
        "push": data.push.health.as_dict() if data.push else None,
        "geolocation": {
            "provider": provider.name,
            "requests_left": provider.requests_left,
            "reset_at": provider.reset_at.isoformat() if provider.reset_at else None,
            "last_error": provider.last_error,
            "last_success": provider.last_success.isoformat() if provider.last_success else None,
            "requests_sent": provider.requests_sent,
            **_provider_details(coordinator.provider),
        },
    }


def _provider_details(provider: object) -> dict[str, Any]:
    return provider.diagnostics() if isinstance(provider, ManagedProvider) else {}


def _count_status(outcome: PollOutcome | None) -> dict[str, int]:
    counts: dict[str, int] = {}
    for stream in outcome.live if outcome else ():
        counts[stream.location_status.value] = counts.get(stream.location_status.value, 0) + 1
    return counts
