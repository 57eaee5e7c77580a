"""The Plex simulator, driven over real HTTP on loopback by plexapi and aiohttp."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator
import os
from pathlib import Path
import signal
import subprocess
import sys
from typing import Any
import xml.etree.ElementTree as ET

import aiohttp
from hypothesis import given, settings, strategies as st
from plexapi.exceptions import BadRequest, NotFound, Unauthorized
from plexapi.server import PlexServer
import pytest
import requests  # type: ignore[import-untyped,unused-ignore]

from simulator.demo import demo_scenario
from simulator.places import place, place_for_address
from simulator.plex import FailureMode, PlexSimulator
from simulator.plex_xml import render_session, xml_text
from simulator.scenario import (
    AddressChange,
    Pause,
    Scenario,
    ScheduledSession,
    SimMediaKind,
    SimNetwork,
    SimSession,
    SimState,
    UnknownSessionError,
    episode_session,
    ipv4_mapped_session,
    ipv6_session,
    lan_session,
    live_tv_session,
    music_session,
    preroll_session,
    proxied_session,
    relayed_session,
    wan_session,
)

pytestmark = pytest.mark.usefixtures("socket_enabled")

REPO = Path(__file__).resolve().parents[1]
TOKEN = "test-token-0123456789"
HOSTILE = "<img src=x onerror=alert(1)> \"Amélie\" & 'Léon' — 千と千尋 🎬"


@pytest.fixture
async def sim() -> AsyncGenerator[PlexSimulator]:
    """A running simulator with no sessions."""
    simulator = PlexSimulator(token=TOKEN, friendly_name="Test Plex")
    await simulator.start()
    yield simulator
    await simulator.stop()


async def connect(sim: PlexSimulator, *, seconds: float = 5, token: str = TOKEN) -> Any:
    """plexapi is synchronous: build the server object in a worker thread."""
    return await asyncio.to_thread(PlexServer, sim.url, token, timeout=seconds)


async def raw_sessions(server: Any) -> ET.Element:
    """The raw /status/sessions element, as PlexGeo's parser reads it."""
    element: ET.Element = await asyncio.to_thread(server.query, "/status/sessions")
    return element


async def get(sim: PlexSimulator, path: str, **kwargs: Any) -> tuple[int, str]:
    """GET with aiohttp and the right token unless told otherwise."""
    headers = kwargs.pop("headers", {"X-Plex-Token": TOKEN})
    async with (
        aiohttp.ClientSession() as client,
        client.get(sim.url + path, headers=headers, **kwargs) as response,
    ):
        return response.status, await response.text()


# --- identity and authentication ------------------------------------------------------


async def test_identity_parses_in_plexapi(sim: PlexSimulator) -> None:
    server = await connect(sim)
    assert server.friendlyName == "Test Plex"
    assert server.machineIdentifier == sim.machine_identifier
    assert server.myPlexSubscription is True
    assert server.platform == "Linux"
    assert server.version.count(".") == 3
    identity = await asyncio.to_thread(server.identity)
    assert identity.machineIdentifier == sim.machine_identifier


async def test_no_plex_pass_shows_in_identity() -> None:
    simulator = PlexSimulator(token=TOKEN, plex_pass=False)
    await simulator.start()
    try:
        server = await connect(simulator)
        assert server.myPlexSubscription is False
        assert "session_kick" not in server.ownerFeatures
    finally:
        await simulator.stop()


async def test_wrong_token_is_unauthorized_in_plexapi(sim: PlexSimulator) -> None:
    with pytest.raises(Unauthorized):
        await connect(sim, token="not-the-token")


@pytest.mark.parametrize("path", ["/", "/accounts", "/status/sessions"])
async def test_every_endpoint_needs_the_token(sim: PlexSimulator, path: str) -> None:
    assert (await get(sim, path, headers={}))[0] == 401
    assert (await get(sim, path, headers={"X-Plex-Token": "wrong"}))[0] == 401
    assert (await get(sim, path, headers={}, params={"X-Plex-Token": TOKEN}))[0] == 200
    assert (await get(sim, path))[0] == 200


