"""Panel reports: the users list, one user's activity, and trends over a time range."""

from __future__ import annotations

from datetime import datetime
import heapq
import json
import sqlite3
from typing import Any

from ..models import Location
from ..wire import LastLocation, UserSummary
from . import sql
from .codecs import DAY, ceil_seconds, day_date, floor_seconds, from_epoch, location_from
from .core import StoreCore
from .records import (
    CountryCount,
    DayCount,
    PlaceCount,
    Trends,
    UserActivity,
    UserCount,
    UserOverview,
)
from .rollups import day_window, month_split, tally

TOP_USERS = 10
_UNACKNOWLEDGED_BY_USER = (
    "SELECT user_id, COUNT(*) FROM alerts WHERE acknowledged_at IS NULL GROUP BY user_id"
)


def _last_location(place: tuple[str, str, str | None, float, float]) -> LastLocation:
    code, name, city, latitude, longitude = place
    return {
        "country_code": code,
        "country_name": name,
        "city": city,
        "latitude": latitude,
        "longitude": longitude,
    }


class PanelReports(StoreCore):
    """What the panel draws: aggregates read from the rollups and the streams."""

    def _country_names(self, conn: sqlite3.Connection, codes: set[str]) -> dict[str, str]:
        rows = conn.execute(sql.COUNTRY_NAMES, (json.dumps(sorted(codes)),)).fetchall()
        return {row[0]: row[1] or row[0] for row in rows}

    def _locations(self, conn: sqlite3.Connection, refs: set[int]) -> dict[int, Location]:
        rows = conn.execute(sql.LOCATION_SELECT, (json.dumps(sorted(refs)),)).fetchall()
        return {int(row[0]): location_from(row[1:]) for row in rows}

    def _labels(self, conn: sqlite3.Connection) -> dict[int, str]:
        # A small vocabulary (network names, transcode decisions, country codes).
        return {int(row[0]): row[1] for row in conn.execute("SELECT id, text FROM labels")}

    def _unacknowledged_by_user(self, conn: sqlite3.Connection) -> dict[str, int]:
        return dict(conn.execute(_UNACKNOWLEDGED_BY_USER).fetchall())

    def user_summaries(self) -> list[UserSummary]:
        """The panel's users list, by name, ready to send: what `users_overview` says,
        with the last place's coordinates only and `last_seen` in ISO 8601."""
        with self._reading() as conn:
            users = conn.execute(sql.USER_SUMMARIES).fetchall()
            refs = json.dumps(sorted({row[4] for row in users if row[4] is not None}))
            places = {
                ref: (code, name, city, latitude, longitude)
                for ref, code, name, city, latitude, longitude in conn.execute(
                    sql.SUMMARY_PLACES, (refs,)
                )
            }
            unacknowledged = self._unacknowledged_by_user(conn)
        users.sort(key=lambda row: (row[1], row[0]))
        return [
            {
                "user_id": plex_id,
                "user_name": name,
                "stream_count": int(total or 0),
                "countries": codes.split("\x1f") if codes else [],
                "last_seen": last_seen,
                "last_location": None if place_ref is None else _last_location(places[place_ref]),
                "unacknowledged_alerts": unacknowledged.get(plex_id, 0),
                "networks": networks,
                "devices": devices,
                "concurrent_peak": peak,
            }
            for plex_id, name, last_seen, total, place_ref, codes, networks, devices, peak in users
        ]

    def users_overview(self) -> list[UserOverview]:
        """Every user with streams on record, by name: totals, countries, last place, and
        how many networks and devices they used."""
        with self._reading() as conn:
            users = conn.execute(sql.USERS_OVERVIEW).fetchall()
            # SQLite orders the countries (most streams first, then code): sorting 4,600
            # (count, code) tuples in Python was a third of the list's time at 1M streams.
            countries: dict[int, list[str]] = {}
            for user_ref, code in conn.execute(sql.USER_COUNTRIES):
                countries.setdefault(user_ref, []).append(code)
            unacknowledged = self._unacknowledged_by_user(conn)
            # Distinct networks and devices: one row each in the household tables, read
            # in their primary key's order (no stream).
            networks = dict(conn.execute(sql.USER_NETWORK_COUNTS).fetchall())
            devices = dict(conn.execute(sql.USER_DEVICE_COUNTS).fetchall())
        return [
            UserOverview(
                user_id=plex_id,
                user_name=name,
                stream_count=int(total or 0),
                countries=tuple(countries.get(ref, ())),
                last_seen=from_epoch(last_seen),
                last_location=None if place[0] is None else location_from(place),
                unacknowledged_alerts=int(unacknowledged.get(plex_id, 0)),
                networks=int(networks.get(ref, 0)),
                devices=int(devices.get(ref, 0)),
                concurrent_peak=int(peak),
            )
            for ref, plex_id, name, last_seen, total, peak, location_ref, *place in users
        ]

    def user_activity(self, user_id: str, since: datetime) -> UserActivity | None:
        """The user's streams started on or after the UTC day of `since`; None if unknown."""
        first_day = max(floor_seconds(since), 0) // DAY
        with self._reading() as conn:
            user = conn.execute(
                "SELECT id, name, concurrent_peak FROM users WHERE plex_id = ?", (user_id,)
            ).fetchone()
            if user is None:
                return None
            ref = int(user[0])
            days = conn.execute(
                "SELECT day, SUM(count) FROM user_days WHERE user_ref = ? AND day >= ?"
                " GROUP BY day ORDER BY day",
                (ref, first_day),
            ).fetchall()
            by_country = conn.execute(
                "SELECT l.text, SUM(d.count) FROM user_days AS d JOIN labels AS l"
                " ON l.id = d.country_ref WHERE d.user_ref = ? AND d.day >= ?"
                " AND d.country_ref != 0 GROUP BY d.country_ref",
                (ref, first_day),
            ).fetchall()
            names = self._country_names(conn, {row[0] for row in by_country})
            start = first_day * DAY
            per_location = conn.execute(sql.USER_PLACES, (ref, start, start)).fetchall()
            locations = self._locations(conn, {row[0] for row in per_location})
        places: dict[tuple[object, ...], tuple[Location, int]] = {}
        # Ascending location ids: the newest row of a dot stands for it.
        for location_ref, count in sorted(per_location):
            location = locations[location_ref]
            # Places differing only in provider details (ISP...) make one dot on the map.
            key = (location.country_code, location.city, location.latitude, location.longitude)
            known = places.get(key)
            places[key] = (location, count + (known[1] if known else 0))
        return UserActivity(
            user_id=user_id,
            user_name=user[1],
            concurrent_peak=int(user[2]),
            days=tuple((day_date(day), int(count)) for day, count in days),
            countries=tuple(
                sorted(
                    (CountryCount(code, names[code], int(count)) for code, count in by_country),
                    key=lambda c: (-c.count, c.country_code),
                )
            ),
            places=tuple(
                PlaceCount(location, count)
                for location, count in sorted(
                    places.values(), key=lambda p: (-p[1], p[0].country_code, p[0].city or "")
                )
            ),
        )

    def trends(self, since: datetime, until: datetime) -> Trends:
        """Streams started in [since, until): whole UTC days from the rollups, the partial
        days at either end from the streams themselves, so every count is exact."""
        lower = max(ceil_seconds(since), 0)
        window = day_window(lower, max(ceil_seconds(until), lower))
        months, day_ranges = month_split(window.first_day, window.end_day)
        per_day: dict[tuple[int, int], int] = {}
        countries: dict[int, int] = {}
        users: dict[str, list[Any]] = {}
        network = [0, 0, 0]  # wan, lan, wan placed in a country
        with self._reading() as conn:
            for day, country_ref, local, count in conn.execute(
                "SELECT day, country_ref, local, SUM(count) FROM country_days"
                " WHERE day >= ? AND day < ? GROUP BY day, country_ref, local",
                (window.first_day, window.end_day),
            ):
                tally(per_day, countries, network, day, country_ref, local, count)
            for plex_id, name, count in conn.execute(
                sql.USER_TOTALS, (*months, *day_ranges[0], *day_ranges[1])
            ):
                users[plex_id] = [name, count]
            for start, end in window.edges:
                for started, country_ref, flags, plex_id, name in conn.execute(
                    "SELECT s.started_at, s.country_ref, s.flags, u.plex_id, u.name"
                    " FROM streams AS s JOIN users AS u ON u.id = s.user_ref"
                    " WHERE s.started_at >= ? AND s.started_at < ?",
                    (start, end),
                ):
                    tally(per_day, countries, network, started // DAY, country_ref, flags & 1, 1)
                    users.setdefault(plex_id, [name, 0])[1] += 1
            labels = self._labels(conn)
            names = self._country_names(conn, {labels[ref] for ref in countries})
        top = heapq.nsmallest(
            TOP_USERS,
            ((-int(count), plex_id, name) for plex_id, (name, count) in users.items() if count),
        )
        return Trends(
            per_day=tuple(
                DayCount(day_date(day), labels[ref], count)
                for (day, ref), count in sorted(per_day.items())
            ),
            countries=tuple(
                sorted(
                    (CountryCount(labels[r], names[labels[r]], n) for r, n in countries.items()),
                    key=lambda c: (-c.count, c.country_code),
                )
            ),
            users=tuple(UserCount(plex_id, name, -count) for count, plex_id, name in top),
            lan=network[1],
            wan=network[0],
            located=network[2],
        )
