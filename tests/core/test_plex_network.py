"""What crosses the network to Plex: redirects, size caps, deadlines and TLS, over real sockets."""

from __future__ import annotations

import asyncio
from pathlib import Path
import time
import tracemalloc

import aiohttp
import pytest

from custom_components.plexgeo.core.errors import (
    PlexRedirectError,
    PlexResponseError,
    PlexSSLError,
    PlexUnreachable,
)
from custom_components.plexgeo.core.http import redirect_error
from custom_components.plexgeo.core.plex import MAX_ANSWER_BYTES, PlexClient, fetch_identity
from simulator.hostile import HUGE_BYTES, CaptureServer, DripServer
from simulator.plex import FailureMode, PlexSimulator
from simulator.scenario import wan_session
from simulator.tls import self_signed

MiB = 2**20


def client_for(sim: PlexSimulator, **kwargs: float) -> PlexClient:
    return PlexClient(sim.url, sim.token, **kwargs)  # type: ignore[arg-type]


# --- redirects ----------------------------------------------------------------------------


@pytest.mark.parametrize("all_endpoints", [True, False], ids=["connect", "poll"])
async def test_redirect_to_another_host_is_not_followed(
    plex_sim: PlexSimulator, capture: CaptureServer, all_endpoints: bool
) -> None:
    """A 302 elsewhere is an error naming the target; the token never reaches it."""
    plex_sim.redirect_location = f"{capture.url}/status/sessions?from=plex"
    client = client_for(plex_sim)
    if not all_endpoints:
        await asyncio.to_thread(client.connect)
    await plex_sim.fail(FailureMode.REDIRECT, all_endpoints=all_endpoints)

    with pytest.raises(PlexRedirectError) as caught:
        await asyncio.to_thread(client.fetch_sessions)
    await asyncio.to_thread(client.close)

    assert capture.requests == []
    assert caught.value.location == plex_sim.redirect_location
    assert caught.value.origin == capture.url
    assert capture.url in str(caught.value)


@pytest.mark.parametrize(
    ("location", "origin"),
    [
        ("https://plex.example.net:32400/identity", "https://plex.example.net:32400"),
        ("http://[2001:db8::1]:32400/", "http://[2001:db8::1]:32400"),
        ("http://user:pw@evil.example/", "http://evil.example"),
        ("![x](http://attacker/p.png)", "another address"),
        ("http://evil.example/<img src=x>", "http://evil.example"),
        ("javascript:alert(1)", "another address"),
        ("http://a b\u202e\n.example/", "http://ab.example"),
        (None, "another address"),
    ],
)
def test_redirect_error_shows_only_a_clean_origin(location: str | None, origin: str) -> None:
    """The form shows scheme://host:port or nothing; the message stays printable and short."""
    err = redirect_error(location)
    assert err.origin == origin
    assert err.location.isprintable()
    long = redirect_error("http://x.example/" + "a" * 5000)
    assert len(long.location) <= 201


# --- size caps --------------------------------------------------------------------------------


@pytest.mark.parametrize("declare_length", [False, True], ids=["chunked", "content-length"])
async def test_huge_sessions_answer_is_refused_early(
    plex_sim: PlexSimulator, declare_length: bool
) -> None:
    """A 200 MB /status/sessions is refused after the cap, with memory bounded by the cap."""
    client = client_for(plex_sim)
    await asyncio.to_thread(client.connect)
    plex_sim.streamed.declare_length = declare_length
    await plex_sim.fail(FailureMode.HUGE)

    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(PlexResponseError, match="larger than 32 MiB; refused"):
            await asyncio.to_thread(client.fetch_sessions)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    elapsed = time.perf_counter() - started
    await asyncio.sleep(0.1)  # let the simulator notice the hang-up
    await asyncio.to_thread(client.close)

    assert plex_sim.streamed.size == HUGE_BYTES
    assert not plex_sim.streamed.finished
    assert plex_sim.streamed.bytes_sent < HUGE_BYTES // 3
    assert peak < MAX_ANSWER_BYTES + 16 * MiB  # the cap and change, never the answer
    if declare_length:  # refused on the header, before reading the body
        assert peak < 4 * MiB
    assert elapsed < 30


async def test_huge_identity_is_refused(plex_sim: PlexSimulator, socket_enabled: None) -> None:
    """Discovery reads at most 64 KiB from /identity, on the event loop."""
    await plex_sim.fail(FailureMode.HUGE, all_endpoints=True)
    async with aiohttp.ClientSession() as session:
        with pytest.raises(PlexResponseError, match="larger than 64 KiB"):
            await fetch_identity(session, plex_sim.url)
    await asyncio.sleep(0.1)
    assert plex_sim.streamed.bytes_sent < 32 * MiB


