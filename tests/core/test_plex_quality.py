"""A stream's quality from /status/sessions: resolution and bitrate (issue 18, item 6)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from xml.etree import ElementTree

import pytest

from custom_components.plexgeo.core.plex import parse_session, parse_sessions
from simulator.plex_xml import garbage_items, render_session
from simulator.scenario import (
    SimDecision,
    SimSession,
    live_tv_session,
    music_session,
    wan_session,
)

FIXTURES = Path(__file__).parent.parent / "fixtures" / "plex"


def _item(name: str) -> ElementTree.Element:
    root = ElementTree.fromstring((FIXTURES / name).read_text())
    return root[0]


def _quality(item: ElementTree.Element) -> tuple[str | None, int | None]:
    snapshot = parse_session(item)
    return snapshot.resolution, snapshot.bitrate_kbps


def test_real_payloads() -> None:
    # Media videoResolution="720p" (1280x544, a cropped film), bitrate 6000.
    assert _quality(_item("session_base.xml")) == ("720p", 6000)
    # Plex's own word "SD" on a preroll's Media (not a viewing, but its Media is real).
    assert _quality(_item("session_transient.xml")) == ("SD", 1886)
    # Live TV detail: videoResolution="1080" and no bitrate; its copy decision keeps the
    # Media's size.
    [live] = parse_sessions(ElementTree.fromstring((FIXTURES / "livetv_sessions.xml").read_text()))
    assert (live.resolution, live.bitrate_kbps) == ("1080p", None)


@pytest.mark.parametrize(
    ("session", "expected"),
    [
        (SimSession(video_height=2160, bandwidth_kbps=40_000), ("4K", 40_000)),
        (wan_session("paris", bandwidth_kbps=8_000), ("1080p", 8_000)),
        (SimSession(video_height=576), ("576p", 9_200)),
        (SimSession(video_height=360), ("SD", 9_200)),
        # A 4K file transcoded down: the output is what the viewer gets.
        (
            SimSession(
                video_height=2160,
                decision=SimDecision.TRANSCODE,
                transcode_height=720,
                bandwidth_kbps=4_000,
            ),
            ("720p", 4_000),
        ),
        # Transcoded without a size change (audio only, say): the file's size.
        (SimSession(decision=SimDecision.TRANSCODE), ("1080p", 9_200)),
        (live_tv_session(), ("1080p", 12_000)),
        # Music has no picture: the bitrate alone.
        (music_session(), (None, 320)),
    ],
)
def test_simulated_sessions(session: SimSession, expected: tuple[str | None, int]) -> None:
    item = render_session(replace(session, session_key="1", session_id="s"))
    assert _quality(item) == expected


def _video(media: str, transcode: str = "") -> ElementTree.Element:
    return ElementTree.fromstring(
        f'<Video sessionKey="1" type="movie" title="T">{transcode}{media}</Video>'
    )


@pytest.mark.parametrize(
    ("media", "transcode", "expected"),
    [
        # Nothing usable: no quality, no error.
        ('<Media videoResolution="ultra" height="tall" width="-1" bitrate="fast"/>', "", None),
        ('<Media bitrate="99999999999"/>', "", None),
        ('<Media bitrate="0" videoResolution=""/>', "", None),
        ("", "", None),
        ('<Media videoResolution="1e999p" height="1e999"/>', "", None),
        # No word, but a size.
        ('<Media height="1080" width="1920" bitrate="8000.5"/>', "", ("1080p", 8000)),
        ('<Media videoResolution="4k"/>', "", ("4K", None)),
        ('<Media videoResolution="480"/>', "", ("480p", None)),
        # The selected Media, not the first.
        (
            '<Media videoResolution="sd" bitrate="1000"/>'
            '<Media selected="1" videoResolution="1080" bitrate="9000"/>',
            "",
            ("1080p", 9000),
        ),
        # A video transcode without an output size falls back to the Media.
        (
            '<Media videoResolution="720"/>',
            '<TranscodeSession videoDecision="transcode" height="junk"/>',
            ("720p", None),
        ),
        (
            '<Media videoResolution="1080"/>',
            '<TranscodeSession videoDecision="transcode" width="1280" height="720"/>',
            ("720p", None),
        ),
    ],
)
def test_odd_attributes(
    media: str, transcode: str, expected: tuple[str | None, int | None] | None
) -> None:
    assert _quality(_video(media, transcode)) == (expected or (None, None))


def test_garbage_quality_from_the_simulator_parses_to_none() -> None:
    qualities = {_quality(item) for item in garbage_items()}
    assert (None, None) in qualities
