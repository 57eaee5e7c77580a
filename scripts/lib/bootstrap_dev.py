"""Onboard the dev Home Assistant and configure PlexGeo against the simulator.

Used by `scripts/develop`, over Home Assistant's REST and websocket APIs only:
  seed   before Home Assistant starts: mark the onboarding core-config step done
  setup  once it runs: dev user, long-lived token, PlexGeo entry and its options
  check  setup, then wait until a PlexGeo active-streams sensor counts a stream
"""

from __future__ import annotations

import argparse
import asyncio
from dataclasses import dataclass
import json
from pathlib import Path
import re
import sys
import time
from typing import Any

import aiohttp

DEV_NAME = "Dev"
DEV_USERNAME = "dev"
DEV_PASSWORD = "dev"  # the documented demo login; HA listens on loopback only
CLIENT_ID = "http://localhost:8123/"
REDIRECT_URI = "http://localhost:8123/?auth_callback=1"
ACTIVE_STREAMS = re.compile(r"^sensor\..*active_streams.*$")
HTTP_OK = 200
TOKEN_FILE = ".dev-token"


class BootstrapError(Exception):
    """A step of the dev bootstrap failed; the message says which and why."""


@dataclass(frozen=True, slots=True)
class Target:
    """Where Home Assistant, the simulated Plex server and the fake ip-api listen."""

    ha_url: str
    config_dir: Path
    plex_url: str
    plex_token: str
    geo_url: str


def seed_onboarding(config_dir: Path) -> bool:
    """Mark the core-config onboarding step done before Home Assistant's first start.

    Finishing that step over the API also sets up met, radio_browser, google_translate
    and shopping_list, which install packages and call the internet; configuration.yaml
    already holds the core config. Returns whether the file was written.
    """
    path = config_dir / ".storage" / "onboarding"
    if path.exists():
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "version": 4,
        "minor_version": 1,
        "key": "onboarding",
        "data": {"done": ["core_config"]},
    }
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return True


class HomeAssistantClient:
    """The few REST and websocket calls the bootstrap needs."""

    def __init__(self, session: aiohttp.ClientSession, base_url: str) -> None:
        """Talk to the Home Assistant at base_url."""
        self._session = session
        self._base = base_url.rstrip("/")
        self.token: str | None = None

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    async def request(
        self, method: str, path: str, payload: dict[str, Any] | None = None
    ) -> tuple[int, Any]:
        """Send a JSON request; return the status and the decoded body (or text)."""
        async with self._session.request(
            method, self._base + path, json=payload, headers=self._headers()
        ) as resp:
            text = await resp.text()
            try:
                body: Any = json.loads(text) if text else None
            except json.JSONDecodeError:
                body = text
            return resp.status, body

    async def expect(self, method: str, path: str, payload: dict[str, Any] | None = None) -> Any:
        """Like request, but a non-200 answer is a BootstrapError."""
        status, body = await self.request(method, path, payload)
        if status != HTTP_OK:
            raise BootstrapError(f"{method} {path} answered {status}: {body}")
        return body

    async def wait_until_up(self, deadline: float) -> None:
        """Wait until Home Assistant's HTTP server answers."""
        while True:
            try:
                status, _ = await self.request("GET", "/api/onboarding")
            except aiohttp.ClientError:
                status = 0
            if status in (HTTP_OK, 401, 404):
                return
            if time.monotonic() > deadline:
                raise BootstrapError(f"Home Assistant did not answer at {self._base}")
            await asyncio.sleep(1)

    async def exchange_code(self, code: str) -> None:
        """Trade an authorization code for an access token."""
        form = {"grant_type": "authorization_code", "code": code, "client_id": CLIENT_ID}
        async with self._session.post(self._base + "/auth/token", data=form) as resp:
            body = await resp.json(content_type=None)
            if resp.status != HTTP_OK:
                raise BootstrapError(f"/auth/token answered {resp.status}: {body}")
        self.token = str(body["access_token"])

    async def log_in(self, username: str, password: str) -> None:
        """Log in through the login flow, as the frontend does."""
        flow = await self.expect(
            "POST",
            "/auth/login_flow",
            {
                "client_id": CLIENT_ID,
                "handler": ["homeassistant", None],
                "redirect_uri": REDIRECT_URI,
            },
        )
        done = await self.expect(
            "POST",
            f"/auth/login_flow/{flow['flow_id']}",
            {"username": username, "password": password, "client_id": CLIENT_ID},
        )
        if done.get("type") != "create_entry":
            raise BootstrapError(f"login as {username!r} failed: {done.get('errors')}")
        await self.exchange_code(str(done["result"]))

    async def long_lived_token(self, client_name: str) -> str:
        """Create a long-lived access token for the logged-in user."""
        ws_url = self._base.replace("http", "ws", 1) + "/api/websocket"
        async with self._session.ws_connect(ws_url) as ws:
            await ws.receive_json()  # auth_required
            await ws.send_json({"type": "auth", "access_token": self.token})
            auth = await ws.receive_json()
            if auth.get("type") != "auth_ok":
                raise BootstrapError(f"websocket auth failed: {auth}")
            await ws.send_json(
                {
                    "id": 1,
                    "type": "auth/long_lived_access_token",
                    "client_name": client_name,
                    "lifespan": 3650,
                }
            )
            reply = await ws.receive_json()
        if not reply.get("success"):
            raise BootstrapError(f"long-lived token refused: {reply.get('error')}")
        return str(reply["result"])


