"""The wire contract: the rows the panel receives and the bus carries, as typed dicts.

`frontend/src/types.ts` declares the same shapes for the panel and `frontend/dev/mock-hass.js`
answers with them; tests/test_wire_contract.py holds all three to the same fields.
"""

from __future__ import annotations

from typing import TypedDict


class PushHealth(TypedDict):
    """How a server's notification socket is doing (None until it first tried)."""

    connected: bool
    since: str | None
    notifications: int
    fetches: int
    garbled: int
    connects: int
    last_error: str | None


class ServerState(TypedDict):
    """Whether the last poll of the Plex server worked, for the panel's status line.

    `problem` is the failure's translation key (plex_unreachable, database_unavailable,
    auth_failed), `failing_since` the first failed poll of the current run of failures.
    """

    connected: bool
    problem: str | None
    last_poll: str | None
    last_success: str | None
    failing_since: str | None
    poll_interval: int
    push: PushHealth | None  # Plex's notification socket; None before setup finished


class TautulliSummary(TypedDict, total=False):
    """The last Tautulli import's saved summary ({} when none ran)."""

    phase: str
    rows_read: int
    rows: int
    streams: int
    duplicates: int
    already_live: int
    users: list[str]
    countries: list[str]
    located: int
    not_located: int
    skipped: dict[str, int]
    missing_fields: list[str]


class TautulliImport(TypedDict):
    """A Tautulli import now (its progress while it runs) and the last one's summary."""

    running: bool
    percent: int | None
    phase: str | None
    rows: int
    total_rows: int
    error: str | None
    summary: TautulliSummary


class Attribution(TypedDict):
    """The credit a geolocation data licence asks the panel to show (DB-IP's CC BY 4.0)."""

    text: str
    url: str


class Entry(TypedDict):
    """A loaded server the user may open."""

    entry_id: str
    title: str
    server_id: str | None
    push: PushHealth | None
    attribution: Attribution | None


class _StreamFields(TypedDict):
    """What a stream row and a stream event share."""

    stream_id: int
    started_at: str
    last_seen: str
    ended_at: str | None
    live: bool
    user_id: str
    user_name: str
    media_type: str
    title: str
    player: str
    product: str
    platform: str
    local: bool
    relayed: bool
    network: str | None
    country_code: str | None
    country_name: str | None
    city: str | None
    latitude: float | None
    longitude: float | None
    location_status: str
    duration_s: int
    bandwidth_kbps: int | None
    state: str
    # Where playback is in the item, how long the item is, and Plex's decision:
    # "direct play", "copy" (direct stream) or "transcode" (None when Plex gave none).
    progress_ms: int
    media_duration_ms: int | None
    transcode: str | None
    # The quality delivered: "4K", "1080p", "720p", "576p", "480p", "SD" or None (audio,
    # or not given), and the media's bitrate in kbit/s.
    resolution: str | None
    bitrate_kbps: int | None


class StreamRow(_StreamFields):
    """One stream; `ip` and `provider` (the network's name: the provider's ISP, else its
    organisation) are None unless the caller is an administrator."""

    ip: str | None
    provider: str | None


class _AlertFields(TypedDict):
    """What an alert row and an alert event share."""

    alert_id: int
    kind: str
    stream_id: int
    user_id: str
    user_name: str
    created_at: str
    country_code: str
    country_name: str
    city: str | None
    latitude: float
    longitude: float
    share: float | None
    session_count: int | None
    previous_country_code: str | None
    previous_country_name: str | None
    previous_city: str | None
    distance_km: float | None
    speed_kmh: float | None
    media_title: str
    player: str
    # The household model's evidence (issue 15): the other stream of a pair, the network
    # type of the out-of-place stream, the time between two streams, streams at once and
    # the new device or network.
    other_stream_id: int | None
    network_type: str | None
    seconds_apart: float | None
    stream_count: int | None
    device: str | None


class AlertRow(_AlertFields):
    """One alert."""

    acknowledged_at: str | None
    acknowledged_by: str | None
    # The Home Assistant user's name, for admins (the websocket command resolves it).
    acknowledged_by_name: str | None
    # Whether trusting the alert's country would silence alerts like it.
    trustable: bool


class LastLocation(TypedDict):
    """Where a place is."""

    country_code: str
    country_name: str
    city: str | None
    latitude: float
    longitude: float


class UserSummary(TypedDict):
    """A user in the users list."""

    user_id: str
    user_name: str
    stream_count: int
    countries: list[str]
    last_seen: str | None
    last_location: LastLocation | None
    unacknowledged_alerts: int
    networks: int
    devices: int
    concurrent_peak: int  # the most streams the user had at once


class CountryCount(TypedDict):
    """Streams from one country."""

    country_code: str
    country_name: str
    count: int


class UserLocation(TypedDict):
    """Streams from one place of a user's."""

    country_code: str
    country_name: str
    city: str | None
    latitude: float
    longitude: float
    count: int


class DayCount(TypedDict):
    """Streams on one day."""

    date: str
    count: int


class UserDetail(TypedDict):
    """A user's drill-down."""

    user_id: str
    user_name: str
    countries: list[CountryCount]
    timeline: list[DayCount]
    recent_streams: list[StreamRow]
    locations: list[UserLocation]
    alerts: list[AlertRow]
    trusted_countries: list[str]
    concurrent_peak: int


class HabitFields(TypedDict):
    """When a device or network was first and last used, how often, and where last."""

    first_seen: str
    last_seen: str
    count: int
    country_code: str | None
    country_name: str | None
    city: str | None


class DeviceUse(HabitFields):
    """One of a user's devices (the player as last seen; None once its streams are purged)."""

    player: str | None
    product: str | None
    platform: str | None


class NetworkUse(HabitFields):
    """One of a user's networks: an ASN, or an address prefix known only by its keyed hash."""

    network: str  # "AS15169", or "prefix" (never the prefix's hash)
    name: str | None  # the organisation or ISP there


class UserHabits(TypedDict):
    """A user's devices and networks for the drill-down (admins only)."""

    devices: list[DeviceUse]
    networks: list[NetworkUse]


class DayCountryCount(TypedDict):
    """Streams from one country on one day."""

    date: str
    country_code: str
    count: int


class UserCount(TypedDict):
    """Streams of one user."""

    user_id: str
    user_name: str
    count: int


class Stats(TypedDict):
    """Counts over a time range, for the map and charts."""

    per_day: list[DayCountryCount]
    top_countries: list[CountryCount]
    top_users: list[UserCount]
    lan: int
    wan: int
    located: int  # of the WAN streams, those placed in a country


class StreamPage(TypedDict):
    """A page of the stream log."""

    streams: list[StreamRow]
    next_cursor: str | None


class StreamCount(TypedDict):
    """How many streams a stream-log filter covers (at most a cap, then not exact)."""

    total: int
    exact: bool


class UserList(TypedDict):
    """Every user on record."""

    users: list[UserSummary]


class AlertList(TypedDict):
    """Alerts with the unacknowledged count."""

    alerts: list[AlertRow]
    unacknowledged: int
    # The `before_id` of the next (older) page, None on the last one.
    next_before_id: int | None


class LiveEvent(TypedDict):
    """What a live subscription pushes after a poll."""

    live_streams: list[StreamRow]
    new_alerts: list[AlertRow]
    unacknowledged: int


class StreamEvent(_StreamFields):
    """`plexgeo_stream_started` / `plexgeo_stream_ended`: a stream row without `ip`."""

    entry_id: str


class AlertEvent(_AlertFields):
    """`plexgeo_anomaly`: an alert row as raised (never acknowledged yet)."""

    entry_id: str
