"""Tautulli's API v2 through the client, against the fake Tautulli; and each field's mapping."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, date, datetime
import json
import logging
from typing import Any

import pytest

from custom_components.plexgeo.core.errors import PlexRedirectError, ResponseTooLarge
from custom_components.plexgeo.core.models import AddressRule, MediaType, PlaybackState
from custom_components.plexgeo.core.tautulli import (
    SKIP_BAD_TIME,
    SKIP_NO_ROW_ID,
    SKIP_NO_USER,
    SKIP_NOT_A_ROW,
    SKIP_NOT_A_VIEWING,
    ImportedPlay,
    TautulliAuthError,
    TautulliClient,
    TautulliError,
    TautulliResponseError,
    TautulliUnreachable,
    map_row,
    map_rows,
)
from simulator.places import place
from simulator.scenario import (
    SimDecision,
    SimSession,
    episode_session,
    ipv4_mapped_session,
    lan_session,
    live_tv_session,
    preroll_session,
    relayed_session,
    wan_session,
)
from simulator.tautulli import (
    DEFAULT_API_KEY,
    FakeTautulli,
    HistoryPlay,
    TautulliFailure,
    history_row,
)

STARTED = int(datetime(2025, 6, 1, 20, 0, tzinfo=UTC).timestamp())


def _row(session: SimSession | None = None, **changes: Any) -> dict[str, Any]:
    play = HistoryPlay(
        row_id=42,
        session=session or wan_session("paris"),
        started=STARTED,
        stopped=STARTED + 3600,
        paused_counter=120,
    )
    return history_row(play) | changes


def _play(row: dict[str, Any]) -> ImportedPlay:
    mapped = map_row(row)
    assert isinstance(mapped, ImportedPlay), mapped
    return mapped


# --- one test per field -------------------------------------------------------------


def test_row_id_marks_the_stream_imported() -> None:
    play = _play(_row())
    assert play.row_id == 42
    assert play.snapshot.session_key == "tautulli:42"


def test_legacy_id_stands_in_for_row_id() -> None:
    row = _row()
    del row["row_id"]
    row["id"] = 7
    assert _play(row).row_id == 7


def test_user_id_and_name_are_plex_s() -> None:
    play = _play(_row(replace(wan_session("paris"), user_id=31_550_921, user_name="carol")))
    assert play.snapshot.user_id == "31550921"
    assert play.snapshot.user_name == "carol"


def test_friendly_name_when_no_user_name() -> None:
    assert _play(_row(user="")).snapshot.user_name == "Alice"


def test_started_and_stopped() -> None:
    play = _play(_row())
    assert play.started_at == datetime.fromtimestamp(STARTED, UTC)
    assert (play.stopped_at - play.started_at).total_seconds() == 3600


def test_unfinished_play_stops_when_it_started() -> None:
    play = _play(_row(stopped=0))
    assert play.stopped_at == play.started_at


def test_paused_counter() -> None:
    assert _play(_row()).paused_seconds == 120
    assert _play(_row(paused_counter=None)).paused_seconds == 0


def test_player_platform_product_machine() -> None:
    snap = _play(_row()).snapshot
    session = wan_session("paris")
    assert snap.player_title == session.player_title
    assert snap.player_platform == session.player_platform
    assert snap.player_product == session.player_product
    assert snap.player_machine_id == session.player_machine_id


def test_media_types_and_titles() -> None:
    episode = _play(_row(episode_session(wan_session("paris")))).snapshot
    assert episode.media_type is MediaType.EPISODE
    assert episode.title == episode_session().title
    assert episode.grandparent_title == episode_session().grandparent_title
    assert episode.parent_index == episode_session().parent_index
    assert episode.index == episode_session().index
    assert _play(_row(live_tv_session())).snapshot.media_type is MediaType.LIVE_TV
    assert _play(_row(media_type="photo")).snapshot.media_type is MediaType.PHOTO
    assert _play(_row(media_type="hologram")).snapshot.media_type is MediaType.OTHER
    assert _play(_row()).snapshot.year == 2016
    assert _play(_row()).snapshot.state is PlaybackState.UNKNOWN


def test_transcode_decision() -> None:
    snap = _play(_row(replace(wan_session("paris"), decision=SimDecision.TRANSCODE))).snapshot
    assert snap.transcode_decision == "transcode"
    assert _play(_row()).snapshot.transcode_decision == "direct play"


def test_public_address_is_located() -> None:
    snap = _play(_row()).snapshot
    assert snap.ip_address == place("paris").ipv4[0]
    assert snap.address_rule is AddressRule.PLAYER_ADDRESS
    assert snap.local is False
    assert snap.network == "wan"


def test_ipv4_mapped_address_is_unwrapped() -> None:
    snap = _play(_row(ipv4_mapped_session("london"))).snapshot
    assert snap.ip_address == place("london").ipv4[0]


def test_lan_is_never_located() -> None:
    snap = _play(_row(lan_session())).snapshot
    assert snap.address_rule is AddressRule.LAN
    assert snap.local is True


def test_lan_without_location_field_by_private_address() -> None:
    row = _row(lan_session())
    del row["location"]
    assert _play(row).snapshot.address_rule is AddressRule.LAN


def test_relayed_without_public_address_is_unknown() -> None:
    snap = _play(_row(relayed_session())).snapshot
    assert snap.ip_address is None
    assert snap.address_rule is AddressRule.RELAYED
    assert snap.relayed is True


def test_secure_flag() -> None:
    assert _play(_row()).snapshot.secure is True
    assert _play(_row(secure=0)).snapshot.secure is False
    row = _row()
    del row["secure"]
    assert _play(row).snapshot.secure is None


def test_numbers_as_strings_are_read() -> None:
    play = _play(_row(row_id="43", user_id="1", started=str(STARTED), relayed="0"))
    assert play.row_id == 43


# --- garbage rows -------------------------------------------------------------------


def test_garbage_rows_are_skipped_by_reason() -> None:
    rows: list[Any] = [
        _row(),
        "a string",
        None,
        _row(row_id=None, id=None),
        _row(user_id="x"),
        _row(user="", friendly_name=None),
        _row(started="yesterday"),
        _row(started=12),
        _row(started=True),
        _row(preroll_session()),
        _row(title={"x": 1}, year=[2016], ip_address=5),
    ]
    mapped = map_rows(rows)
    assert len(mapped.plays) == 2
    assert mapped.plays[1].snapshot.title == "Arrival"  # full_title stands in
    assert mapped.plays[1].snapshot.ip_address is None
    assert mapped.skipped == {
        SKIP_NOT_A_ROW: 2,
        SKIP_NO_ROW_ID: 1,
        SKIP_NO_USER: 2,
        SKIP_BAD_TIME: 3,
        SKIP_NOT_A_VIEWING: 1,
    }


def test_missing_fields_of_older_versions_are_reported() -> None:
    legacy = history_row(HistoryPlay(1, wan_session("paris"), STARTED, STARTED + 60), legacy=True)
    mapped = map_rows([legacy])
    assert len(mapped.plays) == 1
    assert mapped.missing == {"product", "machine_id", "location", "relayed", "secure"}
    assert map_rows([_row()]).missing == set()


# --- the client against the fake ----------------------------------------------------


@pytest.fixture
async def tautulli(socket_enabled: None) -> AsyncIterator[FakeTautulli]:
    sessions = [wan_session("paris"), lan_session(), relayed_session()]
    fake = FakeTautulli(
        plays=[
            HistoryPlay(i + 1, sessions[i % 3], STARTED + i * 3600, STARTED + i * 3600 + 60)
            for i in range(25)
        ]
    )
    await fake.start()
    yield fake
    await fake.stop()


async def _call(client: TautulliClient, method: str, *args: Any) -> Any:
    return await asyncio.to_thread(getattr(client, method), *args)


async def test_pages_oldest_first(tautulli: FakeTautulli) -> None:
    client = TautulliClient(tautulli.url, DEFAULT_API_KEY)
    first = await _call(client, "history", 0, 10)
    last = await _call(client, "history", 20, 10)
    assert first.total == 25
    assert [r["row_id"] for r in first.rows] == list(range(1, 11))
    assert [r["row_id"] for r in last.rows] == list(range(21, 26))
    sent = tautulli.requests[-1]
    assert sent["grouping"] == "0"
    assert sent["order_dir"] == "asc"
    client.close()


async def test_the_key_travels_in_a_posted_form(tautulli: FakeTautulli) -> None:
    # Tautulli's /api/v2 takes POST as it takes GET (CherryPy reads the form as it
    # reads a query); a request line, which servers and proxies log, never holds the key.
    client = TautulliClient(tautulli.url, DEFAULT_API_KEY)
    await _call(client, "users")
    await _call(client, "history", 0, 10)
    assert tautulli.request_lines == ["POST /api/v2", "POST /api/v2"]
    assert [sent["apikey"] for sent in tautulli.requests] == [DEFAULT_API_KEY] * 2
    client.close()


async def test_after_date_filters(tautulli: FakeTautulli) -> None:
    client = TautulliClient(tautulli.url, DEFAULT_API_KEY)
    page = await _call(client, "history", 0, 100, date(2025, 6, 2))
    assert page.total == 25 - 4  # the first four hours are on June 1st
    client.close()


async def test_users(tautulli: FakeTautulli) -> None:
    client = TautulliClient(tautulli.url, DEFAULT_API_KEY)
    users = await _call(client, "users")
    assert [(u.user_id, u.username) for u in users] == [("1", "alice")]
    client.close()


async def test_wrong_key(tautulli: FakeTautulli, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    client = TautulliClient(tautulli.url, "wrong-key-123")
    with pytest.raises(TautulliAuthError) as raised:
        await _call(client, "history", 0)
    assert "wrong-key-123" not in str(raised.value)
    client.close()


async def test_html_answer(tautulli: FakeTautulli) -> None:
    tautulli.failure = TautulliFailure.HTML
    client = TautulliClient(tautulli.url, DEFAULT_API_KEY)
    with pytest.raises(TautulliResponseError, match="did not answer as Tautulli"):
        await _call(client, "history", 0)
    tautulli.failure = TautulliFailure.NOT_JSON
    with pytest.raises(TautulliResponseError):
        await _call(client, "users")
    client.close()


async def test_server_error(tautulli: FakeTautulli) -> None:
    tautulli.failure = TautulliFailure.SERVER_ERROR
    client = TautulliClient(tautulli.url, DEFAULT_API_KEY)
    with pytest.raises(TautulliUnreachable):
        await _call(client, "history", 0)
    client.close()


async def test_wrong_url_names_no_key(socket_enabled: None) -> None:
    client = TautulliClient("http://127.0.0.1:9", "secret-key-456")
    with pytest.raises(TautulliUnreachable) as raised:
        await _call(client, "history", 0)
    assert "secret-key-456" not in str(raised.value)
    assert raised.value.__cause__ is None
    client.close()
    with pytest.raises(TautulliError, match="http"):
        TautulliClient("ftp://tautulli.local", "k")


class _Answer:
    """A canned HTTP answer for the client's session."""

    def __init__(self, body: object, status: int = 200, raw: bytes | None = None) -> None:
        self.content = raw if raw is not None else json.dumps(body).encode()
        self.status_code = status


