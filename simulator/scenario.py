"""Simulated Plex sessions: the records, builders for realistic ones, and a scenario clock.

A `Scenario` holds the sessions a simulated Plex server reports. Tests add, change and
remove them by hand; the demo schedules them on a timeline that `advance()` moves forward,
so the same sequence of calls always yields the same sessions, keys and ids.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum
import hashlib
from typing import Any

from simulator.places import place


class SimMediaKind(StrEnum):
    """What a simulated session plays; live TV is an episode with `live="1"` in Plex."""

    MOVIE = "movie"
    EPISODE = "episode"
    CLIP = "clip"
    TRACK = "track"
    LIVE_TV = "live_tv"


class SimState(StrEnum):
    """`Player.state` values Plex reports."""

    PLAYING = "playing"
    PAUSED = "paused"
    BUFFERING = "buffering"


class SimNetwork(StrEnum):
    """`Session.location` values Plex reports."""

    LAN = "lan"
    WAN = "wan"
    CELLULAR = "cellular"


class SimDecision(StrEnum):
    """How the server delivers the media (`Part.decision`)."""

    DIRECT_PLAY = "directplay"
    COPY = "copy"
    TRANSCODE = "transcode"


class UnknownSessionError(KeyError):
    """No current session has this key."""


HOME_ADDRESS = "192.168.1.20"
HOME_PUBLIC_ADDRESS = "81.2.69.142"  # the London household's public address (places.py)
DOCKER_BRIDGE = "172.17.0.1"


@dataclass(frozen=True, slots=True)
class SimSession:
    """One playing item as the simulated server reports it; defaults are a LAN movie."""

    user_id: int = 1
    user_name: str = "alice"
    player_title: str = "Living Room TV"
    player_product: str = "Plex for Android (TV)"
    player_platform: str = "Android"
    player_platform_version: str = "12"
    player_device: str = "SHIELD Android TV"
    player_machine_id: str = "7b4c9e2a1f3d5068-com-plexapp-android"
    player_version: str = "10.21.1.3061"
    address: str = HOME_ADDRESS
    remote_public_address: str | None = HOME_PUBLIC_ADDRESS
    local: bool = True
    relayed: bool = False
    secure: bool = True
    network: SimNetwork = SimNetwork.LAN
    state: SimState = SimState.PLAYING
    media_kind: SimMediaKind = SimMediaKind.MOVIE
    title: str = "Arrival"
    grandparent_title: str | None = None  # show or artist
    parent_title: str | None = None  # season or album
    parent_index: int | None = None
    index: int | None = None
    year: int | None = 2016
    rating_key: int = 1201
    duration_ms: int = 6_960_000
    view_offset_ms: int = 0
    bandwidth_kbps: int = 9_200
    decision: SimDecision = SimDecision.DIRECT_PLAY
    # The file's frame height, and a video transcode's output height (Plex's session
    # Media then describes the output, and TranscodeSession carries its size).
    video_height: int = 1080
    transcode_height: int | None = None
    session_key: str = ""  # assigned by the scenario when empty
    session_id: str = ""  # Session.id, the id the terminate endpoint takes


# --- where a session comes from -------------------------------------------------------


def lan_session(
    base: SimSession | None = None, *, address: str = HOME_ADDRESS, **changes: Any
) -> SimSession:
    """A session from a player on the server's own network."""
    return replace(
        base or SimSession(),
        address=address,
        remote_public_address=HOME_PUBLIC_ADDRESS,
        local=True,
        relayed=False,
        network=SimNetwork.LAN,
        **changes,
    )


def wan_session(
    place_key: str, base: SimSession | None = None, *, address_index: int = 0, **changes: Any
) -> SimSession:
    """A direct remote session from one of `places.py`'s IPv4 addresses."""
    found = place(place_key)
    address = found.ipv4[address_index]
    return _remote(base, address, address, cellular=found.mobile, **changes)


def ipv6_session(
    place_key: str, base: SimSession | None = None, *, address_index: int = 0, **changes: Any
) -> SimSession:
    """A direct remote session from one of a place's IPv6 addresses."""
    found = place(place_key)
    address = found.ipv6[address_index]
    return _remote(base, address, address, cellular=found.mobile, **changes)


def remote_session(address: str, base: SimSession | None = None, **changes: Any) -> SimSession:
    """A direct remote session from any public address (benchmarks draw their own)."""
    return _remote(base, address, address, cellular=False, **changes)


def ipv4_mapped_session(
    place_key: str = "london", base: SimSession | None = None, **changes: Any
) -> SimSession:
    """A remote session seen on a dual-stack socket: `::ffff:81.2.69.142` style addresses."""
    mapped = f"::ffff:{place(place_key).ipv4[0]}"
    return _remote(base, mapped, mapped, cellular=False, **changes)


def relayed_session(
    base: SimSession | None = None, *, remote_public_address: str | None = None, **changes: Any
) -> SimSession:
    """A session relayed through plex.tv: the server only sees the relay on loopback."""
    return replace(
        base or SimSession(),
        address="127.0.0.1",
        remote_public_address=remote_public_address,
        local=False,
        relayed=True,
        network=SimNetwork.WAN,
        **changes,
    )


