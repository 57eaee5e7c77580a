"""The panel's read layer: store queries shaped into the websocket contract's JSON.

Pure functions over a HistoryStore (synchronous: the HA layer runs them in the executor).
The websocket handlers call exactly these, and the benchmark times exactly these.
Addresses are personal data: a row carries `ip` only when the caller says it may.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any, NamedTuple

from .log_search import search_network
from .models import TRUSTABLE, Alert, MediaType, Stream
from .store import CountryCount as StoredCountryCount, HistoryStore, LogFilter
from .store.household import HabitUse
from .wire import (
    AlertList,
    AlertRow,
    CountryCount,
    HabitFields,
    LiveEvent,
    Stats,
    StreamCount,
    StreamPage,
    StreamRow,
    UserDetail,
    UserHabits,
    UserList,
)

DEFAULT_LIMIT = 50
RECENT_STREAMS = 20
USER_ALERTS = 50
USER_HABITS = 100  # devices, and networks, in a drill-down
# Stored times are epoch seconds; a cursor outside this range cannot name a stream.
_MAX_SECONDS = 253_402_300_799  # 9999-12-31T23:59:59Z
_MAX_CURSOR_LENGTH = 64
_OLDEST = "a"  # an oldest-first cursor's mark
# A filtered count stops here: "1,000+" says enough, and bounds the walk (at 1M streams
# a sparse filter walks ~30 ms of log to find 1,000 matches, 10,000 took 120-180 ms).
COUNT_CAP = 1_000
ORDERS = ("newest", "oldest")

type JsonDict = dict[str, Any]


class InvalidCursor(ValueError):
    """A stream-log cursor this code did not issue."""


class UnknownUser(LookupError):
    """No user with this id has streams on record."""


class Cursor(NamedTuple):
    """Where a page of the log ends, and which way the log is walked."""

    at: datetime
    stream_id: int
    oldest_first: bool = False


def encode_cursor(stream: Stream, *, oldest_first: bool = False) -> str:
    """The opaque cursor that continues the log after `stream` (walked either way)."""
    prefix = _OLDEST if oldest_first else ""
    raw = f"{prefix}{int(stream.started_at.timestamp())}:{stream.stream_id}"
    return base64.urlsafe_b64encode(raw.encode("ascii")).decode("ascii")


def decode_cursor(cursor: str) -> Cursor:
    """The place and direction a cursor names; raises InvalidCursor."""
    if not cursor or len(cursor) > _MAX_CURSOR_LENGTH:
        raise InvalidCursor("cursor has the wrong length")
    try:
        raw = base64.urlsafe_b64decode(cursor.encode("ascii")).decode("ascii")
        oldest_first = raw.startswith(_OLDEST)
        seconds_text, id_text = raw.removeprefix(_OLDEST).split(":")
        seconds, stream_id = int(seconds_text), int(id_text)
    except (UnicodeError, binascii.Error, ValueError) as err:
        raise InvalidCursor("cursor is not one PlexGeo issued") from err
    # int() takes "+1", " 1" and "1_0", and base64 skips stray characters: only the
    # canonical form of both is a cursor.
    prefix = _OLDEST if oldest_first else ""
    canonical = base64.urlsafe_b64encode(f"{prefix}{seconds}:{stream_id}".encode("ascii")).decode()
    if cursor != canonical or not 0 <= seconds <= _MAX_SECONDS or stream_id < 1:
        raise InvalidCursor("cursor is not one PlexGeo issued")
    return Cursor(datetime.fromtimestamp(seconds, UTC), stream_id, oldest_first)


def _iso(at: datetime | None) -> str | None:
    return None if at is None else at.isoformat()


def stream_row(stream: Stream, include_ip: bool) -> StreamRow:
    """A stream as the panel's StreamRow; `ip` and `provider` are None unless `include_ip`."""
    snapshot = stream.snapshot
    location = stream.location
    end = stream.ended_at or stream.last_seen
    return {
        "stream_id": stream.stream_id,
        "started_at": stream.started_at.isoformat(),
        "last_seen": stream.last_seen.isoformat(),
        "ended_at": _iso(stream.ended_at),
        "live": stream.ended_at is None,
        "user_id": snapshot.user_id,
        "user_name": snapshot.user_name,
        "media_type": snapshot.media_type.value,
        "title": snapshot.full_title,
        "player": snapshot.player_title,
        "product": snapshot.player_product,
        "platform": snapshot.player_platform,
        "ip": snapshot.ip_address if include_ip else None,
        "provider": (location.isp or location.org) if include_ip and location else None,
        "local": snapshot.local,
        "relayed": snapshot.relayed,
        "network": snapshot.network,
        "country_code": location.country_code if location else None,
        "country_name": location.country_name if location else None,
        "city": location.city if location else None,
        "latitude": location.latitude if location else None,
        "longitude": location.longitude if location else None,
        "location_status": stream.location_status.value,
        "duration_s": max(0, int((end - stream.started_at).total_seconds())),
        "bandwidth_kbps": snapshot.bandwidth_kbps,
        "state": snapshot.state.value,
        "progress_ms": snapshot.progress_ms,
        "media_duration_ms": snapshot.duration_ms,
        "transcode": snapshot.transcode_decision,
        "resolution": snapshot.resolution,
        "bitrate_kbps": snapshot.bitrate_kbps,
    }


