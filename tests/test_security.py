"""Hostile input and leaks: arbitrary payloads at every command and action; no secrets in logs."""

from __future__ import annotations

from dataclasses import replace
import logging
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from hypothesis import HealthCheck, given, settings, strategies as st
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, MockUser
from pytest_homeassistant_custom_component.typing import (
    MockHAClientWebSocket,
    WebSocketGenerator,
)
import voluptuous as vol

from custom_components.plexgeo.const import CONF_RARE_COUNTRY_MIN_SESSIONS, DOMAIN
from simulator.places import PLACES
from simulator.plex import PlexSimulator
from simulator.scenario import wan_session

from .common import poll
from .test_websocket_api import OMIT, Call, _token, caller, history

COMMANDS = [
    "plexgeo/entries",
    "plexgeo/streams",
    "plexgeo/users",
    "plexgeo/user",
    "plexgeo/user/habits",
    "plexgeo/alerts",
    "plexgeo/alerts/acknowledge",
    "plexgeo/trust",
    "plexgeo/stats",
    "plexgeo/subscribe",
]
SERVICES = ["acknowledge_alert", "trust_location", "untrust_location", "terminate_stream"]
FIELDS = [
    "entry_id",
    "config_entry_id",
    "limit",
    "cursor",
    "user_id",
    "country",
    "country_code",
    "network",
    "media_type",
    "since",
    "until",
    "search",
    "days",
    "acknowledged",
    "alert_id",
    "before_id",
    "trust",
    "trusted",
    "stream_id",
    "message",
]
JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)  # JSON has neither
    | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=8,
)
# Known field names with arbitrary values (deeper than schema checks), plus stray keys.
PAYLOADS = st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=10), JSON, max_size=6)
FUZZ = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def options(options: dict[str, Any]) -> dict[str, Any]:
    """Alert after two located streams."""
    return {**options, CONF_RARE_COUNTRY_MIN_SESSIONS: 2}


async def _snapshot(hass: HomeAssistant, entry: MockConfigEntry) -> tuple[Any, ...]:
    """Everything a command must not change: sizes, alerts and trust."""
    store = entry.runtime_data.store
    stats = await hass.async_add_executor_job(store.stats)
    alerts = await hass.async_add_executor_job(store.alerts)
    trusted = [await hass.async_add_executor_job(store.trusted_countries, u) for u in "1234"]
    return replace(stats, file_size_bytes=0), alerts, trusted


