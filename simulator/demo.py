"""The demo's timeline: ten minutes of a busy server, looping, for `scripts/develop`.

Built from the session builders in `simulator.scenario`; the tests that check its shape
live in tests/test_simulator_plex.py.
"""

from __future__ import annotations

from typing import Any

from simulator.places import place
from simulator.scenario import (
    AddressChange,
    Pause,
    Scenario,
    ScheduledSession,
    SimDecision,
    SimState,
    episode_session,
    ipv4_mapped_session,
    lan_session,
    live_tv_session,
    movie_session,
    music_session,
    preroll_session,
    proxied_session,
    relayed_session,
    wan_session,
)

DEMO_PERIOD = 600.0


_PLAYER_FIELDS = (
    "player_title",
    "player_product",
    "player_platform",
    "player_platform_version",
    "player_device",
    "player_machine_id",
)


def _player(*values: str) -> dict[str, Any]:
    """Player fields in `_PLAYER_FIELDS` order: title, product, platform, version, ..."""
    return dict(zip(_PLAYER_FIELDS, values, strict=True))


def _user(user_id: int, name: str) -> dict[str, Any]:
    return {"user_id": user_id, "user_name": name}


def demo_scenario() -> Scenario:
    """Ten minutes of a busy server, looping: seven users, six countries, every media kind.

    alice watches in London, later streams from Sydney (impossible travel); carol's account
    plays in New York and Tokyo at once (account sharing); bob moves to IPv6 mid-episode;
    dave is on the LAN (music, a preroll, then a movie); erin is relayed; frank watches
    live TV through a Docker proxy; grace comes in on an IPv4-mapped IPv6 address.
    """
    alice = _user(1, "alice")
    alice_mac = _player("Alice's MacBook", "Plex Web", "Chrome", "131.0", "OSX", "x3k9pq7d2m")
    alice_phone = _player(
        "Alice's iPhone", "Plex for iOS", "iOS", "18.1", "iPhone", "5E0B2C1A-77D4-4F3E-9C1B"
    )
    carol = _user(31_550_921, "carol")
    dave = _user(41_200_387, "dave")
    paris_v6 = place("paris").ipv6[0]
    schedule = [
        ScheduledSession(
            wan_session("london", movie_session(), address_index=1, **alice, **alice_mac),
            start=0,
            end=280,
            pauses=(Pause(at=100, duration=30),),
        ),
        ScheduledSession(
            wan_session("sydney", episode_session(), **alice, **alice_phone),
            start=320,
            end=560,
        ),
        ScheduledSession(
            wan_session(
                "paris",
                episode_session(title="Hello, Ms. Cobel", index=1, rating_key=4310),
                **_user(20_914_732, "bob"),
                **_player(
                    "Bob's Roku", "Plex for Roku", "Roku", "12.5", "Roku Ultra", "a81c66e0f0b2c4d1"
                ),
            ),
            start=15,
            end=395,
            pauses=(Pause(at=120, duration=40),),
            address_change=AddressChange(at=250, address=paris_v6, remote_public_address=paris_v6),
        ),
        ScheduledSession(
            wan_session(
                "new_york",
                movie_session(
                    title="Dune: Part Two", year=2024, rating_key=1388, duration_ms=9_960_000
                ),
                decision=SimDecision.TRANSCODE,
                bandwidth_kbps=12_400,
                # A 4K file sent at 720p: the Live-now card shows the quality delivered.
                video_height=2160,
                transcode_height=720,
                **carol,
                **_player(
                    "Apple TV",
                    "Plex for Apple TV",
                    "tvOS",
                    "18.1",
                    "Apple TV",
                    "0DF3A9B5-9E7C-4C52-8F41",
                ),
            ),
            start=30,
            end=510,
        ),
        ScheduledSession(
            wan_session(
                "tokyo",
                episode_session(title="Half Loop", index=2, rating_key=4311),
                **carol,
                **_player(
                    "Galaxy S23",
                    "Plex for Android (Mobile)",
                    "Android",
                    "14",
                    "SM-S911B",
                    "f2c9d8e7a6b54c31-com-plexapp-android",
                ),
            ),
            start=90,
            end=390,
        ),
        ScheduledSession(
            lan_session(
                music_session(),
                address="192.168.1.31",
                **dave,
                **_player("dave-desktop", "Plexamp", "Windows", "11", "PC", "c0ffee42dave"),
            ),
            start=0,
            end=180,
        ),
        ScheduledSession(
            lan_session(preroll_session(), address="192.168.1.31", **dave),
            start=200,
            end=206,
        ),
        ScheduledSession(
            lan_session(
                movie_session(title="Amélie", year=2001, rating_key=1090, duration_ms=7_320_000),
                address="192.168.1.31",
                **dave,
            ),
            start=206,
            end=590,
        ),
        ScheduledSession(
            relayed_session(
                episode_session(
                    grandparent_title="The Bear",
                    parent_title="Season 3",
                    parent_index=3,
                    index=1,
                    title="Tomorrow",
                    rating_key=5120,
                ),
                **_user(52_764_410, "erin"),
                **_player(
                    "Erin's Fire TV",
                    "Plex for Android (TV)",
                    "Android",
                    "9",
                    "AFTMM",
                    "9d1e5b7c3a2f4e60-com-plexapp-android",
                ),
            ),
            start=60,
            end=420,
            pauses=(Pause(at=0, duration=5, state=SimState.BUFFERING),),
        ),
        ScheduledSession(
            proxied_session(
                "berlin",
                live_tv_session(),
                **_user(63_019_945, "frank"),
                **_player("LG OLED", "Plex for LG", "webOS", "23.20", "OLED55C3", "lg-0b9e77d1"),
            ),
            start=150,
            end=450,
        ),
        ScheduledSession(
            ipv4_mapped_session(
                "manchester",
                music_session(
                    title="Teardrop",
                    grandparent_title="Massive Attack",
                    parent_title="Mezzanine",
                    index=3,
                    rating_key=7810,
                    duration_ms=330_000,
                ),
                **_user(70_418_822, "grace"),
                **_player(
                    "Grace's iPad",
                    "Plex for iOS",
                    "iPadOS",
                    "18.1",
                    "iPad",
                    "8A7C1D2E-3F4B-5C6D-7E8F",
                ),
            ),
            start=240,
            end=540,
        ),
    ]
    return Scenario(schedule, period=DEMO_PERIOD)
