"""Forward migrations of the history database: `MIGRATIONS[n]` takes a file from version n
to n + 1 (the store applies each in its own transaction), and the shape checks that tell a
file's tables are what its version says.

Version 1 is the first schema as `schema` describes it; each later version is a function
here, appended in order and never changed once released.
"""

from __future__ import annotations

from collections.abc import Callable
import sqlite3

from .peaks import count_all_peaks
from .schema import HOME_PLACE, Migration, migrate_to_v1, month_sql, row_key


def _migrate_to_v2(conn: sqlite3.Connection) -> None:
    """Add the keyed check value (one row) that tells at open whether the keys fit the file.

    The store writes the row at its first open with keys, after checking that they decrypt
    an address already stored (if there is one).
    """
    conn.execute(
        """CREATE TABLE key_check (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            value BLOB NOT NULL
        )"""
    )


# Version 3 (places): a location row was the provider's whole answer plus when it was given, so
# every monthly lookup of every address repeated the same place's text (at 100,000
# streams, 36,000 such rows: a fifth of the file). Now a location is a place (the text,
# once per distinct answer) and a time. Location ids are kept, so streams, the geo cache
# and users still point at the same rows.
_PLACE_COLUMNS = (
    "country_code", "country_name", "region", "city", "latitude", "longitude", "timezone",
    "isp", "org", "asn", "mobile", "proxy", "hosting", "provider",
)  # fmt: skip
_PLACE_FLAGS = tuple(_PLACE_COLUMNS.index(name) for name in ("mobile", "proxy", "hosting"))
_V3 = (
    """CREATE TABLE places (
        id INTEGER PRIMARY KEY,
        key BLOB NOT NULL UNIQUE,
        country_code TEXT NOT NULL,
        country_name TEXT NOT NULL,
        region TEXT,
        city TEXT,
        latitude REAL NOT NULL,
        longitude REAL NOT NULL,
        timezone TEXT,
        isp TEXT,
        org TEXT,
        asn TEXT,
        mobile INTEGER,
        proxy INTEGER,
        hosting INTEGER,
        provider TEXT NOT NULL
    )""",
    "CREATE INDEX places_by_country ON places (country_code)",
    """CREATE TABLE located (
        id INTEGER PRIMARY KEY,
        place_ref INTEGER NOT NULL REFERENCES places (id),
        looked_up_at INTEGER NOT NULL,
        UNIQUE (place_ref, looked_up_at)
    )""",
)


def _migrate_to_v3(conn: sqlite3.Connection) -> None:
    """Split each location into its place (stored once) and its lookup time."""
    for statement in _V3:
        conn.execute(statement)
    columns = ", ".join(_PLACE_COLUMNS)
    places: dict[tuple[object, ...], int] = {}
    rows = []
    for location_id, *place, looked_up_at in conn.execute(
        f"SELECT id, {columns}, looked_up_at FROM locations ORDER BY id"  # noqa: S608
    ).fetchall():
        # As the store interns a place: the flags as booleans, the way a Location has them.
        for flag in _PLACE_FLAGS:
            place[flag] = None if place[flag] is None else bool(place[flag])
        key = tuple(place)
        if key not in places:
            places[key] = int(
                conn.execute(
                    f"INSERT INTO places (key, {columns})"  # noqa: S608
                    f" VALUES ({', '.join('?' * (len(_PLACE_COLUMNS) + 1))})",
                    (row_key(*place), *place),
                ).lastrowid
                or 0
            )
        rows.append((location_id, places[key], looked_up_at))
    conn.executemany("INSERT INTO located (id, place_ref, looked_up_at) VALUES (?, ?, ?)", rows)
    # The store migrates with foreign keys off (SQLite's way to rebuild a parent table);
    # it checks them before committing.
    conn.execute("DROP TABLE locations")
    conn.execute("ALTER TABLE located RENAME TO locations")


def _migrate_location_accuracy(conn: sqlite3.Connection) -> None:
    """Places keep how precise they are: a radius in km, or the finest level named."""
    conn.execute("ALTER TABLE places ADD COLUMN accuracy_km REAL")
    conn.execute("ALTER TABLE places ADD COLUMN precision TEXT")
    # The store finds a place by a digest of all its columns: two more now (unknown here).
    columns = ", ".join(_PLACE_COLUMNS)
    keys = []
    for place_id, *place in conn.execute(f"SELECT id, {columns} FROM places").fetchall():  # noqa: S608
        for flag in _PLACE_FLAGS:
            place[flag] = None if place[flag] is None else bool(place[flag])
        keys.append((row_key(*place, None, None), place_id))
    conn.executemany("UPDATE places SET key = ? WHERE id = ?", keys)


