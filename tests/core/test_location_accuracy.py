"""Locations keep their accuracy: built from a provider's fields, stored, and migrated."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
import sqlite3

import pytest

from custom_components.plexgeo.core import migrations
from custom_components.plexgeo.core.crypto import KeyMaterial
from custom_components.plexgeo.core.geo.validate import build_location
from custom_components.plexgeo.core.store import HistoryStore

from . import helpers
from .test_schema_places import as_before_household
from .test_store import IPV4, T0, loc, raw, start


@pytest.fixture
def keys() -> KeyMaterial:
    return KeyMaterial.generate()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "plexgeo" / "machine-1.db"


def _fields(**changes: object) -> dict[str, object]:
    fields: dict[str, object] = {
        "country_code_value": "FR",
        "country_name": "France",
        "region": "Île-de-France",
        "city": "Paris",
        "latitude": 48.85,
        "longitude": 2.35,
        "timezone_name": "Europe/Paris",
        "isp": None,
        "org": None,
        "asn": None,
        "mobile": None,
        "proxy": None,
        "hosting": None,
        "provider": "test",
        "looked_up_at": T0,
    }
    return fields | changes


@pytest.mark.parametrize(
    ("changes", "precision"),
    [({}, "city"), ({"city": " "}, "region"), ({"city": None, "region": "\u202e"}, "country")],
)
def test_precision_is_the_finest_level_named(changes: dict[str, object], precision: str) -> None:
    assert build_location(**_fields(**changes)).precision == precision  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("radius", "kept"),
    [(20, 20.0), (0.5, 0.5), (0, None), (-5, None), (True, None), ("20", None), (1e9, None)],
)
def test_accuracy_radius_is_kept_only_when_it_can_mean_something(
    radius: object, kept: float | None
) -> None:
    location = build_location(**_fields(accuracy_km=radius))  # type: ignore[arg-type]
    assert location.accuracy_km == kept


def test_accuracy_is_stored_and_read_back(db_path: Path, keys: KeyMaterial) -> None:
    store = HistoryStore.open(db_path, keys, "machine-1")
    located = loc(accuracy_km=50.0, precision="city")
    stream = start(store, T0, located)
    read = helpers.stream(store, stream.stream_id)
    assert read is not None and read.location is not None
    assert (read.location.accuracy_km, read.location.precision) == (50.0, "city")
    # Two answers that differ only in accuracy are two locations, not one.
    other = start(store, T0, replace(located, accuracy_km=500.0), session_key="2")
    again = helpers.stream(store, other.stream_id)
    assert again is not None and again.location is not None
    assert again.location.accuracy_km == 500.0
    store.close()


def test_a_file_from_before_accuracy_is_migrated_keeping_its_locations(
    db_path: Path, keys: KeyMaterial
) -> None:
    first = migrations.MIGRATIONS.index(migrations._migrate_location_accuracy)
    new = HistoryStore.open(db_path, keys, "machine-1")
    stream = start(new, T0, loc("AU"))
    new.close()
    # The file as the schema before accuracy had it (so before the household model too).
    as_before_household(db_path)
    conn = sqlite3.connect(db_path)
    conn.execute("ALTER TABLE places DROP COLUMN accuracy_km")
    conn.execute("ALTER TABLE places DROP COLUMN precision")
    conn.execute(f"PRAGMA user_version = {first}")
    conn.close()
    with pytest.raises(sqlite3.OperationalError):
        raw(db_path, "SELECT accuracy_km FROM places")

    store = HistoryStore.open(db_path, keys, "machine-1")
    try:
        assert store.recovered_from is None
        assert store.schema_version == len(migrations.MIGRATIONS)
        read = helpers.stream(store, stream.stream_id)
        assert read is not None and read.location is not None
        assert read.location.country_code == "AU"
        assert (read.location.accuracy_km, read.location.precision) == (None, None)
        assert store.stream_address(stream.stream_id) == IPV4
    finally:
        store.close()
