"""Where a poll's news goes: repair issues, bus events (never a raw address)."""

from __future__ import annotations

from collections.abc import Iterable
import inspect
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import issue_registry as ir

from .const import DOMAIN, EVENT_ANOMALY, EVENT_STREAM_ENDED, EVENT_STREAM_STARTED
from .core.engine import PollOutcome
from .core.household import format_apart
from .core.markdown import escape_markdown
from .core.models import TRUSTABLE, Alert, Stream
from .core.reports import alert_row, stream_row
from .core.wire import AlertEvent, StreamEvent

if TYPE_CHECKING:
    from homeassistant.config_entries import ConfigEntry


# The alert row's fields an anomaly event leaves out.
PANEL_ONLY = frozenset({"acknowledged_at", "acknowledged_by", "acknowledged_by_name", "trustable"})
# At most this many alert issues per server are open at once; the panel lists every alert.
MAX_ALERT_ISSUES = 50
# HA 2026.11 links an issue to its config entry; 2025.4.4 has no such parameter.
LINKS_ISSUES_TO_ENTRIES = "config_entry_id" in inspect.signature(ir.async_create_issue).parameters


def alert_issue_id(entry_id: str, alert_id: int) -> str:
    """The repair issue id of one alert."""
    return f"alert_{entry_id}_{alert_id}"


def more_alerts_issue_id(entry_id: str) -> str:
    """The issue that counts the open alerts without an issue of their own."""
    return f"more_alerts_{entry_id}"


@callback
def _create_issue(hass: HomeAssistant, entry: ConfigEntry, issue_id: str, **kwargs: Any) -> None:
    """Create or update one of an entry's issues, linked to the entry where HA can."""
    if LINKS_ISSUES_TO_ENTRIES:
        kwargs["config_entry_id"] = entry.entry_id
    ir.async_create_issue(
        hass,
        DOMAIN,
        issue_id,
        data={"entry_id": entry.entry_id, **kwargs.pop("data", {})},
        **kwargs,
    )


def _entry_issues(hass: HomeAssistant, entry_id: str) -> Iterable[ir.IssueEntry]:
    """Every PlexGeo issue of one entry (older issues carry the entry id only in their id)."""
    for issue in list(ir.async_get(hass).issues.values()):
        if issue.domain != DOMAIN:
            continue
        data = issue.data or {}
        if (
            data.get("entry_id") == entry_id
            or issue.issue_id.endswith(f"_{entry_id}")
            or issue.issue_id.startswith(f"alert_{entry_id}_")
        ):
            yield issue


@callback
def async_remove_entry_issues(hass: HomeAssistant, entry_id: str) -> None:
    """The entry is gone: so are its alert and database issues."""
    for issue in list(_entry_issues(hass, entry_id)):
        ir.async_delete_issue(hass, DOMAIN, issue.issue_id)


def alert_event_data(entry_id: str, alert: Alert) -> AlertEvent:
    """An anomaly as events and the event entity carry it: the panel's alert row."""
    row = alert_row(alert)
    # The acknowledgement fields are always unset when an alert is raised; the rest is the
    # panel's own.
    fields = {k: v for k, v in row.items() if k not in PANEL_ONLY}
    return cast(AlertEvent, {"entry_id": entry_id, **fields})


def stream_event_data(entry_id: str, stream: Stream) -> StreamEvent:
    """A stream start or end as automations see it: the panel's stream row, no address."""
    row = stream_row(stream, include_ip=False)
    # The recorder keeps events in plain text: no `ip` (nor the admins' `provider`) at all.
    fields = {k: v for k, v in row.items() if k not in {"ip", "provider"}}
    return cast(StreamEvent, {"entry_id": entry_id, **fields})


