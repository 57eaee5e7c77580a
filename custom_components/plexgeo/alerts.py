"""Where a poll's news goes: repair issues, bus events (never a raw address)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import issue_registry as ir

from .const import DOMAIN, EVENT_ANOMALY, EVENT_STREAM_ENDED, EVENT_STREAM_STARTED
from .core.engine import PollOutcome
from .core.household import format_apart
from .core.models import Alert, AlertKind, Stream
from .core.panel import alert_row, stream_row

if TYPE_CHECKING:
    from homeassistant.config_entries import ConfigEntry


# Trusting a country only silences rare-country alerts: offered where it helps.
TRUSTABLE = frozenset({AlertKind.RARE_COUNTRY})


def alert_issue_id(entry_id: str, alert_id: int) -> str:
    """The repair issue id of one alert."""
    return f"alert_{entry_id}_{alert_id}"


def alert_event_data(entry_id: str, alert: Alert) -> dict[str, Any]:
    """An anomaly as events and the event entity carry it: the panel's alert row."""
    data = {"entry_id": entry_id, **alert_row(alert)}
    del data["acknowledged_at"], data["acknowledged_by"]  # always unset when raised
    return data


def stream_event_data(entry_id: str, stream: Stream) -> dict[str, Any]:
    """A stream start or end as automations see it: the panel's stream row, no address."""
    data = {"entry_id": entry_id, **stream_row(stream, include_ip=False)}
    del data["ip"]  # the recorder keeps events in plain text
    return data


def _placeholders(alert: Alert) -> dict[str, str]:
    share = f"{alert.share * 100:.0f}%" if alert.share is not None else ""
    return {
        "user": alert.user_name,
        "country": alert.country_name,
        "city": alert.city or alert.country_name,
        "share": share,
        "sessions": str(alert.session_count or 0),
        "previous_country": alert.previous_country_name or "",
        "previous_city": alert.previous_city or alert.previous_country_name or "",
        "distance": f"{alert.distance_km:.0f}" if alert.distance_km is not None else "",
        "speed": f"{alert.speed_kmh:.0f}" if alert.speed_kmh is not None else "",
        # The time between two streams, in words ("20 s"), never a seven-digit speed.
        "apart": format_apart(alert.seconds_apart) if alert.seconds_apart is not None else "",
        "network": alert.network_type or "unknown",
        "count": str(alert.stream_count or 0),
        "limit": str(alert.session_count or 0),
        "device": alert.device or alert.player,
        "title": alert.media_title,
        "player": alert.player,
    }


@callback
def async_announce(hass: HomeAssistant, entry: ConfigEntry, outcome: PollOutcome) -> None:
    """Fire stream and anomaly events, and open a repair issue per new alert."""
    for stream in outcome.started:
        hass.bus.async_fire(EVENT_STREAM_STARTED, stream_event_data(entry.entry_id, stream))
    for stream in outcome.ended:
        hass.bus.async_fire(EVENT_STREAM_ENDED, stream_event_data(entry.entry_id, stream))
    for alert in outcome.new_alerts:
        hass.bus.async_fire(EVENT_ANOMALY, alert_event_data(entry.entry_id, alert))
        ir.async_create_issue(
            hass,
            DOMAIN,
            alert_issue_id(entry.entry_id, alert.alert_id),
            is_fixable=True,
            is_persistent=True,
            severity=ir.IssueSeverity.WARNING,
            translation_key=alert.kind.value,
            translation_placeholders=_placeholders(alert),
            data={
                "entry_id": entry.entry_id,
                "alert_id": alert.alert_id,
                "trust": alert.kind in TRUSTABLE,
            },
        )


@callback
def async_clear_alert_issues(hass: HomeAssistant, entry_id: str, alert_ids: list[int]) -> None:
    """Acknowledged alerts lose their repair issues."""
    for alert_id in alert_ids:
        ir.async_delete_issue(hass, DOMAIN, alert_issue_id(entry_id, alert_id))


@callback
def async_database_recovered(hass: HomeAssistant, entry: ConfigEntry, moved_to: Path) -> None:
    """Tell the user a damaged database was set aside and a fresh one started."""
    ir.async_create_issue(
        hass,
        DOMAIN,
        f"database_recovered_{entry.entry_id}",
        is_fixable=False,
        severity=ir.IssueSeverity.ERROR,
        translation_key="database_recovered",
        translation_placeholders={"server": entry.title, "path": str(moved_to)},
    )


@callback
def async_database_unavailable(hass: HomeAssistant, entry: ConfigEntry, error: str | None) -> None:
    """Open (error) or close (None) the issue that says history cannot be written."""
    issue_id = f"database_unavailable_{entry.entry_id}"
    if error is None:
        ir.async_delete_issue(hass, DOMAIN, issue_id)
        return
    ir.async_create_issue(
        hass,
        DOMAIN,
        issue_id,
        is_fixable=False,
        severity=ir.IssueSeverity.ERROR,
        translation_key="database_unavailable",
        translation_placeholders={"server": entry.title, "error": error},
    )