def proxied_session(
    place_key: str,
    base: SimSession | None = None,
    *,
    bridge: str = DOCKER_BRIDGE,
    **changes: Any,
) -> SimSession:
    """A remote session through Docker's NAT: `address` is the bridge, the public one is real."""
    public = place(place_key).ipv4[0]
    return _remote(base, bridge, public, cellular=False, **changes)


def _remote(
    base: SimSession | None,
    address: str,
    remote_public_address: str,
    *,
    cellular: bool,
    **changes: Any,
) -> SimSession:
    return replace(
        base or SimSession(),
        address=address,
        remote_public_address=remote_public_address,
        local=False,
        relayed=False,
        network=SimNetwork.CELLULAR if cellular else SimNetwork.WAN,
        **changes,
    )


# --- what a session plays ---------------------------------------------------------------


def movie_session(base: SimSession | None = None, **changes: Any) -> SimSession:
    """A feature film."""
    return replace(
        base or SimSession(),
        **{
            "media_kind": SimMediaKind.MOVIE,
            "title": "Arrival",
            "grandparent_title": None,
            "parent_title": None,
            "parent_index": None,
            "index": None,
            "year": 2016,
            "rating_key": 1201,
            "duration_ms": 6_960_000,
            **changes,
        },
    )


def episode_session(base: SimSession | None = None, **changes: Any) -> SimSession:
    """An episode of a TV show (season 2, episode 3)."""
    return replace(
        base or SimSession(),
        **{
            "media_kind": SimMediaKind.EPISODE,
            "title": "Who Is Alive?",
            "grandparent_title": "Severance",
            "parent_title": "Season 2",
            "parent_index": 2,
            "index": 3,
            "year": 2025,
            "rating_key": 4312,
            "duration_ms": 2_940_000,
            "bandwidth_kbps": 6_100,
            **changes,
        },
    )


def music_session(base: SimSession | None = None, **changes: Any) -> SimSession:
    """A music track: `grandparent_title` is the artist, `parent_title` the album."""
    return replace(
        base or SimSession(),
        **{
            "media_kind": SimMediaKind.TRACK,
            "title": "Paranoid Android",
            "grandparent_title": "Radiohead",
            "parent_title": "OK Computer",
            "parent_index": 1,
            "index": 2,
            "year": 1997,
            "rating_key": 7702,
            "duration_ms": 387_000,
            "bandwidth_kbps": 320,
            **changes,
        },
    )


def preroll_session(base: SimSession | None = None, **changes: Any) -> SimSession:
    """A six-second preroll clip: a transient item, not a real viewing."""
    return replace(
        base or SimSession(),
        **{
            "media_kind": SimMediaKind.CLIP,
            "title": "fancy_preroll",
            "grandparent_title": None,
            "parent_title": None,
            "parent_index": None,
            "index": 1,
            "year": None,
            "rating_key": 203_214,
            "duration_ms": 6_000,
            "bandwidth_kbps": 1_981,
            "decision": SimDecision.TRANSCODE,
            **changes,
        },
    )


def live_tv_session(base: SimSession | None = None, **changes: Any) -> SimSession:
    """A live TV programme from a tuner, relayed by the server as HLS."""
    return replace(
        base or SimSession(),
        **{
            "media_kind": SimMediaKind.LIVE_TV,
            "title": "The Price Is Right",
            "grandparent_title": "The Price Is Right",
            "parent_title": None,
            "parent_index": 49,
            "index": 105,
            "year": 2021,
            "rating_key": 203_216,
            "duration_ms": 7_200_000,
            "bandwidth_kbps": 12_000,
            "decision": SimDecision.COPY,
            **changes,
        },
    )


# --- the timeline ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Pause:
    """The player stops advancing for a while, `at` seconds after the session started."""

    at: float
    duration: float
    state: SimState = SimState.PAUSED


@dataclass(frozen=True, slots=True)
class AddressChange:
    """The player's address changes mid-stream (Wi-Fi to mobile, say), `at` seconds in."""

    at: float
    address: str
    remote_public_address: str | None
    network: SimNetwork | None = None


@dataclass(frozen=True, slots=True)
class ScheduledSession:
    """A session that exists from `start` to `end` seconds on the scenario clock."""

    session: SimSession
    start: float
    end: float
    pauses: tuple[Pause, ...] = ()
    address_change: AddressChange | None = None

    def __post_init__(self) -> None:
        """Reject schedules that could never play."""
        if not 0 <= self.start < self.end:
            raise ValueError(f"need 0 <= start < end, got {self.start} and {self.end}")

    def at(self, seconds_in: float) -> SimSession:
        """The session as it looks `seconds_in` seconds after it started."""
        session = self.session
        paused_for = 0.0
        for pause in self.pauses:
            paused_for += max(0.0, min(seconds_in, pause.at + pause.duration) - pause.at)
            if pause.at <= seconds_in < pause.at + pause.duration:
                session = replace(session, state=pause.state)
        played_ms = int((seconds_in - paused_for) * 1000)
        offset = min(session.view_offset_ms + played_ms, session.duration_ms)
        session = replace(session, view_offset_ms=offset)
        change = self.address_change
        if change is not None and seconds_in >= change.at:
            session = replace(
                session,
                address=change.address,
                remote_public_address=change.remote_public_address,
                network=change.network or session.network,
            )
        return session