# The AS number of ip-api's "AS2856 British Telecommunications PLC" (household.asn_of).
_ASN = "upper(substr(l.asn, 1, instr(l.asn || ' ', ' ') - 1))"

# Version 5 (issue 15): the household model. Alerts name the other stream of a pair and
# carry their evidence; each user's devices and networks are counted with their last use
# (filled from the history already there: devices from players, networks by ASN); users
# may have their own concurrent-stream limit.
_V4 = (
    "ALTER TABLE alerts ADD COLUMN other_stream_id INTEGER",
    "ALTER TABLE alerts ADD COLUMN network_type TEXT",
    "ALTER TABLE alerts ADD COLUMN seconds_apart REAL",
    "ALTER TABLE alerts ADD COLUMN stream_count INTEGER",
    "ALTER TABLE alerts ADD COLUMN device TEXT",
    """CREATE TABLE user_devices (
        user_ref INTEGER NOT NULL,
        machine_id TEXT NOT NULL,
        first_seen INTEGER NOT NULL,
        last_seen INTEGER NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (user_ref, machine_id)
    ) WITHOUT ROWID""",
    # network: "AS<n>" from the provider, or "net:" and the keyed hash of the address
    # prefix (a prefix is personal data: never in clear).
    """CREATE TABLE user_networks (
        user_ref INTEGER NOT NULL,
        network TEXT NOT NULL,
        first_seen INTEGER NOT NULL,
        last_seen INTEGER NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (user_ref, network)
    ) WITHOUT ROWID""",
    """CREATE TABLE stream_limits (
        user_id TEXT PRIMARY KEY,
        stream_limit INTEGER NOT NULL
    ) WITHOUT ROWID""",
    """INSERT INTO user_devices (user_ref, machine_id, first_seen, last_seen, count)
        SELECT s.user_ref, p.machine_id, MIN(s.started_at), MAX(s.started_at), COUNT(*)
        FROM streams AS s JOIN players AS p ON p.id = s.player_ref
        GROUP BY s.user_ref, p.machine_id""",
    f"""INSERT INTO user_networks (user_ref, network, first_seen, last_seen, count)
        SELECT s.user_ref, {_ASN}, MIN(s.started_at), MAX(s.started_at), COUNT(*)
        FROM streams AS s JOIN locations AS lo ON lo.id = s.location_ref
        JOIN places AS l ON l.id = lo.place_ref
        WHERE s.location_status = 4 AND {_ASN} GLOB 'AS[0-9]*'
        GROUP BY 1, 2""",  # noqa: S608  (a fixed expression, no value)
)


def _migrate_household(conn: sqlite3.Connection) -> None:
    """The household model's tables and the alerts' evidence columns."""
    for statement in _V4:
        conn.execute(statement)


def _migrate_address_index(conn: sqlite3.Connection) -> None:
    """Streams by address (issue 18): an admin's search by address or range reads the
    matching streams by this index instead of walking the whole log (at 1M streams 0.1 ms
    instead of ~500 ms CPU; bulk ingest measured the same with it, 2,607 against 2,625
    streams/s; building it on 1M streams took 2.3 s)."""
    conn.execute(
        "CREATE INDEX IF NOT EXISTS streams_by_address ON streams (address_ref, started_at)"
        " WHERE address_ref IS NOT NULL"
    )


# Version 7 (issue 17): Tautulli's history imported. Each Tautulli row id is kept once
# (with the stream it became, or the live stream it matched), so an import adds nothing
# twice; an import's cursor and running summary persist with each batch it writes.
_V7 = (
    "CREATE TABLE imported_rows (row_id INTEGER PRIMARY KEY, stream_ref INTEGER NOT NULL)",
    """CREATE TABLE imports (
        source TEXT PRIMARY KEY,
        state TEXT NOT NULL
    ) WITHOUT ROWID""",
)


def _migrate_imports(conn: sqlite3.Connection) -> None:
    """Tables for idempotent, resumable history imports."""
    for statement in _V7:
        conn.execute(statement)


