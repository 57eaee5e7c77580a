"""The household model's queries: a user's usual places, devices, networks, stream
limits, and the incidents already raised (the streams around one are in `detector`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from ..migrations import place_row as _place_row
from ..models import Location
from ..schema import HOME_PLACE
from . import sql
from .codecs import (
    ceil_seconds,
    floor_seconds,
    from_epoch,
    location_from,
)
from .core import StoreCore
from .rollups import user_window

# Places: the user's streams in a `rollups.user_window` by usual place (0 is home, their
# LAN streams), whole months and days from the rollups and the partial days at either end
# from the streams themselves; each place with its newest lookup, decoded once.
_STREAMS_PLACED = f"""
    UNION ALL SELECT p, 1 FROM (
        SELECT {_place_row("s")} FROM streams AS s INDEXED BY streams_by_user
        WHERE s.user_ref = (SELECT id FROM u) AND s.started_at >= :{{lower}}
          AND s.started_at < :{{upper}} AND s.location_status IN (1, 4)
          AND s.id IS NOT :exclude)
    WHERE p IS NOT NULL"""  # noqa: S608  (fixed names and parameter names, no value)
_USUAL_PLACES = f"""
WITH u AS (SELECT id FROM users WHERE plex_id = :user), counted (place, n) AS (
    {
    sql.WINDOW_ROLLUP.format(
        key="place_ref", months="user_place_months", days="user_places", where=""
    )
}
    {_STREAMS_PLACED.format(lower="e0", upper="e1")}
    {_STREAMS_PLACED.format(lower="e2", upper="e3")}
    -- The stream left out, when the rollups count it.
    UNION ALL SELECT p, -1 FROM (
        SELECT {_place_row("s")} FROM streams AS s
        WHERE s.id = :exclude AND s.user_ref = (SELECT id FROM u)
          AND s.location_status IN (1, 4) AND s.started_at >= :lo AND s.started_at < :hi)
    WHERE p IS NOT NULL
), places_counted AS (
    SELECT place, SUM(n) AS n FROM counted GROUP BY place HAVING SUM(n) > 0)
SELECT c.place, c.n, {sql.LOCATIONS_L}
FROM places_counted AS c LEFT JOIN places AS l ON l.id = c.place
LEFT JOIN locations AS lk
    ON lk.id = (
        SELECT id FROM locations WHERE place_ref = c.place ORDER BY looked_up_at DESC LIMIT 1)
WHERE c.place = {HOME_PLACE} OR lk.id IS NOT NULL
ORDER BY c.place
"""  # noqa: S608  (fixed names, no value)
# A visit already alerted: the user's latest alert with the key ?2 since ?3 is open, or
# acknowledged with no stream of theirs counted in another country than ?4 since it.
_VISIT_ALERTED = """
SELECT EXISTS (
    SELECT 1 FROM (
        SELECT created_at, acknowledged_at FROM alerts
        WHERE user_id = ?1 AND dedup_key = ?2 AND created_at >= ?3
        ORDER BY created_at DESC, id DESC LIMIT 1) AS a
    WHERE a.acknowledged_at IS NULL OR NOT EXISTS (
        SELECT 1 FROM streams
        WHERE user_ref = (SELECT id FROM users WHERE plex_id = ?1)
          AND started_at > a.created_at AND country_ref IS NOT NULL
          AND country_ref IS NOT (SELECT id FROM labels WHERE text = ?4)))
"""
_COUNTED_COUNTRY = """
UPDATE streams SET country_ref = (SELECT id FROM labels WHERE text = ?)
WHERE id = ? AND country_ref IS NOT (SELECT id FROM labels WHERE text = ?)
"""
_DEVICE_SEEN = """
INSERT INTO user_devices (user_ref, machine_id, first_seen, last_seen, count)
VALUES ((SELECT id FROM users WHERE plex_id = ?1), ?2, ?3, ?3, 1)
ON CONFLICT (user_ref, machine_id) DO UPDATE
SET last_seen = max(last_seen, excluded.last_seen), count = count + 1
"""
_NETWORK_SEEN = _DEVICE_SEEN.replace("user_devices", "user_networks").replace(
    "machine_id", "network"
)

type Habit = tuple[str, str, datetime]  # user id, device or network, when

# A user's devices and networks for the drill-down, most recently used first, each with
# the place of its last use: the user's stream started at that second (streams_by_user).
_DEVICE_USES = """
SELECT d.machine_id, d.first_seen, d.last_seen, d.count, p.title, p.product, p.platform,
    l.country_code, l.country_name, l.city, l.org, l.isp