async def test_identity_redirect_is_not_followed(
    plex_sim: PlexSimulator, capture: CaptureServer
) -> None:
    """Discovery does not follow a redirect either."""
    plex_sim.redirect_location = capture.url + "/identity"
    await plex_sim.fail(FailureMode.REDIRECT, all_endpoints=True)
    async with aiohttp.ClientSession() as session:
        with pytest.raises(PlexRedirectError):
            await fetch_identity(session, plex_sim.url)
    assert capture.requests == []


# --- deadlines --------------------------------------------------------------------------------


async def test_dripping_sessions_answer_misses_the_deadline(plex_sim: PlexSimulator) -> None:
    """One byte every 0.2 s never trips a 2 s read timeout; the 1 s deadline ends the call."""
    plex_sim.add_session(wan_session("paris"))
    client = client_for(plex_sim, timeout=2, deadline=1.0)
    await asyncio.to_thread(client.connect)
    await plex_sim.fail(FailureMode.DRIP, delay=0.2)  # about 2 KB: 400 s at that pace

    started = time.perf_counter()
    with pytest.raises(PlexUnreachable, match=r"did not arrive within 1 s"):
        await asyncio.to_thread(client.fetch_sessions)
    elapsed = time.perf_counter() - started
    await asyncio.to_thread(client.close)

    assert 0.9 < elapsed < 3


async def test_dripping_headers_miss_the_deadline(socket_enabled: None) -> None:
    """A server trickling even its status line is cut off at the deadline."""
    server = DripServer(b"<MediaContainer/>", seconds=0.2)
    url = await server.start()
    client = PlexClient(url, "token", timeout=2, deadline=1.0)
    started = time.perf_counter()
    try:
        with pytest.raises(PlexUnreachable):
            await asyncio.to_thread(client.connect)
    finally:
        await server.stop()
    assert time.perf_counter() - started < 3


async def test_dripping_identity_misses_the_deadline(socket_enabled: None) -> None:
    """Discovery's /identity read has one deadline for the whole exchange."""
    server = DripServer(b'<MediaContainer machineIdentifier="x"/>', seconds=0.2)
    url = await server.start()
    started = time.perf_counter()
    try:
        async with aiohttp.ClientSession() as session:
            with pytest.raises(PlexUnreachable):
                await fetch_identity(session, url, request_timeout=1.0)
    finally:
        await server.stop()
    assert time.perf_counter() - started < 3


async def test_a_fast_server_is_unaffected_by_the_deadline(plex_sim: PlexSimulator) -> None:
    """Calls well within the deadline work, and the timer does not outlive them."""
    plex_sim.add_session(wan_session("paris"))
    client = client_for(plex_sim, deadline=0.5)
    await asyncio.to_thread(client.connect)
    for _ in range(3):
        assert len(await asyncio.to_thread(client.fetch_sessions)) == 1
    await asyncio.sleep(0.6)  # a timer left running would now cut a kept-alive socket
    assert len(await asyncio.to_thread(client.fetch_sessions)) == 1
    await asyncio.to_thread(client.close)


# --- TLS --------------------------------------------------------------------------------------


@pytest.fixture
def trusted_by_environment(
    tmp_path: Path, tls_sim: PlexSimulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    """REQUESTS_CA_BUNDLE and CURL_CA_BUNDLE name a bundle holding the simulator's certificate."""
    bundle = tmp_path / "plexgeo-sim.crt"
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(bundle))
    monkeypatch.setenv("CURL_CA_BUNDLE", str(bundle))


@pytest.fixture
def other_bundle_in_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The variables name a bundle that does not hold the simulator's certificate."""
    other = self_signed(tmp_path, name="someone-else")
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(other.cert_file))
    monkeypatch.setenv("CURL_CA_BUNDLE", str(other.cert_file))


@pytest.mark.usefixtures("other_bundle_in_environment")
async def test_verify_off_works_whatever_the_environment(tls_sim: PlexSimulator) -> None:
    """ "Verify SSL: off" reaches a self-signed server even with the CA variables set."""
    client = PlexClient(tls_sim.url, tls_sim.token, verify_ssl=False)
    info = await asyncio.to_thread(client.connect)
    assert info.machine_identifier == tls_sim.machine_identifier
    assert await asyncio.to_thread(client.fetch_sessions) == []
    await asyncio.to_thread(client.close)


@pytest.mark.usefixtures("trusted_by_environment", "refused_handshakes")
async def test_verify_on_ignores_a_bundle_from_the_environment(tls_sim: PlexSimulator) -> None:
    """ "Verify SSL: on" checks against certifi's CA bundle, not one the environment names."""
    client = PlexClient(tls_sim.url, tls_sim.token, verify_ssl=True)
    with pytest.raises(PlexSSLError):
        await asyncio.to_thread(client.connect)
    assert tls_sim.request_count("/") == 0
