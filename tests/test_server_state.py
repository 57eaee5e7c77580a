"""The panel's view of the Plex server: connected, failing since when, last poll."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.helpers.update_coordinator import UpdateFailed
from homeassistant.util import dt as dt_util
from pytest_homeassistant_custom_component.common import MockConfigEntry, MockUser
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

from custom_components.plexgeo.core.errors import StoreUnavailable
from custom_components.plexgeo.core.wire import ServerState
from simulator.plex import FailureMode, PlexSimulator
from simulator.scenario import wan_session

from .common import poll
from .test_websocket_api import _token, caller, error, result

START = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def _at(value: str | None) -> datetime | None:
    return None if value is None else dt_util.parse_datetime(value)


async def test_server_state_through_an_outage(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    hass_admin_user: MockUser,
    plex_sim: PlexSimulator,
    loaded_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    call = caller(
        await hass_ws_client(hass, await _token(hass, hass_admin_user)), loaded_entry.entry_id
    )
    freezer.move_to(START)
    plex_sim.add_session(wan_session("tokyo", user_id=3, user_name="carol"))
    await poll(hass, loaded_entry)
    state: ServerState = await result(call, "plexgeo/server")
    assert state["connected"] is True
    assert (state["problem"], state["failing_since"]) == (None, None)
    assert _at(state["last_success"]) == START
    assert _at(state["last_poll"]) == START
    assert state["poll_interval"] == int(
        loaded_entry.runtime_data.coordinator.update_interval.total_seconds()
    )
    # The simulator here has no notification socket: the panel says polling carries on.
    push = loaded_entry.runtime_data.push
    assert push is not None
    assert state["push"] == push.health.as_dict()
    assert state["push"] is not None and state["push"]["connected"] is False

    # Plex stops answering: the first failure is when the outage started.
    await plex_sim.fail(FailureMode.HTTP_503)
    freezer.tick(timedelta(minutes=1))
    await poll(hass, loaded_entry)
    freezer.tick(timedelta(minutes=1))
    await poll(hass, loaded_entry)
    state = await result(call, "plexgeo/server")
    assert state["connected"] is False
    assert state["problem"] == "plex_unreachable"
    assert _at(state["failing_since"]) == START + timedelta(minutes=1)
    assert _at(state["last_poll"]) == START + timedelta(minutes=2)
    assert _at(state["last_success"]) == START  # the streams shown are this old

    # Back: connected again, the outage forgotten.
    await plex_sim.recover()
    freezer.tick(timedelta(minutes=1))
    await poll(hass, loaded_entry)
    state = await result(call, "plexgeo/server")
    assert state["connected"] is True
    assert (state["problem"], state["failing_since"]) == (None, None)
    assert _at(state["last_success"]) == START + timedelta(minutes=3)


async def test_a_refusing_database_is_named_as_the_problem(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    hass_admin_user: MockUser,
    loaded_entry: MockConfigEntry,
) -> None:
    call = caller(
        await hass_ws_client(hass, await _token(hass, hass_admin_user)), loaded_entry.entry_id
    )
    engine = loaded_entry.runtime_data.coordinator.engine

    def refuse(*_: object) -> None:
        raise StoreUnavailable("disk I/O error")

    engine.ingest = refuse  # type: ignore[method-assign]
    await poll(hass, loaded_entry)
    state = await result(call, "plexgeo/server")
    assert (state["connected"], state["problem"]) == (False, "database_unavailable")
    assert state["failing_since"] is not None


async def test_refused_credentials_are_named_as_the_problem(
    hass: HomeAssistant, plex_sim: PlexSimulator, loaded_entry: MockConfigEntry
) -> None:
    coordinator = loaded_entry.runtime_data.coordinator
    await plex_sim.fail(FailureMode.UNAUTHORIZED)
    await poll(hass, loaded_entry)
    assert loaded_entry.state is ConfigEntryState.LOADED
    state = coordinator.server_state()
    assert (state["connected"], state["problem"]) == (False, "auth_failed")
    assert isinstance(coordinator.last_exception, Exception)
    assert not isinstance(coordinator.last_exception, UpdateFailed)


async def test_server_state_is_for_admins_by_default(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    hass_read_only_user: MockUser,
    loaded_entry: MockConfigEntry,
) -> None:
    ws = await hass_ws_client(hass, await _token(hass, hass_read_only_user))
    call = caller(ws, loaded_entry.entry_id)
    assert await error(call, "plexgeo/server") == "unauthorized"
    assert await error(call, "plexgeo/server", entry_id="nope") == "not_found"
