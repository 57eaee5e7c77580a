"""Alerts and trust: store, list and acknowledge alerts; trusted countries per user."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
import json

from ..models import Alert
from . import sql
from .codecs import alert_from, ceil_seconds, floor_seconds, from_epoch, from_epoch_or_none
from .core import StoreCore


class AlertsAndTrust(StoreCore):
    """Alerts the detectors raised, their acknowledgement, and trusted countries."""

    def add_alert(self, alert: Alert, dedup_key: str) -> Alert:
        """Store an alert; returns it with its id (times truncated to the second)."""
        created = floor_seconds(alert.created_at)
        acknowledged = (
            None if alert.acknowledged_at is None else floor_seconds(alert.acknowledged_at)
        )
        with self._writing() as conn:
            cursor = conn.execute(
                sql.INSERT_ALERT,
                (
                    alert.kind.value,
                    alert.stream_id,
                    alert.user_id,
                    alert.user_name,
                    dedup_key,
                    created,
                    alert.country_code,
                    alert.country_name,
                    alert.city,
                    alert.latitude,
                    alert.longitude,
                    alert.share,
                    alert.session_count,
                    alert.previous_country_code,
                    alert.previous_country_name,
                    alert.previous_city,
                    alert.distance_km,
                    alert.speed_kmh,
                    alert.media_title,
                    alert.player,
                    acknowledged,
                    alert.acknowledged_by,
                    alert.other_stream_id,
                    alert.network_type,
                    alert.seconds_apart,
                    alert.stream_count,
                    alert.device,
                ),
            )
            alert_id = int(cursor.lastrowid or 0)
        return replace(
            alert,
            alert_id=alert_id,
            created_at=from_epoch(created),
            acknowledged_at=from_epoch_or_none(acknowledged),
        )

    def alert_exists_since(self, user_id: str, dedup_key: str, since: datetime) -> bool:
        """Whether the user has an alert with this dedup key created at or after `since`."""
        with self._reading() as conn:
            row = conn.execute(
                "SELECT 1 FROM alerts WHERE user_id = ? AND dedup_key = ? AND created_at >= ?"
                " LIMIT 1",
                (user_id, dedup_key, ceil_seconds(since)),
            ).fetchone()
        return row is not None

    def alerts(
        self,
        *,
        acknowledged: bool | None = None,
        user_id: str | None = None,
        limit: int = 100,
        before_id: int | None = None,
    ) -> list[Alert]:
        """Alerts newest first, optionally filtered; `before_id` pages back."""
        clauses = ["1"]
        params: list[object] = []
        if acknowledged is not None:
            # Literal conditions, so alerts_unacknowledged (a partial index) can serve them.
            clauses.append(
                "acknowledged_at IS NOT NULL" if acknowledged else "acknowledged_at IS NULL"
            )
        if user_id is not None:
            clauses.append("user_id = ?")
            params.append(user_id)
        if before_id is not None:
            clauses.append("id < ?")
            params.append(before_id)
        with self._reading() as conn:
            rows = conn.execute(
                sql.ALERT_SELECT + "WHERE " + " AND ".join(clauses) + " ORDER BY id DESC LIMIT ?",
                (*params, limit),
            ).fetchall()
        return [alert_from(row) for row in rows]

    def acknowledge_alerts(
        self, alert_ids: Sequence[int] | None, by: str | None, at: datetime
    ) -> list[Alert]:
        """Acknowledge the given alerts (None: all unacknowledged); returns those newly done."""
        ids = None if alert_ids is None else json.dumps([int(i) for i in alert_ids])
        with self._writing() as conn:
            rows = conn.execute(sql.ACKNOWLEDGE, (floor_seconds(at), by, ids)).fetchall()
        return sorted((alert_from(row) for row in rows), key=lambda a: a.alert_id, reverse=True)

    def unacknowledged_count(self) -> int:
        """How many alerts nobody has acknowledged."""
        with self._reading() as conn:
            row = conn.execute(
                "SELECT COUNT(*) FROM alerts WHERE acknowledged_at IS NULL"
            ).fetchone()
        return int(row[0])

    def trusted_countries(self, user_id: str) -> frozenset[str]:
        """Countries the user is trusted to stream from without alerts."""
        with self._reading() as conn:
            rows = conn.execute(
                "SELECT country_code FROM trusted_countries WHERE user_id = ?", (user_id,)
            ).fetchall()
        return frozenset(row[0] for row in rows)

    def trust_country(self, user_id: str, country_code: str) -> None:
        """Trust a country for a user (idempotent)."""
        with self._writing() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO trusted_countries (user_id, country_code) VALUES (?, ?)",
                (user_id, country_code),
            )

    def untrust_country(self, user_id: str, country_code: str) -> bool:
        """Stop trusting a country; False if it was not trusted."""
        with self._writing() as conn:
            cursor = conn.execute(
                "DELETE FROM trusted_countries WHERE user_id = ? AND country_code = ?",
                (user_id, country_code),
            )
            return cursor.rowcount > 0
