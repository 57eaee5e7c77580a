"""The history store: one SQLite file per Plex server with streams, geolocation cache,
alerts and trusted countries.

Synchronous and thread-safe: the HA layer calls every method through the executor. One
write connection behind a lock is the only writer; a second, read-only connection serves
queries beside it (WAL lets readers run while the writer commits).

Addresses never reach the file in clear: streams refer to an `addresses` row holding the
Fernet token and the keyed hash. Streams read back carry `ip_hash` and a snapshot whose
`ip_address` is None; only `stream_address`, `pending_streams` and `stream_log` decrypt.
Times are stored as epoch seconds, so they come back truncated to the second.

The package is split by role, as Home Assistant's recorder is: `files` (open, WAL,
recovery, error mapping), `sql` (statement text), `codecs` (rows and times), `rollups`
(day windows and rollup counts), `refs` (the lookup-table id cache), `core` (connections
and transactions), then one mixin per role that `HistoryStore` joins: `streams`, `log`,
`reports`, `geocache`, `detector`, `household`, `alerts`, `retention`.
"""

from __future__ import annotations

from ..crypto import KeyMaterial
from .alerts import AlertsAndTrust
from .codecs import stored_location
from .detector import DetectorQueries
from .geocache import GeoCache
from .household import HouseholdQueries
from .imports import HistoryImport, ImportBatch, ImportRow
from .log import LogFilter, StreamLog
from .records import (
    CountryCount,
    DayCount,
    LocationOutcome,
    NewStream,
    PlaceCount,
    PlacedStream,
    StoreStats,
    StreamUpdate,
    Trends,
    UnknownStream,
    UserActivity,
    UserCount,
    UserOverview,
)
from .reports import PanelReports
from .retention import Retention
from .streams import StreamLifecycle

__all__ = [
    "CountryCount",
    "DayCount",
    "HistoryStore",
    "ImportBatch",
    "ImportRow",
    "KeyMaterial",
    "LocationOutcome",
    "LogFilter",
    "NewStream",
    "PlaceCount",
    "PlacedStream",
    "StoreStats",
    "StreamUpdate",
    "Trends",
    "UnknownStream",
    "UserActivity",
    "UserCount",
    "UserOverview",
    "stored_location",
]


class HistoryStore(
    HistoryImport,  # extends StreamLifecycle, so it comes first
    StreamLifecycle,
    StreamLog,
    PanelReports,
    GeoCache,
    DetectorQueries,
    HouseholdQueries,
    AlertsAndTrust,
    Retention,
):
    """Streams, geolocation cache, alerts and trust for one Plex server, in one SQLite file."""
