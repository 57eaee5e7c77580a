"""The history database's shape: tables, indexes, stored codes and forward migrations.

A stream row holds only small integers (references, epoch seconds, codes, flags); users,
players, media items, addresses, locations and short labels live once in their own tables.
`PRAGMA user_version` is the schema version; `MIGRATIONS[n]` takes a file from version n to
n + 1, and the store applies each in its own transaction.
"""

from __future__ import annotations

from collections.abc import Callable
import hashlib
import json
import sqlite3

from .models import AddressRule, LocationStatus, MediaType, PlaybackState

type Migration = Callable[[sqlite3.Connection], None]


def row_key(*values: object) -> bytes:
    """A dedup key for a row of a lookup table (JSON keeps None, ints and floats exact)."""
    encoded = json.dumps(values, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return hashlib.blake2b(encoded, digest_size=16).digest()


# Stored codes: append only, never renumber (rows on disk hold these integers).
MEDIA_TYPE_CODES: dict[MediaType, int] = {
    MediaType.MOVIE: 1,
    MediaType.EPISODE: 2,
    MediaType.TRACK: 3,
    MediaType.LIVE_TV: 4,
    MediaType.CLIP: 5,
    MediaType.PHOTO: 6,
    MediaType.OTHER: 7,
}
STATE_CODES: dict[PlaybackState, int] = {
    PlaybackState.PLAYING: 1,
    PlaybackState.PAUSED: 2,
    PlaybackState.BUFFERING: 3,
    PlaybackState.UNKNOWN: 4,
}
ADDRESS_RULE_CODES: dict[AddressRule, int] = {
    AddressRule.LAN: 1,
    AddressRule.REMOTE_PUBLIC_ADDRESS: 2,
    AddressRule.PLAYER_ADDRESS: 3,
    AddressRule.RELAYED: 4,
    AddressRule.NO_PUBLIC_ADDRESS: 5,
}
# PENDING (3) and KNOWN (4) also appear as literals in partial indexes and the queries
# that use them: SQLite only matches a partial index against a literal, not a parameter.
LOCATION_STATUS_CODES: dict[LocationStatus, int] = {
    LocationStatus.LOCAL: 1,
    LocationStatus.UNKNOWN: 2,
    LocationStatus.PENDING: 3,
    LocationStatus.KNOWN: 4,
    LocationStatus.FAILED: 5,
}

# Stream flags: secure is three-valued (unknown, no, yes), hence two bits.
FLAG_LOCAL = 1
FLAG_RELAYED = 2
FLAG_SECURE_KNOWN = 4
FLAG_SECURE = 8
FLAG_IMPORTED = 16  # imported from Tautulli's history: a baseline, never judged


def _month(day: str) -> str:
    """SQL for the month number (months since January 1970) of a day-number expression."""
    at = f"({day}) * 86400, 'unixepoch'"
    return f"(CAST(strftime('%Y', {at}) AS INTEGER) - 1970) * 12 + strftime('%m', {at}) - 1"


def _rollup_keys(row: str) -> dict[str, tuple[str, str]]:
    """Each rollup table's key columns and their values for a stream row (OLD or NEW)."""
    day = f"{row}.started_at / 86400"
    country = f"coalesce({row}.country_ref, 0)"
    user = f"{row}.user_ref"
    return {
        "country_days": ("day, country_ref, local", f"{day}, {country}, {row}.flags & 1"),
        "user_days": ("user_ref, day, country_ref", f"{user}, {day}, {country}"),
        "user_months": ("user_ref, month", f"{user}, {_month(day)}"),
        "user_countries": ("user_ref, country_ref", f"{user}, {country}"),
    }


def _count(row: str) -> str:
    return "\n".join(
        # Fixed table and column names from _rollup_keys; no value reaches this text.
        f"INSERT INTO {table} ({columns}, count) VALUES ({values}, 1)"  # noqa: S608
        f" ON CONFLICT ({columns}) DO UPDATE SET count = count + 1;"
        for table, (columns, values) in _rollup_keys(row).items()
    )


def _uncount(row: str) -> str:
    # Rows that reach zero go, so the tables only hold what happened.
    return "\n".join(
        f"DELETE FROM {table} WHERE ({columns}) = ({values}) AND count = 1;"  # noqa: S608
        f" UPDATE {table} SET count = count - 1 WHERE ({columns}) = ({values});"
        for table, (columns, values) in _rollup_keys(row).items()
    )


# Below any stored time: "no located stream yet" compares lower than every stream.
NEVER = -(2**62)


def _relocate(row: str) -> str:
    """SQL making the user of a changed or deleted stream `row` seek their last place again
    when that stream was it (a no-op otherwise: one primary-key probe)."""
    return f"""UPDATE users SET (located_seen, located_stream, location_ref) = (
            SELECT last_seen, id, location_ref FROM streams INDEXED BY streams_located
            WHERE user_ref = {row}.user_ref AND location_status = 4
            ORDER BY last_seen DESC, id DESC LIMIT 1)
        WHERE id = {row}.user_ref AND located_stream = {row}.id;"""  # noqa: S608


# Rollups: stream counts kept in the same transaction as every insert, update and delete
# of a stream, so the panel's statistics, users list, drill-down and the rare-country
# detector read a few thousand rows instead of a million streams. A day is a UTC day
# (epoch seconds / 86400, as SQLite divides); a country_ref of 0 counts streams without a
# located country. Updates and deletes are counted by triggers; inserts by the store,
# one UPSERT per (day, country, user) group of a batch rather than four per stream
# (the per-row trigger was a fifth of bulk ingest's time).
ROLLUPS = (
    """CREATE TABLE country_days (
        day INTEGER NOT NULL,
        country_ref INTEGER NOT NULL,
        local INTEGER NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (day, country_ref, local)
    ) WITHOUT ROWID""",
    """CREATE TABLE user_days (
        user_ref INTEGER NOT NULL,
        day INTEGER NOT NULL,
        country_ref INTEGER NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (user_ref, day, country_ref)
    ) WITHOUT ROWID""",
    # Months: the statistics' top users over a year read 12 rows a user, not 365.
    """CREATE TABLE user_months (
        user_ref INTEGER NOT NULL,
        month INTEGER NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (user_ref, month)
    ) WITHOUT ROWID""",
    """CREATE TABLE user_countries (
        user_ref INTEGER NOT NULL,
        country_ref INTEGER NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (user_ref, country_ref)
    ) WITHOUT ROWID""",
    f"""CREATE TRIGGER streams_recounted
        AFTER UPDATE OF started_at, user_ref, country_ref, flags ON streams
        WHEN OLD.started_at / 86400 != NEW.started_at / 86400
            OR OLD.user_ref != NEW.user_ref
            OR OLD.country_ref IS NOT NEW.country_ref
            OR (OLD.flags & 1) != (NEW.flags & 1)
    BEGIN
        {_uncount("OLD")}
        {_count("NEW")}
        UPDATE users SET stream_count = stream_count - 1 WHERE id = OLD.user_ref;
        UPDATE users SET stream_count = stream_count + 1 WHERE id = NEW.user_ref;
    END""",  # noqa: S608  (generated from fixed names, as above)
    # The user's last place: the newest (last_seen, id) located stream. A stream that
    # was it and changed (or went) makes the user's row seek streams_located again.
    f"""CREATE TRIGGER streams_seen
        AFTER UPDATE OF last_seen, user_ref, location_status, location_ref ON streams
    BEGIN
        UPDATE users SET last_seen = NEW.last_seen
            WHERE id = NEW.user_ref AND last_seen < NEW.last_seen;
        {_relocate("OLD")}
        UPDATE users SET located_seen = NEW.last_seen, located_stream = NEW.id,
            location_ref = NEW.location_ref
            WHERE id = NEW.user_ref AND NEW.location_status = 4
            AND (coalesce(located_seen, {NEVER}), coalesce(located_stream, 0))
                < (NEW.last_seen, NEW.id);
    END""",  # noqa: S608  (generated from fixed names, as above)
    f"""CREATE TRIGGER streams_uncounted AFTER DELETE ON streams BEGIN
        {_uncount("OLD")}
        UPDATE users SET stream_count = stream_count - 1 WHERE id = OLD.user_ref;
        {_relocate("OLD")}
    END""",  # noqa: S608  (generated from fixed names, as above)
)

_V1 = (
    """CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        plex_id TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        last_seen INTEGER NOT NULL DEFAULT 0,
        -- Kept for the users list, so it reads 1,000 rows instead of seeking 1,000 times.
        stream_count INTEGER NOT NULL DEFAULT 0,
        located_seen INTEGER,
        located_stream INTEGER,
        location_ref INTEGER
    )""",
    "CREATE INDEX users_by_name ON users (name)",
    """CREATE TABLE players (
        id INTEGER PRIMARY KEY,
        key BLOB NOT NULL UNIQUE,
        machine_id TEXT NOT NULL,
        title TEXT NOT NULL,
        product TEXT NOT NULL,
        platform TEXT NOT NULL,
        device TEXT NOT NULL
    )""",
    """CREATE TABLE media (
        id INTEGER PRIMARY KEY,
        key BLOB NOT NULL UNIQUE,
        media_type INTEGER NOT NULL,
        title TEXT NOT NULL,
        grandparent_title TEXT,
        parent_title TEXT,
        parent_index INTEGER,
        item_index INTEGER,
        year INTEGER,
        duration_ms INTEGER
    )""",
    # Never deleted: a small vocabulary (lan/wan, transcode decisions, country codes).
    "CREATE TABLE labels (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE)",
    """CREATE TABLE addresses (
        id INTEGER PRIMARY KEY,
        hash BLOB NOT NULL UNIQUE,
        token BLOB NOT NULL
    )""",
    """CREATE TABLE locations (
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
        provider TEXT NOT NULL,
        looked_up_at INTEGER NOT NULL
    )""",
    "CREATE INDEX locations_by_country ON locations (country_code, looked_up_at)",
    """CREATE TABLE geo_cache (
        hash BLOB PRIMARY KEY,
        location_ref INTEGER NOT NULL REFERENCES locations (id)
    ) WITHOUT ROWID""",
    "CREATE INDEX geo_cache_by_location ON geo_cache (location_ref)",
    """CREATE TABLE streams (
        id INTEGER PRIMARY KEY,
        session_key TEXT NOT NULL,
        user_ref INTEGER NOT NULL REFERENCES users (id),
        player_ref INTEGER NOT NULL REFERENCES players (id),
        media_ref INTEGER NOT NULL REFERENCES media (id),
        address_ref INTEGER REFERENCES addresses (id),
        location_ref INTEGER REFERENCES locations (id),
        country_ref INTEGER REFERENCES labels (id),
        network_ref INTEGER REFERENCES labels (id),
        transcode_ref INTEGER REFERENCES labels (id),
        started_at INTEGER NOT NULL,
        last_seen INTEGER NOT NULL,
        ended_at INTEGER,
        state INTEGER NOT NULL,
        location_status INTEGER NOT NULL,
        address_rule INTEGER NOT NULL,
        flags INTEGER NOT NULL,
        progress_ms INTEGER NOT NULL,
        bandwidth_kbps INTEGER
    )""",
    # Stream log newest first and by time range; streams_started_since; purge.
    "CREATE INDEX streams_by_start ON streams (started_at)",
    # Stream log by user; also serves the users foreign key.
    "CREATE INDEX streams_by_user ON streams (user_ref, started_at)",
    # Detectors: a user's located streams by recency, covering country_counts.
    """CREATE INDEX streams_located ON streams
        (user_ref, location_status, last_seen, started_at, location_ref)""",
    # Stream log by country (country_ref is the location's country, copied for this).
    """CREATE INDEX streams_by_country ON streams (country_ref, started_at)
        WHERE country_ref IS NOT NULL""",
    # Live streams and the geolocation retry queue: small partial indexes.
    "CREATE INDEX streams_open ON streams (ended_at, user_ref) WHERE ended_at IS NULL",
    "CREATE INDEX streams_pending ON streams (started_at) WHERE location_status = 3",
    # No index by location, player or media: each cost a random B-tree insert per stream
    # (half of bulk ingest at a million streams, with the address index). The daily purge
    # finds orphans with one pass over streams instead, and free-text search walks the
    # log. Version 6 brought the address index back, measured cheap on its own.
    """CREATE TABLE alerts (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        stream_ref INTEGER NOT NULL REFERENCES streams (id) ON DELETE CASCADE,
        user_id TEXT NOT NULL,
        user_name TEXT NOT NULL,
        dedup_key TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        country_code TEXT NOT NULL,
        country_name TEXT NOT NULL,
        city TEXT,
        latitude REAL NOT NULL,
        longitude REAL NOT NULL,
        share REAL,
        session_count INTEGER,
        previous_country_code TEXT,
        previous_country_name TEXT,
        previous_city TEXT,
        distance_km REAL,
        speed_kmh REAL,
        media_title TEXT NOT NULL,
        player TEXT NOT NULL,
        acknowledged_at INTEGER,
        acknowledged_by TEXT
    )""",
    "CREATE INDEX alerts_by_stream ON alerts (stream_ref)",
    "CREATE INDEX alerts_dedup ON alerts (user_id, dedup_key, created_at)",
    "CREATE INDEX alerts_unacknowledged ON alerts (id) WHERE acknowledged_at IS NULL",
    "CREATE INDEX alerts_by_user ON alerts (user_id, id)",
    """CREATE INDEX alerts_unacknowledged_by_user ON alerts (user_id)
        WHERE acknowledged_at IS NULL""",
    """CREATE TABLE trusted_countries (
        user_id TEXT NOT NULL,
        country_code TEXT NOT NULL,
        PRIMARY KEY (user_id, country_code)
    ) WITHOUT ROWID""",
    *ROLLUPS,
)


# Free text: trigram indexes over media and player titles (external content: the text
# stays in media and players only), kept by triggers as lookup rows come and go. Media
# and player rows are never updated: a changed title is another row.
SEARCH = (
    """CREATE VIRTUAL TABLE media_search USING fts5(title, grandparent_title,
        content = 'media', content_rowid = 'id', tokenize = 'trigram')""",
    """CREATE TRIGGER media_searchable AFTER INSERT ON media BEGIN
        INSERT INTO media_search (rowid, title, grandparent_title)
            VALUES (NEW.id, NEW.title, NEW.grandparent_title);
    END""",
    """CREATE TRIGGER media_unsearchable AFTER DELETE ON media BEGIN
        INSERT INTO media_search (media_search, rowid, title, grandparent_title)
            VALUES ('delete', OLD.id, OLD.title, OLD.grandparent_title);
    END""",
    """CREATE VIRTUAL TABLE player_search USING fts5(title,
        content = 'players', content_rowid = 'id', tokenize = 'trigram')""",
    """CREATE TRIGGER players_searchable AFTER INSERT ON players BEGIN
        INSERT INTO player_search (rowid, title) VALUES (NEW.id, NEW.title);
    END""",
    """CREATE TRIGGER players_unsearchable AFTER DELETE ON players BEGIN
        INSERT INTO player_search (player_search, rowid, title)
            VALUES ('delete', OLD.id, OLD.title);
    END""",
)


def has_trigram(conn: sqlite3.Connection) -> bool:
    """Whether this SQLite has FTS5 with the trigram tokenizer (3.34 or later)."""
    try:
        conn.execute("CREATE VIRTUAL TABLE temp.trigram_probe USING fts5(x, tokenize='trigram')")
    except sqlite3.OperationalError:
        return False
    conn.execute("DROP TABLE temp.trigram_probe")
    return True


def _migrate_to_v1(conn: sqlite3.Connection) -> None:
    """Create the first schema (with the search tables where SQLite can hold them)."""
    for statement in _V1:
        conn.execute(statement)
    # Without trigram search, free text falls back to LIKE over the (small) media and
    # players tables: the same answers, a little slower.
    if has_trigram(conn):
        for statement in SEARCH:
            conn.execute(statement)


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


MIGRATIONS: list[Migration] = [
    _migrate_to_v1,
    _migrate_to_v2,
    _migrate_to_v3,
    _migrate_location_accuracy,
    _migrate_household,
    _migrate_address_index,
    _migrate_imports,
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
