"""Row codecs and time helpers: records to and from the store's rows, epoch seconds and
the rollups' day and month numbers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
import math
from typing import Any, NamedTuple

from .. import schema
from ..models import Alert, AlertKind, Location, LocationStatus, Stream, StreamSnapshot
from . import sql

DAY = 86400
EPOCH = date(1970, 1, 1)
MEDIA_TYPES = {code: value for value, code in schema.MEDIA_TYPE_CODES.items()}
STATES = {code: value for value, code in schema.STATE_CODES.items()}
RULES = {code: value for value, code in schema.ADDRESS_RULE_CODES.items()}
STATUSES = {code: value for value, code in schema.LOCATION_STATUS_CODES.items()}


class SnapshotRefs(NamedTuple):
    """A snapshot's lookup-table rows, address hash and flags."""

    user: int
    player: int
    media: int
    address: int | None
    ip_hash: str | None
    network: int | None
    transcode: int | None
    flags: int
    resolution: int | None = None


def epoch_seconds(at: datetime) -> float:
    if at.tzinfo is None:
        raise ValueError("datetimes given to the store must be timezone-aware")
    return at.timestamp()


def floor_seconds(at: datetime) -> int:
    return math.floor(epoch_seconds(at))


def ceil_seconds(at: datetime) -> int:
    # Stored times are whole seconds: "t >= x" and "t < x" hold exactly for t >= ceil(x)
    # and t < ceil(x), so sub-second bounds keep their meaning.
    return math.ceil(epoch_seconds(at))


def from_epoch(value: int) -> datetime:
    return datetime.fromtimestamp(value, UTC)


def from_epoch_or_none(value: int | None) -> datetime | None:
    return None if value is None else from_epoch(value)


def tristate(value: int | None) -> bool | None:
    return None if value is None else bool(value)


row_key = schema.row_key


def day_of(seconds: int) -> int:
    """The rollups' day number of a time: SQLite's integer division truncates to zero."""
    return seconds // DAY if seconds >= 0 else -(-seconds // DAY)


def stored_location(location: Location | None) -> Location | None:
    """A location as the store gives it back: looked-up time truncated to the second."""
    if location is None or not location.looked_up_at.microsecond:
        return location
    return replace(location, looked_up_at=from_epoch(floor_seconds(location.looked_up_at)))


def day_date(day: int) -> date:
    return EPOCH + timedelta(days=day)


def month_of(day: int) -> int:
    """Months since January 1970 of a day number (as schema's triggers compute it)."""
    found = day_date(day)
    return (found.year - 1970) * 12 + found.month - 1


def month_start(month: int) -> int:
    """The day number of a month's first day."""
    year, index = divmod(month, 12)
    return (date(1970 + year, index + 1, 1) - EPOCH).days


