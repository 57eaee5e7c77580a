"""Plex's notification socket, end to end: simulator → listener → coordinator → alerts."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
import contextlib
from datetime import timedelta
import json
import logging
from pathlib import Path
import sqlite3
import time
from typing import Any

from homeassistant.const import EVENT_HOMEASSISTANT_STOP
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.helpers import issue_registry as ir
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.plexgeo import database_path
from custom_components.plexgeo.const import (
    CONF_PUSH_SCAN_INTERVAL,
    CONF_RARE_COUNTRY_MIN_SESSIONS,
    DOMAIN,
    EVENT_ANOMALY,
    EVENT_STREAM_ENDED,
    EVENT_STREAM_STARTED,
)
from custom_components.plexgeo.core.plex_push import NotificationSocket
from custom_components.plexgeo.diagnostics import async_get_config_entry_diagnostics
from custom_components.plexgeo.notifications import PlexGeoPush
from simulator.plex import FailureMode, PlexSimulator
from simulator.plex_notifications import play_frame
from simulator.scenario import SimSession, wan_session

from .common import poll

SESSIONS = "/status/sessions"
SOCKET = "/:/websockets/notifications"


async def until(predicate: Callable[[], bool], seconds: float = 5.0) -> None:
    """Wait (real time) until `predicate()` holds."""
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.01)


def push_of(entry: MockConfigEntry) -> PlexGeoPush:
    push = entry.runtime_data.push
    assert push is not None
    return push


@pytest.fixture
def options(options: dict[str, Any]) -> dict[str, Any]:
    """One earlier stream from elsewhere is history enough for a rare-country alert."""
    return {**options, CONF_RARE_COUNTRY_MIN_SESSIONS: 1}


@pytest.fixture
async def push_entry(
    hass: HomeAssistant, plex_sim: PlexSimulator, config_entry: MockConfigEntry
) -> MockConfigEntry:
    """The entry, set up against a simulator with its notification socket, connected."""
    plex_sim.notifications.supported = True
    assert await hass.config_entries.async_setup(config_entry.entry_id)
    await hass.async_block_till_done()
    await until(lambda: push_of(config_entry).health.connected)
    return config_entry


def capture(hass: HomeAssistant, event_type: str) -> tuple[list[Event], asyncio.Event]:
    """Events of a type, and an asyncio event set on the first one."""
    seen: list[Event] = []
    fired = asyncio.Event()

    @callback
    def listener(event: Event) -> None:
        seen.append(event)
        fired.set()

    hass.bus.async_listen(event_type, listener)
    return seen, fired


async def test_alert_within_two_seconds_of_a_stream_start(
    hass: HomeAssistant, plex_sim: PlexSimulator, push_entry: MockConfigEntry
) -> None:
    """Poll interval 30 s: the alert comes from the notification, not from a poll."""
    coordinator = push_entry.runtime_data.coordinator
    assert coordinator.update_interval == timedelta(seconds=30)
    london = plex_sim.add_session(wan_session("london", user_id=1, user_name="alice"))
    await poll(hass, push_entry)
    plex_sim.remove_session(london)
    await poll(hass, push_entry)
    await asyncio.sleep(1.7)  # the fetches those notifications asked for
    await hass.async_block_till_done(wait_background_tasks=True)
    fetches = push_of(push_entry).health.fetches
    anomalies, alerted = capture(hass, EVENT_ANOMALY)

    started = time.monotonic()
    plex_sim.add_session(wan_session("sydney", user_id=1, user_name="alice"))
    await asyncio.wait_for(alerted.wait(), timeout=2.0)
    elapsed = time.monotonic() - started

    assert elapsed <= 2.0
    assert anomalies[0].data["kind"] == "rare_country"
    assert anomalies[0].data["country_code"] == "AU"
    assert push_of(push_entry).health.fetches == fetches + 1


async def test_a_ten_second_stream_between_two_polls_is_recorded(
    hass: HomeAssistant, plex_sim: PlexSimulator, push_entry: MockConfigEntry
) -> None:
    started_events, started = capture(hass, EVENT_STREAM_STARTED)
    ended_events, ended = capture(hass, EVENT_STREAM_ENDED)
    before = plex_sim.request_count(SESSIONS)

    key = plex_sim.add_session(wan_session("tokyo", user_id=3, user_name="carol"))
    await asyncio.wait_for(started.wait(), timeout=2.0)
    await asyncio.sleep(10)
    plex_sim.remove_session(key)
    await asyncio.wait_for(ended.wait(), timeout=2.0)

    [start] = started_events
    [end] = ended_events
    assert start.data["user_name"] == "carol"
    assert end.data["stream_id"] == start.data["stream_id"]
    # One fetch for the start, one for the stop; the 30 s poll never ran.
    assert plex_sim.request_count(SESSIONS) == before + 2
    stats = await hass.async_add_executor_job(push_entry.runtime_data.store.stats)
    assert stats.streams == 1
    assert stats.open_streams == 0


async def test_a_burst_of_notifications_costs_one_fetch(
    hass: HomeAssistant, plex_sim: PlexSimulator, push_entry: MockConfigEntry
) -> None:
    health = push_of(push_entry).health
    before = plex_sim.request_count(SESSIONS)
    sessions = [
        SimSession(session_key=str(100 + i), session_id=f"burst-{i}", rating_key=5000 + i)
        for i in range(100)
    ]
    # 100 new sessions announced at once (the bench spreads them over a second).
    for session in sessions:
        plex_sim.notifications.send_raw(play_frame(session, "playing"))
    await until(lambda: health.notifications >= 100)
    await until(lambda: plex_sim.request_count(SESSIONS) > before)
    await asyncio.sleep(1.7)
    await hass.async_block_till_done(wait_background_tasks=True)
    assert plex_sim.request_count(SESSIONS) == before + 1
    assert health.fetches == 1


async def test_progress_of_known_streams_and_unknown_sessions(
    hass: HomeAssistant, plex_sim: PlexSimulator, push_entry: MockConfigEntry
) -> None:
    """Known streams' progress costs nothing; a session the server never lists, one fetch."""
    health = push_of(push_entry).health
    key = plex_sim.add_session(wan_session("paris", user_id=2, user_name="bob"))
    await until(lambda: health.fetches == 1)
    await hass.async_block_till_done(wait_background_tasks=True)
    known = plex_sim.sessions[0]
    ghost = SimSession(session_key="999", session_id="ghost", rating_key=42)
    for state in ("playing", "paused", "playing", "buffering"):
        plex_sim.notifications.send_raw(play_frame(known, state))
        plex_sim.notifications.send_raw(play_frame(ghost, state))
    plex_sim.notifications.send_raw(play_frame(SimSession(session_key="555"), "stopped"))
    await until(lambda: health.notifications >= 10)
    await asyncio.sleep(1.7)
    await hass.async_block_till_done(wait_background_tasks=True)
    assert health.fetches == 2  # the start, then the ghost once

    plex_sim.update_session(key, rating_key=77)  # autoplay: a new item on the session
    await until(lambda: health.fetches == 3)
    await hass.async_block_till_done(wait_background_tasks=True)
    live = push_entry.runtime_data.coordinator.data.live
    assert [s.snapshot.session_key.rsplit("/", 1)[1] for s in live] == ["77"]


