"""One wire contract: the Python TypedDicts, frontend/src/types.ts and the dev mock agree.

The panel is built against types.ts and developed against frontend/dev/mock-hass.js; the
integration answers with core/wire.py's rows. A field added, renamed or dropped in one of
the three and not the others fails here.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
import json
import os
from pathlib import Path
import re
import shutil
import subprocess
from typing import Any, get_args, get_origin, get_type_hints, is_typeddict

import pytest

from custom_components.plexgeo.alerts import PANEL_ONLY, alert_event_data, stream_event_data
from custom_components.plexgeo.core import wire
from custom_components.plexgeo.core.models import Alert, AlertKind, LocationStatus, Stream
from custom_components.plexgeo.core.reports import alert_row
from simulator.places import place

from .core.helpers import location_of, snapshot

ROOT = Path(__file__).resolve().parents[1]
TYPES_TS = ROOT / "frontend" / "src" / "types.ts"
MOCK = ROOT / "frontend" / "dev" / "mock-hass.js"
# The interfaces types.ts shares with core/wire.py (the rest are the panel's own).
SHARED = (
    "Attribution",
    "Entry",
    "PushHealth",
    "StreamRow",
    "AlertRow",
    "LastLocation",
    "UserSummary",
    "CountryCount",
    "UserLocation",
    "UserDetail",
    "DeviceUse",
    "NetworkUse",
    "UserHabits",
    "Stats",
    "StreamPage",
    "StreamCount",
    "LiveEvent",
    "ServerState",
    "TautulliSummary",
    "TautulliImport",
)

_INTERFACE = re.compile(r"^export interface (\w+) \{\n(.*?)^\}", re.MULTILINE | re.DOTALL)
_FIELD = re.compile(r"^  (\w+)\??: (.+);$", re.MULTILINE)
_INLINE = re.compile(r"^\{ (.*) \}\[\]$")


def _keys(typed: Any) -> set[str]:
    return set(typed.__required_keys__ | typed.__optional_keys__)


def _ts_interfaces() -> dict[str, dict[str, str]]:
    text = TYPES_TS.read_text(encoding="utf-8")
    return {name: dict(_FIELD.findall(body)) for name, body in _INTERFACE.findall(text)}


def _inline_keys(ts_type: str) -> set[str] | None:
    """`{ date: string; count: number }[]` → {"date", "count"}."""
    if (found := _INLINE.match(ts_type)) is None:
        return None
    return {part.split(":")[0].strip() for part in found[1].split(";")}


def _item_type(hint: Any) -> Any:
    """list[X] → X; X | None → X."""
    if get_origin(hint) is list:
        return get_args(hint)[0]
    args = [a for a in get_args(hint) if a is not type(None)]
    return args[0] if len(args) == 1 else hint


def test_typescript_interfaces_match_the_python_rows() -> None:
    interfaces = _ts_interfaces()
    for name in SHARED:
        assert name in interfaces, f"types.ts has no interface {name}"
        typed = getattr(wire, name)
        assert set(interfaces[name]) == _keys(typed), name
        # Nested inline object types ({ date: string; count: number }[]) too.
        hints = get_type_hints(typed)
        for field, ts_type in interfaces[name].items():
            inline = _inline_keys(ts_type)
            if inline is not None:
                nested = _item_type(hints[field])
                assert is_typeddict(nested), f"{name}.{field}"
                assert inline == _keys(nested), f"{name}.{field}"


_PROBE = """
import { createMockHass } from %s;
const { hass } = createMockHass({ search: "latency=0&interval=3600000" });
const c = hass.connection;
const e = "entry_home";
const ask = (type, extra = {}) => c.sendMessagePromise({ type, entry_id: e, ...extra });
const out = {
  entries: await c.sendMessagePromise({ type: "plexgeo/entries" }),
  streams: await ask("plexgeo/streams"),
  count: await ask("plexgeo/streams/count"),
  users: await ask("plexgeo/users"),
  user: await ask("plexgeo/user", { user_id: "1" }),
  habits: await ask("plexgeo/user/habits", { user_id: "1" }),
  alerts: await ask("plexgeo/alerts"),
  server: await ask("plexgeo/server"),
  tautulli: await ask("plexgeo/tautulli_import"),
  stats: await ask("plexgeo/stats", {
    since: "2000-01-01T00:00:00Z", until: "2100-01-01T00:00:00Z",
  }),
};
const stop = await c.subscribeMessage((event) => { out.live ??= event; }, {
  type: "plexgeo/subscribe", entry_id: e,
});
await stop();
console.log(JSON.stringify(out));
"""


@pytest.fixture(scope="module")
def mock_answers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """What the dev mock answers to each command (run by Node, as the panel's harness does)."""
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}:
            pytest.fail("node is not on PATH — CI must provide it", pytrace=False)
        pytest.skip("node is not installed")
    script = tmp_path_factory.mktemp("mock") / "probe.mjs"
    script.write_text(_PROBE % json.dumps(MOCK.as_uri()), encoding="utf-8")
    # No timeout: subprocess waits for one by sleeping, which the loop guard forbids; the
    # probe ends by itself once its subscription is stopped.
    done = subprocess.run([node, str(script)], capture_output=True, text=True, check=True)
    return dict(json.loads(done.stdout))


