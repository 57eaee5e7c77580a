"""A real Home Assistant in a subprocess and Debian's Chromium, for the panel's browser test.

Home Assistant runs from this interpreter's environment (`sys.executable -m homeassistant`),
so the same fixtures serve both pins; it is configured like `scripts/develop`'s, through
`scripts/lib/bootstrap_dev.py`, and talks only to the simulators on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
import importlib.util
import os
from pathlib import Path
import re
import shutil
import socket
import subprocess
import sys
import time
from types import ModuleType
from typing import TYPE_CHECKING, Any

import aiohttp
import pytest

if TYPE_CHECKING:
    from playwright.async_api import Browser

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HA_STOP_SECONDS = 30.0
POLL_SECONDS = 0.25


def _load_bootstrap() -> ModuleType:
    """scripts/lib/bootstrap_dev.py, imported by path: scripts/ is no package."""
    name = "plexgeo_bootstrap_dev"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts/lib/bootstrap_dev.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # Registered before it runs, so its dataclasses can resolve their module.
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


bootstrap = _load_bootstrap()


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations() -> Iterator[None]:
    """Override tests/conftest.py's: this test runs no in-process `hass`."""
    yield


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


@pytest.fixture
def chromium() -> str:
    """Debian's chromium, with Playwright to drive it.

    Skips when either is missing on a developer's machine; CI installs both, so there a
    missing one fails the test instead of hiding it behind a skip.
    """
    missing: list[str] = []
    path = shutil.which("chromium")
    if path is None:
        missing.append("chromium is not on PATH (apt-get install chromium)")
    if importlib.util.find_spec("playwright") is None:
        missing.append("playwright is not installed (requirements/dev.txt)")
    if missing:
        reason = "browser test needs: " + "; ".join(missing)
        if _in_ci():
            pytest.fail(reason + " — CI must provide both", pytrace=False)
        pytest.skip(reason)
    assert path is not None
    return path


@pytest.fixture
async def browser(chromium: str) -> AsyncIterator[Browser]:
    """A headless Chromium, closed after the test whatever happened."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            await launched.close()


def free_port() -> int:
    """A TCP port nothing listens on right now, on 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def write_config(config_dir: Path, port: int) -> None:
    """config/configuration.yaml on another port, the integration linked in, onboarding seeded."""
    text = (ROOT / "config" / "configuration.yaml").read_text(encoding="utf-8")
    text, count = re.subn(r"(?m)^(\s*server_port:\s*)\d+\s*$", rf"\g<1>{port}", text)
    assert count == 1, "config/configuration.yaml no longer has one http server_port line"
    config_dir.mkdir(parents=True, exist_ok=True)
    (config_dir / "configuration.yaml").write_text(text, encoding="utf-8")
    (config_dir / "custom_components").symlink_to(ROOT / "custom_components")
    bootstrap.seed_onboarding(config_dir)


@dataclass(frozen=True, slots=True)
class HomeAssistantProcess:
    """A Home Assistant started by the test: where it listens and where it logs."""

    url: str
    config_dir: Path
    process: asyncio.subprocess.Process

    @property
    def log_path(self) -> Path:
        """Home Assistant's own log file."""
        return self.config_dir / "home-assistant.log"

    def log_tail(self, lines: int = 40) -> str:
        """The last lines of the log (or of the console output if there is no log yet)."""
        for path in (self.log_path, self.config_dir / "console.out"):
            if path.exists():
                text = path.read_text(encoding="utf-8", errors="replace")
                return "\n".join(text.splitlines()[-lines:])
        return "(no log)"


async def _stop(process: asyncio.subprocess.Process) -> None:
    """TERM, wait with a deadline, then KILL: HA is never left running."""
    if process.returncode is None:
        process.terminate()
        try:
            await asyncio.wait_for(process.wait(), HA_STOP_SECONDS)
        except TimeoutError:
            process.kill()
            await process.wait()