def alert_row(alert: Alert) -> AlertRow:
    """An alert as the panel's AlertRow."""
    return {
        "alert_id": alert.alert_id,
        "kind": alert.kind.value,
        "stream_id": alert.stream_id,
        "user_id": alert.user_id,
        "user_name": alert.user_name,
        "created_at": alert.created_at.isoformat(),
        "country_code": alert.country_code,
        "country_name": alert.country_name,
        "city": alert.city,
        "latitude": alert.latitude,
        "longitude": alert.longitude,
        "share": alert.share,
        "session_count": alert.session_count,
        "previous_country_code": alert.previous_country_code,
        "previous_country_name": alert.previous_country_name,
        "previous_city": alert.previous_city,
        "distance_km": alert.distance_km,
        "speed_kmh": alert.speed_kmh,
        "media_title": alert.media_title,
        "player": alert.player,
        "acknowledged_at": _iso(alert.acknowledged_at),
        "acknowledged_by": alert.acknowledged_by,
        "acknowledged_by_name": None,
        "trustable": alert.kind in TRUSTABLE,
        "other_stream_id": alert.other_stream_id,
        "network_type": alert.network_type,
        "seconds_apart": alert.seconds_apart,
        "stream_count": alert.stream_count,
        "device": alert.device,
    }


def _country(count: StoredCountryCount) -> CountryCount:
    return {
        "country_code": count.country_code,
        "country_name": count.country_name,
        "count": count.count,
    }


def log_filter(
    *,
    user_id: str | None = None,
    country: str | None = None,
    network: str | None = None,
    media_type: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    search: str | None = None,
    include_ip: bool = False,
) -> LogFilter:
    """The store filter for the panel's: `network` is "lan" or "wan" (Plex's local flag).

    An admin's search for an address or CIDR range matches addresses (by their keyed
    hashes); anyone else's is text. Raises ValueError for an unknown network or media
    type, InvalidSearch for an address range too wide.
    """
    if network not in (None, "lan", "wan"):
        raise ValueError(f"unknown network {network!r}")
    search = search.strip() if search else None
    address = search_network(search) if search and include_ip else None
    return LogFilter(
        user_id=user_id,
        country_code=country,
        since=since,
        before=until,
        local=None if network is None else network == "lan",
        media_type=None if media_type is None else MediaType(media_type),
        search=None if address is not None else search or None,
        address=address,
    )


def stream_page(
    store: HistoryStore,
    *,
    cursor: str | None = None,
    order: str = "newest",
    limit: int = DEFAULT_LIMIT,
    include_ip: bool = False,
    **filters: Any,
) -> StreamPage:
    """One page of the stream log, newest (or oldest) first: {streams, next_cursor}.

    `filters` are `log_filter`'s. A cursor carries its direction: it must match `order`.
    Raises InvalidCursor for a cursor this code did not issue (or another order's),
    and what `log_filter` raises.
    """
    if order not in ORDERS:
        raise ValueError(f"unknown order {order!r}")
    oldest_first = order == "oldest"
    after = None if cursor is None else decode_cursor(cursor)
    if after is not None and after.oldest_first != oldest_first:
        raise InvalidCursor("cursor continues the log in the other order")
    found = log_filter(include_ip=include_ip, **filters)
    # One extra row tells whether another page follows without a second query.
    streams = store.stream_log(
        user_id=found.user_id,
        country_code=found.country_code,
        since=found.since,
        before=found.before,
        after=None if after is None else (after.at, after.stream_id),
        local=found.local,
        media_type=found.media_type,
        search=found.search,
        address=found.address,
        oldest_first=oldest_first,
        limit=limit + 1,
        addresses=include_ip,
    )
    page = streams[:limit]
    more = len(streams) > limit
    return {
        "streams": [stream_row(stream, include_ip) for stream in page],
        "next_cursor": encode_cursor(page[-1], oldest_first=oldest_first) if more else None,
    }


def stream_count(store: HistoryStore, *, include_ip: bool = False, **filters: Any) -> StreamCount:
    """How many streams `stream_page`'s filters cover: {total, exact}; past COUNT_CAP
    the total is COUNT_CAP and not exact."""
    total, exact = store.count_streams(log_filter(include_ip=include_ip, **filters), COUNT_CAP)
    return {"total": total, "exact": exact}


