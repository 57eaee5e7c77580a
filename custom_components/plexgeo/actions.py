"""What a user can do to alerts and trust, whichever way they ask (service, repair, panel)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from homeassistant.util import dt as dt_util

from . import alerts
from .const import DOMAIN
from .core.models import Alert

if TYPE_CHECKING:
    from . import PlexGeoConfigEntry


def loaded_entry(hass: HomeAssistant, entry_id: str) -> PlexGeoConfigEntry:
    """A loaded PlexGeo entry by id, or a translated validation error."""
    entry = hass.config_entries.async_get_entry(entry_id)
    if entry is None or entry.domain != DOMAIN:
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key="unknown_entry",
            translation_placeholders={"entry_id": entry_id},
        )
    if entry.state is not ConfigEntryState.LOADED:
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key="entry_not_loaded",
            translation_placeholders={"entry_id": entry_id},
        )
    return entry


async def _refresh_alert_count(hass: HomeAssistant, entry: PlexGeoConfigEntry) -> None:
    coordinator = entry.runtime_data.coordinator
    count = await hass.async_add_executor_job(entry.runtime_data.store.unacknowledged_count)
    # No new alerts in this update: the event entity must not fire them twice.
    coordinator.async_set_updated_data(
        replace(coordinator.data, new_alerts=(), unacknowledged_alerts=count)
    )


async def async_acknowledge(
    hass: HomeAssistant,
    entry: PlexGeoConfigEntry,
    alert_ids: list[int] | None,
    *,
    trust: bool = False,
    by: str | None = None,
) -> list[Alert]:
    """Acknowledge alerts (None: all), optionally trusting their countries; drop their issues."""
    store = entry.runtime_data.store
    acknowledged = await hass.async_add_executor_job(
        store.acknowledge_alerts, alert_ids, by, dt_util.utcnow()
    )
    if trust:
        for alert in acknowledged:
            await hass.async_add_executor_job(
                store.trust_country, alert.user_id, alert.country_code
            )
    alerts.async_clear_alert_issues(hass, entry.entry_id, [a.alert_id for a in acknowledged])
    await _refresh_alert_count(hass, entry)
    return acknowledged


async def async_set_trust(
    hass: HomeAssistant, entry: PlexGeoConfigEntry, user_id: str, country_code: str, trusted: bool
) -> frozenset[str]:
    """Trust or untrust a country for a user; returns the user's trusted countries."""
    store = entry.runtime_data.store
    code = country_code.upper()
    if trusted:
        await hass.async_add_executor_job(store.trust_country, user_id, code)
    else:
        await hass.async_add_executor_job(store.untrust_country, user_id, code)
    return await hass.async_add_executor_job(store.trusted_countries, user_id)
