"""Plex notification frames, the fetch rule and the socket client, without Home Assistant."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator
from datetime import UTC, datetime, timedelta
import json
from pathlib import Path
import ssl
from typing import Any

import aiohttp
from aiohttp import web
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
import pytest

from custom_components.plexgeo.core import plex_push
from custom_components.plexgeo.core.notifications import (
    MAX_ASKED,
    MAX_WAIT_SECONDS,
    QUIET_SECONDS,
    FetchDelay,
    FetchRule,
    GarbledNotification,
    NotifiedState,
    PlayNotification,
    live_keys,
    parse_frame,
)
from custom_components.plexgeo.core.plex_push import (
    NotificationSocket,
    describe_error,
    websocket_url,
)

pytestmark = pytest.mark.usefixtures("socket_enabled")

TOKEN = "secret-token-42"
# A frame as a real server sends it (shape from captured Plex traffic in public tools).
REAL_PLAYING = {
    "NotificationContainer": {
        "type": "playing",
        "size": 1,
        "PlaySessionStateNotification": [
            {
                "sessionKey": "84",
                "clientIdentifier": "7b4c9e2a1f3d5068-com-plexapp-android",
                "guid": "",
                "ratingKey": "1337",
                "url": "",
                "key": "/library/metadata/1337",
                "viewOffset": 1000,
                "playQueueItemID": 22631,
                "transcodeSession": "4avh8p7h64n4e9a16xsqvr9e",
                "state": "paused",
            }
        ],
    }
}
PLAYING = NotifiedState.PLAYING
STOPPED = NotifiedState.STOPPED


def note(session_key: str, rating_key: str | None = "1", state: NotifiedState = PLAYING) -> Any:
    return PlayNotification(session_key, rating_key, state)


def test_parse_a_real_frame() -> None:
    assert parse_frame(json.dumps(REAL_PLAYING)) == [
        PlayNotification("84", "1337", NotifiedState.PAUSED)
    ]


def test_other_notification_types_are_not_play_states() -> None:
    for kind, body in (
        ("timeline", "TimelineEntry"),
        ("activity", "ActivityNotification"),
        ("transcodeSession.update", "TranscodeSession"),
    ):
        frame = {"NotificationContainer": {"type": kind, "size": 1, body: [{"x": 1}]}}
        assert parse_frame(json.dumps(frame)) == []


def test_odd_entries_are_skipped_and_the_rest_kept() -> None:
    entries = [
        {
            "sessionKey": 12,
            "key": "/library/metadata/99",
            "state": "playing",
        },  # numbers, no ratingKey
        {"sessionKey": "", "state": "playing"},
        {"sessionKey": True, "state": "playing"},
        {"sessionKey": "7", "state": "rewinding"},
        {"sessionKey": "8\x00", "state": "playing"},
        {"sessionKey": "9", "ratingKey": ["x"], "state": "stopped"},
        "not an entry",
    ]
    frame = {"NotificationContainer": {"type": "playing", "PlaySessionStateNotification": entries}}
    assert parse_frame(json.dumps(frame).encode()) == [
        PlayNotification("12", "99", PLAYING),
        PlayNotification("9", None, STOPPED),
    ]


@pytest.mark.parametrize(
    "frame",
    [
        "",
        "nope",
        "[]",
        "{}",
        '{"NotificationContainer": []}',
        '{"NotificationContainer": {"size": 1}}',
        '{"NotificationContainer": {"type": "playing", "PlaySessionStateNotification": {}}}',
        "[" * 100_000,
    ],
)
def test_garbled_frames(frame: str) -> None:
    with pytest.raises(GarbledNotification):
        parse_frame(frame)


def test_live_keys_from_stream_keys() -> None:
    assert live_keys(["1/abc/1201", "1/abc/1202", "2/def/7", "odd"]) == {
        "1": {"1201", "1202"},
        "2": {"7"},
        "odd": {""},
    }


def test_fetch_rule() -> None:
    rule = FetchRule()
    live = {"1": {"100"}}
    assert not rule.wants_fetch([note("1", "100"), note("1", None)], live)  # progress
    assert rule.wants_fetch([note("1", "101")], live)  # autoplay: a new item
    assert rule.wants_fetch([note("2")], live)  # a new session
    assert not rule.wants_fetch([note("2"), note("2")], live)  # asked already
    assert rule.wants_fetch([note("1", state=STOPPED)], live)  # a known stream stopped
    assert not rule.wants_fetch([note("3", state=STOPPED)], live)  # never seen: nothing to do
    assert rule.wants_fetch([note("2", state=STOPPED)], live)  # asked about, now stopped
    assert rule.wants_fetch([note("2")], live)  # the key is free again


def test_fetch_rule_memory_is_bounded() -> None:
    rule = FetchRule()
    for number in range(MAX_ASKED * 3):
        assert rule.wants_fetch([note(str(number))], {})
    assert len(rule._asked) <= MAX_ASKED


def test_fetch_delay_waits_for_quiet_but_not_forever() -> None:
    delay = FetchDelay()
    assert not delay.pending
    delay.request(10.0)
    assert delay.pending
    assert delay.due() == 10.0 + QUIET_SECONDS
    delay.request(10.3)  # more notifications: wait for the quiet after them
    assert delay.due() == 10.3 + QUIET_SECONDS
    for step in range(1, 30):  # a flood: due no later than MAX_WAIT after the first
        delay.request(10.3 + step * 0.1)
    assert delay.due() == 10.0 + MAX_WAIT_SECONDS
    delay.start()
    assert not delay.pending
    delay.request(20.0)  # the next fetch counts from its own first request
    assert delay.due() == 20.0 + QUIET_SECONDS


def test_websocket_url() -> None:
    assert str(websocket_url("https://plex.example:32400/", TOKEN)) == (
        f"wss://plex.example:32400/:/websockets/notifications?X-Plex-Token={TOKEN}"
    )
    assert str(websocket_url("http://[::1]:81/plex", "a b&c")) == (
        "ws://[::1]:81/plex/:/websockets/notifications?X-Plex-Token=a+b%26c"
    )


# --- the client against real sockets ---------------------------------------------------


class Recorder:
    """What a NotificationSocket reports."""

    def __init__(self) -> None:
        self.notes: list[PlayNotification] = []
        self.states: list[tuple[bool, str | None]] = []
        self.changed = asyncio.Event()

    def on_notes(self, notes: list[PlayNotification]) -> None:
        self.notes.extend(notes)
        self.changed.set()

    def on_state(self, connected: bool, error: str | None) -> None:
        self.states.append((connected, error))
        self.changed.set()

    async def wait(self, count: int) -> None:
        async with asyncio.timeout(5):
            while len(self.states) < count:
                self.changed.clear()
                await self.changed.wait()


def _socket(
    session: aiohttp.ClientSession, url: str, rec: Recorder, **kw: Any
) -> NotificationSocket:
    return NotificationSocket(
        session,
        url,
        TOKEN,
        verify_ssl=kw.get("verify_ssl", True),
        on_notes=rec.on_notes,
        on_state=rec.on_state,
        now=lambda: datetime(2026, 1, 1, tzinfo=UTC),
    )


@pytest.fixture
async def session() -> AsyncGenerator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as client:
        yield client


async def test_handshake_error_text_holds_the_token_but_its_description_does_not(
    session: aiohttp.ClientSession,
) -> None:
    app = web.Application()
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        with pytest.raises(aiohttp.WSServerHandshakeError) as caught:
            await session.ws_connect(websocket_url(f"http://127.0.0.1:{port}", TOKEN))
        assert TOKEN in str(caught.value)  # why errors are never logged as text
        assert describe_error(caught.value) == "HTTP 404"
    finally:
        await runner.cleanup()


async def test_backoff_doubles_up_to_five_minutes_and_404_waits_longest(
    session: aiohttp.ClientSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    delays: list[float] = []

    async def fake_sleep(delay: float) -> None:
        delays.append(delay)
        if len(delays) >= 12:
            raise asyncio.CancelledError

    monkeypatch.setattr(plex_push, "_sleep", fake_sleep)
    rec = Recorder()
    client = _socket(session, "http://127.0.0.1:9", rec)  # nothing listens on port 9
    with pytest.raises(asyncio.CancelledError):
        await client.run()
    assert delays == [1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300]
    assert all(state == (False, "ClientConnectorError") for state in rec.states)
    assert client.health.last_error == "ClientConnectorError"
    assert TOKEN not in repr(client)


def _self_signed(tmp: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = tmp / "cert.pem", tmp / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


@pytest.mark.parametrize("verify_ssl", [True, False])
async def test_tls_verification_follows_the_entry(
    session: aiohttp.ClientSession, tmp_path: Path, verify_ssl: bool
) -> None:
    """A self-signed server: refused when checking certificates, used when told not to."""
    tokens: list[str | None] = []

    async def handler(request: web.Request) -> web.WebSocketResponse:
        tokens.append(request.query.get("X-Plex-Token"))
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.send_str(json.dumps(REAL_PLAYING))
        await ws.close()
        return ws

    app = web.Application()
    app.router.add_get("/:/websockets/notifications", handler)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*_self_signed(tmp_path))
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "localhost", 0, ssl_context=context)
    await site.start()
    port = runner.addresses[0][1]
    rec = Recorder()
    client = _socket(session, f"https://localhost:{port}", rec, verify_ssl=verify_ssl)
    loop = asyncio.get_running_loop()
    handler_before = loop.get_exception_handler()

    def ignore_refused_handshake(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        # The test server's side of the handshake the client refused: expected here.
        if str(context.get("message", "")).startswith("Error on transport creation"):
            return
        if handler_before is None:
            loop.default_exception_handler(context)
        else:
            handler_before(loop, context)

    loop.set_exception_handler(ignore_refused_handshake)
    task = asyncio.create_task(client.run())
    try:
        if verify_ssl:
            await rec.wait(1)
            assert rec.states[0] == (False, "ClientConnectorCertificateError")
            assert tokens == []  # nothing reached the server, the token least of all
        else:
            await rec.wait(2)
            assert rec.states[:2] == [(True, None), (False, "closed by the server")]
            assert rec.notes == [PlayNotification("84", "1337", NotifiedState.PAUSED)]
            assert tokens == [TOKEN]
    finally:
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        await runner.cleanup()
        loop.set_exception_handler(handler_before)


async def test_binary_and_oversized_frames(session: aiohttp.ClientSession) -> None:
    """A binary frame is skipped; a frame over 1 MiB ends the connection, described safely."""

    async def handler(request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.send_bytes(b"\x00\x01")
        await ws.send_str(json.dumps(REAL_PLAYING))
        await ws.send_str("x" * (plex_push.MAX_FRAME_BYTES + 1))
        await ws.receive()
        return ws

    app = web.Application()
    app.router.add_get("/:/websockets/notifications", handler)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    rec = Recorder()
    client = _socket(session, f"http://127.0.0.1:{runner.addresses[0][1]}", rec)
    task = asyncio.create_task(client.run())
    try:
        await rec.wait(2)
        assert rec.states[:2] == [(True, None), (False, "WebSocketError")]
        assert client.health.garbled == 1
        assert rec.notes == [PlayNotification("84", "1337", NotifiedState.PAUSED)]
    finally:
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        await runner.cleanup()


async def test_backoff_starts_over_after_a_stable_connection(
    session: aiohttp.ClientSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server that keeps closing a held connection is retried at once, not ever slower."""
    delays: list[float] = []

    async def fake_sleep(delay: float) -> None:
        delays.append(delay)
        if len(delays) >= 3:
            raise asyncio.CancelledError

    async def handler(request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.close()
        return ws

    monkeypatch.setattr(plex_push, "_sleep", fake_sleep)
    monkeypatch.setattr(plex_push, "STABLE_SECONDS", 0.0)
    app = web.Application()
    app.router.add_get("/:/websockets/notifications", handler)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    client = _socket(session, f"http://127.0.0.1:{runner.addresses[0][1]}", Recorder())
    try:
        with pytest.raises(asyncio.CancelledError):
            await client.run()
    finally:
        await runner.cleanup()
    assert delays == [1, 1, 1]
    assert client.health.connects == 3


async def test_a_stop_that_races_a_timeout_still_stops(
    session: aiohttp.ClientSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    """aiohttp turns a cancel that meets its own timeout into TimeoutError: still a stop."""
    connecting = asyncio.Event()

    async def connect_and_read(self: NotificationSocket) -> str:
        connecting.set()
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            raise TimeoutError from None
        return "closed"

    monkeypatch.setattr(NotificationSocket, "_connect_and_read", connect_and_read)
    task = asyncio.create_task(_socket(session, "http://127.0.0.1:9", Recorder()).run())
    await connecting.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await asyncio.wait_for(task, 2)


async def test_a_stop_whose_cancel_aiohttp_swallowed_still_stops(
    session: aiohttp.ClientSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    """aiohttp may also uncancel the task when it turns the cancel into TimeoutError.

    The cancel is then lost; the stop flag still ends the socket (it used to sleep and
    reconnect, and the reload waiting for the unload hung until pytest's timeout).
    """
    connecting = asyncio.Event()
    attempts = 0

    async def connect_and_read(self: NotificationSocket) -> str:
        nonlocal attempts
        attempts += 1
        connecting.set()
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            task = asyncio.current_task()
            assert task is not None
            task.uncancel()  # as aiohttp's TimerContext does when its own timer fired
            raise TimeoutError from None
        return "closed"

    monkeypatch.setattr(NotificationSocket, "_connect_and_read", connect_and_read)
    client = _socket(session, "http://127.0.0.1:9", Recorder())
    task = asyncio.create_task(client.run())
    await connecting.wait()
    client.stop()
    task.cancel()
    await asyncio.wait_for(task, 2)
    assert attempts == 1
