"""Records that cross layers: Plex streams, locations and alerts.

Plain frozen dataclasses; nothing here knows about Home Assistant or SQLite.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class MediaType(StrEnum):
    """What is being played."""

    MOVIE = "movie"
    EPISODE = "episode"
    TRACK = "track"
    LIVE_TV = "live_tv"
    CLIP = "clip"
    PHOTO = "photo"
    OTHER = "other"


class PlaybackState(StrEnum):
    """The player's state as Plex reports it."""

    PLAYING = "playing"
    PAUSED = "paused"
    BUFFERING = "buffering"
    UNKNOWN = "unknown"


class AddressRule(StrEnum):
    """Which rule chose a stream's IP address (or why there is none to locate)."""

    LAN = "lan"  # local session: Local Network, never geolocated
    REMOTE_PUBLIC_ADDRESS = "remote_public_address"  # Player.remotePublicAddress
    PLAYER_ADDRESS = "player_address"  # Player.address (public)
    RELAYED = "relayed"  # relayed through plex.tv, no public address seen
    NO_PUBLIC_ADDRESS = "no_public_address"  # remote, but neither address is public


class LocationStatus(StrEnum):
    """Where a stream's location lookup stands."""

    LOCAL = "local"  # Local Network: never looked up
    UNKNOWN = "unknown"  # relayed or no public address: never looked up
    PENDING = "pending"  # public address, lookup not done yet (or failed, retried later)
    KNOWN = "known"  # located
    FAILED = "failed"  # the provider said it cannot locate this address


class AlertKind(StrEnum):
    """The anomaly detectors."""

    RARE_COUNTRY = "rare_country"
    IMPOSSIBLE_TRAVEL = "impossible_travel"
    CONCURRENT_LOCATIONS = "concurrent_locations"
    CONCURRENT_STREAMS = "concurrent_streams"
    NEW_DEVICE = "new_device"
    NEW_NETWORK = "new_network"


# Trusting a country only silences rare-country alerts: the repair issue and the panel
# offer it only for these kinds.
TRUSTABLE = frozenset({AlertKind.RARE_COUNTRY})


@dataclass(frozen=True, slots=True)
class Location:
    """Where an IP address is, as a geolocation provider says."""

    country_code: str
    country_name: str
    region: str | None
    city: str | None
    latitude: float
    longitude: float
    timezone: str | None
    isp: str | None
    org: str | None
    asn: str | None
    mobile: bool | None
    proxy: bool | None
    hosting: bool | None
    provider: str
    looked_up_at: datetime
    # How far the true place may be from the point: a radius when the source gives one
    # (MaxMind's accuracy_radius), else the finest level it named (city, region, country).
    accuracy_km: float | None = None
    precision: str | None = None


@dataclass(frozen=True, slots=True)
class StreamSnapshot:
    """One Plex session as one poll saw it: the normalised /status/sessions item."""

    session_key: str
    user_id: str
    user_name: str
    player_title: str
    player_product: str
    player_platform: str
    player_device: str
    player_machine_id: str
    media_type: MediaType
    title: str
    grandparent_title: str | None  # show or artist
    parent_title: str | None  # season or album
    parent_index: int | None  # season number
    index: int | None  # episode or track number
    year: int | None
    state: PlaybackState
    progress_ms: int
    duration_ms: int | None
    bandwidth_kbps: int | None
    local: bool
    relayed: bool
    secure: bool | None
    network: str | None  # Session.location: lan, wan, cellular
    transcode_decision: str | None  # direct play, copy, transcode
    ip_address: str | None  # the address chosen by `address_rule`, normalised
    address_rule: AddressRule
    # The quality delivered: "4K", "1080p", "720p", "576p", "480p" or "SD" (None for
    # audio or when Plex gave nothing usable), and the media's bitrate.
    resolution: str | None = None
    bitrate_kbps: int | None = None

    @property
    def full_title(self) -> str:
        """A readable title: "Show - S01E02 - Title", "Artist - Title" or the title."""
        if self.media_type is MediaType.EPISODE and self.grandparent_title:
            if self.parent_index is not None and self.index is not None:
                return (
                    f"{self.grandparent_title} - "
                    f"S{self.parent_index:02d}E{self.index:02d} - {self.title}"
                )
            return f"{self.grandparent_title} - {self.title}"
        if self.media_type is MediaType.TRACK and self.grandparent_title:
            return f"{self.grandparent_title} - {self.title}"
        return self.title


@dataclass(frozen=True, slots=True)
class Stream:
    """A viewing: a snapshot's content plus its lifecycle and location, as stored."""

    stream_id: int
    server_id: str
    snapshot: StreamSnapshot
    started_at: datetime
    last_seen: datetime
    ended_at: datetime | None
    location_status: LocationStatus
    location: Location | None
    ip_hash: str | None  # keyed hash of the address, never the address itself


@dataclass(frozen=True, slots=True)
class Alert:
    """An anomaly raised for one stream."""

    alert_id: int
    kind: AlertKind
    stream_id: int
    user_id: str
    user_name: str
    created_at: datetime
    country_code: str
    country_name: str
    city: str | None
    latitude: float
    longitude: float
    share: float | None  # rare_country: this country's share of the window
    # rare_country: streams with a known country in the window; concurrent_streams: the limit
    session_count: int | None
    previous_country_code: str | None  # travel / concurrent: the other place
    previous_country_name: str | None
    previous_city: str | None
    distance_km: float | None
    speed_kmh: float | None
    media_title: str
    player: str
    acknowledged_at: datetime | None = None
    acknowledged_by: str | None = None
    # The other stream of a pair (travel, sharing): `stream_id` is the one out of place.
    other_stream_id: int | None = None
    network_type: str | None = None  # household.NetworkType of the stream's network
    seconds_apart: float | None = None  # travel: between the two streams; sharing: 0
    stream_count: int | None = None  # concurrent_streams: how many at once
    device: str | None = None  # new_device: the player's name; new_network: the network
