"""The store's SQL text. Every value is a parameter; the column lists are written once."""

from __future__ import annotations

from collections.abc import Sequence

# A location row's columns, in the order `codecs.location_from` reads them.
LOCATION_COLUMNS = (
    "country_code",
    "country_name",
    "region",
    "city",
    "latitude",
    "longitude",
    "timezone",
    "isp",
    "org",
    "asn",
    "mobile",
    "proxy",
    "hosting",
    "provider",
    "accuracy_km",
    "precision",
    "looked_up_at",
)
# An alert row's columns after its id, in the order `codecs.alert_from` reads them.
ALERT_COLUMNS = (
    "kind",
    "stream_ref",
    "user_id",
    "user_name",
    "created_at",
    "country_code",
    "country_name",
    "city",
    "latitude",
    "longitude",
    "share",
    "session_count",
    "previous_country_code",
    "previous_country_name",
    "previous_city",
    "distance_km",
    "speed_kmh",
    "media_title",
    "player",
    "acknowledged_at",
    "acknowledged_by",
    "other_stream_id",
    "network_type",
    "seconds_apart",
    "stream_count",
    "device",
)


def _columns(names: Sequence[str], prefix: str = "") -> str:
    return ", ".join(prefix + name for name in names)


def _marks(count: int) -> str:
    return ", ".join("?" * count)


# A location is a place (what the provider said) and when it said it (schema v2):
# `l` is the place, `lk` the location row (id and looked_up_at).
PLACE_COLUMNS = LOCATION_COLUMNS[:-1]
LOCATIONS_L = _columns(PLACE_COLUMNS, "l.") + ", lk.looked_up_at"
# Where STREAM_SELECT's location columns start, and the address token that follows them
# (then the resolution and bitrate).
STREAM_LOCATION_AT = 29
STREAM_TOKEN_AT = STREAM_LOCATION_AT + len(LOCATION_COLUMNS)
STREAM_QUALITY_AT = STREAM_TOKEN_AT + 1

STREAM_SELECT = f"""
SELECT s.id, s.session_key, u.plex_id, u.name, p.title, p.product, p.platform, p.device,
       p.machine_id, m.media_type, m.title, m.grandparent_title, m.parent_title,
       m.parent_index, m.item_index, m.year, s.state, s.progress_ms, m.duration_ms,
       s.bandwidth_kbps, s.flags, net.text, tc.text, s.address_rule,
       a.hash, s.started_at, s.last_seen, s.ended_at, s.location_status,
       {LOCATIONS_L}, a.token, rl.text, s.bitrate_kbps
FROM streams AS s
JOIN users AS u ON u.id = s.user_ref
JOIN players AS p ON p.id = s.player_ref
JOIN media AS m ON m.id = s.media_ref
LEFT JOIN addresses AS a ON a.id = s.address_ref
LEFT JOIN locations AS lk ON lk.id = s.location_ref
LEFT JOIN places AS l ON l.id = lk.place_ref
LEFT JOIN labels AS net ON net.id = s.network_ref
LEFT JOIN labels AS tc ON tc.id = s.transcode_ref
LEFT JOIN labels AS rl ON rl.id = s.resolution_ref
"""
USER_REF = "(SELECT id FROM users WHERE plex_id = ?)"
LOG_ORDER = " ORDER BY s.started_at DESC, s.id DESC"
LOG_ORDER_OLDEST = " ORDER BY s.started_at, s.id"
JSON_IDS = "(SELECT value FROM json_each(?))"
BY_IDS = STREAM_SELECT + "WHERE s.id IN " + JSON_IDS
MEDIA_LIKE = """SELECT id FROM media
WHERE (title LIKE ?1 ESCAPE '\\' OR grandparent_title LIKE ?1 ESCAPE '\\')"""
PLAYER_LIKE = "SELECT id FROM players WHERE title LIKE ?1 ESCAPE '\\'"
LABEL_ID = "SELECT id FROM labels WHERE text = ?"
USER_LIKE = "SELECT id FROM users WHERE name LIKE ?1 ESCAPE '\\'"
# A city or region: every location row of the matching places (by their unique index).
PLACE_LIKE = """SELECT id FROM locations WHERE place_ref IN
    (SELECT id FROM places WHERE city LIKE ?1 ESCAPE '\\' OR region LIKE ?1 ESCAPE '\\')"""
# A country by name, or by its code when the text is one.
COUNTRY_LIKE = """SELECT id FROM labels WHERE text IN (SELECT country_code FROM places
    WHERE country_name LIKE ?1 ESCAPE '\\' OR country_code = upper(?2))"""