@pytest.fixture
async def sessions(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    hass_admin_user: MockUser,
    hass_read_only_user: MockUser,
    plex_sim: PlexSimulator,
    loaded_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> tuple[MockHAClientWebSocket, MockHAClientWebSocket]:
    """An admin's and a non-admin's websockets, after a history with an alert."""
    await history(hass, plex_sim, loaded_entry, freezer)
    admin = await hass_ws_client(hass, await _token(hass, hass_admin_user))
    user = await hass_ws_client(hass, await _token(hass, hass_read_only_user))
    return admin, user


def _aim(payload: dict[str, Any], entry_id: str, aim: bool) -> dict[str, Any]:
    """Half the payloads name the real entry, so validation past the entry is fuzzed too."""
    payload = dict(payload)
    payload.pop("id", None)
    payload.pop("type", None)
    if aim:
        payload["entry_id"] = entry_id
        payload["config_entry_id"] = entry_id
    elif payload.get("entry_id") is None:
        payload["entry_id"] = OMIT
    return payload


async def _answered(call: Call, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
    answer = await call(kind, **payload)
    assert answer["type"] == "result", answer
    if not answer["success"]:
        assert answer["error"]["code"] in {
            "invalid_format",
            "not_found",
            "unauthorized",
        }, answer
    return answer


@FUZZ
@given(kind=st.sampled_from(COMMANDS), payload=PAYLOADS, aim=st.booleans())
async def test_arbitrary_websocket_payloads(
    hass: HomeAssistant,
    sessions: tuple[MockHAClientWebSocket, MockHAClientWebSocket],
    loaded_entry: MockConfigEntry,
    kind: str,
    payload: dict[str, Any],
    aim: bool,
) -> None:
    admin_ws, user_ws = sessions
    admin, user = caller(admin_ws), caller(user_ws)
    payload = _aim(payload, loaded_entry.entry_id, aim)
    before = await _snapshot(hass, loaded_entry)
    # Someone who is not an admin changes nothing, whatever they send.
    answer = await _answered(user, kind, payload)
    if kind in ("plexgeo/alerts/acknowledge", "plexgeo/trust"):
        assert not answer["success"]
    # An admin's reads change nothing; a refused write changes nothing either.
    answer = await _answered(admin, kind, payload)
    if kind == "plexgeo/subscribe" and answer["success"]:
        assert (await admin_ws.receive_json())["type"] == "event"
        await _answered(admin, "unsubscribe_events", {"subscription": answer["id"]})
    writes = kind in ("plexgeo/alerts/acknowledge", "plexgeo/trust")
    await hass.async_block_till_done()
    if not writes or not answer["success"]:
        assert await _snapshot(hass, loaded_entry) == before


@FUZZ
@given(service=st.sampled_from(SERVICES), payload=PAYLOADS, aim=st.booleans())
async def test_arbitrary_service_data(
    hass: HomeAssistant,
    sessions: tuple[MockHAClientWebSocket, MockHAClientWebSocket],
    loaded_entry: MockConfigEntry,
    service: str,
    payload: dict[str, Any],
    aim: bool,
) -> None:
    payload = _aim(payload, loaded_entry.entry_id, aim)
    payload.pop("entry_id", None)
    before = await _snapshot(hass, loaded_entry)
    try:
        await hass.services.async_call(DOMAIN, service, payload, blocking=True)
    except (ServiceValidationError, vol.Invalid):
        await hass.async_block_till_done()
        assert await _snapshot(hass, loaded_entry) == before


async def test_no_token_or_address_in_logs(
    hass: HomeAssistant,
    caplog: pytest.LogCaptureFixture,
    sessions: tuple[MockHAClientWebSocket, MockHAClientWebSocket],
    plex_sim: PlexSimulator,
    loaded_entry: MockConfigEntry,
) -> None:
    caplog.set_level(logging.DEBUG)
    admin = caller(sessions[0])
    plex_sim.add_session(wan_session("berlin", user_id=5, user_name="erin"))
    await poll(hass, loaded_entry)
    for kind, fields in [
        ("plexgeo/streams", {}),
        ("plexgeo/streams", {"search": "a"}),
        ("plexgeo/users", {}),
        ("plexgeo/user", {"user_id": "1"}),
        ("plexgeo/alerts", {}),
        ("plexgeo/stats", {"since": "2020-01-01T00:00:00Z", "until": "2030-01-01T00:00:00Z"}),
        ("plexgeo/subscribe", {}),
        ("plexgeo/alerts/acknowledge", {"trust": True}),
    ]:
        fields["entry_id"] = loaded_entry.entry_id
        answer = await admin(kind, **fields)
        assert answer["success"]
        if kind == "plexgeo/subscribe":
            assert (await sessions[0].receive_json())["type"] == "event"
            # Later pushes (the acknowledge below updates the count) would come between
            # a command and its result on newer cores: stop them before going on.
            stop = await admin("unsubscribe_events", subscription=answer["id"])
            assert stop["success"]
    plex_sim.clear()
    await poll(hass, loaded_entry)

    addresses = {a for p in PLACES for a in (*p.ipv4, *p.ipv6)}
    seen = [r for r in caplog.records if r.name.startswith(("custom_components", "plexapi"))]
    # HA's websocket connection traces every frame at DEBUG, an admin's answers (which
    # carry addresses) included; that is HA's own opt-in debug trace, not ours.
    others = [
        r for r in caplog.records if not r.name.startswith("homeassistant.components.websocket_api")
    ]
    assert seen, "expected PlexGeo to log something at DEBUG"
    text = "\n".join(r.getMessage() for r in others)
    assert plex_sim.token not in text
    leaked = sorted(a for a in addresses if a in text)
    assert leaked == []
