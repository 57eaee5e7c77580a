"""core/ is plain Python: no module in it may import Home Assistant, even indirectly."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from custom_components.plexgeo.core import anomaly

CORE = Path(__file__).resolve().parents[2] / "custom_components" / "plexgeo" / "core"
PACKAGE = "custom_components.plexgeo"


def _forbidden_imports(source: str, depth: int) -> list[str]:
    """Imports of homeassistant, relative imports that climb out of core/ (`depth` is how
    deep the module sits: core/x.py 1, core/geo/x.py 2), and absolute imports of the
    integration: core imports itself relatively and the HA side never."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if _forbidden_absolute(a.name)]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level > depth or (not node.level and _forbidden_absolute(module)):
                found.append("." * node.level + module)
    return found


def _forbidden_absolute(module: str) -> bool:
    top = module.split(".", maxsplit=1)[0]
    return top == "homeassistant" or module == PACKAGE or module.startswith(PACKAGE + ".")


def test_core_never_imports_home_assistant() -> None:
    modules = sorted(CORE.rglob("*.py"))
    assert len(modules) > 10
    offenders = {
        str(p.relative_to(CORE)): _forbidden_imports(p.read_text(), len(p.relative_to(CORE).parts))
        for p in modules
    }
    assert {path: names for path, names in offenders.items() if names} == {}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from custom_components.plexgeo.const import DOMAIN", ["custom_components.plexgeo.const"]),
        ("import custom_components.plexgeo.coordinator", ["custom_components.plexgeo.coordinator"]),
        ("from custom_components.plexgeo import const", ["custom_components.plexgeo"]),
        ("from custom_components.plexgeo.core.models import Location", [f"{PACKAGE}.core.models"]),
        ("from homeassistant.core import HomeAssistant", ["homeassistant.core"]),
        ("import homeassistant", ["homeassistant"]),
        ("from ...const import DOMAIN", ["...const"]),
        ("from ..models import Location", []),
        ("from .base import LookupResult", []),
        ("import custom_components_other", []),
    ],
)
def test_the_check_catches_every_way_out(source: str, expected: list[str]) -> None:
    """The check, on a module as deep as core/geo/x.py."""
    assert _forbidden_imports(source, 2) == expected


def test_detectors_see_only_their_protocol() -> None:
    """The detectors query the store through `DetectorStore`: every store method they
    call is in it, and anomaly.py does not import the store."""
    tree = ast.parse(Path(anomaly.__file__).read_text())
    called = {
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "store"
    }
    members = {
        name
        for name, value in vars(anomaly.DetectorStore).items()
        if callable(value) and not name.startswith("_")
    }
    assert called == members
    imported = {
        node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
    }
    assert "store" not in imported