def user_list(store: HistoryStore) -> UserList:
    """Every user with streams on record, by name: {users}."""
    return {"users": store.user_summaries()}


def user_detail(
    store: HistoryStore, user_id: str, *, now: datetime, days: int, include_ip: bool = False
) -> UserDetail:
    """A user's drill-down over the last `days` UTC days (today included).

    Raises UnknownUser when the user has no streams on record.
    """
    since = now.astimezone(UTC) - timedelta(days=days - 1)
    activity = store.user_activity(user_id, since)
    if activity is None:
        raise UnknownUser(user_id)
    recent = store.stream_log(user_id=user_id, limit=RECENT_STREAMS, addresses=include_ip)
    return {
        "user_id": activity.user_id,
        "user_name": activity.user_name,
        "countries": [_country(count) for count in activity.countries],
        "timeline": [{"date": day.isoformat(), "count": count} for day, count in activity.days],
        "recent_streams": [stream_row(stream, include_ip) for stream in recent],
        "locations": [
            {
                "country_code": place.location.country_code,
                "country_name": place.location.country_name,
                "city": place.location.city,
                "latitude": place.location.latitude,
                "longitude": place.location.longitude,
                "count": place.count,
            }
            for place in activity.places
        ],
        "alerts": [alert_row(a) for a in store.alerts(user_id=user_id, limit=USER_ALERTS)],
        "trusted_countries": sorted(store.trusted_countries(user_id)),
        "concurrent_peak": activity.concurrent_peak,
    }


def _habit(use: HabitUse) -> HabitFields:
    return {
        "first_seen": use.first_seen.isoformat(),
        "last_seen": use.last_seen.isoformat(),
        "count": use.count,
        "country_code": use.country_code,
        "country_name": use.country_name,
        "city": use.city,
    }


def user_habits(store: HistoryStore, user_id: str) -> UserHabits:
    """A user's devices and networks, most recently used first: {devices, networks}."""
    devices, networks = store.habit_uses(user_id, USER_HABITS)
    return {
        "devices": [
            {**_habit(d), "player": d.player, "product": d.product, "platform": d.platform}
            for d in devices
        ],
        "networks": [
            {
                **_habit(n),
                # A prefix's hash says nothing to a person and is not shown.
                "network": n.key if n.key.startswith("AS") else "prefix",
                "name": n.org or n.isp,
            }
            for n in networks
        ],
    }


def trends(store: HistoryStore, *, since: datetime, until: datetime) -> Stats:
    """Streams started in [since, until): per UTC day and country, top countries and
    users, LAN and WAN counts. Streams without a known country count only in lan/wan
    and top_users."""
    found = store.trends(since, until)
    return {
        "per_day": [
            {"date": day.day.isoformat(), "country_code": day.country_code, "count": day.count}
            for day in found.per_day
        ],
        "top_countries": [_country(count) for count in found.countries],
        "top_users": [
            {"user_id": user.user_id, "user_name": user.user_name, "count": user.count}
            for user in found.users
        ],
        "lan": found.lan,
        "wan": found.wan,
        "located": found.located,
    }


def alert_list(
    store: HistoryStore,
    *,
    acknowledged: bool | None = None,
    limit: int = DEFAULT_LIMIT,
    before_id: int | None = None,
) -> AlertList:
    """Alerts newest first, a page at a time: {alerts, unacknowledged, next_before_id}."""
    # One more than asked says whether an older page exists.
    alerts = store.alerts(acknowledged=acknowledged, limit=limit + 1, before_id=before_id)
    page = alerts[:limit]
    return {
        "alerts": [alert_row(a) for a in page],
        "unacknowledged": store.unacknowledged_count(),
        "next_before_id": page[-1].alert_id if len(alerts) > limit else None,
    }


def live_update(
    store: HistoryStore,
    live: Sequence[Stream],
    new_alerts: Sequence[Alert],
    unacknowledged: int,
    *,
    include_ip: bool = False,
) -> LiveEvent:
    """A subscription event from a poll's outcome: {live_streams, new_alerts, unacknowledged}.

    Live streams read back from the store carry no address, so an admin's event looks
    them up; everyone else's never holds one.
    """
    addresses = store.stream_addresses([s.stream_id for s in live]) if include_ip else {}
    rows = []
    for stream in live:
        snapshot = replace(stream.snapshot, ip_address=addresses.get(stream.stream_id))
        rows.append(stream_row(replace(stream, snapshot=snapshot), include_ip))
    return {
        "live_streams": rows,
        "new_alerts": [alert_row(alert) for alert in new_alerts],
        "unacknowledged": unacknowledged,
    }
