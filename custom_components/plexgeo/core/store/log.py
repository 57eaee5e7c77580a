"""The stream log: filtered, keyset-paginated pages of streams, and free-text search."""

from __future__ import annotations

from datetime import datetime
import json
import sqlite3
from typing import Any

from .. import schema
from ..models import MediaType, Stream
from . import sql
from .codecs import ceil_seconds, floor_seconds, like_pattern, stream_from
from .core import StoreCore

# Trigram search needs three characters; shorter text is matched with LIKE.
TRIGRAM = 3


class StreamLog(StoreCore):
    """The stream log the panel pages through, newest first."""

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
        limit: int = 50,
        addresses: bool = True,
    ) -> list[Stream]:
        """A page of the stream log, newest first, each address decrypted if `addresses`.

        Keyset pagination: `after` is the (started_at, stream_id) of the previous page's
        last stream (it need not exist any more); `after_stream_id` names that stream.
        `search` matches media titles (and show or artist) and player names, ignoring
        ASCII case.
        """
        clauses = ["1"]
        params: list[object] = []
        if user_id is not None:
            clauses.append("s.user_ref = " + sql.USER_REF)
            params.append(user_id)
        if country_code is not None:
            clauses.append("s.country_ref = (SELECT id FROM labels WHERE text = ?)")
            params.append(country_code)
        if since is not None:
            clauses.append("s.started_at >= ?")
            params.append(ceil_seconds(since))
        if before is not None:
            clauses.append("s.started_at < ?")
            params.append(ceil_seconds(before))
        if after_stream_id is not None:
            clauses.append(
                "s.started_at <= (SELECT started_at FROM streams WHERE id = ?)"
                " AND (s.started_at, s.id) < (SELECT started_at, id FROM streams WHERE id = ?)"
            )
            params.extend((after_stream_id, after_stream_id))
        if after is not None:
            clauses.append("s.started_at <= ? AND (s.started_at, s.id) < (?, ?)")
            params.extend((floor_seconds(after[0]), floor_seconds(after[0]), after[1]))
        if local is not None:
            clauses.append("s.flags & 1 = ?")
            params.append(schema.FLAG_LOCAL if local else 0)
        if media_type is not None:
            # The unary + keeps streams_by_media from driving: a whole media type's
            # streams would then be sorted; walking the log by time stops at a page.
            clauses.append("+s.media_ref IN (SELECT id FROM media WHERE media_type = ?)")
            params.append(schema.MEDIA_TYPE_CODES[media_type])
        # The clauses are fixed strings chosen above; every value is a parameter.
        where = " AND ".join(clauses)
        with self._reading() as conn:
            if search is None:
                rows = conn.execute(
                    sql.STREAM_SELECT + "WHERE " + where + sql.LOG_ORDER + " LIMIT ?",
                    (*params, limit),
                ).fetchall()
            else:
                rows = self._search(conn, search, where, params, limit)
        decrypted: dict[bytes, str] = {}
        streams = []
        for row in rows:
            address = None
            if addresses and row[sql.STREAM_TOKEN_AT] is not None:
                token = bytes(row[sql.STREAM_TOKEN_AT])
                if token not in decrypted:
                    decrypted[token] = self._cipher.decrypt(token)
                address = decrypted[token]
            streams.append(stream_from(row, self._server_id, address))
        return streams

    def _search(
        self, conn: sqlite3.Connection, text: str, where: str, params: list[object], limit: int
    ) -> list[Any]:
        """Log rows whose media or player matches `text`: match the small tables first,
        then walk the log newest first testing each stream's refs against the matches."""
        pattern = like_pattern(text)
        if self._trigram and len(text) >= TRIGRAM:
            phrase = '"' + text.replace('"', '""') + '"'
            media = conn.execute(sql.MEDIA_FTS, (pattern, phrase)).fetchall()
            players = conn.execute(sql.PLAYER_FTS, (pattern, phrase)).fetchall()
        else:
            media = conn.execute(sql.MEDIA_LIKE, (pattern,)).fetchall()
            players = conn.execute(sql.PLAYER_LIKE, (pattern,)).fetchall()
        if not media and not players:
            return []
        query = sql.STREAM_SELECT + "WHERE " + where + sql.SEARCH_MATCH + sql.LOG_ORDER + " LIMIT ?"
        refs = (json.dumps([row[0] for row in found]) for found in (media, players))
        return conn.execute(query, (*params, *refs, limit)).fetchall()
