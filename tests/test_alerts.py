"""Alerts end to end: services, the repair fix flow, trust, terminate, options."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.repairs import DOMAIN as REPAIRS_DOMAIN
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import issue_registry as ir
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import (
    CLIENT_ID,
    MockConfigEntry,
    MockUser,
    async_capture_events,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.plexgeo.const import (
    CONF_RARE_COUNTRY_MIN_SESSIONS,
    CONF_TRUSTED_NETWORKS,
    DOMAIN,
    EVENT_ANOMALY,
)
from simulator.plex import PlexSimulator
from simulator.scenario import wan_session

from .common import EVENT_ENTITY, UNACKED, poll, state, watch


@pytest.fixture
def options(options: dict[str, Any]) -> dict[str, Any]:
    """Alert after two located streams, so tests stay short."""
    return {**options, CONF_RARE_COUNTRY_MIN_SESSIONS: 2}


async def _alert(
    hass: HomeAssistant,
    sim: PlexSimulator,
    entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
    where: str = "sydney",
) -> dict[str, Any]:
    """Two London streams of alice's, then one from `where`; returns the anomaly event."""
    events = async_capture_events(hass, EVENT_ANOMALY)
    for _ in range(2):
        await watch(hass, sim, entry, freezer, wan_session("london", user_id=1, user_name="alice"))
        freezer.tick(timedelta(days=1))
    sim.add_session(wan_session(where, user_id=1, user_name="alice"))
    await poll(hass, entry)
    assert events, "expected an anomaly"
    return dict(events[-1].data)


def _issue(hass: HomeAssistant, entry: MockConfigEntry, alert_id: int) -> ir.IssueEntry | None:
    return ir.async_get(hass).async_get_issue(DOMAIN, f"alert_{entry.entry_id}_{alert_id}")