def _migrate_quality_and_peak(conn: sqlite3.Connection) -> None:
    """Issue 18's stored data, in one migration (each is followed by a foreign-key check
    of the whole file, seconds at a million streams).

    Streams keep the quality delivered: the resolution as a label ("1080p", one of a few
    words) and the bitrate in kbit/s; older streams have neither. (No foreign-key clause:
    labels are never deleted, and a column with one cannot be dropped.) Users keep their
    concurrent peak (`peaks`), counted here from the history already recorded; the store
    raises it as streams are added.
    """
    conn.execute("ALTER TABLE streams ADD COLUMN resolution_ref INTEGER")
    conn.execute("ALTER TABLE streams ADD COLUMN bitrate_kbps INTEGER")
    conn.execute("ALTER TABLE users ADD COLUMN concurrent_peak INTEGER NOT NULL DEFAULT 0")
    count_all_peaks(conn)


def _migrate_located_ends(conn: sqlite3.Connection) -> None:
    """streams_located also holds when a stream ended (issue 15, the detectors' cost): the
    user's streams around a newly placed one are then read from the index alone, not each
    from the table. It replaces the index it extends (the same columns first, so every
    query it served it still serves); a stream's end changes it once, when it ends."""
    conn.execute("DROP INDEX IF EXISTS streams_located")
    conn.execute(
        "CREATE INDEX streams_located ON streams"
        " (user_ref, location_status, last_seen, started_at, location_ref, ended_at)"
    )


# A stream's usual place: 0 for a LAN stream (home), the place of a located one's lookup,
# none for any other (pending, relayed, failed).
def place_row(row: str) -> str:
    """SELECT columns u, d, m, p: the user, UTC day, month and usual place of stream `row`."""
    place = (
        f"CASE {row}.location_status WHEN 1 THEN {HOME_PLACE} WHEN 4 THEN"  # noqa: S608
        f" (SELECT place_ref FROM locations WHERE id = {row}.location_ref) END"
    )
    day = f"{row}.started_at / 86400"
    return f"{row}.user_ref AS u, {day} AS d, {month_sql(day)} AS m, {place} AS p"


# Each rollup of these triggers: its key columns, and their values among a row's columns
# (place_row's for places; a counted country's for countries).
_PLACE_KEYS = {
    "user_places": ("user_ref, day, place_ref", "u, d, p"),
    "user_place_months": ("user_ref, month, place_ref", "u, m, p"),
}
_COUNTRY_KEYS = {"user_country_months": ("user_ref, month, country_ref", "u, m, c")}


def _counted(keys: dict[str, tuple[str, str]], row: str, present: str) -> str:
    """SQL adding stream `row` (columns from the SELECT `row`) to each rollup of `keys`,
    when `present` (an expression of those columns) holds."""
    return "\n".join(
        f"""INSERT INTO {table} ({columns}, count)
        SELECT {values}, 1 FROM (SELECT {row}) WHERE {present}
        ON CONFLICT ({columns}) DO UPDATE SET count = count + 1;"""  # noqa: S608
        for table, (columns, values) in keys.items()
    )


def _uncounted(keys: dict[str, tuple[str, str]], row: str) -> str:
    """SQL taking stream `row` off each rollup of `keys` (a row reaching zero goes, as in
    the other rollups; a stream not counted matches no row)."""
    return "\n".join(
        f"""DELETE FROM {table} WHERE ({columns})
            = (SELECT {values} FROM (SELECT {row})) AND count = 1;
        UPDATE {table} SET count = count - 1 WHERE ({columns})
            = (SELECT {values} FROM (SELECT {row}));"""  # noqa: S608
        for table, (columns, values) in keys.items()
    )


def _country_row(row: str) -> str:
    """SELECT columns u, m, c: the user, month and counted country of stream `row`."""
    month = month_sql(f"{row}.started_at / 86400")
    return f"{row}.user_ref AS u, {month} AS m, {row}.country_ref AS c"


def _rollup_triggers(
    name: str,
    columns: tuple[str, ...],
    keys: dict[str, tuple[str, str]],
    row: Callable[[str], str],
    *,
    present: str,
    deleted: str,
) -> tuple[str, str]:
    """The triggers keeping the rollups of `keys` in step with streams that change day or
    one of `columns` (`streams_re{name}`), or go (`streams_un{name}`); `row` gives a
    stream's key columns, counted where `present` holds."""
    changed = " OR ".join(
        ["OLD.started_at / 86400 != NEW.started_at / 86400"]
        + [f"OLD.{column} IS NOT NEW.{column}" for column in columns]
    )
    return (
        f"""CREATE TRIGGER streams_re{name}
        AFTER UPDATE OF started_at, {", ".join(columns)} ON streams
        WHEN {changed}
    BEGIN
        {_uncounted(keys, row("OLD"))}
        {_counted(keys, row("NEW"), present)}
    END""",
        f"""CREATE TRIGGER streams_un{name} AFTER DELETE ON streams WHEN {deleted}
    BEGIN
        {_uncounted(keys, row("OLD"))}
    END""",
    )


