"""The alerts page over the websocket: paging past a page, who acknowledged by name, trust."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from homeassistant.auth.const import GROUP_ID_ADMIN
from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry, MockUser
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

from custom_components.plexgeo.alerts import alert_event_data
from custom_components.plexgeo.const import CONF_PANEL_ADMIN_ONLY
from custom_components.plexgeo.core import reports
from custom_components.plexgeo.core.crypto import KeyMaterial
from custom_components.plexgeo.core.models import AlertKind, LocationStatus
from custom_components.plexgeo.core.store import HistoryStore

from . import test_websocket_api as api
from .core import helpers
from .core.test_store import alert_for
from .test_websocket_api import Call, _token, caller, error, result

# test_websocket_api's fixtures: an admin's commands after its history, where alice's
# Sydney stream raised a rare-country alert.
call, options, ws = api.call, api.options, api.ws
T0 = datetime(2026, 1, 30, 22, 0, tzinfo=UTC)


def _store_with_alerts(path: Path, count: int) -> HistoryStore:
    store = HistoryStore.open(path, KeyMaterial.generate(), "srv")
    stream = helpers.start_stream(
        store, helpers.snapshot(where="london"), T0, LocationStatus.LOCAL, None
    )
    kinds = list(AlertKind)
    for n in range(count):
        kind = kinds[n % len(kinds)]
        at = T0 + timedelta(minutes=n)
        store.add_alert(alert_for(stream, kind=kind, created_at=at), f"{kind}:{n}")
    return store


def test_alert_pages_reach_every_alert_once(tmp_path: Path) -> None:
    store = _store_with_alerts(tmp_path / "a.db", 7)
    try:
        seen: list[int] = []
        before: int | None = None
        pages = 0
        while True:
            page = reports.alert_list(store, limit=3, before_id=before)
            seen += [a["alert_id"] for a in page["alerts"]]
            pages += 1
            if (before := page["next_before_id"]) is None:
                break
        assert pages == 3
        assert seen == sorted(seen, reverse=True)
        assert len(seen) == len(set(seen)) == 7
        # A page that ends exactly at the last alert says there is no next one.
        assert reports.alert_list(store, limit=7)["next_before_id"] is None
        assert reports.alert_list(store, limit=6)["next_before_id"] == seen[5]
    finally:
        store.close()


def test_trust_is_offered_only_for_kinds_it_silences(tmp_path: Path) -> None:
    store = _store_with_alerts(tmp_path / "a.db", len(AlertKind))
    try:
        rows = reports.alert_list(store, limit=10)["alerts"]
        assert {r["kind"]: r["trustable"] for r in rows} == {
            "rare_country": True,
            "impossible_travel": False,
            "concurrent_locations": False,
            "concurrent_streams": False,
            "new_device": False,
            "new_network": False,
        }
        # The event automations see stays what it was: no panel-only fields.
        [alert] = store.alerts(limit=1)
        event = alert_event_data("entry", alert)
        assert "trustable" not in event
        assert "acknowledged_by_name" not in event
    finally:
        store.close()


async def test_acknowledged_by_names_the_person_for_admins(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    hass_read_only_user: MockUser,
    hass_admin_user: MockUser,
    call: Call,
    loaded_entry: MockConfigEntry,
) -> None:
    [alert] = (await result(call, "plexgeo/alerts"))["alerts"]
    assert (alert["acknowledged_by_name"], alert["trustable"]) == (None, True)
    await result(call, "plexgeo/alerts/acknowledge", alert_id=alert["alert_id"])
    [done] = (await result(call, "plexgeo/alerts", acknowledged=True))["alerts"]
    assert done["acknowledged_by"] == hass_admin_user.id
    assert done["acknowledged_by_name"] == hass_admin_user.name
    detail = await result(call, "plexgeo/user", user_id=alert["user_id"])
    assert [a["acknowledged_by_name"] for a in detail["alerts"]] == [hass_admin_user.name]

    # Someone else may read (the option allows it), but HA's user names are admins' data.
    hass.config_entries.async_update_entry(
        loaded_entry, options={**loaded_entry.options, CONF_PANEL_ADMIN_ONLY: False}
    )
    await hass.async_block_till_done()
    user_ws = await hass_ws_client(hass, await _token(hass, hass_read_only_user))
    user_call = caller(user_ws, loaded_entry.entry_id)
    [seen] = (await result(user_call, "plexgeo/alerts", acknowledged=True))["alerts"]
    assert seen["acknowledged_by_name"] is None


async def test_acknowledged_by_a_removed_user_has_no_name(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    hass_admin_user: MockUser,
    call: Call,
    loaded_entry: MockConfigEntry,
) -> None:
    # An administrator who is not the owner: newer HA refuses to remove the owner.
    admins = await hass.auth.async_get_group(GROUP_ID_ADMIN)
    other = MockUser(name="Gone", groups=[admins]).add_to_hass(hass)
    user_ws = await hass_ws_client(hass, await _token(hass, other))
    await result(caller(user_ws, loaded_entry.entry_id), "plexgeo/alerts/acknowledge")
    await user_ws.close()  # newer HA would close it on removal and leave its heartbeat timer
    await hass.auth.async_remove_user(other)
    [done] = (await result(call, "plexgeo/alerts", acknowledged=True))["alerts"]
    assert done["acknowledged_by"] == other.id
    assert done["acknowledged_by_name"] is None


async def test_alert_paging_over_the_websocket(call: Call) -> None:
    first: dict[str, Any] = await result(call, "plexgeo/alerts", limit=1)
    assert len(first["alerts"]) == 1
    assert first["next_before_id"] is None
    older = await result(call, "plexgeo/alerts", before_id=first["alerts"][0]["alert_id"])
    assert older["alerts"] == []
    assert await error(call, "plexgeo/alerts", before_id=0) == "invalid_format"
    assert await error(call, "plexgeo/alerts", before_id="5") == "invalid_format"