async def test_identity_answers_without_a_token(sim: PlexSimulator) -> None:
    """Real Plex serves /identity to anyone: discovery reads it before it has a token."""
    status, body = await get(sim, "/identity", headers={})
    assert status == 200
    assert sim.machine_identifier in body


async def test_accounts_list_the_scenario_users(sim: PlexSimulator) -> None:
    sim.add_session(wan_session("paris", user_id=20914732, user_name="bob"))
    server = await connect(sim)
    accounts = await asyncio.to_thread(server.systemAccounts)
    assert [(a.id, a.name) for a in accounts] == [(0, ""), (20914732, "bob")]


async def test_request_count_counts_by_path(sim: PlexSimulator) -> None:
    server = await connect(sim)
    for _ in range(3):
        await asyncio.to_thread(server.sessions)
    await get(sim, "/status/sessions", headers={})
    assert sim.request_count("/status/sessions") == 4
    assert sim.request_count("/") == 1
    assert sim.request_count("/accounts") == 0


# --- sessions ----------------------------------------------------------------------------


async def test_sessions_of_every_kind_parse_in_plexapi(sim: PlexSimulator) -> None:
    keys = {
        "movie": sim.add_session(lan_session()),
        "episode": sim.add_session(wan_session("paris", episode_session(), user_name="bob")),
        "track": sim.add_session(wan_session("tokyo", music_session())),
        "clip": sim.add_session(preroll_session()),
        "live": sim.add_session(relayed_session(live_tv_session())),
    }
    server = await connect(sim)
    sessions = {str(s.sessionKey): s for s in await asyncio.to_thread(server.sessions)}
    assert set(sessions) == set(keys.values())
    movie, episode = sessions[keys["movie"]], sessions[keys["episode"]]
    assert type(movie).__name__ == "MovieSession"
    assert movie.player.address == "192.168.1.20"
    assert movie.session.location == "lan"
    assert episode.usernames == ["bob"]
    assert episode.grandparentTitle == "Severance"
    assert (episode.parentIndex, episode.index) == (2, 3)
    assert episode.player.address == place("paris").ipv4[0]
    track = sessions[keys["track"]]
    assert type(track).__name__ == "TrackSession"
    assert (track.grandparentTitle, track.parentTitle) == ("Radiohead", "OK Computer")
    assert sessions[keys["clip"]].type == "clip"
    live = sessions[keys["live"]]
    assert live.live is True
    assert live.transcodeSession.videoDecision == "copy"


async def test_raw_sessions_carry_the_attributes_the_parser_reads(sim: PlexSimulator) -> None:
    key = sim.add_session(
        wan_session("berlin", episode_session(), state=SimState.PAUSED, view_offset_ms=61_000)
    )
    root = await raw_sessions(await connect(sim))
    assert root.tag == "MediaContainer"
    assert root.get("size") == "1"
    (video,) = root
    assert video.tag == "Video"
    assert video.get("sessionKey") == key
    assert video.get("type") == "episode"
    assert video.get("viewOffset") == "61000"
    player = video.find("Player")
    assert player is not None
    assert player.get("address") == player.get("remotePublicAddress") == "87.123.45.67"
    assert (player.get("local"), player.get("relayed"), player.get("secure")) == ("0", "0", "1")
    assert player.get("state") == "paused"
    session, user = video.find("Session"), video.find("User")
    assert session is not None
    assert user is not None
    assert session.get("location") == "wan"
    assert session.get("id") == sim.sessions[0].session_id
    assert user.get("title") == "alice"


