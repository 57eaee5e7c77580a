"""The stream log: filtered, keyset-paginated pages of streams, free-text search, counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
import json
import sqlite3
from typing import Any

from .. import schema
from ..log_search import (
    LAN_WORDS,
    NETWORK_WORDS,
    RELAYED_WORDS,
    WAN_WORDS,
    IPNetwork,
    addresses_of,
)
from ..models import MediaType, Stream
from . import sql
from .codecs import ceil_seconds, floor_seconds, like_pattern, stream_from
from .core import StoreCore

# Trigram search needs three characters; shorter text is matched with LIKE.
TRIGRAM = 3
# Digests looked up in one statement (SQLite allows 32,766 parameters; keep it small).
_DIGEST_CHUNK = 500


@dataclass(frozen=True, slots=True, kw_only=True)
class LogFilter:
    """Which streams a log page or count covers; None is no filter."""

    user_id: str | None = None
    country_code: str | None = None
    since: datetime | None = None
    before: datetime | None = None
    local: bool | None = None
    media_type: MediaType | None = None
    # Free text: media titles (and show or artist), player and user names, city, region
    # and country names, and the words for how a stream came (relayed, lan, wan...).
    search: str | None = None
    # An address range, matched through the addresses' keyed hashes (admins only).
    address: IPNetwork | None = None


class StreamLog(StoreCore):
    """The stream log the panel pages through, newest (or oldest) first."""

    def stream_log(
        self,
        *,
        user_id: str | None = None,
        country_code: str | None = None,
        since: datetime | None = None,
        before: datetime | None = None,
        after_stream_id: int | None = None,
        after: tuple[datetime, int] | None = None,
        local: bool | None = None,
        media_type: MediaType | None = None,
        search: str | None = None,
        address: IPNetwork | None = None,
        oldest_first: bool = False,
        limit: int = 50,
        addresses: bool = True,
    ) -> list[Stream]:
        """A page of the stream log, newest first, each address decrypted if `addresses`.

        Keyset pagination: `after` is the (started_at, stream_id) of the previous page's
        last stream (it need not exist any more); `after_stream_id` names that stream.
        `oldest_first` walks the log the other way (and `after` with it). `search`
        matches case-insensitively as `LogFilter` says; `address` matches the streams
        from any address of the range.
        """
        found = LogFilter(
            user_id=user_id,
            country_code=country_code,
            since=since,
            before=before,
            local=local,
            media_type=media_type,
            search=search,
            address=address,
        )
        clauses, params = _where(found)
        after_op = ">" if oldest_first else "<"
        if after_stream_id is not None:
            bound = ">=" if oldest_first else "<="
            clauses.append(
                f"s.started_at {bound} (SELECT started_at FROM streams WHERE id = ?)"  # noqa: S608
                f" AND (s.started_at, s.id) {after_op} (SELECT started_at, id FROM streams"
                " WHERE id = ?)"
            )
            params.extend((after_stream_id, after_stream_id))
        if after is not None:
            bound = ">=" if oldest_first else "<="
            clauses.append(f"s.started_at {bound} ? AND (s.started_at, s.id) {after_op} (?, ?)")
            params.extend((floor_seconds(after[0]), floor_seconds(after[0]), after[1]))
        order = sql.LOG_ORDER_OLDEST if oldest_first else sql.LOG_ORDER
        with self._reading() as conn:
            if (matched := self._matches(conn, found)) is None:
                return []
            match_sql, match_params = matched
            # The clauses are fixed strings chosen here; every value is a parameter.
            query = sql.STREAM_SELECT + "WHERE " + " AND ".join(clauses) + match_sql
            rows = conn.execute(
                query + order + " LIMIT ?", (*params, *match_params, limit)
            ).fetchall()
        decrypted: dict[bytes, str] = {}
        streams = []
        for row in rows:
            plain = None
            if addresses and row[sql.STREAM_TOKEN_AT] is not None:
                token = bytes(row[sql.STREAM_TOKEN_AT])
                if token not in decrypted:
                    decrypted[token] = self._cipher.decrypt(token)
                plain = decrypted[token]
            streams.append(stream_from(row, self._server_id, plain))
        return streams

    def count_streams(self, found: LogFilter, cap: int) -> tuple[int, bool]:
        """How many streams the filter covers: (count, exact). With no filter but a user
        the count is kept in the user's row; otherwise counting stops at `cap` (the
        count is then `cap` and not exact), so a count never walks more than `cap`
        matches."""
        with self._reading() as conn:
            if found == LogFilter(user_id=found.user_id):
                if found.user_id is None:
                    row = conn.execute("SELECT coalesce(sum(stream_count), 0) FROM users")
                else:
                    row = conn.execute(
                        "SELECT coalesce(max(stream_count), 0) FROM users WHERE plex_id = ?",
                        (found.user_id,),
                    )
                return int(row.fetchone()[0]), True
            if (matched := self._matches(conn, found)) is None:
                return 0, True
            clauses, params = _where(found)
            query = (  # fixed clauses, every value a parameter
                "SELECT count(*) FROM (SELECT 1 FROM streams AS s WHERE "  # noqa: S608
                + " AND ".join(clauses)
                + matched[0]
                + " LIMIT ?)"
            )
            count = int(conn.execute(query, (*params, *matched[1], cap + 1)).fetchone()[0])
        return (cap, False) if count > cap else (count, True)

    def _matches(
        self, conn: sqlite3.Connection, found: LogFilter
    ) -> tuple[str, list[object]] | None:
        """The search's clause and values ("" when no search); None when nothing can match.

        The small tables are matched first; the log is then walked in order, testing
        each stream's refs against the matching sets (each built once into a lookup
        table by SQLite). The unary + keeps the planner from driving by these refs.
        """
        if found.address is not None:
            # Few streams share an address: they are read by streams_by_address and sorted,
            # rather than found by walking the whole log.
            refs = self._address_refs(conn, addresses_of(found.address))
            return (" AND s.address_ref IN " + sql.JSON_IDS, [json.dumps(refs)]) if refs else None
        if found.search is None:
            return "", []
        text = found.search
        word = text.strip().lower()
        tests: list[str] = []
        values: list[object] = []
        # A word for how streams come means that alone ("lan" is no part of "England").
        if word in RELAYED_WORDS:
            tests.append(f"s.flags & {schema.FLAG_RELAYED} != 0")
        elif word in LAN_WORDS or word in WAN_WORDS:
            tests.append(f"s.flags & {schema.FLAG_LOCAL} = {int(word in LAN_WORDS)}")
        elif word in NETWORK_WORDS:
            if network := _ids(conn, sql.LABEL_ID, word):
                tests.append("+s.network_ref = ?")
                values.append(network[0])
        else:
            for column, ids in (
                ("media_ref", self._matching(conn, text, sql.MEDIA_LIKE, sql.MEDIA_FTS)),
                ("player_ref", self._matching(conn, text, sql.PLAYER_LIKE, sql.PLAYER_FTS)),
                ("user_ref", _ids(conn, sql.USER_LIKE, like_pattern(text))),
                ("location_ref", _ids(conn, sql.PLACE_LIKE, like_pattern(text))),
                ("country_ref", _ids(conn, sql.COUNTRY_LIKE, like_pattern(text), text.strip())),
            ):
                if ids:
                    tests.append(f"+s.{column} IN " + sql.JSON_IDS)
                    values.append(json.dumps(ids))
        if not tests:
            return None
        return " AND (" + " OR ".join(tests) + ")", values

    def _matching(self, conn: sqlite3.Connection, text: str, like: str, fts: str) -> list[int]:
        """The ids a title-like table matches: by trigram index (three characters or
        more), LIKE then keeping exactly what LIKE alone would match."""
        pattern = like_pattern(text)
        if self._trigram and len(text) >= TRIGRAM:
            return _ids(conn, fts, pattern, '"' + text.replace('"', '""') + '"')
        return _ids(conn, like, pattern)

    def _address_refs(self, conn: sqlite3.Connection, addresses: list[str]) -> list[int]:
        """The ids of the stored addresses among these, found by their keyed hashes."""
        digests = self._cipher.digests(addresses)
        refs: list[int] = []
        for start in range(0, len(digests), _DIGEST_CHUNK):
            chunk = digests[start : start + _DIGEST_CHUNK]
            marks = ", ".join("?" * len(chunk))
            query = f"SELECT id FROM addresses WHERE hash IN ({marks})"  # noqa: S608
            refs.extend(_ids(conn, query, *chunk))
        return refs


def _ids(conn: sqlite3.Connection, query: str, *params: Any) -> list[int]:
    return [int(row[0]) for row in conn.execute(query, params)]


def _where(found: LogFilter) -> tuple[list[str], list[object]]:
    """The filter's clauses (fixed strings) and their values, search aside."""
    clauses = ["1"]
    params: list[object] = []
    if found.user_id is not None:
        clauses.append("s.user_ref = " + sql.USER_REF)
        params.append(found.user_id)
    if found.country_code is not None:
        clauses.append("s.country_ref = (SELECT id FROM labels WHERE text = ?)")
        params.append(found.country_code)
    if found.since is not None:
        clauses.append("s.started_at >= ?")
        params.append(ceil_seconds(found.since))
    if found.before is not None:
        clauses.append("s.started_at < ?")
        params.append(ceil_seconds(found.before))
    if found.local is not None:
        clauses.append("s.flags & 1 = ?")
        params.append(schema.FLAG_LOCAL if found.local else 0)
    if found.media_type is not None:
        # The unary + keeps streams_by_media from driving: a whole media type's
        # streams would then be sorted; walking the log by time stops at a page.
        clauses.append("+s.media_ref IN (SELECT id FROM media WHERE media_type = ?)")
        params.append(schema.MEDIA_TYPE_CODES[found.media_type])
    return clauses, params