def _first(rows: list[Any]) -> Any:
    assert rows, "the mock answered an empty list; the contract needs one row"
    return rows[0]


def test_the_dev_mock_answers_the_same_fields(mock_answers: dict[str, Any]) -> None:
    answers = mock_answers
    user = answers["user"]
    users = answers["users"]["users"]
    stats = answers["stats"]
    with_location = next(u for u in users if u["last_location"] is not None)
    checks: list[tuple[str, Any, Any]] = [
        ("entries[0]", _first(answers["entries"]["entries"]), wire.Entry),
        ("streams", answers["streams"], wire.StreamPage),
        ("count", answers["count"], wire.StreamCount),
        ("streams[0]", _first(answers["streams"]["streams"]), wire.StreamRow),
        ("users", answers["users"], wire.UserList),
        ("users[0]", _first(users), wire.UserSummary),
        ("last_location", with_location["last_location"], wire.LastLocation),
        ("user", user, wire.UserDetail),
        ("user.countries[0]", _first(user["countries"]), wire.CountryCount),
        ("user.timeline[0]", _first(user["timeline"]), wire.DayCount),
        ("user.recent_streams[0]", _first(user["recent_streams"]), wire.StreamRow),
        ("user.locations[0]", _first(user["locations"]), wire.UserLocation),
        ("habits", answers["habits"], wire.UserHabits),
        ("habits.devices[0]", _first(answers["habits"]["devices"]), wire.DeviceUse),
        ("habits.networks[0]", _first(answers["habits"]["networks"]), wire.NetworkUse),
        ("alerts", answers["alerts"], wire.AlertList),
        ("alerts[0]", _first(answers["alerts"]["alerts"]), wire.AlertRow),
        ("stats", stats, wire.Stats),
        ("stats.per_day[0]", _first(stats["per_day"]), wire.DayCountryCount),
        ("stats.top_countries[0]", _first(stats["top_countries"]), wire.CountryCount),
        ("stats.top_users[0]", _first(stats["top_users"]), wire.UserCount),
        ("server", answers["server"], wire.ServerState),
        ("tautulli", answers["tautulli"], wire.TautulliImport),
        ("tautulli.summary", answers["tautulli"]["summary"], wire.TautulliSummary),
        ("live", answers["live"], wire.LiveEvent),
        ("live.live_streams[0]", _first(answers["live"]["live_streams"]), wire.StreamRow),
    ]
    for where, answer, typed in checks:
        assert set(answer) == _keys(typed), where


def test_bus_events_are_the_rows_without_what_they_must_not_carry() -> None:
    at = datetime(2026, 3, 2, 10, tzinfo=UTC)
    stream = Stream(
        stream_id=7,
        server_id="srv",
        snapshot=snapshot(),
        started_at=at,
        last_seen=at,
        ended_at=None,
        location_status=LocationStatus.KNOWN,
        location=location_of(place("london")),
        ip_hash=None,
    )
    started = stream_event_data("entry", stream)
    assert set(started) == _keys(wire.StreamEvent)
    assert _keys(wire.StreamEvent) == (_keys(wire.StreamRow) - {"ip", "provider"}) | {"entry_id"}

    alert = Alert(
        alert_id=1,
        kind=AlertKind.RARE_COUNTRY,
        stream_id=7,
        user_id="1",
        user_name="alice",
        created_at=at,
        country_code="GB",
        country_name="United Kingdom",
        city="London",
        latitude=51.5,
        longitude=-0.13,
        share=0.05,
        session_count=20,
        previous_country_code=None,
        previous_country_name=None,
        previous_city=None,
        distance_km=None,
        speed_kmh=None,
        media_title="Dune",
        player="TV",
    )
    raised = alert_event_data("entry", alert)
    assert set(raised) == _keys(wire.AlertEvent)
    assert _keys(wire.AlertEvent) == (_keys(wire.AlertRow) - PANEL_ONLY) | {"entry_id"}
    assert set(alert_row(replace(alert, acknowledged_at=at))) == _keys(wire.AlertRow)