# The trigram index finds candidates (it folds case beyond ASCII); LIKE then keeps
# exactly what LIKE alone would match.
MEDIA_FTS = """SELECT id FROM media
WHERE (title LIKE ?1 ESCAPE '\\' OR grandparent_title LIKE ?1 ESCAPE '\\')
  AND id IN (SELECT rowid FROM media_search WHERE media_search = ?2)"""
PLAYER_FTS = """SELECT id FROM players WHERE title LIKE ?1 ESCAPE '\\'
  AND id IN (SELECT rowid FROM player_search WHERE player_search = ?2)"""
# Each user's total and last place are kept in their row by the write path.
# Each user with their last place, in one pass (no second query by location ids).
USERS_OVERVIEW = f"""
SELECT u.id, u.plex_id, u.name, u.last_seen, u.stream_count, u.concurrent_peak,
    u.location_ref, {LOCATIONS_L}
FROM users AS u
LEFT JOIN locations AS lk ON lk.id = u.location_ref
LEFT JOIN places AS l ON l.id = lk.place_ref
ORDER BY u.name, u.plex_id
"""
# The users list as the panel shows it, one row a user: each user's countries (most
# streams first, then code) joined into one text, and their last place's id, so that
# Python builds no row per country and decodes each place once (issue 19: it was ~45 ms
# of CPU for 1,000 users). The subquery's ORDER BY is kept: SQLite never flattens an
# ordered subquery into an aggregate, and group_concat joins the rows as they come.
# last_seen (whole seconds) as Python's isoformat writes it, cheaper than in Python.
USER_SUMMARIES = """
SELECT u.plex_id, u.name, strftime('%Y-%m-%dT%H:%M:%S+00:00', u.last_seen, 'unixepoch'),
    u.stream_count, lk.place_ref, (SELECT group_concat(text, char(31)) FROM (
        SELECT l.text FROM user_countries AS c JOIN labels AS l ON l.id = c.country_ref
        WHERE c.user_ref = u.id AND c.country_ref != 0 ORDER BY c.count DESC, l.text)),
    (SELECT COUNT(*) FROM user_networks WHERE user_ref = u.id),
    (SELECT COUNT(*) FROM user_devices WHERE user_ref = u.id), u.concurrent_peak
FROM users AS u LEFT JOIN locations AS lk ON lk.id = u.location_ref
"""
SUMMARY_PLACES = """
SELECT id, country_code, country_name, city, latitude, longitude FROM places
WHERE id IN (SELECT value FROM json_each(?))
"""
USER_NETWORK_COUNTS = "SELECT user_ref, COUNT(*) FROM user_networks GROUP BY user_ref"
USER_DEVICE_COUNTS = "SELECT user_ref, COUNT(*) FROM user_devices GROUP BY user_ref"
USER_COUNTRIES = """
SELECT c.user_ref, l.text FROM user_countries AS c JOIN labels AS l ON l.id = c.country_ref
WHERE c.country_ref != 0 ORDER BY c.user_ref, c.count DESC, l.text
"""
# A user's streams per place (its newest location row stands for it): counted per
# location in the covering index first, then a few hundred rows joined to their places,
# so the drill-down decodes a handful of places instead of a location per lookup.
USER_PLACES = """
WITH per_location AS (
    SELECT location_ref, COUNT(*) AS n FROM streams INDEXED BY streams_located
    WHERE user_ref = ? AND location_status = 4 AND last_seen >= ? AND started_at >= ?
    GROUP BY location_ref
)
SELECT max(c.location_ref), SUM(c.n) FROM per_location AS c
JOIN locations AS lk ON lk.id = c.location_ref
GROUP BY lk.place_ref
"""
# Top users: whole months from user_months, the days around them from user_days; one
# seek per user in each, so a year costs about 12 + 60 rows a user at most.
USER_TOTALS = """
SELECT u.plex_id, u.name,
    coalesce((SELECT SUM(count) FROM user_months
        WHERE user_ref = u.id AND month >= ?1 AND month < ?2), 0)
    + coalesce((SELECT SUM(count) FROM user_days
        WHERE user_ref = u.id AND day >= ?3 AND day < ?4), 0)
    + coalesce((SELECT SUM(count) FROM user_days
        WHERE user_ref = u.id AND day >= ?5 AND day < ?6), 0)
FROM users AS u
"""
COUNTRY_NAMES = """
SELECT j.value, (SELECT p.country_name FROM places AS p WHERE p.country_code = j.value
    ORDER BY (SELECT max(looked_up_at) FROM locations WHERE place_ref = p.id) DESC LIMIT 1)
FROM json_each(?) AS j
"""
LOCATION_SELECT = f"""
SELECT lk.id, {LOCATIONS_L}
FROM locations AS lk JOIN places AS l ON l.id = lk.place_ref
WHERE lk.id IN (SELECT value FROM json_each(?))
"""
# Cached addresses another provider located, in hash order from a cursor (re-locating
# with a newly chosen provider walks them batch by batch; the primary key orders them).
LOCATED_BY_OTHERS = """
SELECT g.hash, a.token FROM geo_cache AS g
JOIN locations AS lk ON lk.id = g.location_ref
JOIN places AS p ON p.id = lk.place_ref
JOIN addresses AS a ON a.hash = g.hash
WHERE g.hash > ? AND p.provider != ? ORDER BY g.hash LIMIT ?
"""
COUNT_LOCATED_BY_OTHERS = """
SELECT COUNT(*) FROM geo_cache AS g
JOIN locations AS lk ON lk.id = g.location_ref
JOIN places AS p ON p.id = lk.place_ref
JOIN addresses AS a ON a.hash = g.hash
WHERE p.provider != ?
"""
CACHED_LOCATION = f"""
SELECT {LOCATIONS_L} FROM geo_cache AS g
JOIN locations AS lk ON lk.id = g.location_ref
JOIN places AS l ON l.id = lk.place_ref WHERE g.hash = ?
"""
BY_ID = STREAM_SELECT + "WHERE s.id = ?"
OPEN = STREAM_SELECT + "WHERE s.ended_at IS NULL ORDER BY s.id"
PENDING = (
    STREAM_SELECT + "WHERE s.location_status = 3 AND s.address_ref IS NOT NULL"
    " ORDER BY s.started_at DESC, s.id DESC LIMIT ?"
)
# A rollup's rows in a `rollups.user_window`: `{key}` counted per month in `{months}` for the
# whole months and per day in `{days}` for the days either side, each as (key, count).
WINDOW_ROLLUP = """
    SELECT {key}, count FROM {months}
    WHERE user_ref = (SELECT id FROM u) AND month >= :m0 AND month < :m1{where}
    UNION ALL SELECT {key}, count FROM {days}
    WHERE user_ref = (SELECT id FROM u) AND day >= :d0 AND day < :d1{where}
    UNION ALL SELECT {key}, count FROM {days}
    WHERE user_ref = (SELECT id FROM u) AND day >= :d2 AND day < :d3{where}"""


