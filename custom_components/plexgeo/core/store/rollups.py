"""Rollup arithmetic: the day window a range covers, its split into whole months, and
the counts a batch of new streams adds to the rollup tables."""

from __future__ import annotations

import sqlite3
from typing import NamedTuple

from .. import schema
from ..models import LocationStatus
from . import sql
from .codecs import DAY, day_of, month_of, month_start


class DayWindow(NamedTuple):
    """A range of epoch seconds as whole UTC days [first_day, end_day) counted from the
    rollups, and the partial days at either end counted from the streams themselves."""

    first_day: int
    end_day: int
    edges: list[tuple[int, int]]


def day_window(lower: int, upper: int) -> DayWindow:
    """The whole days and edges of the seconds [lower, upper), `upper` >= `lower`.

    Rollup days are read from day 1 on: day 0 (and month 0) also count the last day of
    1969, as SQLite's division truncates, so times before 86400 are read from the streams.
    """
    first_day = max(-(-lower // DAY), 1)
    end_day = max(upper, 0) // DAY
    if first_day >= end_day:
        return DayWindow(0, 0, [(lower, upper)])
    return DayWindow(first_day, end_day, [(lower, first_day * DAY), (end_day * DAY, upper)])


def month_split(
    first_day: int, end_day: int
) -> tuple[tuple[int, int], tuple[tuple[int, int], tuple[int, int]]]:
    """Split the days [first_day, end_day) into whole months and the days either side."""
    first_month = month_of(first_day)
    if month_start(first_month) != first_day:
        first_month += 1
    end_month = month_of(end_day)
    if first_day >= end_day or first_month >= end_month:
        return (0, 0), ((first_day, end_day), (0, 0))
    return (first_month, end_month), (
        (first_day, month_start(first_month)),
        (month_start(end_month), end_day),
    )


def user_window(user_id: str, lower: int, upper: int, exclude: int | None) -> dict[str, object]:
    """The named parameters of a read of user `user_id`'s rollups over the seconds
    [lower, upper) less stream `exclude`: whole months [:m0, :m1), the days either side
    [:d0, :d1) and [:d2, :d3), the partial days at either end [:e0, :e1) and [:e2, :e3)
    (seconds, from the streams), and [:lo, :hi), the seconds the rollups cover (where
    `exclude` is taken off them)."""
    window = day_window(lower, max(upper, lower))
    (m0, m1), ((d0, d1), (d2, d3)) = month_split(window.first_day, window.end_day)
    (e0, e1), (e2, e3) = [*window.edges, (0, 0)][:2]
    return {
        "user": user_id,
        "m0": m0,
        "m1": m1,
        "d0": d0,
        "d1": d1,
        "d2": d2,
        "d3": d3,
        "e0": e0,
        "e1": e1,
        "e2": e2,
        "e3": e3,
        "exclude": exclude,
        "lo": window.first_day * DAY,
        "hi": window.end_day * DAY,
    }


def tally(  # noqa: PLR0917  (an accumulator, called twice)
    per_day: dict[tuple[int, int], int],
    countries: dict[int, int],
    network: list[int],
    day: int,
    country_ref: int | None,
    local: int,
    count: int,
) -> None:
    network[local] += count
    if country_ref:  # 0 or None: not located, counted only as LAN or WAN
        if not local:  # a remote stream placed in a country (LAN ones count at home)
            network[2] += count
        per_day[day, country_ref] = per_day.get((day, country_ref), 0) + count
        countries[country_ref] = countries.get(country_ref, 0) + count


class BatchCounts:
    """What a batch of inserted streams adds to the rollups and to their users' rows."""

    def __init__(self) -> None:
        self.country_days: dict[tuple[int, int, int], int] = {}
        self.user_days: dict[tuple[int, int, int], int] = {}
        self.user_countries: dict[tuple[int, int], int] = {}
        self.users: dict[int, list[int]] = {}  # user row -> [newest start, streams]
        self.newest_located: dict[int, tuple[int, int, int]] = {}  # -> (seen, id, location)
        self.user_places: dict[tuple[int, int, int], int] = {}  # (user, day, place)

    def add(self, user: int, started: int, country_ref: int | None, local: int) -> None:
        """Count one inserted stream (a bulk import calls this per row: kept lean)."""
        day = day_of(started)
        country = country_ref or 0
        key = (day, country, local)
        self.country_days[key] = self.country_days.get(key, 0) + 1
        user_day = (user, day, country)
        self.user_days[user_day] = self.user_days.get(user_day, 0) + 1
        user_country = (user, country)
        self.user_countries[user_country] = self.user_countries.get(user_country, 0) + 1
        known = self.users.get(user)
        if known is None:
            self.users[user] = [started, 1]
        else:
            known[0] = max(known[0], started)
            known[1] += 1

    def located(self, user: int, seen: int, stream_id: int, location_ref: int) -> None:
        """Note an inserted located stream: it may be its user's last place."""
        known = self.newest_located.get(user)
        if known is None or known[:2] < (seen, stream_id):
            self.newest_located[user] = (seen, stream_id, location_ref)

    def placed(self, user: int, started: int, status: LocationStatus, place: int | None) -> None:
        """Count an inserted stream at its user's place, as `migrations.place_row` places
        a stored one: home for a LAN stream, its lookup's place for a located one."""
        if status is LocationStatus.LOCAL:
            place = schema.HOME_PLACE
        elif status is not LocationStatus.KNOWN or place is None:
            return
        key = (user, day_of(started), place)
        self.user_places[key] = self.user_places.get(key, 0) + 1

    def write(self, conn: sqlite3.Connection) -> None:
        """Add the batch's counts in the same transaction as its streams."""
        months: dict[tuple[int, int], int] = {}
        country_months: dict[tuple[int, int, int], int] = {}
        place_months: dict[tuple[int, int, int], int] = {}
        # A batch covers a few days of many users: each day's month computed once.
        days = {day for _, day, _ in self.user_days} | {day for _, day, _ in self.user_places}
        month_of_day = {day: month_of(day) for day in days}
        for (user, day, country), count in self.user_days.items():
            month = month_of_day[day]
            months[user, month] = months.get((user, month), 0) + count
            if country:
                key = (user, month, country)
                country_months[key] = country_months.get(key, 0) + count
        for (user, day, place), count in self.user_places.items():
            key = (user, month_of_day[day], place)
            place_months[key] = place_months.get(key, 0) + count
        for table, counts in (
            ("country_days", self.country_days),
            ("user_days", self.user_days),
            ("user_months", months),
            ("user_countries", self.user_countries),
            ("user_places", self.user_places),
            ("user_place_months", place_months),
            ("user_country_months", country_months),
        ):
            conn.executemany(
                sql.ROLLUP_UPSERTS[table], [(*key, count) for key, count in counts.items()]
            )
        conn.executemany(
            sql.USERS_STARTED, [(user, latest, n) for user, (latest, n) in self.users.items()]
        )
        conn.executemany(
            sql.USERS_LOCATED,
            [(user, *newest, schema.NEVER) for user, newest in self.newest_located.items()],
        )
