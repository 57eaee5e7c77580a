"""Fixtures shared by the history store's tests (a module may define its own instead)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from custom_components.plexgeo.core.crypto import KeyMaterial
from custom_components.plexgeo.core.store import HistoryStore


@pytest.fixture
def keys() -> KeyMaterial:
    return KeyMaterial.generate()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "plexgeo" / "machine-1.db"


@pytest.fixture
def store(db_path: Path, keys: KeyMaterial) -> Iterator[HistoryStore]:
    opened = HistoryStore.open(db_path, keys, "machine-1", busy_timeout=0.2)
    yield opened
    opened.close()