async def test_remote_session_shapes(sim: PlexSimulator) -> None:
    sim.add_session(relayed_session())
    sim.add_session(proxied_session("new_york"))
    sim.add_session(ipv6_session("sydney"))
    sim.add_session(ipv4_mapped_session("london"))
    sim.add_session(wan_session("mumbai"))
    players = [v.find("Player") for v in await raw_sessions(await connect(sim))]
    shapes = [
        (p.get("address"), p.get("remotePublicAddress"), p.get("relayed"))
        for p in players
        if p is not None
    ]
    assert shapes == [
        ("127.0.0.1", None, "1"),
        ("172.17.0.1", "71.190.30.4", "0"),
        ("2001:8003:a0b2:1e00::8", "2001:8003:a0b2:1e00::8", "0"),
        ("::ffff:81.2.69.142", "::ffff:81.2.69.142", "0"),
        ("49.36.12.7", "49.36.12.7", "0"),
    ]
    assert sim.sessions[4].network is SimNetwork.CELLULAR  # Mumbai is a mobile network


async def test_add_update_remove_and_clear(sim: PlexSimulator) -> None:
    first = sim.add_session(lan_session())
    second = sim.add_session(wan_session("madrid"))
    assert first != second
    sim.update_session(first, state=SimState.BUFFERING, title="Changed")
    server = await connect(sim)
    by_key = {str(s.sessionKey): s for s in await asyncio.to_thread(server.sessions)}
    assert by_key[first].title == "Changed"
    assert by_key[first].player.state == "buffering"
    sim.remove_session(second)
    assert [s.session_key for s in sim.sessions] == [first]
    with pytest.raises(UnknownSessionError):
        sim.remove_session(second)
    with pytest.raises(ValueError, match="already playing"):
        sim.add_session(SimSession(session_key=first))
    sim.clear()
    assert await asyncio.to_thread(server.sessions) == []


async def test_live_tv_detail_has_no_viewer(sim: PlexSimulator) -> None:
    sim.add_session(wan_session("toronto", live_tv_session()))
    server = await connect(sim)
    (live,) = await asyncio.to_thread(server.sessions)
    assert live.key.startswith("/livetv/sessions/")
    detail = await asyncio.to_thread(server.query, live.key)
    (video,) = detail
    assert video.get("live") == "1"
    assert [child.tag for child in video] == ["Media"]
    media = video.find("Media")
    assert media is not None
    assert media.get("uuid") == live.key.rsplit("/", 1)[1]
    assert media.find("TranscodeSession") is not None
    with pytest.raises(NotFound):
        await asyncio.to_thread(server.query, "/livetv/sessions/no-such-uuid")


# --- escaping ------------------------------------------------------------------------------


async def test_hostile_titles_arrive_intact_and_escaped(sim: PlexSimulator) -> None:
    sim.add_session(
        episode_session(
            title=HOSTILE + "\x00\x07\x1b\ufffe",
            grandparent_title='Show "quoted" & <b>bold</b>',
            user_name="<script>x</script>",
        )
    )
    status, body = await get(sim, "/status/sessions")
    assert status == 200
    assert "<img" not in body
    assert "<script>" not in body
    (video,) = ET.fromstring(body.encode())
    assert video.get("title") == HOSTILE  # control characters dropped, the rest kept
    assert video.get("grandparentTitle") == 'Show "quoted" & <b>bold</b>'
    user = video.find("User")
    assert user is not None
    assert user.get("title") == "<script>x</script>"
    server = await connect(sim)
    (session,) = await asyncio.to_thread(server.sessions)
    assert session.title == HOSTILE


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_any_title_renders_as_valid_xml(title: str) -> None:
    element = render_session(SimSession(title=title, session_key="1", session_id="x"))
    parsed = ET.fromstring(ET.tostring(element, encoding="unicode"))
    assert parsed.get("title") == xml_text(title)


# --- terminate -----------------------------------------------------------------------------