async def test_acknowledge_service_removes_issue(
    hass: HomeAssistant,
    plex_sim: PlexSimulator,
    loaded_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    alert = await _alert(hass, plex_sim, loaded_entry, freezer)
    assert _issue(hass, loaded_entry, alert["alert_id"]) is not None
    assert state(hass, UNACKED) == "1"
    event_state = state(hass, EVENT_ENTITY)

    response = await hass.services.async_call(
        DOMAIN,
        "acknowledge_alert",
        {"config_entry_id": loaded_entry.entry_id, "alert_id": alert["alert_id"]},
        blocking=True,
        return_response=True,
    )
    assert response == {"acknowledged": [alert["alert_id"]]}
    assert _issue(hass, loaded_entry, alert["alert_id"]) is None
    assert state(hass, UNACKED) == "0"
    assert state(hass, EVENT_ENTITY) == event_state  # acknowledging is not a new anomaly
    # Again: nothing left to acknowledge.
    response = await hass.services.async_call(
        DOMAIN,
        "acknowledge_alert",
        {"config_entry_id": loaded_entry.entry_id},
        blocking=True,
        return_response=True,
    )
    assert response == {"acknowledged": []}


async def test_acknowledge_and_trust(
    hass: HomeAssistant,
    plex_sim: PlexSimulator,
    loaded_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    await _alert(hass, plex_sim, loaded_entry, freezer)
    await hass.services.async_call(
        DOMAIN,
        "acknowledge_alert",
        {"config_entry_id": loaded_entry.entry_id, "trust": True},
        blocking=True,
    )
    store = loaded_entry.runtime_data.store
    assert await hass.async_add_executor_job(store.trusted_countries, "1") == frozenset({"AU"})
    await hass.services.async_call(
        DOMAIN,
        "untrust_location",
        {"config_entry_id": loaded_entry.entry_id, "user_id": "1", "country": "au"},
        blocking=True,
    )
    assert await hass.async_add_executor_job(store.trusted_countries, "1") == frozenset()
    await hass.services.async_call(
        DOMAIN,
        "trust_location",
        {"config_entry_id": loaded_entry.entry_id, "user_id": "1", "country": "JP"},
        blocking=True,
    )
    assert await hass.async_add_executor_job(store.trusted_countries, "1") == frozenset({"JP"})


async def test_repair_fix_flow_acknowledges_and_trusts(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    hass_admin_user: MockUser,
    plex_sim: PlexSimulator,
    loaded_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    assert await async_setup_component(hass, REPAIRS_DOMAIN, {})
    alert = await _alert(hass, plex_sim, loaded_entry, freezer)
    issue_id = f"alert_{loaded_entry.entry_id}_{alert['alert_id']}"
    # A token minted now: the clock moved days forward while the history was made.
    refresh = await hass.auth.async_create_refresh_token(hass_admin_user, CLIENT_ID)
    client = await hass_client(hass.auth.async_create_access_token(refresh))
    response = await client.post(
        "/api/repairs/issues/fix", json={"handler": DOMAIN, "issue_id": issue_id}
    )
    assert response.status == 200
    flow = await response.json()
    assert flow["type"] == "menu"
    assert flow["menu_options"] == ["acknowledge", "trust"]
    response = await client.post(
        f"/api/repairs/issues/fix/{flow['flow_id']}", json={"next_step_id": "trust"}
    )
    assert response.status == 200
    assert (await response.json())["type"] == "create_entry"
    assert _issue(hass, loaded_entry, alert["alert_id"]) is None
    store = loaded_entry.runtime_data.store
    assert await hass.async_add_executor_job(store.trusted_countries, "1") == frozenset({"AU"})
    [stored] = await hass.async_add_executor_job(store.alerts)
    assert stored.acknowledged_at is not None


async def test_service_errors(hass: HomeAssistant, loaded_entry: MockConfigEntry) -> None:
    with pytest.raises(ServiceValidationError) as err:
        await hass.services.async_call(
            DOMAIN, "acknowledge_alert", {"config_entry_id": "nope"}, blocking=True
        )
    assert err.value.translation_key == "unknown_entry"
    with pytest.raises(ServiceValidationError) as err:
        await hass.services.async_call(
            DOMAIN,
            "terminate_stream",
            {"config_entry_id": loaded_entry.entry_id, "stream_id": 999},
            blocking=True,
        )
    assert err.value.translation_key == "stream_not_live"
    assert await hass.config_entries.async_unload(loaded_entry.entry_id)
    with pytest.raises(ServiceValidationError) as err:
        await hass.services.async_call(
            DOMAIN, "acknowledge_alert", {"config_entry_id": loaded_entry.entry_id}, blocking=True
        )
    assert err.value.translation_key == "entry_not_loaded"


@pytest.mark.parametrize("plex_pass", [True, False])
async def test_terminate_stream(
    hass: HomeAssistant, plex_sim: PlexSimulator, loaded_entry: MockConfigEntry, plex_pass: bool
) -> None:
    plex_sim.plex_pass = plex_pass
    plex_sim.add_session(wan_session("tokyo", user_name="carol"))
    await poll(hass, loaded_entry)
    [stream] = loaded_entry.runtime_data.coordinator.data.live
    call = hass.services.async_call(
        DOMAIN,
        "terminate_stream",
        {
            "config_entry_id": loaded_entry.entry_id,
            "stream_id": stream.stream_id,
            "message": "Please do not share your account",
        },
        blocking=True,
    )
    if not plex_pass:
        with pytest.raises(HomeAssistantError) as err:
            await call
        assert err.value.translation_key == "terminate_refused"
        assert plex_sim.sessions
        return
    await call
    await hass.async_block_till_done()
    assert [reason for _, reason in plex_sim.terminated] == ["Please do not share your account"]
    assert loaded_entry.runtime_data.coordinator.data.live == ()


async def test_trusted_network_from_options(
    hass: HomeAssistant,
    plex_sim: PlexSimulator,
    config_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    hass.config_entries.async_update_entry(
        config_entry, options={**config_entry.options, CONF_TRUSTED_NETWORKS: "1.120.0.0/16"}
    )
    assert await hass.config_entries.async_setup(config_entry.entry_id)
    await hass.async_block_till_done()
    events = async_capture_events(hass, EVENT_ANOMALY)
    with pytest.raises(AssertionError, match="expected an anomaly"):
        await _alert(hass, plex_sim, config_entry, freezer)
    assert events == []


async def test_options_change_applies_without_restart(
    hass: HomeAssistant,
    plex_sim: PlexSimulator,
    loaded_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    result = await hass.config_entries.options.async_init(loaded_entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {**loaded_entry.options, CONF_RARE_COUNTRY_MIN_SESSIONS: 50}
    )
    await hass.async_block_till_done()
    coordinator = loaded_entry.runtime_data.coordinator
    assert coordinator.settings.rare_country_min_sessions == 50
    with pytest.raises(AssertionError, match="expected an anomaly"):
        await _alert(hass, plex_sim, loaded_entry, freezer)