# The user's located streams in a `rollups.user_window` by country (the rare-country
# share): whole months and days from the rollups, the partial days at either end from
# the streams themselves, less the stream :exclude when the rollups count it.
_COUNTRY_EDGE = """
    UNION ALL SELECT country_ref, 1 FROM streams
    WHERE user_ref = (SELECT id FROM u) AND started_at >= :{lower} AND started_at < :{upper}
      AND country_ref IS NOT NULL AND id IS NOT :exclude"""
COUNTRY_COUNTS = f"""
WITH u AS (SELECT id FROM users WHERE plex_id = :user), counted (country, n) AS (
    {
    WINDOW_ROLLUP.format(
        key="country_ref",
        months="user_country_months",
        days="user_days",
        where=" AND country_ref != 0",
    )
}
    {_COUNTRY_EDGE.format(lower="e0", upper="e1")}
    {_COUNTRY_EDGE.format(lower="e2", upper="e3")}
    UNION ALL SELECT country_ref, -1 FROM streams
    WHERE id = :exclude AND user_ref = (SELECT id FROM u) AND country_ref IS NOT NULL
      AND started_at >= :lo AND started_at < :hi
)
SELECT l.text, c.n
FROM (SELECT country, SUM(n) AS n FROM counted GROUP BY country) AS c
JOIN labels AS l ON l.id = c.country
WHERE c.n > 0
"""
# A new stream's columns, in the order `StreamLifecycle._stream_row` gives them.
STREAM_COLUMNS = (
    "id", "session_key", "user_ref", "player_ref", "media_ref", "address_ref",
    "location_ref", "country_ref", "network_ref", "transcode_ref", "started_at", "last_seen",
    "state", "location_status", "address_rule", "flags", "progress_ms", "bandwidth_kbps",
    "resolution_ref", "bitrate_kbps",
)  # fmt: skip
INSERT_STREAM = (
    f"INSERT INTO streams ({_columns(STREAM_COLUMNS)}) VALUES ({_marks(len(STREAM_COLUMNS))})"
)
UPDATE_STREAM = """
UPDATE streams SET session_key = ?, user_ref = ?, player_ref = ?, media_ref = ?,
    address_ref = ?, network_ref = ?, transcode_ref = ?, last_seen = ?, state = ?,
    address_rule = ?, flags = ?, progress_ms = ?, bandwidth_kbps = ?, resolution_ref = ?,
    bitrate_kbps = ?
WHERE id = ?
"""
INTERN = {
    "players": (
        "SELECT id FROM players WHERE key = ?",
        "INSERT INTO players (key, machine_id, title, product, platform, device)"
        " VALUES (?, ?, ?, ?, ?, ?)",
    ),
    "media": (
        "SELECT id FROM media WHERE key = ?",
        "INSERT INTO media (key, media_type, title, grandparent_title, parent_title,"
        " parent_index, item_index, year, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    "places": (
        "SELECT id FROM places WHERE key = ?",
        f"INSERT INTO places (key, {_columns(PLACE_COLUMNS)})"
        f" VALUES ({_marks(len(PLACE_COLUMNS) + 1)})",
    ),
    # Unique by its two columns: no digest key (KEYLESS).
    "locations": (
        "SELECT id FROM locations WHERE place_ref = ? AND looked_up_at = ?",
        "INSERT INTO locations (place_ref, looked_up_at) VALUES (?, ?)",
    ),
    "labels": ("SELECT id FROM labels WHERE text = ?", "INSERT INTO labels (text) VALUES (?)"),
}
# Lookup tables unique by their own columns: interned without a digest key.
KEYLESS = frozenset({"labels", "locations"})
COUNTRY_NAME = """
SELECT p.country_name FROM places AS p WHERE p.country_code = ?
ORDER BY (SELECT max(looked_up_at) FROM locations WHERE place_ref = p.id) DESC LIMIT 1
"""
ALERT_SELECT = f"SELECT id, {_columns(ALERT_COLUMNS)} FROM alerts "
ACKNOWLEDGE = f"""
UPDATE alerts SET acknowledged_at = ?1, acknowledged_by = ?2
WHERE acknowledged_at IS NULL AND (?3 IS NULL OR id IN (SELECT value FROM json_each(?3)))
RETURNING id, {_columns(ALERT_COLUMNS)}
"""
# The dedup key is stored, never read back into an alert.
_ALERT_INSERTED = (*ALERT_COLUMNS[:4], "dedup_key", *ALERT_COLUMNS[4:])
INSERT_ALERT = (
    f"INSERT INTO alerts ({_columns(_ALERT_INSERTED)}) VALUES ({_marks(len(_ALERT_INSERTED))})"
)
PURGE_BATCH = """
DELETE FROM streams WHERE id IN (
    SELECT id FROM streams
    WHERE started_at < ? AND ended_at IS NOT NULL AND last_seen < ? LIMIT ?
)
"""
# Orphans: streams has no index by these refs, so each NOT IN reads the refs of every
# stream once into a temporary lookup table (about a second at a million streams, once a
# day) rather than every insert paying for four more indexes. Users are indexed.
PURGE_ORPHANS = (
    "DELETE FROM geo_cache WHERE location_ref IN (SELECT id FROM locations WHERE looked_up_at < ?)",
    "DELETE FROM addresses WHERE id NOT IN"
    " (SELECT address_ref FROM streams WHERE address_ref IS NOT NULL)",
    "DELETE FROM players WHERE id NOT IN (SELECT player_ref FROM streams)",
    "DELETE FROM media WHERE id NOT IN (SELECT media_ref FROM streams)",
    "DELETE FROM users WHERE NOT EXISTS (SELECT 1 FROM streams WHERE user_ref = users.id)",
    "DELETE FROM locations WHERE id NOT IN"
    " (SELECT location_ref FROM streams WHERE location_ref IS NOT NULL)"
    " AND id NOT IN (SELECT location_ref FROM geo_cache)",
    "DELETE FROM places WHERE id NOT IN (SELECT place_ref FROM locations)",
)