async def onboard(client: HomeAssistantClient, saved: str | None) -> str | None:
    """Create the dev user if needed and leave client holding a long-lived token.

    saved is the token from an earlier run; returns a new token when it had to make one.
    """
    status, steps = await client.request("GET", "/api/onboarding")
    pending = {step["step"] for step in steps if not step["done"]} if status == HTTP_OK else set()
    saved = await _still_valid(client, saved)
    new_token = None
    if "user" in pending:
        created = await client.expect(
            "POST",
            "/api/onboarding/users",
            {
                "client_id": CLIENT_ID,
                "name": DEV_NAME,
                "username": DEV_USERNAME,
                "password": DEV_PASSWORD,
                "language": "en",
            },
        )
        await client.exchange_code(str(created["auth_code"]))
        saved = None
        print(f"Onboarded user {DEV_USERNAME!r}")
    elif pending or saved is None:
        # The integration step needs a login session: a long-lived token has no credential.
        await client.log_in(DEV_USERNAME, DEV_PASSWORD)
    if "analytics" in pending:
        await client.expect("POST", "/api/onboarding/analytics")
    if "integration" in pending:
        await client.expect(
            "POST",
            "/api/onboarding/integration",
            {"client_id": CLIENT_ID, "redirect_uri": REDIRECT_URI},
        )
    if saved is None:
        saved = new_token = await client.long_lived_token(
            f"scripts/develop {time.strftime('%Y-%m-%d %H:%M:%S')}"
        )
    client.token = saved
    return new_token


async def _still_valid(client: HomeAssistantClient, token: str | None) -> str | None:
    """The token if Home Assistant still accepts it."""
    if not token:
        return None
    client.token = token
    try:
        status, _ = await client.request("GET", "/api/")
    finally:
        token, client.token = client.token, None
    return token if status == HTTP_OK else None


def schema_values(data_schema: list[dict[str, Any]]) -> dict[str, Any]:
    """The values a form would submit untouched: suggested values, else defaults."""
    values: dict[str, Any] = {}
    for field in data_schema:
        suggested = (field.get("description") or {}).get("suggested_value")
        value = suggested if suggested is not None else field.get("default")
        if value is not None:
            values[field["name"]] = value
    return values


async def configure_plexgeo(client: HomeAssistantClient, target: Target) -> str:
    """Make sure a PlexGeo entry exists and uses the fake ip-api; return its entry id."""
    entries = await client.expect("GET", "/api/config/config_entries/entry?domain=plexgeo")
    if entries:
        entry_id = str(entries[0]["entry_id"])
        print(f"PlexGeo entry exists ({entries[0].get('title')}, {entries[0].get('state')})")
    else:
        entry_id = await _create_entry(client, target)
    await _set_options(client, target, entry_id)
    return entry_id


async def _create_entry(client: HomeAssistantClient, target: Target) -> str:
    status, form = await client.request(
        "POST",
        "/api/config/config_entries/flow",
        # The first form asks for the geolocation URL, so the entry's very first poll
        # already asks the fake ip-api and never the real one.
        {"handler": "plexgeo"},
    )
    if status != HTTP_OK:
        raise BootstrapError(f"PlexGeo's config flow could not start ({status}): {form}")
    if form.get("type") != "form":
        raise BootstrapError(f"PlexGeo's config flow did not show a form: {form}")
    fields = {field["name"] for field in form.get("data_schema") or []}
    if "geo_url" not in fields:
        raise BootstrapError(f"PlexGeo's config form offers no geo_url: {form}")
    answer = {
        "url": target.plex_url,
        "token": target.plex_token,
        "verify_ssl": False,
        "geo_url": target.geo_url,
    }
    result = await client.expect(
        "POST", f"/api/config/config_entries/flow/{form['flow_id']}", answer
    )
    if result.get("type") != "create_entry":
        raise BootstrapError(f"PlexGeo's config flow did not create an entry: {result}")
    entry = result["result"]
    print(f"Created the PlexGeo entry {entry.get('title')!r} for {target.plex_url}")
    return str(entry["entry_id"])


