"""Alert wording and evidence: the time between streams in words, the network, the other
stream; trust offered only where it helps."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_capture_events

from custom_components.plexgeo import alerts
from custom_components.plexgeo.const import DOMAIN, EVENT_ANOMALY
from custom_components.plexgeo.core.engine import PollOutcome
from custom_components.plexgeo.core.models import Alert, AlertKind
from custom_components.plexgeo.repairs import async_create_fix_flow

TRAVEL = Alert(
    alert_id=7,
    kind=AlertKind.IMPOSSIBLE_TRAVEL,
    stream_id=12,
    user_id="1",
    user_name="alice",
    created_at=datetime(2026, 3, 2, 18, tzinfo=UTC),
    country_code="US",
    country_name="United States",
    city="New York",
    latitude=40.7,
    longitude=-74.0,
    share=None,
    session_count=None,
    previous_country_code="GB",
    previous_country_name="United Kingdom",
    previous_city="London",
    distance_km=5570.2,
    speed_kmh=1_002_636.0,
    media_title="Arrival",
    player="Chrome",
    other_stream_id=11,
    network_type="hosting",
    seconds_apart=20.0,
)


def _outcome(*new: Alert) -> PollOutcome:
    return PollOutcome(
        live=(), started=(), ended=(), new_alerts=new, streams_today=0, unacknowledged_alerts=0
    )


async def test_travel_is_worded_in_time_apart(
    hass: HomeAssistant, config_entry: MockConfigEntry
) -> None:
    events = async_capture_events(hass, EVENT_ANOMALY)
    alerts.async_announce(hass, config_entry, _outcome(TRAVEL))
    issue = ir.async_get(hass).async_get_issue(DOMAIN, f"alert_{config_entry.entry_id}_7")
    assert issue is not None and issue.translation_placeholders is not None
    words = issue.translation_placeholders
    assert (words["apart"], words["network"], words["distance"]) == ("20 s", "hosting", "5,570")
    # Acknowledge-and-trust would not silence travel: only acknowledging is offered.
    assert issue.data is not None and issue.data["trust"] is False
    [event] = events
    assert (event.data["stream_id"], event.data["other_stream_id"]) == (12, 11)
    assert (event.data["seconds_apart"], event.data["network_type"]) == (20.0, "hosting")


async def test_trust_is_offered_for_rare_country_only(
    hass: HomeAssistant, loaded_entry: MockConfigEntry
) -> None:
    entry_id = loaded_entry.entry_id
    flow = await async_create_fix_flow(
        hass, "x", {"entry_id": entry_id, "alert_id": 1, "trust": False}
    )
    flow.hass = hass
    result = await flow.async_step_init()
    assert result["menu_options"] == ["acknowledge"]
    # Issues raised before the flag existed keep both choices.
    old = await async_create_fix_flow(hass, "y", {"entry_id": entry_id, "alert_id": 2})
    old.hass = hass
    assert (await old.async_step_init())["menu_options"] == ["acknowledge", "trust"]


async def test_concurrent_streams_and_new_device_wording(
    hass: HomeAssistant, config_entry: MockConfigEntry
) -> None:
    limit = replace(
        TRAVEL,
        alert_id=8,
        kind=AlertKind.CONCURRENT_STREAMS,
        stream_count=3,
        session_count=2,
        seconds_apart=None,
        network_type=None,
    )
    device = replace(TRAVEL, alert_id=9, kind=AlertKind.NEW_DEVICE, device="iPad")
    alerts.async_announce(hass, config_entry, _outcome(limit, device))
    registry = ir.async_get(hass)
    first = registry.async_get_issue(DOMAIN, f"alert_{config_entry.entry_id}_8")
    second = registry.async_get_issue(DOMAIN, f"alert_{config_entry.entry_id}_9")
    assert first is not None and first.translation_placeholders is not None
    assert second is not None and second.translation_placeholders is not None
    assert first.translation_key == "concurrent_streams"
    words = first.translation_placeholders
    assert (words["count"], words["limit"], words["apart"], words["network"]) == (
        "3",
        "2",
        "",
        "unknown",
    )
    assert second.translation_placeholders["device"] == "iPad"


async def test_set_stream_limit_action(hass: HomeAssistant, loaded_entry: MockConfigEntry) -> None:
    store = loaded_entry.runtime_data.store
    call = {"config_entry_id": loaded_entry.entry_id, "user_id": "1"}
    await hass.services.async_call(DOMAIN, "set_stream_limit", {**call, "limit": 2}, blocking=True)
    assert await hass.async_add_executor_job(store.stream_limit, "1") == 2
    await hass.services.async_call(DOMAIN, "set_stream_limit", call, blocking=True)
    assert await hass.async_add_executor_job(store.stream_limit, "1") is None