async def test_terminate_stops_the_session_and_records_the_reason(sim: PlexSimulator) -> None:
    keep = sim.add_session(lan_session())
    sim.add_session(wan_session("sydney"))
    server = await connect(sim)
    target = next(s for s in await asyncio.to_thread(server.sessions) if str(s.sessionKey) != keep)
    await asyncio.to_thread(target.stop, "Unusual location: Sydney")
    assert sim.terminated == [(target.session.id, "Unusual location: Sydney")]
    assert [s.session_key for s in sim.sessions] == [keep]
    assert (await get(sim, f"/status/sessions/terminate?sessionId={target.session.id}"))[0] == 404
    assert (await get(sim, "/status/sessions/terminate"))[0] == 400


async def test_terminate_without_plex_pass_is_unauthorized() -> None:
    simulator = PlexSimulator(token=TOKEN, plex_pass=False)
    simulator.add_session(wan_session("paris"))
    await simulator.start()
    try:
        server = await connect(simulator)
        (session,) = await asyncio.to_thread(server.sessions)
        with pytest.raises(Unauthorized):
            await asyncio.to_thread(session.stop, "no")
        assert simulator.terminated == []
        assert len(simulator.sessions) == 1
    finally:
        await simulator.stop()


# --- failure modes ---------------------------------------------------------------------------


async def test_refused_then_recovered_on_the_same_port(sim: PlexSimulator) -> None:
    server = await connect(sim)
    url = sim.url
    await sim.fail(FailureMode.REFUSE)
    with pytest.raises(requests.exceptions.ConnectionError):
        await asyncio.to_thread(server.sessions)
    with pytest.raises(aiohttp.ClientConnectorError):
        await get(sim, "/")
    await sim.recover()
    assert sim.url == url
    assert await asyncio.to_thread(server.sessions) == []


async def test_slow_answers_time_out_the_client(sim: PlexSimulator) -> None:
    server = await connect(sim, seconds=0.3)
    await sim.fail(FailureMode.SLOW, delay=5)
    with pytest.raises(requests.exceptions.Timeout):
        await asyncio.to_thread(server.sessions)
    with pytest.raises(TimeoutError):
        await get(sim, "/status/sessions", timeout=aiohttp.ClientTimeout(total=0.3))
    assert (await get(sim, "/identity"))[0] == 200  # other endpoints answer at once


async def test_slow_answers_arrive_after_the_delay(sim: PlexSimulator) -> None:
    await sim.fail(FailureMode.SLOW, delay=0.3)
    loop = asyncio.get_running_loop()
    started = loop.time()
    assert (await get(sim, "/status/sessions"))[0] == 200
    assert loop.time() - started >= 0.3


@pytest.mark.parametrize(
    ("mode", "status"), [(FailureMode.HTTP_500, "(500)"), (FailureMode.HTTP_503, "(503)")]
)
async def test_server_errors_reach_plexapi(
    sim: PlexSimulator, mode: FailureMode, status: str
) -> None:
    server = await connect(sim)
    await sim.fail(mode)
    with pytest.raises(BadRequest, match=status.replace("(", r"\(").replace(")", r"\)")):
        await asyncio.to_thread(server.sessions)
    await sim.recover()
    assert await asyncio.to_thread(server.sessions) == []


async def test_unauthorized_even_with_the_right_token(sim: PlexSimulator) -> None:
    server = await connect(sim)
    await sim.fail(FailureMode.UNAUTHORIZED)
    with pytest.raises(Unauthorized):
        await asyncio.to_thread(server.sessions)


@pytest.mark.parametrize("mode", [FailureMode.TRUNCATED, FailureMode.MALFORMED])
async def test_broken_xml_is_a_parse_error_in_plexapi(
    sim: PlexSimulator, mode: FailureMode
) -> None:
    sim.add_session(wan_session("paris"))
    server = await connect(sim)
    await sim.fail(mode)
    with pytest.raises(ET.ParseError):
        await asyncio.to_thread(server.sessions)


