"""The stream log's search, order and count over HA's websocket (issue 18, items 1, 2, 12)."""

from __future__ import annotations

from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, MockUser
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

from custom_components.plexgeo.const import CONF_PANEL_ADMIN_ONLY, CONF_RARE_COUNTRY_MIN_SESSIONS
from simulator.plex import PlexSimulator

from .test_websocket_api import PARIS_IP, TOKYO_IP, Call, _token, caller, error, history, result


@pytest.fixture
def options(options: dict[str, Any]) -> dict[str, Any]:
    """As test_websocket_api's history expects."""
    return {**options, CONF_RARE_COUNTRY_MIN_SESSIONS: 2}


@pytest.fixture
async def call(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    hass_admin_user: MockUser,
    plex_sim: PlexSimulator,
    loaded_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> Call:
    """An admin's commands after test_websocket_api's history: alice (London twice,
    Sydney), bob (Paris, Bob's iPad), dave (LAN), carol live from Tokyo."""
    await history(hass, plex_sim, loaded_entry, freezer)
    ws = await hass_ws_client(hass, await _token(hass, hass_admin_user))
    return caller(ws, loaded_entry.entry_id)


async def _names(call: Call, **fields: Any) -> list[str]:
    page = await result(call, "plexgeo/streams", **fields)
    return [row["user_name"] for row in page["streams"]]


async def test_search_matches_users_places_and_networks(call: Call) -> None:
    assert await _names(call, search="carol") == ["carol"]
    assert await _names(call, search="BOB") == ["bob"]  # the user, and Bob's iPad
    assert await _names(call, search="sydney") == ["alice"]
    assert await _names(call, search="london") == ["alice", "alice"]
    assert await _names(call, search="japan") == ["carol"]
    assert await _names(call, search="fr") == ["bob"]
    assert await _names(call, search="lan") == ["dave"]
    assert await _names(call, search="wan") == ["carol", "bob", "alice", "alice", "alice"]


async def test_an_admin_searches_by_address_and_range(call: Call) -> None:
    assert await _names(call, search=TOKYO_IP) == ["carol"]
    prefix = PARIS_IP.rsplit(".", 1)[0]
    assert await _names(call, search=f"{prefix}.0/24") == ["bob"]
    count = await result(call, "plexgeo/streams/count", search=f"{prefix}.0/24")
    assert count == {"total": 1, "exact": True}
    answer = await call("plexgeo/streams", search="10.0.0.0/8")
    assert not answer["success"]
    assert answer["error"]["code"] == "invalid_format"
    assert "at most 1024 addresses" in answer["error"]["message"]


async def test_a_non_admin_cannot_search_by_address(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    hass_read_only_user: MockUser,
    call: Call,
    loaded_entry: MockConfigEntry,
) -> None:
    hass.config_entries.async_update_entry(
        loaded_entry, options={**loaded_entry.options, CONF_PANEL_ADMIN_ONLY: False}
    )
    await hass.async_block_till_done()
    ws = await hass_ws_client(hass, await _token(hass, hass_read_only_user))
    user_call = caller(ws, loaded_entry.entry_id)
    assert await _names(user_call, search=TOKYO_IP) == []
    assert await _names(user_call, search="10.0.0.0/8") == []  # text, not a range
    assert await _names(user_call, search="tokyo") == ["carol"]
    count = await result(user_call, "plexgeo/streams/count", search=TOKYO_IP)
    assert count == {"total": 0, "exact": True}


async def test_oldest_first_pages_and_cursors_keep_their_order(call: Call) -> None:
    newest = await result(call, "plexgeo/streams")
    ids = [row["stream_id"] for row in newest["streams"]]
    first = await result(call, "plexgeo/streams", order="oldest", limit=4)
    rest = await result(call, "plexgeo/streams", order="oldest", cursor=first["next_cursor"])
    oldest = [row["stream_id"] for row in first["streams"] + rest["streams"]]
    assert oldest == ids[::-1]
    assert rest["next_cursor"] is None
    assert (
        await error(call, "plexgeo/streams", order="newest", cursor=first["next_cursor"])
        == "invalid_format"
    )
    assert await error(call, "plexgeo/streams", order="title") == "invalid_format"


async def test_counts(call: Call) -> None:
    assert await result(call, "plexgeo/streams/count") == {"total": 6, "exact": True}
    assert await result(call, "plexgeo/streams/count", user_id="1") == {"total": 3, "exact": True}
    assert await result(call, "plexgeo/streams/count", network="wan", country="GB") == {
        "total": 2,
        "exact": True,
    }
    assert await error(call, "plexgeo/streams/count", network="cellular") == "invalid_format"
    assert await error(call, "plexgeo/streams/count", entry_id="nope") == "not_found"