@pytest.mark.parametrize(
    "frame",
    [
        "not json at all",
        "[1, 2, 3]",
        json.dumps({"NotificationContainer": 5}),
        json.dumps({"NotificationContainer": {"type": "playing"}}),
        json.dumps(
            {
                "NotificationContainer": {
                    "type": "playing",
                    "size": 1,
                    "PlaySessionStateNotification": [{"sessionKey": None}, 7, "x"],
                }
            }
        ),
        "[" * 100_000,
    ],
)
async def test_garbled_frames_are_skipped_and_the_socket_stays(
    hass: HomeAssistant, plex_sim: PlexSimulator, push_entry: MockConfigEntry, frame: str
) -> None:
    health = push_of(push_entry).health
    plex_sim.notifications.send_raw(frame)
    plex_sim.add_session(wan_session("tokyo", user_id=3, user_name="carol"))
    await until(lambda: health.fetches == 1)
    assert health.connects == 1
    assert health.connected


async def test_closed_socket_reconnects_and_logs_once(
    hass: HomeAssistant,
    plex_sim: PlexSimulator,
    push_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    health = push_of(push_entry).health
    for round_ in range(2):
        await plex_sim.notifications.close_all()
        await until(lambda r=round_: health.connects == r + 2)
    down = [r for r in caplog.records if "notifications unavailable" in r.getMessage()]
    assert len(down) == 1
    assert down[0].levelno == logging.INFO
    plex_sim.add_session(wan_session("tokyo", user_id=3, user_name="carol"))
    await until(lambda: health.fetches == 1)


async def test_server_without_the_socket_falls_back_to_polling(
    hass: HomeAssistant,
    plex_sim: PlexSimulator,
    config_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """404: polling goes on at its interval, one log line, no repair issue."""
    assert plex_sim.notifications.supported is False  # the fixture's default
    assert await hass.config_entries.async_setup(config_entry.entry_id)
    health = push_of(config_entry).health
    await until(lambda: health.last_error is not None)
    assert health.last_error == "HTTP 404"
    assert not health.connected
    plex_sim.add_session(wan_session("paris"))
    await poll(hass, config_entry)
    assert config_entry.runtime_data.coordinator.last_update_success
    await asyncio.sleep(0.5)
    assert plex_sim.request_count(SOCKET) == 1  # asked again only at the longest back-off
    assert not [i for i in ir.async_get(hass).issues.values() if i.domain == DOMAIN]
    assert caplog.text.count("notifications unavailable (HTTP 404)") == 1


async def test_longer_poll_while_connected_and_back_when_the_socket_drops(
    hass: HomeAssistant, plex_sim: PlexSimulator, config_entry: MockConfigEntry
) -> None:
    hass.config_entries.async_update_entry(
        config_entry, options={**config_entry.options, CONF_PUSH_SCAN_INTERVAL: 300}
    )
    plex_sim.notifications.supported = True
    assert await hass.config_entries.async_setup(config_entry.entry_id)
    coordinator = config_entry.runtime_data.coordinator
    health = push_of(config_entry).health
    await until(lambda: health.connected)
    assert coordinator.update_interval == timedelta(seconds=300)

    plex_sim.notifications.supported = False
    before = plex_sim.request_count(SESSIONS)
    await plex_sim.notifications.close_all()
    await until(lambda: not health.connected)
    assert coordinator.update_interval == timedelta(seconds=30)
    # The poll planned 300 s out is replaced by one now, then every 30 s.
    await until(lambda: plex_sim.request_count(SESSIONS) == before + 1)
    await hass.async_block_till_done(wait_background_tasks=True)


async def test_unload_leaves_no_task_no_socket_and_no_timer(
    hass: HomeAssistant, plex_sim: PlexSimulator, push_entry: MockConfigEntry
) -> None:
    assert plex_sim.notifications.connections == 1
    # A fetch is pending when the entry goes away.
    plex_sim.add_session(wan_session("tokyo"))
    await until(lambda: push_of(push_entry).health.notifications == 1)
    push = push_of(push_entry)
    assert await hass.config_entries.async_unload(push_entry.entry_id)
    await hass.async_block_till_done()
    await until(lambda: plex_sim.notifications.connections == 0)
    assert not [t for t in asyncio.all_tasks() if t.get_name().startswith("plexgeo notif")]
    assert push.health.fetches == 0
    await asyncio.sleep(1.7)  # past the fetch delay: nothing fires
    assert push.health.fetches == 0


async def test_unload_ends_a_socket_that_swallowed_the_cancel(
    hass: HomeAssistant,
    plex_sim: PlexSimulator,
    config_entry: MockConfigEntry,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A connection that eats the first cancel (as aiohttp can) still ends: it repeats."""
    swallowed = 0

    async def connected_and_swallowing_one_cancel(self: NotificationSocket) -> str:
        nonlocal swallowed
        self._set_connected(True, None)
        while True:
            try:
                await asyncio.sleep(3600)
            except asyncio.CancelledError:
                if swallowed:
                    raise
                swallowed += 1
                task = asyncio.current_task()
                assert task is not None
                task.uncancel()

    monkeypatch.setattr(
        NotificationSocket, "_connect_and_read", connected_and_swallowing_one_cancel
    )
    assert await hass.config_entries.async_setup(config_entry.entry_id)
    await until(lambda: push_of(config_entry).health.connected)
    started = time.monotonic()
    assert await hass.config_entries.async_unload(config_entry.entry_id)
    assert swallowed == 1
    assert time.monotonic() - started < 5
    assert not [t for t in asyncio.all_tasks() if t.get_name().startswith("plexgeo notif")]


async def test_token_never_logged_whatever_fails(
    hass: HomeAssistant,
    plex_sim: PlexSimulator,
    push_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    health = push_of(push_entry).health
    plex_sim.notifications.send_raw("garbage")
    await plex_sim.fail(FailureMode.HTTP_500, all_endpoints=True)
    await plex_sim.notifications.close_all()
    await until(lambda: health.last_error == "HTTP 500")
    await plex_sim.fail(FailureMode.REFUSE)
    await until(lambda: health.last_error not in (None, "HTTP 500"), seconds=10)
    await plex_sim.recover()
    diagnostics = await async_get_config_entry_diagnostics(hass, push_entry)
    assert diagnostics["push"]["garbled"] == 1
    assert plex_sim.token not in caplog.text
    assert plex_sim.token not in json.dumps(diagnostics, default=str)
    assert plex_sim.token not in repr(push_entry.runtime_data.push.__dict__)


async def test_home_assistant_stop_closes_the_socket(
    hass: HomeAssistant, plex_sim: PlexSimulator, push_entry: MockConfigEntry
) -> None:
    hass.bus.async_fire(EVENT_HOMEASSISTANT_STOP)
    await hass.async_block_till_done()
    await until(lambda: plex_sim.notifications.connections == 0)
    assert not [t for t in asyncio.all_tasks() if t.get_name().startswith("plexgeo notif")]
    assert not push_of(push_entry).health.connected


async def test_unload_lets_a_fetch_in_flight_finish_before_the_store_closes(
    hass: HomeAssistant,
    plex_sim: PlexSimulator,
    push_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    push = push_of(push_entry)
    await plex_sim.fail(FailureMode.SLOW, delay=1.0)
    plex_sim.add_session(wan_session("tokyo"))
    await until(lambda: push.health.fetches == 1)
    assert await hass.config_entries.async_unload(push_entry.entry_id)
    await hass.async_block_till_done()
    problems = [r for r in caplog.records if r.levelno >= logging.WARNING and DOMAIN in r.name]
    assert not problems
    assert not ir.async_get(hass).issues
    # Nothing lost: the fetch finished and recorded the stream before the store closed.
    path = database_path(hass, plex_sim.machine_identifier)
    assert await hass.async_add_executor_job(_count_streams, path) == 1


def _count_streams(path: Path) -> int:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return int(conn.execute("SELECT COUNT(*) FROM streams").fetchone()[0])