async def test_truncated_xml_is_cut_inside_an_element(sim: PlexSimulator) -> None:
    sim.add_session(wan_session("paris"))
    _, whole = await get(sim, "/status/sessions")
    await sim.fail(FailureMode.TRUNCATED)
    status, cut = await get(sim, "/status/sessions")
    assert status == 200
    assert whole.startswith(cut)
    assert len(cut) < len(whole)
    assert cut.rsplit("<", 1)[1].count(">") == 0  # ends inside a tag


async def test_failures_hit_only_sessions_unless_all_endpoints(sim: PlexSimulator) -> None:
    await sim.fail(FailureMode.HTTP_500)
    assert (await get(sim, "/"))[0] == 200
    assert (await get(sim, "/status/sessions"))[0] == 500
    await sim.fail(FailureMode.HTTP_500, all_endpoints=True)
    assert (await get(sim, "/"))[0] == 500
    assert (await get(sim, "/identity"))[0] == 500
    with pytest.raises(BadRequest):
        await connect(sim)


async def test_garbage_attributes_are_valid_xml_with_holes(sim: PlexSimulator) -> None:
    sim.add_session(wan_session("paris"))
    server = await connect(sim)
    await sim.fail(FailureMode.GARBAGE_ATTRIBUTES)
    root = await raw_sessions(server)
    items = list(root)
    assert len(items) == 5
    assert items[0].find("User") is not None  # the real session is still there
    assert any(item.find("User") is None for item in items)
    assert any(item.find("Player") is None for item in items)
    assert any(item.get("type") == "hologram" for item in items)
    addresses = {p.get("address") for p in root.iter("Player")}
    bandwidths = {s.get("bandwidth") for s in root.iter("Session")}
    assert "" in addresses
    assert "lots" in bandwidths


# --- the scenario clock ----------------------------------------------------------------------


def test_scheduled_sessions_start_pause_move_and_stop() -> None:
    moved_to = place("paris").ipv6[0]
    scenario = Scenario(
        [
            ScheduledSession(
                wan_session("paris", view_offset_ms=1_000),
                start=10,
                end=100,
                pauses=(Pause(at=20, duration=10),),
                address_change=AddressChange(
                    at=50, address=moved_to, remote_public_address=moved_to
                ),
            )
        ]
    )
    assert not scenario.sessions
    scenario.advance(9.9)
    assert not scenario.sessions
    scenario.advance(0.1)
    (session,) = scenario.sessions
    assert (session.state, session.view_offset_ms) == (SimState.PLAYING, 1_000)
    scenario.advance(25)  # 25 s in: paused since 20 s
    (session,) = scenario.sessions
    assert (session.state, session.view_offset_ms) == (SimState.PAUSED, 21_000)
    scenario.advance(30)  # 55 s in: 45 s played, moved at 50 s
    (session,) = scenario.sessions
    assert (session.state, session.view_offset_ms) == (SimState.PLAYING, 46_000)
    assert session.address == moved_to
    key = session.session_key
    scenario.advance(34.9)
    assert [s.session_key for s in scenario.sessions] == [key]
    scenario.advance(0.1)
    assert not scenario.sessions


def test_looping_schedule_gives_new_keys_and_terminate_lasts_one_loop() -> None:
    scenario = Scenario([ScheduledSession(lan_session(), start=0, end=50)], period=60)
    (first,) = scenario.sessions
    assert scenario.terminate(first.session_id, "bye") == first
    scenario.advance(10)
    assert not scenario.sessions  # terminated sessions do not come back this loop
    scenario.advance(50)
    (second,) = scenario.sessions
    assert second.session_key != first.session_key
    assert second.session_id != first.session_id
    assert scenario.terminated == [(first.session_id, "bye")]


def test_a_session_shorter_than_a_step_never_shows() -> None:
    scenario = Scenario([ScheduledSession(preroll_session(), start=5, end=11)])
    scenario.advance(20)
    assert not scenario.sessions


