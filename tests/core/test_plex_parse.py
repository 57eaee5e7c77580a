"""Parsing /status/sessions into stream snapshots, from real Plex payloads and odd ones."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

from plexapi.exceptions import BadRequest, NotFound, Unauthorized
import pytest
import requests

from custom_components.plexgeo.core.errors import (
    PlexAuthError,
    PlexResponseError,
    PlexSSLError,
    PlexUnreachable,
)
from custom_components.plexgeo.core.models import AddressRule, MediaType, PlaybackState
from custom_components.plexgeo.core.plex import PlexClient, parse_sessions, session_id_of

FIXTURES = Path(__file__).parent.parent / "fixtures" / "plex"


def _fixture(name: str, **values: str) -> ElementTree.Element:
    text = (FIXTURES / name).read_text()
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    return ElementTree.fromstring(text)


def test_real_lan_movie_session() -> None:
    [stream] = parse_sessions(_fixture("session_base.xml", user_id="1"))
    assert stream.user_id == "1"
    assert stream.user_name == "User 1"
    assert stream.media_type is MediaType.MOVIE
    assert stream.title == "Movie 1"
    assert stream.year == 2000
    assert stream.player_title == "SHIELD Android TV"
    assert stream.player_product == "Plex for Android (TV)"
    assert stream.player_platform == "Android"
    assert stream.player_machine_id == "1234567890123456-com-plexapp-android"
    assert stream.state is PlaybackState.PLAYING
    assert stream.bandwidth_kbps == 7000
    assert stream.duration_ms == 9000000
    assert stream.local is True
    assert stream.network == "lan"
    assert stream.secure is True
    assert stream.relayed is False
    assert stream.transcode_decision == "transcode"
    # LAN: the player's own address, never the (private) remotePublicAddress, never located.
    assert (stream.ip_address, stream.address_rule) == ("1.2.3.11", AddressRule.LAN)
    assert session_id_of(stream.session_key) == "session_id_1"


def test_preroll_is_not_a_viewing() -> None:
    assert parse_sessions(_fixture("session_transient.xml")) == []


def test_live_tv_without_user_player_or_session() -> None:
    [stream] = parse_sessions(_fixture("livetv_sessions.xml"))
    assert stream.media_type is MediaType.LIVE_TV
    assert stream.user_id == "unknown"
    assert stream.ip_address is None
    assert stream.address_rule is AddressRule.NO_PUBLIC_ADDRESS
    assert stream.full_title == "The Price Is Right"
    assert stream.transcode_decision == "copy"


def _container(*items: str) -> ElementTree.Element:
    return ElementTree.fromstring(
        f"<MediaContainer size='{len(items)}'>{''.join(items)}</MediaContainer>"
    )


def test_remote_episode_and_track() -> None:
    episode = (
        '<Video sessionKey="7" ratingKey="70" type="episode" title="Pilot" grandparentTitle="Show"'
        ' parentTitle="Season 1" parentIndex="1" index="2" viewOffset="1000" duration="2000">'
        '<User id="5" title="alice"/>'
        '<Player address="172.17.0.1" remotePublicAddress="81.2.69.142" local="0" relayed="0"'
        ' state="paused" title="Phone" product="Plex for iOS" platform="iOS"/>'
        '<Session id="abc" bandwidth="not-a-number" location="wan"/></Video>'
    )
    track = (
        '<Track sessionKey="8" ratingKey="80" type="track" title="Song" grandparentTitle="Band"'
        ' parentTitle="Album"><User id="6" title="bob"/>'
        '<Player address="2001:8003:a0b2:1e00::8" local="0" state="buffering" title="Web"/>'
        '<Session id="def" bandwidth="320" location="cellular"/></Track>'
    )
    first, second = parse_sessions(_container(episode, track))
    assert first.full_title == "Show - S01E02 - Pilot"
    assert first.state is PlaybackState.PAUSED
    assert first.bandwidth_kbps is None  # non-numeric: dropped, not crashed on
    assert (first.ip_address, first.address_rule) == (
        "81.2.69.142",
        AddressRule.REMOTE_PUBLIC_ADDRESS,
    )
    assert first.transcode_decision == "direct play"
    assert second.media_type is MediaType.TRACK
    assert second.full_title == "Band - Song"
    assert second.network == "cellular"
    assert second.state is PlaybackState.BUFFERING
    assert (second.ip_address, second.address_rule) == (
        "2001:8003:a0b2:1e00::8",
        AddressRule.PLAYER_ADDRESS,
    )


def test_garbage_attributes_do_not_crash() -> None:
    odd = (
        '<Video sessionKey="" type="hologram" title="" year="-5" viewOffset="1e999"'
        ' duration="abc" index="99999999999999999999"><Player address="" state="dancing"/></Video>'
        "<Directory title='not a session'/>"
    )
    [stream] = parse_sessions(_container(odd))
    assert stream.media_type is MediaType.OTHER
    assert stream.title == "Unknown title"
    assert stream.year is None
    assert stream.progress_ms == 0
    assert stream.duration_ms is None
    assert stream.index is None
    assert stream.state is PlaybackState.UNKNOWN
    assert stream.user_name == "Unknown user"
    assert stream.ip_address is None


def test_control_characters_and_hostile_text_are_kept_as_text() -> None:
    item = (
        '<Video sessionKey="1" type="movie" title="&lt;img src=x onerror=alert(1)&gt;&#9;ok">'
        '<User id="1" title="Zoë 🎬"/></Video>'
    )
    [stream] = parse_sessions(_container(item))
    assert stream.title == "<img src=x onerror=alert(1)>ok"
    assert stream.user_name == "Zoë 🎬"


def test_duplicate_items_are_one_stream() -> None:
    item = '<Video sessionKey="1" ratingKey="2" type="movie" title="A"><Session id="s"/></Video>'
    assert len(parse_sessions(_container(item, item))) == 1


def test_not_a_media_container() -> None:
    with pytest.raises(PlexResponseError):
        parse_sessions(ElementTree.fromstring("<html><body>proxy error</body></html>"))
    assert parse_sessions(None) == []


@pytest.mark.parametrize(
    ("raised", "expected"),
    [
        (lambda: Unauthorized("(401) unauthorized"), PlexAuthError),
        (lambda: BadRequest("(403) forbidden; http://x/?X-Plex-Token=s3cr3t"), PlexAuthError),
        (lambda: BadRequest("(500) error; http://x/?X-Plex-Token=s3cr3t"), PlexUnreachable),
        (lambda: NotFound("(404) not_found"), PlexResponseError),
        (lambda: requests.exceptions.SSLError("bad cert"), PlexSSLError),
        (lambda: requests.exceptions.ConnectTimeout("slow"), PlexUnreachable),
        (
            lambda: requests.exceptions.ConnectionError("http://x/?X-Plex-Token=s3cr3t"),
            PlexUnreachable,
        ),
        (lambda: requests.exceptions.TooManyRedirects("loop"), PlexUnreachable),
        (lambda: ElementTree.ParseError("no element found"), PlexResponseError),
        (lambda: ValueError("anything else"), PlexResponseError),
    ],
)
def test_every_plexapi_failure_maps_to_one_error(
    raised: Callable[[], Exception], expected: type[Exception]
) -> None:
    client = PlexClient("http://127.0.0.1:1", "s3cr3t")

    def fail() -> None:
        raise raised()

    with pytest.raises(expected) as err:
        client._call(fail)
    # Never the token, whatever the library said.
    assert "s3cr3t" not in str(err.value)