def _rollup_table(name: str, period: str, key: str) -> str:
    """A user's stream counts by `period` (day or month) and `key` (a place or country)."""
    return f"""CREATE TABLE {name} (
        user_ref INTEGER NOT NULL,
        {period} INTEGER NOT NULL,
        {key} INTEGER NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (user_ref, {period}, {key})
    ) WITHOUT ROWID"""


USER_PLACES = (
    _rollup_table("user_places", "day", "place_ref"),
    # Whole months: the look-back window's reads take ~2 rows a place for its whole
    # months and days only for the rest (~100 rows instead of ~250 for a heavy user).
    _rollup_table("user_place_months", "month", "place_ref"),
    # The countries streams count for, by month (user_days has them by day).
    _rollup_table("user_country_months", "month", "country_ref"),
    # Inserts are counted by the store, one UPSERT per group of a batch (`BatchCounts`),
    # as the other rollups are; a trigger per inserted row cost an import ~20 µs a row.
    *_rollup_triggers(
        "placed",
        ("user_ref", "location_status", "location_ref"),
        _PLACE_KEYS,
        place_row,
        present="p IS NOT NULL",
        deleted="OLD.location_status IN (1, 4)",
    ),
    *_rollup_triggers(
        "countried",
        ("user_ref", "country_ref"),
        _COUNTRY_KEYS,
        _country_row,
        present="c IS NOT NULL",
        deleted="OLD.country_ref IS NOT NULL",
    ),
)


def _migrate_user_places(conn: sqlite3.Connection) -> None:
    """Each user's streams by UTC day and month and place, and by month and counted
    country (`user_places`, `user_place_months`, `user_country_months`; issue 15, the
    detectors' cost): the detectors read a user's usual places and country counts in the
    look-back window from a few rows a month and a day instead of counting their streams
    one by one. A LAN stream counts at home (place 0), a located one at its lookup's
    place; kept in the same transaction as every insert (by the store), location,
    change and deletion (by triggers) of a stream, and counted here from the history
    already recorded."""
    for statement in USER_PLACES:
        conn.execute(statement)
    conn.execute(
        f"""INSERT INTO user_places (user_ref, day, place_ref, count)
        SELECT u, d, p, COUNT(*) FROM (
            SELECT {place_row("s")} FROM streams AS s WHERE s.location_status IN (1, 4))
        WHERE p IS NOT NULL GROUP BY u, d, p"""  # noqa: S608  (fixed names, no value)
    )
    conn.execute(
        f"""INSERT INTO user_place_months (user_ref, month, place_ref, count)
        SELECT user_ref, {month_sql("day")}, place_ref, SUM(count) FROM user_places
        GROUP BY 1, 2, 3"""  # noqa: S608  (fixed names, no value)
    )
    conn.execute(
        f"""INSERT INTO user_country_months (user_ref, month, country_ref, count)
        SELECT user_ref, {month_sql("day")}, country_ref, SUM(count) FROM user_days
        WHERE country_ref != 0 GROUP BY 1, 2, 3"""  # noqa: S608  (fixed names, no value)
    )


MIGRATIONS: list[Migration] = [
    migrate_to_v1,
    _migrate_to_v2,
    _migrate_to_v3,
    _migrate_location_accuracy,
    _migrate_household,
    _migrate_address_index,
    _migrate_imports,
    _migrate_quality_and_peak,
    _migrate_located_ends,
    _migrate_user_places,
]


def expected_shape(migrations: list[Migration]) -> dict[str, tuple[str, ...]]:
    """Tables and their columns after applying `migrations` to an empty database."""
    conn = sqlite3.connect(":memory:")
    try:
        for migration in migrations:
            migration(conn)
        return database_shape(conn)
    finally:
        conn.close()


def database_shape(conn: sqlite3.Connection) -> dict[str, tuple[str, ...]]:
    """Tables and their columns as a database file has them."""
    names = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        name: tuple(row[1] for row in conn.execute("SELECT * FROM pragma_table_info(?)", (name,)))
        for name in names
    }