def alert_placeholders(alert: Alert) -> dict[str, str]:
    """An alert's issue placeholders: untrusted text escaped, as HA renders Markdown."""
    share = f"{alert.share * 100:.0f}%" if alert.share is not None else ""
    text = {
        "user": alert.user_name,
        "country": alert.country_name,
        "city": alert.city or alert.country_name,
        "previous_country": alert.previous_country_name or "",
        "previous_city": alert.previous_city or alert.previous_country_name or "",
        "network": alert.network_type or "unknown",
        "device": alert.device or alert.player,
        "title": alert.media_title,
        "player": alert.player,
    }
    return {
        **{key: escape_markdown(value) for key, value in text.items()},
        "share": share,
        "sessions": str(alert.session_count or 0),
        "distance": f"{alert.distance_km:,.0f}" if alert.distance_km is not None else "",
        "speed": f"{alert.speed_kmh:.0f}" if alert.speed_kmh is not None else "",
        # The time between two streams, in words ("20 s"), never a seven-digit speed.
        "apart": format_apart(alert.seconds_apart) if alert.seconds_apart is not None else "",
        "count": str(alert.stream_count or 0),
        "limit": str(alert.session_count or 0),
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
    if outcome.new_alerts:
        _async_open_alert_issues(hass, entry, outcome.new_alerts, outcome.unacknowledged_alerts)


def _open_alert_issues(hass: HomeAssistant, entry_id: str) -> dict[tuple[str, str], str]:
    """The entry's open alert issues by (user id, alert kind)."""
    return {
        (str(data.get("user_id")), str(data.get("kind"))): issue.issue_id
        for issue in _entry_issues(hass, entry_id)
        if "alert_id" in (data := issue.data or {})
    }


@callback
def _async_open_alert_issues(
    hass: HomeAssistant, entry: ConfigEntry, new_alerts: Iterable[Alert], unacknowledged: int
) -> None:
    """One issue per user and kind while it is open, at most MAX_ALERT_ISSUES per server.

    A poll of thousands of hostile streams must not bury the repairs page: alerts beyond
    the bound are counted in one summary issue, and the panel lists them all.
    """
    open_issues = _open_alert_issues(hass, entry.entry_id)
    for alert in new_alerts:
        key = (alert.user_id, alert.kind.value)
        if key in open_issues or len(open_issues) >= MAX_ALERT_ISSUES:
            continue
        issue_id = alert_issue_id(entry.entry_id, alert.alert_id)
        open_issues[key] = issue_id
        _create_issue(
            hass,
            entry,
            issue_id,
            is_fixable=True,
            is_persistent=True,
            severity=ir.IssueSeverity.WARNING,
            translation_key=alert.kind.value,
            translation_placeholders=alert_placeholders(alert),
            data={
                "alert_id": alert.alert_id,
                "user_id": alert.user_id,
                "kind": key[1],
                "trust": alert.kind in TRUSTABLE,
            },
        )
    async_update_more_alerts(hass, entry, unacknowledged, len(open_issues))


@callback
def async_update_more_alerts(
    hass: HomeAssistant, entry: ConfigEntry, unacknowledged: int, open_issues: int | None = None
) -> None:
    """Open, update or close the issue counting open alerts that have no issue of their own."""
    if open_issues is None:
        open_issues = len(_open_alert_issues(hass, entry.entry_id))
    issue_id = more_alerts_issue_id(entry.entry_id)
    more = unacknowledged - open_issues
    if more <= 0:
        ir.async_delete_issue(hass, DOMAIN, issue_id)
        return
    _create_issue(
        hass,
        entry,
        issue_id,
        is_fixable=False,
        severity=ir.IssueSeverity.WARNING,
        translation_key="more_alerts",
        translation_placeholders={"server": escape_markdown(entry.title), "count": str(more)},
    )


@callback
def async_clear_alert_issues(hass: HomeAssistant, entry_id: str, alert_ids: list[int]) -> None:
    """Acknowledged alerts lose their repair issues."""
    for alert_id in alert_ids:
        ir.async_delete_issue(hass, DOMAIN, alert_issue_id(entry_id, alert_id))


@callback
def async_database_recovered(hass: HomeAssistant, entry: ConfigEntry, moved_to: Path) -> None:
    """Tell the user a damaged database was set aside and a fresh one started."""
    _create_issue(
        hass,
        entry,
        f"database_recovered_{entry.entry_id}",
        is_fixable=False,
        severity=ir.IssueSeverity.ERROR,
        translation_key="database_recovered",
        translation_placeholders={
            "server": escape_markdown(entry.title),
            "path": escape_markdown(str(moved_to)),
        },
    )


@callback
def async_database_unavailable(hass: HomeAssistant, entry: ConfigEntry, error: str | None) -> None:
    """Open (error) or close (None) the issue that says history cannot be written."""
    issue_id = f"database_unavailable_{entry.entry_id}"
    if error is None:
        ir.async_delete_issue(hass, DOMAIN, issue_id)
        return
    _create_issue(
        hass,
        entry,
        issue_id,
        is_fixable=False,
        severity=ir.IssueSeverity.ERROR,
        translation_key="database_unavailable",
        translation_placeholders={
            "server": escape_markdown(entry.title),
            "error": escape_markdown(error),
        },
    )