def test_schedule_validation() -> None:
    with pytest.raises(ValueError, match="start < end"):
        ScheduledSession(lan_session(), start=10, end=10)
    with pytest.raises(ValueError, match="after the period"):
        Scenario([ScheduledSession(lan_session(), start=0, end=61)], period=60)
    with pytest.raises(ValueError, match="forward"):
        Scenario().advance(-1)


def test_same_calls_give_the_same_sessions() -> None:
    def run() -> list[tuple[SimSession, ...]]:
        scenario = demo_scenario()
        seen = []
        for _ in range(130):
            scenario.advance(7)
            seen.append(scenario.sessions)
        return seen

    assert run() == run()


async def test_scenario_clock_drives_the_server(sim: PlexSimulator) -> None:
    sim.scenario = Scenario([ScheduledSession(wan_session("auckland"), start=30, end=90)])
    server = await connect(sim)
    assert await asyncio.to_thread(server.sessions) == []
    sim.scenario.advance(31)
    (session,) = await asyncio.to_thread(server.sessions)
    assert session.player.address == "122.56.7.44"
    assert session.viewOffset == 1000
    sim.scenario.advance(60)
    assert await asyncio.to_thread(server.sessions) == []


def test_demo_scenario_shape() -> None:
    scenario = demo_scenario()
    assert scenario.period is not None
    assert 300 <= scenario.period <= 900
    users = {item.session.user_name for item in scenario.schedule}
    assert len(users) >= 5
    kinds = {item.session.media_kind for item in scenario.schedule}
    assert kinds == set(SimMediaKind)
    countries = {
        found.country_code
        for item in scenario.schedule
        for address in (item.session.remote_public_address or "",)
        if (found := place_for_address(address.removeprefix("::ffff:"))) is not None
        and not item.session.local
    }
    assert len(countries) >= 5
    assert any(item.session.relayed for item in scenario.schedule)
    assert any(item.session.local for item in scenario.schedule)
    assert any(item.pauses for item in scenario.schedule)
    assert any(item.address_change for item in scenario.schedule)


def test_demo_has_account_sharing_and_impossible_travel() -> None:
    scenario = demo_scenario()
    carol_places: set[str] = set()
    alice_places: list[str] = []
    while scenario.elapsed < scenario.period:  # type: ignore[operator]
        for s in scenario.sessions:
            found = place_for_address(s.address)
            if s.user_name == "carol" and found:
                carol_now = {
                    p.key
                    for x in scenario.sessions
                    if x.user_name == "carol" and (p := place_for_address(x.address))
                }
                carol_places |= carol_now if len(carol_now) > 1 else set()
            if s.user_name == "alice" and found and found.key not in alice_places:
                alice_places.append(found.key)
        scenario.advance(10)
    assert carol_places == {"new_york", "tokyo"}
    assert alice_places == ["london", "sydney"]


# --- python -m simulator ----------------------------------------------------------------------


async def test_command_line_serves_the_demo_and_stops_on_sigterm() -> None:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "simulator", "--plex-port", "0", "--ipapi-port", "0",
        "--token", TOKEN, "--speed", "50",
        cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        printed: dict[str, str] = {}
        while len(printed) < 3:
            line = (await asyncio.wait_for(proc.stdout.readline(), 20)).decode()
            assert line, f"the simulator exited early, code {await proc.wait()}"
            name, _, value = line.partition(":")
            printed[name] = value
        assert printed["Token"].strip() == TOKEN
        plex_url, ipapi_url = printed["Plex"].strip(), printed["ip-api"].strip()
        assert plex_url.startswith("http://127.0.0.1:")
        assert ipapi_url.startswith("http://127.0.0.1:")
        server = await asyncio.to_thread(PlexServer, plex_url, TOKEN, timeout=5)
        assert len(await asyncio.to_thread(server.sessions)) >= 2
    finally:
        proc.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(proc.communicate(), 20)
    assert proc.returncode == 0, stderr.decode()