type _Occurrence = tuple[int, int]  # (loop number, index in the schedule)


class Scenario:
    """The sessions a simulated server reports: hand-made ones plus a scheduled timeline.

    `period` makes the timeline loop; every loop yields new session keys, as Plex would.
    """

    def __init__(
        self, schedule: Iterable[ScheduledSession] = (), *, period: float | None = None
    ) -> None:
        """Check the schedule fits the loop, then show what plays at time zero."""
        self.schedule = tuple(schedule)
        self.period = period
        self.terminated: list[tuple[str, str]] = []
        self._elapsed = 0.0
        self._next_key = 1
        self._live: dict[str, SimSession] = {}
        self._scheduled_keys: dict[_Occurrence, str] = {}
        self._finished: set[_Occurrence] = set()
        if period is not None:
            if period <= 0:
                raise ValueError("period must be positive")
            late = [item for item in self.schedule if item.end > period]
            if late:
                raise ValueError(f"{len(late)} scheduled session(s) end after the period")
        self._sync()

    @property
    def elapsed(self) -> float:
        """Seconds on the scenario clock."""
        return self._elapsed

    @property
    def sessions(self) -> tuple[SimSession, ...]:
        """The current sessions, oldest first."""
        return tuple(self._live.values())

    def session(self, key: str) -> SimSession:
        """The current session with this key."""
        try:
            return self._live[key]
        except KeyError:
            raise UnknownSessionError(key) from None

    def accounts(self) -> list[tuple[int, str]]:
        """Every user the scenario knows, scheduled or current, by id."""
        users = {s.session.user_id: s.session.user_name for s in self.schedule}
        users.update({s.user_id: s.user_name for s in self._live.values()})
        return sorted(users.items())

    def add_session(self, session: SimSession) -> str:
        """Start a session now; returns its session key."""
        if session.session_key in self._live:
            raise ValueError(f"session key {session.session_key} is already playing")
        key = session.session_key or self._allocate_key()
        self._live[key] = replace(
            session, session_key=key, session_id=session.session_id or session_id_for(key)
        )
        return key

    def update_session(self, key: str, **changes: Any) -> SimSession:
        """Change fields of a current session (scheduled ones are recomputed on `advance`)."""
        updated = replace(self.session(key), **changes)
        self._live[key] = updated
        return updated

    def remove_session(self, key: str) -> SimSession:
        """Stop a session; a scheduled one stays stopped until its next loop."""
        removed = self.session(key)
        del self._live[key]
        for occurrence, scheduled_key in list(self._scheduled_keys.items()):
            if scheduled_key == key:
                del self._scheduled_keys[occurrence]
                self._finished.add(occurrence)
        return removed

    def terminate(self, session_id: str, reason: str) -> SimSession | None:
        """Stop the session with this `Session.id` and record why; None if there is none."""
        for key, session in self._live.items():
            if session.session_id == session_id:
                self.remove_session(key)
                self.terminated.append((session_id, reason))
                return session
        return None

    def clear(self) -> None:
        """Stop every current session; scheduled ones come back on their next loop."""
        for key in list(self._live):
            self.remove_session(key)

    def advance(self, seconds: float) -> None:
        """Move the clock forward; scheduled sessions start, change and stop."""
        if seconds < 0:
            raise ValueError("the scenario clock only moves forward")
        self._elapsed += seconds
        self._sync()

    def _allocate_key(self) -> str:
        while str(self._next_key) in self._live:
            self._next_key += 1
        key = str(self._next_key)
        self._next_key += 1
        return key

    def _sync(self) -> None:
        if not self.schedule:
            return
        loop, now = 0, self._elapsed
        if self.period is not None:
            loop, now = int(self._elapsed // self.period), self._elapsed % self.period
        self._finished = {occ for occ in self._finished if occ[0] == loop}
        for occurrence, key in list(self._scheduled_keys.items()):
            item = self.schedule[occurrence[1]]
            if occurrence[0] != loop or not item.start <= now < item.end:
                del self._scheduled_keys[occurrence]
                self._live.pop(key, None)
        for index, item in enumerate(self.schedule):
            occurrence = (loop, index)
            if not item.start <= now < item.end or occurrence in self._finished:
                continue
            new_key = self._scheduled_keys.get(occurrence) or self._allocate_key()
            self._scheduled_keys[occurrence] = new_key
            self._live[new_key] = replace(
                item.at(now - item.start), session_key=new_key, session_id=session_id_for(new_key)
            )


def session_id_for(session_key: str) -> str:
    """A Plex-looking 24-character `Session.id`, stable for a session key."""
    return hashlib.blake2b(f"plexgeo-sim-{session_key}".encode(), digest_size=12).hexdigest()