class _Session:
    def __init__(self, answer: _Answer | Exception) -> None:
        self.answer = answer

    def post(self, url: str, data: dict[str, str]) -> _Answer:
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer

    def close(self) -> None:
        pass


def _client(answer: _Answer | Exception) -> TautulliClient:
    return TautulliClient("https://tautulli.example:8181/", "key", session=_Session(answer))  # type: ignore[arg-type]


def _ok(data: object) -> _Answer:
    return _Answer({"response": {"result": "success", "message": None, "data": data}})


def test_shapes_that_are_not_tautulli_s() -> None:
    with pytest.raises(TautulliResponseError, match="no user list"):
        _client(_ok({"x": 1})).users()
    users = _client(_ok([1, {"user_id": "x", "username": "a"}, {"user_id": 5, "username": "e"}]))
    assert [u.user_id for u in users.users()] == ["5"]
    with pytest.raises(TautulliResponseError, match="no history rows"):
        _client(_ok({"data": "null"})).history(0)
    page = _client(_ok({"data": [], "recordsTotal": "7"})).history(0)
    assert page.total == 7
    with pytest.raises(TautulliResponseError, match="said: Unknown command"):
        _client(
            _Answer({"response": {"result": "error", "message": "Unknown command", "data": {}}})
        ).users()
    with pytest.raises(TautulliUnreachable, match="HTTP 502"):
        _client(_Answer(None, status=502, raw=b"<html>Bad gateway</html>")).users()


def test_redirects_and_huge_answers_are_refused() -> None:
    with pytest.raises(TautulliResponseError, match=r"redirects to https://other\.example"):
        _client(PlexRedirectError("https://other.example/login", "https://other.example")).users()
    with pytest.raises(TautulliResponseError, match="larger than the limit"):
        _client(ResponseTooLarge("answer", 10)).users()


def test_numbers_in_every_form() -> None:
    play = _play(_row(row_id=44.0, user_id=" 12 ", year="2016"))
    assert play.row_id == 44
    assert play.snapshot.user_id == "12"
    assert _play(_row(year=2016.5)).snapshot.year is None


def test_digit_lookalikes_are_garbage_not_a_crash() -> None:
    # str.isdigit() holds for "²" and, once "-" is stripped, for "--5": int() refuses both.
    play = _play(_row(year="²", media_index="--5", paused_counter="٣"))
    assert (play.snapshot.year, play.snapshot.index, play.paused_seconds) == (None, None, 0)
    assert map_rows([_row(started="--1700000000"), _row(row_id="¹", id=None)]).skipped == {
        SKIP_BAD_TIME: 1,
        SKIP_NO_ROW_ID: 1,
    }