def _rollup_upsert(table: str, keys: str) -> str:
    """Add a batch group's count to rollup `table` under its key columns `keys`."""
    marks = _marks(len(keys.split(",")) + 1)
    return (
        f"INSERT INTO {table} ({keys}, count) VALUES ({marks})"
        f" ON CONFLICT ({keys}) DO UPDATE SET count = count + excluded.count"
    )


# Inserted streams' rollup counts, one UPSERT per group of a batch.
ROLLUP_UPSERTS = {
    table: _rollup_upsert(table, keys)
    for table, keys in (
        ("country_days", "day, country_ref, local"),
        ("user_days", "user_ref, day, country_ref"),
        ("user_months", "user_ref, month"),
        ("user_countries", "user_ref, country_ref"),
        ("user_places", "user_ref, day, place_ref"),
        ("user_place_months", "user_ref, month, place_ref"),
        ("user_country_months", "user_ref, month, country_ref"),
    )
}
# A batch's users: newest start and sighting, streams added, newest located stream.
USERS_STARTED = """
UPDATE users SET last_seen = max(last_seen, ?2), stream_count = stream_count + ?3
WHERE id = ?1
"""
USERS_LOCATED = """
UPDATE users SET located_seen = ?2, located_stream = ?3, location_ref = ?4
WHERE id = ?1 AND (coalesce(located_seen, ?5), coalesce(located_stream, 0)) < (?2, ?3)
"""
