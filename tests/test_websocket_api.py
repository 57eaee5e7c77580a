"""The panel's websocket API, through HA's websocket with the Plex simulator and fake ip-api."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir
import pytest
from pytest_homeassistant_custom_component.common import CLIENT_ID, MockConfigEntry, MockUser
from pytest_homeassistant_custom_component.typing import (
    MockHAClientWebSocket,
    WebSocketGenerator,
)

from custom_components.plexgeo.const import (
    CONF_PANEL_ADMIN_ONLY,
    CONF_RARE_COUNTRY_MIN_SESSIONS,
    DOMAIN,
)
from custom_components.plexgeo.core import reports
from custom_components.plexgeo.core.errors import StoreUnavailable
from simulator.places import place
from simulator.plex import PlexSimulator
from simulator.scenario import episode_session, lan_session, wan_session

from .common import UNACKED, poll, state, watch

type Call = Callable[..., Awaitable[dict[str, Any]]]
OMIT = object()  # as `entry_id`: send none

START = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
PARIS_IP = place("paris").ipv4[0]
TOKYO_IP = place("tokyo").ipv4[0]


@pytest.fixture
def options(options: dict[str, Any]) -> dict[str, Any]:
    """Alert after two located streams, so a short history raises one."""
    return {**options, CONF_RARE_COUNTRY_MIN_SESSIONS: 2}


async def _token(hass: HomeAssistant, user: MockUser) -> str:
    # Minted when asked: tests move the clock, and an older token would have expired.
    refresh = await hass.auth.async_create_refresh_token(user, CLIENT_ID)
    return hass.auth.async_create_access_token(refresh)


def caller(ws: MockHAClientWebSocket, entry_id: str | None = None) -> Call:
    """Send a command (with `entry_id` unless given) and return HA's whole answer."""

    async def call(kind: str, **fields: Any) -> dict[str, Any]:
        message: dict[str, Any] = {"type": kind, **fields}
        if entry_id is not None and "entry_id" not in fields:
            message["entry_id"] = entry_id
        if message.get("entry_id") is OMIT:
            del message["entry_id"]
        await ws.send_json_auto_id(message)
        return dict(await ws.receive_json())

    return call


async def result(call: Call, kind: str, **fields: Any) -> Any:
    """The result of a command that must succeed."""
    answer = await call(kind, **fields)
    assert answer["success"], answer
    return answer["result"]


async def error(call: Call, kind: str, **fields: Any) -> str:
    """The error code of a command that must fail."""
    answer = await call(kind, **fields)
    assert not answer["success"], answer
    return str(answer["error"]["code"])


async def history(
    hass: HomeAssistant, sim: PlexSimulator, entry: MockConfigEntry, freezer: FrozenDateTimeFactory
) -> None:
    """Alice twice from London and once from Sydney (an alert), Bob from Paris over a
    day, Dave on the LAN, and Carol live from Tokyo now."""
    freezer.move_to(START)
    for _ in range(2):
        await watch(hass, sim, entry, freezer, wan_session("london", user_id=1, user_name="alice"))
        freezer.tick(timedelta(days=1))
    key = sim.add_session(wan_session("sydney", user_id=1, user_name="alice"))
    await poll(hass, entry)
    sim.remove_session(key)
    freezer.tick(timedelta(hours=1))
    key = sim.add_session(
        episode_session(wan_session("paris", user_id=2, user_name="bob", player_title="Bob's iPad"))
    )
    await poll(hass, entry)
    sim.remove_session(key)
    freezer.tick(timedelta(hours=1))
    key = sim.add_session(lan_session(user_id=4, user_name="dave", title="Dune"))
    await poll(hass, entry)
    sim.remove_session(key)
    freezer.tick(timedelta(minutes=30))
    sim.add_session(wan_session("tokyo", user_id=3, user_name="carol", title="Paprika"))
    await poll(hass, entry)
    freezer.tick(timedelta(minutes=10))
    await poll(hass, entry)


