"""Logbook lines for PlexGeo's bus events: "carol streamed from Tokyo while also streaming
from New York".

User names, titles, players and place names are untrusted: the logbook shows them as text,
but a name could still carry line breaks, bidirectional overrides that reverse what follows,
or a few kilobytes of padding. `_plain` makes each one a short single line. Events stay in
the recorder across upgrades, so a missing field gets a neutral word, never a KeyError.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
import re
from typing import Any

from homeassistant.components.logbook.const import LOGBOOK_ENTRY_MESSAGE, LOGBOOK_ENTRY_NAME
from homeassistant.core import Event, HomeAssistant, callback

from .const import DOMAIN, EVENT_ANOMALY, EVENT_STREAM_ENDED, EVENT_STREAM_STARTED
from .core.household import format_apart

MAX_TEXT = 80
# C0/C1 controls, line and paragraph separators, bidi embeddings/overrides/isolates and
# zero-width characters.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]+")
_SPACES = re.compile(r"\s{2,}")

type Describe = Callable[[Event], dict[str, str]]


def _plain(value: Any, fallback: str = "unknown") -> str:
    """Untrusted text as one short line; not a string or empty: `fallback`."""
    if not isinstance(value, str):
        return fallback
    text = _SPACES.sub(" ", _UNSAFE.sub(" ", value)).strip()
    if not text:
        return fallback
    return text if len(text) <= MAX_TEXT else f"{text[: MAX_TEXT - 1].rstrip()}…"


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _place(city: Any, country: Any) -> str:
    """ "Tokyo, Japan", "Japan", or "an unknown place"."""
    country_text = _plain(country, "")
    city_text = _plain(city, "")
    if city_text and country_text and city_text != country_text:
        return f"{city_text}, {country_text}"
    return city_text or country_text or "an unknown place"


def _where(data: Mapping[str, Any]) -> str:
    """Where a stream is: its place, or its network when it has none."""
    if data.get("local") is True:
        return "the local network"
    if data.get("city") or data.get("country_name"):
        return _place(data.get("city"), data.get("country_name"))
    return "an unlocated address"


def describe_alert(data: Mapping[str, Any]) -> str:
    """What a `plexgeo_anomaly` says, after the user's name."""
    kind = data.get("kind")
    here = _place(data.get("city"), data.get("country_name"))
    there = _place(data.get("previous_city"), data.get("previous_country_name"))
    title = _plain(data.get("media_title"), "something")
    distance = _number(data.get("distance_km"))
    km = f", {distance:,.0f} km away" if distance is not None else ""
    match kind:
        case "concurrent_locations":
            return f"streamed from {here} while also streaming from {there}{km}"
        case "impossible_travel":
            apart = _number(data.get("seconds_apart"))
            later = f" {format_apart(apart)} later" if apart is not None else ""
            return f"streamed from {there}, then{later} from {here}{km}"
        case "rare_country":
            return f"streamed “{title}” from {here}, a country they rarely stream from"
        case "concurrent_streams":
            count = _number(data.get("stream_count"))
            at_once = f"{count:.0f} streams" if count is not None else "more streams"
            return f"played {at_once} at once, over their limit"
        case "new_device":
            device = _plain(data.get("device") or data.get("player"), "an unknown device")
            return f"streamed “{title}” on a new device, {device}"
        case "new_network":
            return f"streamed “{title}” from a network they had not used, in {here}"
        case _:
            return f"raised a PlexGeo alert ({_plain(kind)})"


def describe_stream(data: Mapping[str, Any], *, started: bool) -> str:
    """What a stream start or end says, after the user's name."""
    title = _plain(data.get("title"), "something")
    player = _plain(data.get("player"), "an unknown player")
    if started:
        return f"started “{title}” on {player} from {_where(data)}"
    return f"stopped “{title}” on {player}"


def _entry(describe: Callable[[Mapping[str, Any]], str]) -> Describe:
    @callback
    def logbook_entry(event: Event) -> dict[str, str]:
        data = event.data
        return {
            LOGBOOK_ENTRY_NAME: _plain(data.get("user_name"), "A Plex user"),
            LOGBOOK_ENTRY_MESSAGE: describe(data),
        }

    return logbook_entry


@callback
def async_describe_events(
    hass: HomeAssistant,
    async_describe_event: Callable[[str, str, Describe], None],
) -> None:
    """Teach the logbook PlexGeo's three events."""
    async_describe_event(DOMAIN, EVENT_ANOMALY, _entry(describe_alert))
    async_describe_event(
        DOMAIN, EVENT_STREAM_STARTED, _entry(lambda data: describe_stream(data, started=True))
    )
    async_describe_event(
        DOMAIN, EVENT_STREAM_ENDED, _entry(lambda data: describe_stream(data, started=False))
    )
