"""The lookup-table id cache: the writer's ids of users, players, media, addresses,
places, locations and labels, inserting the rows it has not seen."""

from __future__ import annotations

import sqlite3
from typing import Any

from .. import schema
from ..crypto import AddressCipher
from ..models import Location, StreamSnapshot
from . import sql
from .codecs import SnapshotRefs, floor_seconds, row_key, snapshot_flags

# Lookup rows cached by the writer: a year of a busy server has about 95,000 (mostly
# locations, one per address and month; their places are few), so the cache must hold
# them all or bulk ingest keeps clearing it and re-reading every row.
REF_CACHE_LIMIT = 400_000
_USER_ROW = "SELECT id, name FROM users WHERE plex_id = ?"


class LookupIds:
    """Lookup-table ids by (table, values); used only under the store's write lock."""

    def __init__(self, cipher: AddressCipher) -> None:
        """Start empty; ids are read or inserted as rows are first needed."""
        self._cipher = cipher
        self._refs: dict[tuple[str, object], int] = {}
        self._users: dict[str, tuple[int, str]] = {}
        self._addresses: dict[str, tuple[int, str]] = {}  # address -> (row, hash)

    def forget(self) -> None:
        self._refs.clear()
        self._users.clear()
        self._addresses.clear()

    def known_user(self, conn: sqlite3.Connection, user_id: str) -> tuple[int, str] | None:
        """A user's row and current name, if the user has one (cached once read)."""
        cached = self._users.get(user_id)
        if cached is None:
            row = conn.execute(_USER_ROW, (user_id,)).fetchone()
            if row is None:
                return None
            cached = self._users[user_id] = (int(row[0]), str(row[1]))
        return cached

    def intern(self, conn: sqlite3.Connection, table: str, values: tuple[Any, ...]) -> int:
        """The id of a lookup-table row holding `values`, inserted if new."""
        cached = self._refs.get((table, values))
        if cached is not None:
            return cached
        select, insert = sql.INTERN[table]
        # Labels and locations are unique by their (non-null) columns; other tables by a
        # digest of all their columns (a UNIQUE constraint over nullable columns would
        # let duplicates through).
        keyless = table in sql.KEYLESS
        key = None if keyless else row_key(*values)
        row = conn.execute(select, values if keyless else (key,)).fetchone()
        if row is not None:
            ref = int(row[0])
        else:
            params = values if keyless else (key, *values)
            ref = int(conn.execute(insert, params).lastrowid or 0)
        if len(self._refs) >= REF_CACHE_LIMIT:
            self.forget()
        self._refs[(table, values)] = ref
        return ref

    def label(self, conn: sqlite3.Connection, text: str | None) -> int | None:
        return None if text is None else self.intern(conn, "labels", (text,))

    def user(self, conn: sqlite3.Connection, user_id: str, name: str, at: int) -> int:
        cached = self._users.get(user_id)
        if cached is not None and cached[1] == name:
            return cached[0]
        row = conn.execute(_USER_ROW, (user_id,)).fetchone()
        if row is None:
            cursor = conn.execute(
                "INSERT INTO users (plex_id, name, last_seen) VALUES (?, ?, ?)",
                (user_id, name, at),
            )
            ref = int(cursor.lastrowid or 0)
        else:
            ref = int(row[0])
            if row[1] != name:
                # A renamed Plex user: the name is the user's, so older streams follow it.
                conn.execute("UPDATE users SET name = ? WHERE id = ?", (name, ref))
        self._users[user_id] = (ref, name)
        return ref

    def snapshot_refs(
        self, conn: sqlite3.Connection, snapshot: StreamSnapshot, at: int
    ) -> SnapshotRefs:
        player = (
            snapshot.player_machine_id,
            snapshot.player_title,
            snapshot.player_product,
            snapshot.player_platform,
            snapshot.player_device,
        )
        media = (
            schema.MEDIA_TYPE_CODES[snapshot.media_type],
            snapshot.title,
            snapshot.grandparent_title,
            snapshot.parent_title,
            snapshot.parent_index,
            snapshot.index,
            snapshot.year,
            snapshot.duration_ms,
        )
        address_ref: int | None = None
        ip_hash: str | None = None
        if snapshot.ip_address is not None:
            known = self._addresses.get(snapshot.ip_address)
            if known is None:
                known = self.address(conn, snapshot.ip_address)
            address_ref, ip_hash = known
        return SnapshotRefs(
            user=self.user(conn, snapshot.user_id, snapshot.user_name, at),
            player=self.intern(conn, "players", player),
            media=self.intern(conn, "media", media),
            address=address_ref,
            ip_hash=ip_hash,
            network=self.label(conn, snapshot.network),
            transcode=self.label(conn, snapshot.transcode_decision),
            flags=snapshot_flags(snapshot),
            resolution=self.label(conn, snapshot.resolution),
        )

    def address(self, conn: sqlite3.Connection, address: str) -> tuple[int, str]:
        digest = self._cipher.digest(address)
        row = conn.execute("SELECT id FROM addresses WHERE hash = ?", (digest,)).fetchone()
        if row is not None:
            ref = int(row[0])
        else:
            # One encryption per distinct address: later streams reuse the row.
            cursor = conn.execute(
                "INSERT INTO addresses (hash, token) VALUES (?, ?)",
                (digest, self._cipher.encrypt(address)),
            )
            ref = int(cursor.lastrowid or 0)
        if len(self._addresses) >= REF_CACHE_LIMIT:
            self.forget()
        self._addresses[address] = (ref, digest.hex())
        return ref, digest.hex()

    def location(
        self, conn: sqlite3.Connection, location: Location | None
    ) -> tuple[int | None, int | None, int | None]:
        """The location's row, its country's label and its place, created if new."""
        if location is None:
            return None, None, None
        values = (
            location.country_code,
            location.country_name,
            location.region,
            location.city,
            location.latitude,
            location.longitude,
            location.timezone,
            location.isp,
            location.org,
            location.asn,
            location.mobile,
            location.proxy,
            location.hosting,
            location.provider,
            location.accuracy_km,
            location.precision,
        )
        place = self.intern(conn, "places", values)
        ref = self.intern(conn, "locations", (place, floor_seconds(location.looked_up_at)))
        return ref, self.label(conn, location.country_code), place
