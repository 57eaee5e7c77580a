"""Shared fixtures: a simulated Plex server and ip-api on loopback, and a configured entry.

pytest-homeassistant-custom-component shadows the `custom_components` package, so the
integration is imported here, at module level, before the `hass` fixture runs.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, Generator
import io
import logging
from pathlib import Path
import ssl
import threading
from typing import Any
from unittest.mock import AsyncMock, patch

from homeassistant import block_async_io
from homeassistant.components.http import HomeAssistantHTTP
from homeassistant.const import CONF_TOKEN, CONF_URL
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

import custom_components.plexgeo  # noqa: F401  (must be imported before `hass`)
from custom_components.plexgeo.const import CONF_GEO_URL, CONF_VERIFY_SSL, DEFAULT_OPTIONS, DOMAIN
from simulator.hostile import CaptureServer
from simulator.ipapi import FakeIpApi
from simulator.plex import PlexSimulator
from simulator.tls import self_signed

from .deprecations import deprecation_reports


def pytest_sessionstart(session: pytest.Session) -> None:
    """As in Home Assistant core's own tests: a blocking call on the event loop fails the test.

    That proves polling, storage and geolocation stay off the loop. Enabled once pytest has
    parsed its arguments: at import time the guard would flag pytest's own `testpaths` glob,
    which runs on this thread before any loop exists.
    """
    block_async_io.enable()


@pytest.fixture(autouse=True)
def no_listening_http_server() -> Generator[None]:
    """PlexGeo depends on `http`, which would listen on 0.0.0.0:8123 in every test.

    That port belongs to scripts/develop (and a second test run on the machine); the tests
    reach HTTP and websocket views through aiohttp's test client on the app instead.
    """
    with patch.object(HomeAssistantHTTP, "start", AsyncMock()):
        yield


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(enable_custom_integrations: None) -> Generator[None]:
    """Let Home Assistant load custom_components/plexgeo in every test."""
    yield


def _messages(caplog: pytest.LogCaptureFixture, level: int = logging.NOTSET) -> list[str]:
    return [
        record.getMessage()
        for when in ("setup", "call")
        for record in caplog.get_records(when)  # type: ignore[arg-type]
        if record.levelno >= level
    ]


@pytest.fixture(autouse=True)
def fail_on_blocking_calls(caplog: pytest.LogCaptureFixture) -> Generator[None]:
    """HA only warns about a custom integration blocking the loop; here it fails the test."""
    yield
    blocking = [message for message in _messages(caplog) if "Detected blocking call" in message]
    assert not blocking, blocking


@pytest.fixture(autouse=True)
def fail_on_deprecation_reports(caplog: pytest.LogCaptureFixture) -> Generator[None]:
    """HA only logs a deprecated use by a custom integration; here it fails the test.

    On every pin, so a call that a coming release removes fails today (see deprecations.py).
    """
    yield
    # Warnings and up, as HA reports them: debug dumps of stored data name fields alike.
    reports = deprecation_reports(_messages(caplog, logging.WARNING))
    assert not reports, reports


# Seconds after which a test still running writes where each of its loop's tasks waits:
# before pytest-timeout's 120 s, whose dump shows threads but not what a task awaits.
HUNG_TEST_SECONDS = 100


def _task_stacks(loop: asyncio.AbstractEventLoop) -> str:
    lines = []
    format_graph = getattr(asyncio, "format_call_graph", None)  # Python 3.14
    for task in asyncio.all_tasks(loop):
        if format_graph is not None:
            lines.append(format_graph(task))
        else:
            stack = io.StringIO()
            task.print_stack(file=stack)
            lines.append(stack.getvalue())
    return "\n".join(lines)


@pytest.fixture(autouse=True)
def tasks_of_a_hung_test(request: pytest.FixtureRequest) -> Generator[None]:
    """A test with Home Assistant that hangs logs what every task awaits (a diagnosis)."""
    if "hass" not in request.fixturenames:
        yield
        return
    loop: asyncio.AbstractEventLoop = request.getfixturevalue("hass").loop

    def dump() -> None:
        # From this timer thread: the hung loop sits idle in select(), so reading its
        # tasks' frames is safe enough for a diagnosis.
        logging.getLogger(__name__).error("Hung test; its tasks:\n%s", _task_stacks(loop))

    timer = threading.Timer(HUNG_TEST_SECONDS, dump)
    timer.daemon = True
    timer.start()
    yield
    timer.cancel()
    timer.join()  # gone before HA's own teardown looks for threads a test left behind


@pytest.fixture
async def plex_sim(socket_enabled: None) -> AsyncGenerator[PlexSimulator]:
    """A Plex Media Server simulator on 127.0.0.1, with no sessions yet."""
    simulator = PlexSimulator(friendly_name="Test Plex")
    # Polling tests drive each poll themselves; a notification-triggered fetch in the
    # background would race their frozen clock. tests/test_notifications.py turns it on.
    simulator.notifications.supported = False
    await simulator.start()
    yield simulator
    await simulator.stop()


@pytest.fixture
async def capture(socket_enabled: None) -> AsyncGenerator[CaptureServer]:
    """A server on loopback that records whatever reaches it."""
    server = CaptureServer()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def tls_sim(socket_enabled: None, tmp_path: Path) -> AsyncGenerator[PlexSimulator]:
    """The simulator over HTTPS, with a self-signed certificate made for this test.

    The certificate is tmp_path / "plexgeo-sim.crt".
    """
    simulator = PlexSimulator(
        friendly_name="Test Plex", ssl_context=self_signed(tmp_path).server_context()
    )
    await simulator.start()
    yield simulator
    await simulator.stop()


@pytest.fixture
async def refused_handshakes() -> AsyncGenerator[None]:
    """A TLS simulator refusing a client's handshake is expected, not an error of the test."""
    loop = asyncio.get_running_loop()
    previous = loop.get_exception_handler()

    def handle(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        if isinstance(context.get("exception"), ssl.SSLError):
            return
        if previous is not None:
            previous(loop, context)
        else:
            loop.default_exception_handler(context)

    loop.set_exception_handler(handle)
    yield
    loop.set_exception_handler(previous)


@pytest.fixture
async def ipapi(socket_enabled: None) -> AsyncGenerator[FakeIpApi]:
    """A fake ip-api.com on 127.0.0.1."""
    fake = FakeIpApi()
    await fake.start()
    yield fake
    await fake.stop()


@pytest.fixture
def config_dir(hass: HomeAssistant, tmp_path: Path) -> Path:
    """Give each test its own config folder, so its database starts empty."""
    hass.config.config_dir = str(tmp_path)
    return tmp_path


@pytest.fixture
def options(ipapi: FakeIpApi) -> dict[str, Any]:
    """Default options, with geolocation pointed at the fake ip-api."""
    return {**DEFAULT_OPTIONS, CONF_GEO_URL: ipapi.base_url}


@pytest.fixture
def config_entry(
    hass: HomeAssistant, config_dir: Path, plex_sim: PlexSimulator, options: dict[str, Any]
) -> MockConfigEntry:
    """A PlexGeo entry for the simulator, added to hass but not set up."""
    entry = MockConfigEntry(
        domain=DOMAIN,
        title=plex_sim.friendly_name,
        unique_id=plex_sim.machine_identifier,
        data={CONF_URL: plex_sim.url, CONF_TOKEN: plex_sim.token, CONF_VERIFY_SSL: False},
        options=options,
    )
    entry.add_to_hass(hass)
    return entry


@pytest.fixture
async def loaded_entry(hass: HomeAssistant, config_entry: MockConfigEntry) -> MockConfigEntry:
    """The entry, set up."""
    assert await hass.config_entries.async_setup(config_entry.entry_id)
    await hass.async_block_till_done()
    return config_entry