@pytest.fixture
async def home_assistant(
    socket_enabled: None, tmp_path: Path
) -> AsyncIterator[HomeAssistantProcess]:
    """A real Home Assistant on a free loopback port, stopped after the test."""
    port = free_port()
    config_dir = tmp_path / "config"
    write_config(config_dir, port)
    env = {**os.environ, "PLEXGEO_HTTP_HOST": "127.0.0.1", "PYTHONUNBUFFERED": "1"}
    with (config_dir / "console.out").open("wb") as console:
        # --skip-pip: every requirement is installed already, and nothing may reach PyPI.
        process = await asyncio.create_subprocess_exec(
            *(sys.executable, "-m", "homeassistant", "-c", str(config_dir), "--skip-pip"),
            stdin=subprocess.DEVNULL,
            stdout=console,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=config_dir,
        )
    try:
        yield HomeAssistantProcess(f"http://127.0.0.1:{port}", config_dir, process)
    finally:
        await _stop(process)


async def wait_for[T](
    what: str,
    probe: Callable[[], Awaitable[T | None]],
    *,
    seconds: float,
    explain: Callable[[], str] = lambda: "",
) -> T:
    """Poll probe until it returns something other than None; fail after `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        found = await probe()
        if found is not None:
            return found
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {seconds:g} s waiting for {what}\n{explain()}")
        await asyncio.sleep(POLL_SECONDS)


class HomeAssistantSocket:
    """Home Assistant's websocket API, authenticated: one command at a time."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        """Wrap an authenticated websocket."""
        self._ws = ws
        self._next_id = 0

    async def call(self, command: str, **payload: Any) -> Any:
        """Send one command; return its result, or fail the test with its error."""
        self._next_id += 1
        message_id = self._next_id
        await self._ws.send_json({"id": message_id, "type": command, **payload})
        while True:
            reply = await self._ws.receive_json(timeout=30)
            if reply.get("id") == message_id and reply.get("type") == "result":
                assert reply.get("success"), f"{command} failed: {reply.get('error')}"
                return reply.get("result")


@asynccontextmanager
async def home_assistant_socket(
    session: aiohttp.ClientSession, url: str, token: str
) -> AsyncIterator[HomeAssistantSocket]:
    """Home Assistant's websocket API, logged in with token, closed on exit."""
    async with session.ws_connect(url.replace("http", "ws", 1) + "/api/websocket") as ws:
        await ws.receive_json(timeout=10)  # auth_required
        await ws.send_json({"type": "auth", "access_token": token})
        auth = await ws.receive_json(timeout=10)
        assert auth.get("type") == "auth_ok", auth
        yield HomeAssistantSocket(ws)


@pytest.fixture
async def stage(
    browser: Browser,  # first: without a browser, nothing else is worth starting
    home_assistant: HomeAssistantProcess,
    plex_sim: Any,
    ipapi: Any,
) -> AsyncIterator[Any]:
    """Home Assistant onboarded, PlexGeo configured against the simulators with a 10 s
    scan interval and rare-country alerts after one earlier stream; no history yet."""
    from custom_components.plexgeo.const import (
        CONF_RARE_COUNTRY_MIN_SESSIONS,
        CONF_SCAN_INTERVAL,
    )

    from .stage import House, Stage, home_assistant_up, set_options

    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30)) as session:
        client = bootstrap.HomeAssistantClient(session, home_assistant.url)
        await home_assistant_up(home_assistant, client)
        await bootstrap.onboard(client, None)
        target = bootstrap.Target(
            home_assistant.url,
            home_assistant.config_dir,
            plex_sim.url,
            plex_sim.token,
            ipapi.base_url,
        )
        entry_id = await bootstrap.configure_plexgeo(client, target)
        await set_options(
            client, entry_id, {CONF_SCAN_INTERVAL: 10, CONF_RARE_COUNTRY_MIN_SESSIONS: 1}
        )
        house = House(home_assistant, client)
        yield Stage(home_assistant, session, client, house, plex_sim, entry_id, browser)
