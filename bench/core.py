"""Load PlexGeo's core without Home Assistant.

Importing `custom_components.plexgeo.core.store` runs `custom_components/plexgeo/__init__.py`
first, which imports Home Assistant (about 1 s and 90 MB of RSS). The core never needs
it, so the benchmark registers bare package modules for the two parents: the figures then
describe PlexGeo, not Home Assistant. When the real package is already imported (under
pytest), it is left alone.
"""

from __future__ import annotations

from pathlib import Path
import sys
import types

_ROOT = Path(__file__).resolve().parents[1] / "custom_components"


def load_core_only() -> None:
    """Make `custom_components.plexgeo.core` importable without importing Home Assistant."""
    for name, path in (
        ("custom_components", _ROOT),
        ("custom_components.plexgeo", _ROOT / "plexgeo"),
    ):
        if name not in sys.modules:
            module = types.ModuleType(name)
            module.__path__ = [str(path)]
            sys.modules[name] = module
