"""The geolocation cache: where an address hash was found, and country names."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from ..models import Location
from . import sql
from .codecs import location_from
from .core import StoreCore


class GeoCache(StoreCore):
    """Locations by address hash, so an address is looked up once per TTL."""

    def cached_location(self, address_hash: str, now: datetime, ttl: timedelta) -> Location | None:
        """The cached location of an address hash, unless looked up `ttl` or longer ago."""
        with self._reading() as conn:
            row = conn.execute(sql.CACHED_LOCATION, (bytes.fromhex(address_hash),)).fetchone()
        if row is None:
            return None
        location = location_from(row)
        return location if now - location.looked_up_at < ttl else None

    def cache_locations(self, found: Sequence[tuple[str, Location]]) -> None:
        """Remember where each address hash is, all in one transaction."""
        if not found:
            return
        with self._writing() as conn:
            rows = [
                (bytes.fromhex(address_hash), self._ids.location(conn, location)[0])
                for address_hash, location in found
            ]
            conn.executemany(
                "INSERT INTO geo_cache (hash, location_ref) VALUES (?, ?)"
                " ON CONFLICT (hash) DO UPDATE SET location_ref = excluded.location_ref",
                rows,
            )

    def located_by_others(
        self, provider: str, after: str = "", limit: int = 100
    ) -> list[tuple[str, str]]:
        """Cached addresses another provider located, as (hash, address in clear), in hash
        order after the hash `after`: what re-locating them with `provider` asks again.
        A cached hash whose address the history no longer holds cannot be asked again."""
        with self._reading() as conn:
            rows = conn.execute(
                sql.LOCATED_BY_OTHERS, (bytes.fromhex(after), provider, limit)
            ).fetchall()
        return [(bytes(row[0]).hex(), self._cipher.decrypt(bytes(row[1]))) for row in rows]

    def count_located_by_others(self, provider: str) -> int:
        """How many cached addresses `located_by_others` would give in all."""
        with self._reading() as conn:
            return int(conn.execute(sql.COUNT_LOCATED_BY_OTHERS, (provider,)).fetchone()[0])

    def country_name(self, country_code: str) -> str | None:
        """The name the latest stored location gives a country code, or None if unseen."""
        with self._reading() as conn:
            row = conn.execute(sql.COUNTRY_NAME, (country_code,)).fetchone()
        return None if row is None else str(row[0])