FROM user_devices AS d
LEFT JOIN streams AS s ON s.id = (
    SELECT s2.id FROM streams AS s2 JOIN players AS p2 ON p2.id = s2.player_ref
    WHERE s2.user_ref = d.user_ref AND s2.started_at = d.last_seen
      AND p2.machine_id = d.machine_id
    LIMIT 1)
LEFT JOIN players AS p ON p.id = s.player_ref
LEFT JOIN locations AS lk ON lk.id = s.location_ref
LEFT JOIN places AS l ON l.id = lk.place_ref
WHERE d.user_ref = (SELECT id FROM users WHERE plex_id = ?)
ORDER BY d.last_seen DESC LIMIT ?
"""
# The network key of a place's ASN ("AS15169 Google LLC" -> "AS15169"), as the schema's.
_ASN_L2 = "upper(substr(l2.asn, 1, instr(l2.asn || ' ', ' ') - 1))"
# A network's place: a located stream of the user's started when the network was last
# seen, on that ASN when the key is one (a prefix key cannot be matched without the address).
_NETWORK_USES = f"""
SELECT n.network, n.first_seen, n.last_seen, n.count, NULL, NULL, NULL,
    l.country_code, l.country_name, l.city, l.org, l.isp
FROM user_networks AS n
LEFT JOIN places AS l ON l.id = (
    SELECT lk2.place_ref FROM streams AS s2 INDEXED BY streams_by_user
    JOIN locations AS lk2 ON lk2.id = s2.location_ref
    JOIN places AS l2 ON l2.id = lk2.place_ref
    WHERE s2.user_ref = n.user_ref AND s2.started_at = n.last_seen
      AND (n.network NOT GLOB 'AS[0-9]*' OR {_ASN_L2} = n.network)
    LIMIT 1)
WHERE n.user_ref = (SELECT id FROM users WHERE plex_id = ?)
ORDER BY n.last_seen DESC LIMIT ?
"""  # noqa: S608  (a fixed expression, no value)


@dataclass(frozen=True, slots=True)
class HabitUse:
    """One of a user's devices or networks: when first and last used, how often, where."""

    key: str  # the device's machine identifier, or the network's key (ASN or prefix hash)
    first_seen: datetime
    last_seen: datetime
    count: int
    player: str | None  # a device's player title, product and platform, from its last use
    product: str | None
    platform: str | None
    country_code: str | None  # the place of the last use (None: LAN, relayed, unlocated)
    country_name: str | None
    city: str | None
    org: str | None  # who runs the network there
    isp: str | None


def _habit_use(row: Sequence[object]) -> HabitUse:
    key, first, last, count, *rest = row
    text = [None if value is None else str(value) for value in rest]
    return HabitUse(
        str(key), from_epoch(int(str(first))), from_epoch(int(str(last))), int(str(count)), *text
    )


