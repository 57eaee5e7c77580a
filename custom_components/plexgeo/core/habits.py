"""Opt-in alerts about a user's habits: too many streams at once, a new device, a new network.

Each is off unless its option is set. The user's devices and networks, with when each
was last used, are kept by the store; the engine records a stream's device when it
starts and its network when it is located, after these checks have judged it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from .anomaly import Candidate, base_alert
from .household import Place, network_key
from .models import Alert, AlertKind, LocationStatus, Stream

if TYPE_CHECKING:
    from .settings import AlertSettings
    from .store import HistoryStore


def _alert(kind: AlertKind, stream: Stream, settings: AlertSettings, now: datetime) -> Alert:
    """An alert about a stream, placed where the stream is as far as is known."""
    location, home = stream.location, settings.home
    if location is not None:
        place = Place(
            location.country_code,
            location.country_name,
            location.city,
            location.latitude,
            location.longitude,
            0.0,
        )
    elif home is not None and stream.location_status is LocationStatus.LOCAL:
        code = home.country_code
        place = Place(code, code, None, home.latitude, home.longitude, 0.0)
    else:
        place = Place("", "", None, 0.0, 0.0, 0.0)
    return base_alert(kind, stream, place, now)


def stream_limit(store: HistoryStore, user_id: str, settings: AlertSettings) -> int:
    """The user's concurrent-stream limit: their own, else the server's (0: none)."""
    own = store.stream_limit(user_id)
    return settings.concurrent_streams_limit if own is None else own


def concurrent_streams(
    store: HistoryStore,
    stream: Stream,
    live: Sequence[Stream],
    settings: AlertSettings,
    now: datetime,
) -> Candidate | None:
    """A new stream takes the user over their limit of streams at once."""
    user_id = stream.snapshot.user_id
    mine = [s for s in live if s.snapshot.user_id == user_id]
    limit = stream_limit(store, user_id, settings) if len(mine) > 1 else 0
    if limit <= 0 or len(mine) <= limit:
        return None
    alert = replace(
        _alert(AlertKind.CONCURRENT_STREAMS, stream, settings, now),
        stream_count=len(mine),
        session_count=limit,
    )
    # One alert while the user stays over the limit: since their oldest live stream began.
    since = min(s.started_at for s in mine)
    return Candidate(alert, AlertKind.CONCURRENT_STREAMS.value, since=since)


def new_device(
    store: HistoryStore, stream: Stream, settings: AlertSettings, now: datetime
) -> Candidate | None:
    """The user's first stream from a device (Plex's machine identifier)."""
    if not settings.new_device_alerts:
        return None
    snapshot = stream.snapshot
    any_device, last_used = store.device_use(snapshot.user_id, snapshot.player_machine_id)
    # A user's very first stream has nothing to compare with: no alert.
    if not any_device or last_used is not None:
        return None
    alert = replace(
        _alert(AlertKind.NEW_DEVICE, stream, settings, now),
        device=snapshot.player_title or snapshot.player_product,
    )
    return Candidate(alert, f"{AlertKind.NEW_DEVICE.value}:{snapshot.player_machine_id}")


def stream_network(store: HistoryStore, stream: Stream, settings: AlertSettings) -> str | None:
    """The key a stream's network is kept under: its ASN, else its prefix's keyed hash
    (an address prefix is personal data: it never reaches the file in clear)."""
    if stream.location_status is not LocationStatus.KNOWN:
        return None
    key = network_key(
        stream.snapshot.ip_address, stream.location, settings.ipv4_prefix, settings.ipv6_prefix
    )
    if key is None or key.startswith("AS"):
        return key
    return f"net:{store.address_hash(key)}"


def new_network(
    store: HistoryStore, stream: Stream, key: str | None, settings: AlertSettings, now: datetime
) -> Candidate | None:
    """The user's first stream from a network (`key`, the stream's `stream_network`: ASN,
    or /24 or /64 without one) in the look-back window. Trusted networks never alert."""
    if key is None or not settings.new_network_alerts:
        return None
    if settings.is_trusted_address(stream.snapshot.ip_address):
        return None
    any_network, last_used = store.network_use(stream.snapshot.user_id, key)
    since = stream.started_at - timedelta(days=settings.lookback_days)
    if not any_network or (last_used is not None and last_used >= since):
        return None
    alert = replace(
        _alert(AlertKind.NEW_NETWORK, stream, settings, now),
        device=stream.location.isp if stream.location is not None else None,
    )
    return Candidate(alert, f"{AlertKind.NEW_NETWORK.value}:{key}")