@pytest.fixture
async def ws(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    hass_admin_user: MockUser,
    plex_sim: PlexSimulator,
    loaded_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> MockHAClientWebSocket:
    """An admin's websocket, after `history`."""
    await history(hass, plex_sim, loaded_entry, freezer)
    return await hass_ws_client(hass, await _token(hass, hass_admin_user))


@pytest.fixture
def call(ws: MockHAClientWebSocket, loaded_entry: MockConfigEntry) -> Call:
    """Commands onto the loaded entry over the admin's websocket."""
    return caller(ws, loaded_entry.entry_id)


async def assert_no_event(ws: MockHAClientWebSocket, call: Call) -> None:
    """Nothing was pushed: the next message is the answer to a command sent now."""
    answer = await call("plexgeo/alerts", limit=1)
    assert answer["type"] == "result", answer


def _ids(page: dict[str, Any]) -> list[int]:
    return [row["stream_id"] for row in page["streams"]]


# --- entries and the stream log ---------------------------------------------------------


async def test_entries(call: Call, loaded_entry: MockConfigEntry) -> None:
    answer = await result(call, "plexgeo/entries", entry_id=OMIT)
    # The fixture's simulator has no notification socket (404): the panel sees it is down.
    push = answer["entries"][0].pop("push")
    assert push["connected"] is False
    assert {"since", "notifications", "fetches"} <= push.keys()
    assert answer == {
        "entries": [
            {
                "entry_id": loaded_entry.entry_id,
                "title": "Test Plex",
                "server_id": loaded_entry.unique_id,
                "attribution": None,  # ip-api asks for none
            }
        ]
    }


async def test_stream_rows_and_every_filter(call: Call) -> None:
    page = await result(call, "plexgeo/streams")
    rows = page["streams"]
    assert page["next_cursor"] is None
    assert [r["user_name"] for r in rows] == ["carol", "dave", "bob", "alice", "alice", "alice"]
    carol, dave, bob = rows[0], rows[1], rows[2]
    assert carol["live"] is True
    assert carol["ended_at"] is None
    assert carol["ip"] == TOKYO_IP  # admins see addresses, and whose network it is
    assert carol["provider"] == place("tokyo").isp
    assert (carol["country_code"], carol["city"], carol["location_status"]) == (
        "JP",
        "Tokyo",
        "known",
    )
    assert carol["title"] == "Paprika"
    assert dave["local"] is True
    assert dave["location_status"] == "local"
    assert dave["country_code"] is None
    assert bob["media_type"] == "episode"
    assert bob["title"] == "Severance - S02E03 - Who Is Alive?"
    assert bob["player"] == "Bob's iPad"
    assert bob["live"] is False
    assert bob["duration_s"] == 0  # seen by one poll only
    assert carol["duration_s"] == 600  # live, seen by two polls ten minutes apart
    assert rows[-1]["started_at"] == START.isoformat()

    async def users(**filters: Any) -> list[str]:
        found = await result(call, "plexgeo/streams", **filters)
        return [r["user_name"] for r in found["streams"]]

    assert await users(user_id="1") == ["alice"] * 3
    assert await users(country="gb") == ["alice", "alice"]
    assert await users(network="lan") == ["dave"]
    assert await users(network="wan") == ["carol", "bob", "alice", "alice", "alice"]
    assert await users(media_type="episode") == ["bob"]
    assert await users(media_type="track") == []
    day_two = START + timedelta(days=1)
    assert await users(since=day_two.isoformat()) == ["carol", "dave", "bob", "alice", "alice"]
    assert await users(until=(day_two + timedelta(hours=2)).isoformat()) == ["alice", "alice"]
    assert await users(
        country="GB", since=day_two.isoformat(), until=(day_two + timedelta(days=1)).isoformat()
    ) == ["alice"]
    # Free text: media title, show name and player name, any ASCII case.
    assert await users(search="paprika") == ["carol"]
    assert await users(search="SEVERANCE") == ["bob"]
    assert await users(search="ipad") == ["bob"]
    assert await users(search="Dune", network="wan") == []
    assert await users(search="100%") == []  # wildcards are literal
    assert await users(search="Arrival", user_id="1", country="AU") == ["alice"]
    assert await users(user_id=None, search=None, cursor=None) == await users()


async def test_pagination(hass: HomeAssistant, call: Call, loaded_entry: MockConfigEntry) -> None:
    everything = _ids(await result(call, "plexgeo/streams"))
    assert len(everything) == 6

    seen: list[int] = []
    cursor = None
    pages = 0
    while True:
        page = await result(call, "plexgeo/streams", limit=4, cursor=cursor)
        seen += _ids(page)
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert (seen, pages) == (everything, 2)  # the last page is short and says so

    # Exactly one full page: no cursor to an empty page.
    exact = await result(call, "plexgeo/streams", limit=6)
    assert (_ids(exact), exact["next_cursor"]) == (everything, None)
    # An empty log page.
    empty = await result(call, "plexgeo/streams", user_id="nobody")
    assert empty == {"streams": [], "next_cursor": None}

    # A cursor from a stream deleted since goes on from where it was.
    first = await result(call, "plexgeo/streams", limit=2)
    store = loaded_entry.runtime_data.store
    await hass.async_add_executor_job(
        store._writer.execute, "DELETE FROM streams WHERE id = ?", (everything[1],)
    )
    rest = await result(call, "plexgeo/streams", limit=10, cursor=first["next_cursor"])
    assert _ids(rest) == everything[2:]

    for garbage in ("", "!!!", "bm9wZQ==", reports.encode_cursor.__name__, "MTox" * 20, "MToxOjE="):
        assert await error(call, "plexgeo/streams", cursor=garbage) == "invalid_format"


@pytest.mark.parametrize(
    "fields",
    [
        {"limit": 0},
        {"limit": 201},
        {"limit": "5"},
        {"limit": True},
        {"limit": 10**30},
        {"country": "GBR"},
        {"country": "1!"},
        {"network": "cellular"},
        {"media_type": "opera"},
        {"since": "yesterday"},
        {"since": 1_700_000_000},
        {"until": "2026-13-01T00:00:00"},
        {"user_id": ""},
        {"user_id": "x" * 101},
        {"user_id": 7},
        {"search": "s" * 101},
        {"search": ["a"]},
        {"cursor": 5},
        {"surprise": 1},
        {"entry_id": None},
        {"entry_id": "e" * 65},
    ],
)
async def test_stream_log_bad_input(call: Call, fields: dict[str, Any]) -> None:
    assert await error(call, "plexgeo/streams", **fields) == "invalid_format"


@pytest.mark.parametrize(
    ("kind", "fields"),
    [
        ("plexgeo/users", {"extra": True}),
        ("plexgeo/user", {}),
        ("plexgeo/user", {"user_id": "1", "days": 0}),
        ("plexgeo/user", {"user_id": "1", "days": 3651}),
        ("plexgeo/user", {"user_id": "1", "days": 1.5}),
        ("plexgeo/alerts", {"acknowledged": "yes"}),
        ("plexgeo/alerts", {"limit": -1}),
        ("plexgeo/stats", {"since": "2026-03-01T00:00:00Z"}),
        ("plexgeo/stats", {"since": "2026-03-01T00:00:00Z", "until": "soon"}),
        ("plexgeo/alerts/acknowledge", {"alert_id": 0}),
        ("plexgeo/alerts/acknowledge", {"alert_id": "1"}),
        ("plexgeo/alerts/acknowledge", {"trust": "true"}),
        ("plexgeo/trust", {"user_id": "1", "country_code": "AU"}),
        ("plexgeo/trust", {"user_id": "1", "country_code": "AUS", "trusted": True}),
        ("plexgeo/subscribe", {"more": 1}),
    ],
)
async def test_other_commands_bad_input(call: Call, kind: str, fields: dict[str, Any]) -> None:
    assert await error(call, kind, **fields) == "invalid_format"


async def test_unknown_and_unloaded_entries(
    hass: HomeAssistant, call: Call, loaded_entry: MockConfigEntry
) -> None:
    other = MockConfigEntry(domain="sun", title="Sun")
    other.add_to_hass(hass)
    commands: list[tuple[str, dict[str, Any]]] = [
        ("plexgeo/streams", {}),
        ("plexgeo/users", {}),
        ("plexgeo/user", {"user_id": "1"}),
        ("plexgeo/alerts", {}),
        ("plexgeo/stats", {"since": "2026-03-01T00:00:00Z", "until": "2026-03-02T00:00:00Z"}),
        ("plexgeo/alerts/acknowledge", {}),
        ("plexgeo/trust", {"user_id": "1", "country_code": "AU", "trusted": True}),
        ("plexgeo/subscribe", {}),
    ]
    for kind, fields in commands:
        for entry_id in ("nope", other.entry_id):
            assert await error(call, kind, entry_id=entry_id, **fields) == "not_found", kind
    assert await hass.config_entries.async_unload(loaded_entry.entry_id)
    for kind, fields in commands:
        assert await error(call, kind, **fields) == "not_found", kind
    assert await result(call, "plexgeo/entries", entry_id=OMIT) == {"entries": []}


# --- users, stats, alerts -----------------------------------------------------------------


async def test_users_and_user_detail(call: Call) -> None:
    users = (await result(call, "plexgeo/users"))["users"]
    assert [u["user_name"] for u in users] == ["alice", "bob", "carol", "dave"]
    alice, bob, carol, dave = users
    assert alice["stream_count"] == 3
    assert alice["countries"] == ["GB", "AU"]  # most streams first
    assert alice["last_location"]["city"] == "Sydney"
    assert alice["unacknowledged_alerts"] == 1
    assert alice["last_seen"] == (START + timedelta(days=2, hours=2)).isoformat()
    assert bob["countries"] == ["FR"]
    assert carol["last_location"] == {
        "country_code": "JP",
        "country_name": "Japan",
        "city": "Tokyo",
        "latitude": place("tokyo").lat,
        "longitude": place("tokyo").lon,
    }
    assert (dave["countries"], dave["last_location"], dave["stream_count"]) == ([], None, 1)

    detail = await result(call, "plexgeo/user", user_id="1")
    assert detail["user_name"] == "alice"
    assert detail["countries"] == [
        {"country_code": "GB", "country_name": "United Kingdom", "count": 2},
        {"country_code": "AU", "country_name": "Australia", "count": 1},
    ]
    assert detail["timeline"] == [
        {"date": "2026-03-02", "count": 1},
        {"date": "2026-03-03", "count": 1},
        {"date": "2026-03-04", "count": 1},
    ]
    assert [(p["city"], p["count"]) for p in detail["locations"]] == [
        ("London", 2),
        ("Sydney", 1),
    ]
    assert len(detail["recent_streams"]) == 3
    assert detail["recent_streams"][0]["ip"] == place("sydney").ipv4[0]
    assert [a["kind"] for a in detail["alerts"]] == ["rare_country"]
    assert detail["trusted_countries"] == []
    # The window: only today (2026-03-04) and yesterday.
    recent = await result(call, "plexgeo/user", user_id="1", days=2)
    assert [d["date"] for d in recent["timeline"]] == ["2026-03-03", "2026-03-04"]
    assert [(c["country_code"], c["count"]) for c in recent["countries"]] == [("AU", 1), ("GB", 1)]
    assert await error(call, "plexgeo/user", user_id="nobody") == "not_found"


async def test_stats(call: Call) -> None:
    whole = await result(
        call,
        "plexgeo/stats",
        since=START.isoformat(),
        until=(START + timedelta(days=3)).isoformat(),
    )
    assert whole["per_day"] == [
        {"date": "2026-03-02", "country_code": "GB", "count": 1},
        {"date": "2026-03-03", "country_code": "GB", "count": 1},
        {"date": "2026-03-04", "country_code": "AU", "count": 1},
        {"date": "2026-03-04", "country_code": "FR", "count": 1},
        {"date": "2026-03-04", "country_code": "JP", "count": 1},
    ]
    assert whole["top_countries"] == [
        {"country_code": "GB", "country_name": "United Kingdom", "count": 2},
        {"country_code": "AU", "country_name": "Australia", "count": 1},
        {"country_code": "FR", "country_name": "France", "count": 1},
        {"country_code": "JP", "country_name": "Japan", "count": 1},
    ]
    assert whole["top_users"][0] == {"user_id": "1", "user_name": "alice", "count": 3}
    assert {u["user_name"]: u["count"] for u in whole["top_users"]} == {
        "alice": 3,
        "bob": 1,
        "carol": 1,
        "dave": 1,
    }
    assert (whole["lan"], whole["wan"], whole["located"]) == (1, 5, 5)
    # A range that starts after the first stream and ends before the last.
    part = await result(
        call,
        "plexgeo/stats",
        since=(START + timedelta(seconds=1)).isoformat(),
        until=(START + timedelta(days=2, hours=2, seconds=1)).isoformat(),
    )
    assert [(d["date"], d["country_code"]) for d in part["per_day"]] == [
        ("2026-03-03", "GB"),
        ("2026-03-04", "AU"),
    ]
    assert (part["lan"], part["wan"], part["located"]) == (0, 2, 2)
    # The end is exclusive: a stream starting at `until` is not in the range.
    before = await result(
        call,
        "plexgeo/stats",
        since=START.isoformat(),
        until=(START + timedelta(days=2, hours=2)).isoformat(),
    )
    assert [d["country_code"] for d in before["top_countries"]] == ["GB"]
    backwards = await result(
        call, "plexgeo/stats", since=START.isoformat(), until=START.isoformat()
    )
    assert backwards == {
        "per_day": [],
        "top_countries": [],
        "top_users": [],
        "lan": 0,
        "wan": 0,
        "located": 0,
    }


async def test_alerts_acknowledge_and_trust(
    hass: HomeAssistant, call: Call, loaded_entry: MockConfigEntry
) -> None:
    listed = await result(call, "plexgeo/alerts")
    assert listed["unacknowledged"] == 1
    [alert] = listed["alerts"]
    assert (alert["kind"], alert["user_name"], alert["country_code"]) == (
        "rare_country",
        "alice",
        "AU",
    )
    assert alert["acknowledged_at"] is None
    assert (await result(call, "plexgeo/alerts", acknowledged=True))["alerts"] == []
    issue_id = f"alert_{loaded_entry.entry_id}_{alert['alert_id']}"
    assert ir.async_get(hass).async_get_issue(DOMAIN, issue_id) is not None
    assert state(hass, UNACKED) == "1"

    done = await result(call, "plexgeo/alerts/acknowledge", alert_id=alert["alert_id"], trust=True)
    assert done == {"acknowledged": [alert["alert_id"]]}
    await hass.async_block_till_done()
    assert ir.async_get(hass).async_get_issue(DOMAIN, issue_id) is None
    assert state(hass, UNACKED) == "0"
    [after] = (await result(call, "plexgeo/alerts", acknowledged=True, limit=1))["alerts"]
    assert after["acknowledged_at"] is not None
    assert after["acknowledged_by"] is not None
    assert (await result(call, "plexgeo/alerts"))["unacknowledged"] == 0
    assert await result(call, "plexgeo/alerts/acknowledge") == {"acknowledged": []}

    assert await result(call, "plexgeo/trust", user_id="1", country_code="jp", trusted=True) == {
        "trusted_countries": ["AU", "JP"]
    }
    assert await result(call, "plexgeo/trust", user_id="1", country_code="AU", trusted=False) == {
        "trusted_countries": ["JP"]
    }
    assert (await result(call, "plexgeo/user", user_id="1"))["trusted_countries"] == ["JP"]


# --- who may ask ---------------------------------------------------------------------------


READS: list[tuple[str, dict[str, Any]]] = [
    ("plexgeo/streams", {}),
    ("plexgeo/users", {}),
    ("plexgeo/user", {"user_id": "3"}),
    ("plexgeo/alerts", {}),
    ("plexgeo/stats", {"since": "2026-03-01T00:00:00Z", "until": "2026-04-01T00:00:00Z"}),
    ("plexgeo/subscribe", {}),
]
WRITES: list[tuple[str, dict[str, Any]]] = [
    ("plexgeo/alerts/acknowledge", {}),
    ("plexgeo/trust", {"user_id": "1", "country_code": "AU", "trusted": True}),
]


async def test_non_admin_refused_by_default(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    hass_read_only_user: MockUser,
    call: Call,
    loaded_entry: MockConfigEntry,
) -> None:
    ws = await hass_ws_client(hass, await _token(hass, hass_read_only_user))
    user_call = caller(ws, loaded_entry.entry_id)
    assert await error(user_call, "plexgeo/entries", entry_id=OMIT) == "unauthorized"
    for kind, fields in READS + WRITES:
        assert await error(user_call, kind, **fields) == "unauthorized", kind
    assert (await result(call, "plexgeo/alerts"))["unacknowledged"] == 1


async def test_non_admin_reads_without_addresses_when_allowed(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    hass_read_only_user: MockUser,
    call: Call,
    loaded_entry: MockConfigEntry,
) -> None:
    hass.config_entries.async_update_entry(
        loaded_entry, options={**loaded_entry.options, CONF_PANEL_ADMIN_ONLY: False}
    )
    await hass.async_block_till_done()  # the options listener reloads the entry
    ws = await hass_ws_client(hass, await _token(hass, hass_read_only_user))
    user_call = caller(ws, loaded_entry.entry_id)
    entries = await result(user_call, "plexgeo/entries", entry_id=OMIT)
    assert [e["entry_id"] for e in entries["entries"]] == [loaded_entry.entry_id]
    page = await result(user_call, "plexgeo/streams")
    assert len(page["streams"]) == 6
    assert all(row["ip"] is None and row["provider"] is None for row in page["streams"])
    detail = await result(user_call, "plexgeo/user", user_id="3")
    assert [row["ip"] for row in detail["recent_streams"]] == [None]
    await user_call("plexgeo/subscribe")
    event = await ws.receive_json()
    assert [row["ip"] for row in event["event"]["live_streams"]] == [None]
    for kind, fields in WRITES:
        assert await error(user_call, kind, **fields) == "unauthorized", kind
    # The admin still sees addresses.
    admin_page = await result(call, "plexgeo/streams", limit=1)
    assert admin_page["streams"][0]["ip"] == TOKYO_IP
    assert (await result(call, "plexgeo/alerts"))["unacknowledged"] == 1


# --- the store failing ---------------------------------------------------------------------


async def test_store_unavailable_during_reads_and_writes(
    hass: HomeAssistant,
    ws: MockHAClientWebSocket,
    call: Call,
    loaded_entry: MockConfigEntry,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store = loaded_entry.runtime_data.store
    before = replace(await hass.async_add_executor_job(store.stats), file_size_bytes=0)
    [alert] = (await result(call, "plexgeo/alerts"))["alerts"]

    def locked(*args: object, **kwargs: object) -> Any:
        raise StoreUnavailable("database is locked")

    for method in (
        "stream_log",
        "user_summaries",
        "user_activity",
        "alerts",
        "trends",
        "acknowledge_alerts",
        "trust_country",
        "stream_addresses",
    ):
        monkeypatch.setattr(store, method, locked)
    for kind, fields in READS[:-1] + WRITES:
        assert await error(call, kind, **fields) == "store_unavailable", kind

    # A subscription outlives a failing read: the event is skipped, not the subscription.
    answer = await call("plexgeo/subscribe")
    assert answer["success"]
    await hass.async_block_till_done()
    monkeypatch.undo()
    await assert_no_event(ws, call)
    await poll(hass, loaded_entry)
    event = await ws.receive_json()
    assert (event["id"], event["type"]) == (answer["id"], "event")
    await ws.send_json_auto_id({"type": "unsubscribe_events", "subscription": answer["id"]})
    assert (await ws.receive_json())["success"]

    after = await hass.async_add_executor_job(store.stats)
    assert replace(after, file_size_bytes=0) == before
    issue_id = f"alert_{loaded_entry.entry_id}_{alert['alert_id']}"
    assert ir.async_get(hass).async_get_issue(DOMAIN, issue_id) is not None
    assert (await result(call, "plexgeo/alerts"))["unacknowledged"] == 1
    assert (await result(call, "plexgeo/user", user_id="1"))["trusted_countries"] == []
