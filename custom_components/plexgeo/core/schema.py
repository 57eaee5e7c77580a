"""The history database's first shape (version 1): tables, indexes and stored codes.

A stream row holds only small integers (references, epoch seconds, codes, flags); users,
players, media items, addresses, locations and short labels live once in their own tables.
`PRAGMA user_version` is the schema version; `migrations` takes a file from each version
to the next.
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


def month_sql(day: str) -> str:
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
        "user_months": ("user_ref, month", f"{user}, {month_sql(day)}"),
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
# The place a user's LAN streams count at in user_places: home (no places row).
HOME_PLACE = 0


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


def migrate_to_v1(conn: sqlite3.Connection) -> None:
    """Create the first schema (with the search tables where SQLite can hold them)."""
    for statement in _V1:
        conn.execute(statement)
    # Without trigram search, free text falls back to LIKE over the (small) media and
    # players tables: the same answers, a little slower.
    if has_trigram(conn):
        for statement in SEARCH:
            conn.execute(statement)
