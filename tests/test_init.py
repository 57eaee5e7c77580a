"""Setup, polling, entities, alerts and unload, through Home Assistant and the simulators."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any
from unittest.mock import patch

from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er, issue_registry as ir
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
    async_fire_time_changed,
)

from custom_components.plexgeo import database_path
from custom_components.plexgeo.const import (
    CONF_STREAM_DETAILS,
    DOMAIN,
    EVENT_ANOMALY,
    EVENT_STREAM_ENDED,
    EVENT_STREAM_STARTED,
)
from simulator.ipapi import FailMode, FakeIpApi
from simulator.plex import FailureMode, PlexSimulator
from simulator.scenario import lan_session, relayed_session, wan_session

from .common import ACTIVE, BANDWIDTH, EVENT_ENTITY, REMOTE, TODAY, UNACKED, poll, state, watch


@pytest.fixture
def options(options: dict[str, Any]) -> dict[str, Any]:
    """The owner opted in to stream details (tests/test_privacy.py covers the default)."""
    return {**options, CONF_STREAM_DETAILS: True}


async def test_setup_and_sensors(
    hass: HomeAssistant, plex_sim: PlexSimulator, config_entry: MockConfigEntry
) -> None:
    plex_sim.add_session(lan_session(user_name="dave", bandwidth_kbps=4000))
    plex_sim.add_session(wan_session("paris", user_id=2, user_name="bob", bandwidth_kbps=3000))
    assert await hass.config_entries.async_setup(config_entry.entry_id)
    await hass.async_block_till_done()
    assert config_entry.state is ConfigEntryState.LOADED

    assert state(hass, ACTIVE) == "2"
    assert state(hass, REMOTE) == "1"
    assert state(hass, BANDWIDTH) == "7000"
    assert state(hass, TODAY) == "2"
    assert state(hass, UNACKED) == "0"
    streams = hass.states.get(ACTIVE).attributes["streams"]  # type: ignore[union-attr]
    by_user = {s["user"]: s for s in streams}
    assert by_user["bob"]["country"] == "France"
    assert by_user["dave"]["country"] is None
    # No address anywhere in the state machine.
    for current in hass.states.async_all():
        assert "90.84.12.33" not in str(current.as_dict())

    # One server is enough for the sidebar panel, admin-only by default.
    sidebar = hass.data["frontend_panels"]["plexgeo"]
    assert sidebar.require_admin is True
    assert sidebar.config["_panel_custom"]["module_url"].startswith("/plexgeo_static/")

    device_entries = er.async_entries_for_config_entry(er.async_get(hass), config_entry.entry_id)
    assert all(e.unique_id.startswith(plex_sim.machine_identifier) for e in device_entries)
    assert database_path(hass, plex_sim.machine_identifier).exists()


async def test_streams_start_and_end_events(
    hass: HomeAssistant, plex_sim: PlexSimulator, loaded_entry: MockConfigEntry
) -> None:
    started = async_capture_events(hass, EVENT_STREAM_STARTED)
    ended = async_capture_events(hass, EVENT_STREAM_ENDED)
    key = plex_sim.add_session(wan_session("tokyo", user_name="carol"))
    await poll(hass, loaded_entry)
    assert state(hass, ACTIVE) == "1"
    [event] = started
    assert event.data["user_name"] == "carol"
    assert event.data["country_name"] == "Japan"
    assert "153.156.20.8" not in str(event.data)
    assert "ip" not in event.data
    plex_sim.remove_session(key)
    await poll(hass, loaded_entry)
    assert state(hass, ACTIVE) == "0"
    assert [e.data["stream_id"] for e in ended] == [event.data["stream_id"]]


async def test_plex_unreachable_then_recovers(
    hass: HomeAssistant,
    plex_sim: PlexSimulator,
    loaded_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    plex_sim.add_session(wan_session("paris"))
    for failure in (FailureMode.REFUSE, FailureMode.HTTP_503, FailureMode.TRUNCATED):
        await plex_sim.fail(failure)
        await poll(hass, loaded_entry)
        await poll(hass, loaded_entry)
        assert state(hass, ACTIVE) == STATE_UNAVAILABLE
        await plex_sim.recover()
        await poll(hass, loaded_entry)
        assert state(hass, ACTIVE) == "1"
    # Said once per outage, not on every poll.
    errors = [r for r in caplog.records if r.levelname == "ERROR" and DOMAIN in r.name]
    assert len(errors) == 3
    # The stream survived the outages as one stream.
    assert state(hass, TODAY) == "1"


async def test_token_rejected_starts_reauth(
    hass: HomeAssistant, plex_sim: PlexSimulator, loaded_entry: MockConfigEntry
) -> None:
    await plex_sim.fail(FailureMode.UNAUTHORIZED)
    await poll(hass, loaded_entry)
    flows = hass.config_entries.flow.async_progress()
    assert [f["context"]["source"] for f in flows] == ["reauth"]


async def test_setup_unreachable_is_not_ready(
    hass: HomeAssistant, plex_sim: PlexSimulator, config_entry: MockConfigEntry
) -> None:
    await plex_sim.fail(FailureMode.REFUSE)
    await hass.config_entries.async_setup(config_entry.entry_id)
    assert config_entry.state is ConfigEntryState.SETUP_RETRY


async def test_setup_bad_token_is_auth_error(
    hass: HomeAssistant, plex_sim: PlexSimulator, config_entry: MockConfigEntry
) -> None:
    await plex_sim.fail(FailureMode.UNAUTHORIZED, all_endpoints=True)
    await hass.config_entries.async_setup(config_entry.entry_id)
    assert config_entry.state is ConfigEntryState.SETUP_ERROR
    assert [f["context"]["source"] for f in hass.config_entries.flow.async_progress()] == ["reauth"]


async def test_geolocation_down_then_back(
    hass: HomeAssistant,
    plex_sim: PlexSimulator,
    ipapi: FakeIpApi,
    loaded_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    await ipapi.fail(FailMode.DOWN)
    plex_sim.add_session(wan_session("sydney"))
    await poll(hass, loaded_entry)
    plex_sim.add_session(wan_session("tokyo", user_name="carol"))
    await poll(hass, loaded_entry)
    assert caplog.text.count("Geolocation unavailable") == 1
    streams = hass.states.get(ACTIVE).attributes["streams"]  # type: ignore[union-attr]
    assert {s["country"] for s in streams} == {None}
    assert hass.states.async_entity_ids("geo_location") == []
    await ipapi.recover()
    await poll(hass, loaded_entry)
    streams = hass.states.get(ACTIVE).attributes["streams"]  # type: ignore[union-attr]
    assert {s["country"] for s in streams} == {"Australia", "Japan"}
    assert len(hass.states.async_entity_ids("geo_location")) == 2
    assert caplog.text.count("Geolocation works again") == 1


async def _history(
    hass: HomeAssistant, sim: PlexSimulator, entry: MockConfigEntry, freezer: FrozenDateTimeFactory
) -> None:
    """Five streams of alice's from London, a day apart."""
    for _ in range(5):
        alice = wan_session("london", user_id=1, user_name="alice")
        await watch(hass, sim, entry, freezer, alice, played=timedelta(hours=2))
        freezer.tick(timedelta(hours=22))