async def _set_options(client: HomeAssistantClient, target: Target, entry_id: str) -> None:
    path = "/api/config/config_entries/options/flow"
    form = await client.expect("POST", path, {"handler": entry_id})
    if form.get("type") != "form" or form.get("step_id") != "init":
        raise BootstrapError(f"PlexGeo's options flow did not show its init form: {form}")
    values = schema_values(form.get("data_schema") or [])
    if "geo_url" not in {field["name"] for field in form.get("data_schema") or []}:
        await client.request("DELETE", f"{path}/{form['flow_id']}")
        raise BootstrapError(f"PlexGeo's options form has no geo_url field: {form}")
    if values.get("geo_url") == target.geo_url:
        await client.request("DELETE", f"{path}/{form['flow_id']}")
        return
    values["geo_url"] = target.geo_url
    result = await client.expect("POST", f"{path}/{form['flow_id']}", values)
    if result.get("type") != "create_entry":
        raise BootstrapError(f"PlexGeo's options flow did not save: {result}")
    print(f"Set PlexGeo's geolocation endpoint to {target.geo_url}")


async def wait_for_streams(client: HomeAssistantClient, deadline: float) -> tuple[str, float]:
    """Wait until an active-streams sensor shows a count above zero."""
    seen: dict[str, str] = {}
    while time.monotonic() < deadline:
        states = await client.expect("GET", "/api/states")
        for state in states:
            entity_id = str(state["entity_id"])
            if not ACTIVE_STREAMS.match(entity_id):
                continue
            seen[entity_id] = str(state["state"])
            try:
                count = float(state["state"])
            except ValueError:
                continue
            if count > 0:
                return entity_id, count
        await asyncio.sleep(2)
    found = ", ".join(f"{k}={v}" for k, v in seen.items()) or "no sensor.*active_streams*"
    raise BootstrapError(f"no active stream counted in time ({found})")


async def run(
    target: Target, saved_token: str | None, *, check: bool, seconds: float
) -> str | None:
    """Set up (and with check=True, verify) the dev Home Assistant within seconds.

    Returns a newly made long-lived token, for the caller to save.
    """
    deadline = time.monotonic() + seconds
    client_timeout = aiohttp.ClientTimeout(total=30)
    async with aiohttp.ClientSession(timeout=client_timeout) as session:
        client = HomeAssistantClient(session, target.ha_url)
        await client.wait_until_up(deadline)
        new_token = await onboard(client, saved_token)
        if new_token is not None:
            _save_token(target.config_dir / TOKEN_FILE, new_token)
        await configure_plexgeo(client, target)
        if check:
            entity_id, count = await wait_for_streams(client, deadline)
            config = await client.expect("GET", "/api/config")
            print(f"OK: {entity_id} = {count:g} (Home Assistant {config.get('version')})")
            reports = deprecation_reports_in(target.config_dir / "home-assistant.log")
            if reports:
                raise BootstrapError(
                    "Home Assistant reported deprecated use by PlexGeo:\n" + "\n".join(reports)
                )
    return new_token


def deprecation_reports_in(log: Path) -> list[str]:
    """The lines of Home Assistant's log that report a deprecated use by PlexGeo."""
    # The test suite's guard decides, so both fail on the same lines.
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from tests.deprecations import log_file_reports  # noqa: PLC0415

    lines = log.read_text(encoding="utf-8", errors="replace").splitlines() if log.exists() else []
    return log_file_reports(lines)


def _save_token(path: Path, token: str) -> None:
    path.write_text(token + "\n", encoding="utf-8")
    path.chmod(0o600)
    print(f"Saved a long-lived access token to {path}")


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["seed", "setup", "check"])
    parser.add_argument("--config", type=Path, default=Path("config"))
    parser.add_argument("--ha-url", default="http://127.0.0.1:8123")
    parser.add_argument("--plex-url", default="http://127.0.0.1:32401")
    parser.add_argument("--plex-token", default="plexgeo-demo-token")
    parser.add_argument("--geo-url", default="http://127.0.0.1:8088")
    parser.add_argument("--timeout", type=float, default=180.0)
    args = parser.parse_args(argv)
    if args.command == "seed":
        if seed_onboarding(args.config):
            print("Seeded onboarding: core config comes from configuration.yaml")
        return 0
    target = Target(args.ha_url, args.config, args.plex_url, args.plex_token, args.geo_url)
    token_path = args.config / TOKEN_FILE
    saved = token_path.read_text(encoding="utf-8").strip() if token_path.exists() else None
    try:
        asyncio.run(run(target, saved, check=args.command == "check", seconds=args.timeout))
    except (BootstrapError, aiohttp.ClientError, TimeoutError) as err:
        print(f"bootstrap failed: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
