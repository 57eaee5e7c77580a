"""Plex's notification websocket: which frames say a stream started or stopped.

A Plex Media Server pushes a JSON frame on `/:/websockets/notifications` whenever a player
reports its timeline. Frames carry no address, so they only tell PlexGeo *when* to fetch
the sessions; the fetch itself is the same as a poll's. Everything here is pure: parsing
and the rule that decides whether a frame is worth a fetch.

Real frames look like this (a `playing` notification; other types are ignored):
    {"NotificationContainer": {"type": "playing", "size": 1,
      "PlaySessionStateNotification": [{"sessionKey": "84", "clientIdentifier": "...",
        "guid": "", "ratingKey": "1337", "url": "", "key": "/library/metadata/1337",
        "viewOffset": 1000, "playQueueItemID": 22631, "state": "playing"}]}}
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
import json
from typing import Any

WEBSOCKET_PATH = "/:/websockets/notifications"
# Longest key kept from a frame; Plex's session and rating keys are short numbers.
_MAX_KEY = 64
# A flood of made-up session keys must not grow memory without bound.
MAX_ASKED = 1024
# The fetch waits for a quiet moment (a stream's start comes as several notifications),
# but never longer than MAX_WAIT after the first request: a burst of a second is one
# fetch, and an alert follows a stream's start within two seconds even during a flood.
QUIET_SECONDS = 0.5
MAX_WAIT_SECONDS = 1.5


class GarbledNotification(ValueError):
    """A frame that is not a Plex notification (not JSON, or not the expected shape)."""


class NotifiedState(StrEnum):
    """A session's state as a notification reports it."""

    PLAYING = "playing"
    PAUSED = "paused"
    BUFFERING = "buffering"
    STOPPED = "stopped"


_STATES = {state.value: state for state in NotifiedState}


@dataclass(frozen=True, slots=True)
class PlayNotification:
    """One `PlaySessionStateNotification` entry."""

    session_key: str
    rating_key: str | None
    state: NotifiedState


def _key(value: Any) -> str | None:
    """A session or rating key as text: Plex sends strings, some builds numbers."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    text = str(value).strip()
    return text[:_MAX_KEY] if text and text.isprintable() else None


def _entry(raw: Any) -> PlayNotification | None:
    if not isinstance(raw, Mapping):
        return None
    session_key = _key(raw.get("sessionKey"))
    state = raw.get("state")
    if session_key is None or not isinstance(state, str) or state not in _STATES:
        return None
    rating_key = _key(raw.get("ratingKey"))
    if rating_key is None and isinstance(key := raw.get("key"), str):
        rating_key = _key(key.rsplit("/", 1)[-1])
    return PlayNotification(session_key, rating_key, _STATES[state])


def parse_frame(text: str | bytes) -> list[PlayNotification]:
    """The play-state notifications in one frame; [] for other notification types.

    Raises GarbledNotification when the frame is not a notification at all. Entries without
    a session key or with an unknown state are skipped, the rest of the frame is kept.
    """
    try:
        message = json.loads(text)
    except (ValueError, RecursionError) as err:
        raise GarbledNotification("not JSON") from err
    container = message.get("NotificationContainer") if isinstance(message, dict) else None
    if not isinstance(container, dict) or not isinstance(container.get("type"), str):
        raise GarbledNotification("no NotificationContainer")
    if container["type"] != "playing":
        return []
    entries = container.get("PlaySessionStateNotification")
    if not isinstance(entries, list):
        raise GarbledNotification("playing notification without entries")
    return [note for raw in entries if (note := _entry(raw)) is not None]


def live_keys(stream_session_keys: Iterable[str]) -> dict[str, set[str]]:
    """Plex session key -> rating keys, from streams' `sessionKey/sessionId/ratingKey` keys."""
    keys: dict[str, set[str]] = {}
    for composite in stream_session_keys:
        session_key, _, rest = composite.partition("/")
        keys.setdefault(session_key, set()).add(rest.rpartition("/")[2])
    return keys


class FetchRule:
    """Decides which notifications are worth a sessions fetch.

    A fetch is due when a notification names a viewing the last fetch did not list (a new
    stream, or a new item on the same session) or says a known session stopped. Progress
    and pause reports of known streams are the poll's business. A session the server
    announces but never lists (a preroll, a photo, a made-up key) asks once, not on every
    notification: it is remembered until it stops.
    """

    def __init__(self) -> None:
        """Nothing asked about yet."""
        self._asked: set[tuple[str, str | None]] = set()

    def wants_fetch(self, notes: Iterable[PlayNotification], live: Mapping[str, set[str]]) -> bool:
        """Whether these notifications call for a fetch, given the live streams' keys."""
        wanted = False
        for note in notes:
            if note.state is NotifiedState.STOPPED:
                asked = {pair for pair in self._asked if pair[0] == note.session_key}
                self._asked -= asked
                wanted |= bool(asked) or note.session_key in live
                continue
            known = live.get(note.session_key)
            if known is not None and (note.rating_key is None or note.rating_key in known):
                continue
            pair = (note.session_key, note.rating_key)
            if pair in self._asked:
                continue
            if len(self._asked) >= MAX_ASKED:
                self._asked.clear()
            self._asked.add(pair)
            wanted = True
        return wanted


class FetchDelay:
    """When a requested fetch is due: after a quiet spell, or at the latest MAX_WAIT on."""

    def __init__(self) -> None:
        """No request pending."""
        self._first: float | None = None
        self._last = 0.0

    @property
    def pending(self) -> bool:
        """Whether a fetch has been requested and not yet started."""
        return self._first is not None

    def request(self, now: float) -> None:
        """A notification asked for a fetch at `now` (a monotonic clock)."""
        if self._first is None:
            self._first = now
        self._last = now

    def due(self) -> float:
        """When the fetch should start; only meaningful while `pending`."""
        first = self._last if self._first is None else self._first
        return min(self._last + QUIET_SECONDS, first + MAX_WAIT_SECONDS)

    def start(self) -> None:
        """The fetch starts: requests from now on are for the next one."""
        self._first = None