async def test_rare_country_alert_everywhere(
    hass: HomeAssistant,
    plex_sim: PlexSimulator,
    loaded_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    await _history(hass, plex_sim, loaded_entry, freezer)
    anomalies = async_capture_events(hass, EVENT_ANOMALY)
    plex_sim.add_session(wan_session("sydney", user_id=1, user_name="alice"))
    await poll(hass, loaded_entry)

    [event] = anomalies
    assert event.data["kind"] == "rare_country"
    assert event.data["user_name"] == "alice"
    assert event.data["country_code"] == "AU"
    assert event.data["city"] == "Sydney"
    assert event.data["share"] == 0.0
    assert event.data["session_count"] == 5
    assert event.data["previous_country_code"] == "GB"
    assert event.data["media_title"] == "Arrival"
    assert "1.120.14.77" not in str(event.data)

    entity = hass.states.get(EVENT_ENTITY)
    assert entity is not None
    assert entity.attributes["event_type"] == "rare_country"
    assert entity.attributes["country_code"] == "AU"
    assert state(hass, UNACKED) == "1"

    issue_id = f"alert_{loaded_entry.entry_id}_{event.data['alert_id']}"
    issue = ir.async_get(hass).async_get_issue(DOMAIN, issue_id)
    assert issue is not None
    assert issue.translation_key == "rare_country"
    assert issue.translation_placeholders is not None
    assert issue.translation_placeholders["country"] == "Australia"
    assert issue.is_fixable


async def test_unload_leaves_nothing(
    hass: HomeAssistant, plex_sim: PlexSimulator, loaded_entry: MockConfigEntry
) -> None:
    plex_sim.add_session(wan_session("paris"))
    await poll(hass, loaded_entry)
    assert len(hass.states.async_entity_ids("geo_location")) == 1
    assert await hass.config_entries.async_unload(loaded_entry.entry_id)
    await hass.async_block_till_done()
    assert loaded_entry.state is ConfigEntryState.NOT_LOADED
    assert hass.states.async_entity_ids("geo_location") == []
    assert "plexgeo" not in hass.data.get("frontend_panels", {})


async def test_restart_mid_stream_keeps_one_stream(
    hass: HomeAssistant, plex_sim: PlexSimulator, loaded_entry: MockConfigEntry
) -> None:
    plex_sim.add_session(wan_session("paris"))
    ended_key = plex_sim.add_session(relayed_session(user_name="erin"))
    await poll(hass, loaded_entry)
    assert await hass.config_entries.async_unload(loaded_entry.entry_id)
    plex_sim.remove_session(ended_key)  # erin stops while HA is down
    assert await hass.config_entries.async_setup(loaded_entry.entry_id)
    await hass.async_block_till_done()
    assert state(hass, ACTIVE) == "1"
    assert state(hass, TODAY) == "2"  # no duplicate of the continuing stream
    stats = await hass.async_add_executor_job(loaded_entry.runtime_data.store.stats)
    assert (stats.streams, stats.open_streams) == (2, 1)


async def test_remove_entry_deletes_history_and_key(
    hass: HomeAssistant, plex_sim: PlexSimulator, loaded_entry: MockConfigEntry, config_dir: Path
) -> None:
    path = database_path(hass, plex_sim.machine_identifier)
    assert path.exists()
    assert await hass.config_entries.async_remove(loaded_entry.entry_id)
    await hass.async_block_till_done()
    assert not path.exists()


async def test_polls_on_schedule(
    hass: HomeAssistant,
    plex_sim: PlexSimulator,
    loaded_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    before = plex_sim.request_count("/status/sessions")
    freezer.tick(timedelta(seconds=31))
    async_fire_time_changed(hass)
    await hass.async_block_till_done(wait_background_tasks=True)
    assert plex_sim.request_count("/status/sessions") == before + 1


async def test_first_poll_failing_retries_setup_and_closes_the_store(
    hass: HomeAssistant, plex_sim: PlexSimulator, config_entry: MockConfigEntry
) -> None:
    await plex_sim.fail(FailureMode.HTTP_500)  # identity answers, sessions do not
    await hass.config_entries.async_setup(config_entry.entry_id)
    assert config_entry.state is ConfigEntryState.SETUP_RETRY
    await plex_sim.recover()
    await hass.config_entries.async_reload(config_entry.entry_id)
    await hass.async_block_till_done()
    assert config_entry.state is ConfigEntryState.LOADED


async def test_retention_purges_old_streams_daily(
    hass: HomeAssistant,
    plex_sim: PlexSimulator,
    config_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    hass.config_entries.async_update_entry(
        config_entry, options={**config_entry.options, "retention_days": 2}
    )
    assert await hass.config_entries.async_setup(config_entry.entry_id)
    await hass.async_block_till_done()
    key = plex_sim.add_session(wan_session("paris"))
    await poll(hass, config_entry)
    plex_sim.remove_session(key)
    await poll(hass, config_entry)
    plex_sim.add_session(wan_session("tokyo", user_name="carol"))  # still playing: kept
    store = config_entry.runtime_data.store
    for _ in range(3):
        freezer.tick(timedelta(days=1))
        await poll(hass, config_entry)
        async_fire_time_changed(hass)
        await hass.async_block_till_done(wait_background_tasks=True)
    stats = await hass.async_add_executor_job(store.stats)
    assert (stats.streams, stats.open_streams) == (1, 1)


async def test_panel_opened_to_all_users_by_option(
    hass: HomeAssistant, loaded_entry: MockConfigEntry
) -> None:
    assert hass.data["frontend_panels"]["plexgeo"].require_admin is True
    flow = await hass.config_entries.options.async_init(loaded_entry.entry_id)
    await hass.config_entries.options.async_configure(
        flow["flow_id"], {**loaded_entry.options, "panel_admin_only": False}
    )
    await hass.async_block_till_done()  # the options flow reloads the entry
    assert loaded_entry.state is ConfigEntryState.LOADED
    panel = hass.data["frontend_panels"]["plexgeo"]
    assert panel.require_admin is False
    assert (panel.sidebar_title, panel.sidebar_icon) == ("PlexGeo", "mdi:earth")


async def test_panel_registered_by_keyword_only(
    hass: HomeAssistant, config_entry: MockConfigEntry
) -> None:
    """HA inserted a positional parameter in 2025.10: every argument goes by keyword."""
    with patch(
        "homeassistant.components.panel_custom.async_register_panel", autospec=True
    ) as register:
        assert await hass.config_entries.async_setup(config_entry.entry_id)
        await hass.async_block_till_done()
    assert register.call_count == 1
    assert register.call_args.args == ()
    kwargs = register.call_args.kwargs
    assert kwargs["hass"] is hass
    assert (kwargs["sidebar_title"], kwargs["sidebar_icon"]) == ("PlexGeo", "mdi:earth")
    assert kwargs["frontend_url_path"] == "plexgeo"
    assert kwargs["webcomponent_name"] == "plexgeo-panel"
    assert kwargs["require_admin"] is True