def like_pattern(text: str) -> str:
    """A LIKE pattern matching `text` anywhere, with its wildcards taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def insert_row(
    stream_id: int,
    snapshot: StreamSnapshot,
    refs: SnapshotRefs,
    *,
    started: int,
    last_seen: int,
    status: LocationStatus,
    location_ref: int | None,
    country_ref: int | None,
    flags: int,
) -> tuple[object, ...]:
    """The parameters of `sql.INSERT_STREAM` for a new stream."""
    return (
        stream_id,
        snapshot.session_key,
        refs.user,
        refs.player,
        refs.media,
        refs.address,
        location_ref,
        country_ref,
        refs.network,
        refs.transcode,
        started,
        last_seen,
        schema.STATE_CODES[snapshot.state],
        schema.LOCATION_STATUS_CODES[status],
        schema.ADDRESS_RULE_CODES[snapshot.address_rule],
        flags,
        snapshot.progress_ms,
        snapshot.bandwidth_kbps,
        refs.resolution,
        snapshot.bitrate_kbps,
    )


def update_row(
    snapshot: StreamSnapshot, refs: SnapshotRefs, seen: int, stream_id: int
) -> tuple[object, ...]:
    """The parameters of `sql.UPDATE_STREAM` for one later sighting of a stream."""
    return (
        snapshot.session_key,
        refs.user,
        refs.player,
        refs.media,
        refs.address,
        refs.network,
        refs.transcode,
        seen,
        schema.STATE_CODES[snapshot.state],
        schema.ADDRESS_RULE_CODES[snapshot.address_rule],
        refs.flags,
        snapshot.progress_ms,
        snapshot.bandwidth_kbps,
        refs.resolution,
        snapshot.bitrate_kbps,
        stream_id,
    )


def check_location(status: LocationStatus, location: Location | None) -> None:
    if (status is LocationStatus.KNOWN) != (location is not None):
        raise ValueError("a location is given exactly when the status is KNOWN")


def snapshot_flags(snapshot: StreamSnapshot) -> int:
    flags = schema.FLAG_LOCAL if snapshot.local else 0
    if snapshot.relayed:
        flags |= schema.FLAG_RELAYED
    if snapshot.secure is not None:
        flags |= schema.FLAG_SECURE_KNOWN
        if snapshot.secure:
            flags |= schema.FLAG_SECURE
    return flags


def location_from(row: Sequence[Any]) -> Location:
    """The location a row of `sql.LOCATION_COLUMNS` holds."""
    return _location(tuple(row))


# Keyed by the row's whole content, so never stale: a user's places recur in every check
# of theirs and on every page of the stream log, and building the frozen record (17
# fields) cost more than reading its row.
@lru_cache(maxsize=2048)
def _location(row: tuple[Any, ...]) -> Location:
    return Location(
        country_code=row[0],
        country_name=row[1],
        region=row[2],
        city=row[3],
        latitude=row[4],
        longitude=row[5],
        timezone=row[6],
        isp=row[7],
        org=row[8],
        asn=row[9],
        mobile=tristate(row[10]),
        proxy=tristate(row[11]),
        hosting=tristate(row[12]),
        provider=row[13],
        accuracy_km=row[14],
        precision=row[15],
        looked_up_at=from_epoch(row[16]),
    )


def stream_from(row: Sequence[Any], server_id: str, address: str | None = None) -> Stream:
    flags = row[20]
    snapshot = StreamSnapshot(
        session_key=row[1],
        user_id=row[2],
        user_name=row[3],
        player_title=row[4],
        player_product=row[5],
        player_platform=row[6],
        player_device=row[7],
        player_machine_id=row[8],
        media_type=MEDIA_TYPES[row[9]],
        title=row[10],
        grandparent_title=row[11],
        parent_title=row[12],
        parent_index=row[13],
        index=row[14],
        year=row[15],
        state=STATES[row[16]],
        progress_ms=row[17],
        duration_ms=row[18],
        bandwidth_kbps=row[19],
        local=bool(flags & schema.FLAG_LOCAL),
        relayed=bool(flags & schema.FLAG_RELAYED),
        secure=bool(flags & schema.FLAG_SECURE) if flags & schema.FLAG_SECURE_KNOWN else None,
        network=row[21],
        transcode_decision=row[22],
        ip_address=address,
        address_rule=RULES[row[23]],
        resolution=row[sql.STREAM_QUALITY_AT],
        bitrate_kbps=row[sql.STREAM_QUALITY_AT + 1],
    )
    return Stream(
        stream_id=row[0],
        server_id=server_id,
        snapshot=snapshot,
        started_at=from_epoch(row[25]),
        last_seen=from_epoch(row[26]),
        ended_at=from_epoch_or_none(row[27]),
        location_status=STATUSES[row[28]],
        location=(
            None
            if row[sql.STREAM_LOCATION_AT] is None
            else location_from(row[sql.STREAM_LOCATION_AT : sql.STREAM_TOKEN_AT])
        ),
        ip_hash=None if row[24] is None else bytes(row[24]).hex(),
    )


def alert_from(row: Sequence[Any]) -> Alert:
    return Alert(
        alert_id=row[0],
        kind=AlertKind(row[1]),
        stream_id=row[2],
        user_id=row[3],
        user_name=row[4],
        created_at=from_epoch(row[5]),
        country_code=row[6],
        country_name=row[7],
        city=row[8],
        latitude=row[9],
        longitude=row[10],
        share=row[11],
        session_count=row[12],
        previous_country_code=row[13],
        previous_country_name=row[14],
        previous_city=row[15],
        distance_km=row[16],
        speed_kmh=row[17],
        media_title=row[18],
        player=row[19],
        acknowledged_at=from_epoch_or_none(row[20]),
        acknowledged_by=row[21],
        other_stream_id=row[22],
        network_type=row[23],
        seconds_apart=row[24],
        stream_count=row[25],
        device=row[26],
    )