class HouseholdQueries(StoreCore):
    """What the detectors read to judge a stream against the user's household."""

    def usual_places(
        self, user_id: str, since: datetime, before: datetime, exclude_stream_id: int
    ) -> list[tuple[Location | None, int]]:
        """The user's places in [since, before) with their stream counts; None is home
        (their LAN streams)."""
        window = user_window(user_id, ceil_seconds(since), ceil_seconds(before), exclude_stream_id)
        with self._reading() as conn:  # one statement: one snapshot
            rows = conn.execute(_USUAL_PLACES, window).fetchall()
        return [
            (None if place == HOME_PLACE else location_from(row), int(count))
            for place, count, *row in rows
        ]

    def visit_alerted(
        self, user_id: str, country_code: str, dedup_key: str, since: datetime
    ) -> bool:
        """Whether the user's visit to a country has alerted: their latest alert with
        `dedup_key` created at or after `since` is still open, or was acknowledged and
        they have not streamed from another country since it was raised."""
        with self._reading() as conn:  # one statement: one snapshot
            row = conn.execute(
                _VISIT_ALERTED, (user_id, dedup_key, ceil_seconds(since), country_code)
            ).fetchone()
        return bool(row[0])

    def set_counted_countries(self, counted: Sequence[tuple[int, str | None]]) -> None:
        """Set the country streams count for (home for LAN streams, none for trusted
        networks); the rollups follow by trigger."""
        if not counted:
            return
        with self._writing() as conn:
            for stream_id, country_code in counted:
                if country_code is not None:
                    self._ids.label(conn, country_code)
                conn.execute(_COUNTED_COUNTRY, (country_code, stream_id, country_code))

    def device_use(self, user_id: str, machine_id: str) -> tuple[bool, datetime | None]:
        """Whether the user has streamed from any device, and when from this one last."""
        return self._last_use("user_devices", "machine_id", user_id, machine_id)

    def network_use(self, user_id: str, network: str) -> tuple[bool, datetime | None]:
        """Whether the user has streamed from any network (ASN or prefix key), and when
        from this one last."""
        return self._last_use("user_networks", "network", user_id, network)

    def _last_use(
        self, table: str, column: str, user_id: str, key: str
    ) -> tuple[bool, datetime | None]:
        with self._reading() as conn:
            row = conn.execute(
                # Fixed table and column names from the two callers above; two probes
                # of the primary key, however many the user has.
                f"""SELECT EXISTS (SELECT 1 FROM {table} WHERE user_ref = u.id),
                    (SELECT last_seen FROM {table} WHERE user_ref = u.id AND {column} = ?2)
                FROM users AS u WHERE u.plex_id = ?1""",  # noqa: S608
                (user_id, key),
            ).fetchone()
        if row is None:
            return False, None
        return bool(row[0]), None if row[1] is None else from_epoch(int(row[1]))

    def habit_uses(self, user_id: str, limit: int) -> tuple[list[HabitUse], list[HabitUse]]:
        """The user's devices and networks, most recently used first, at most `limit` each."""
        with self._reading() as conn:
            devices = conn.execute(_DEVICE_USES, (user_id, limit)).fetchall()
            networks = conn.execute(_NETWORK_USES, (user_id, limit)).fetchall()
        return [_habit_use(r) for r in devices], [_habit_use(r) for r in networks]

    def record_habits(self, *, devices: Sequence[Habit], networks: Sequence[Habit]) -> None:
        """Count a use of each device and network, in one transaction."""
        if not devices and not networks:
            return
        with self._writing() as conn:
            for statement, habits in ((_DEVICE_SEEN, devices), (_NETWORK_SEEN, networks)):
                conn.executemany(
                    statement,
                    [(user, key, floor_seconds(at)) for user, key, at in habits],
                )

    def stream_limit(self, user_id: str) -> int | None:
        """The user's own concurrent-stream limit, or None to use the server's."""
        with self._reading() as conn:
            row = conn.execute(
                "SELECT stream_limit FROM stream_limits WHERE user_id = ?", (user_id,)
            ).fetchone()
        return None if row is None else int(row[0])

    def set_stream_limit(self, user_id: str, limit: int | None) -> None:
        """Set (or with None, clear) the user's own concurrent-stream limit."""
        with self._writing() as conn:
            if limit is None:
                conn.execute("DELETE FROM stream_limits WHERE user_id = ?", (user_id,))
            else:
                conn.execute(
                    "INSERT INTO stream_limits (user_id, stream_limit) VALUES (?, ?)"
                    " ON CONFLICT (user_id) DO UPDATE SET stream_limit = excluded.stream_limit",
                    (user_id, limit),
                )
