"""core/ is plain Python: no module in it may import Home Assistant, even indirectly."""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "custom_components" / "plexgeo" / "core"


def _forbidden_imports(path: Path) -> list[str]:
    """Imports of homeassistant, and relative imports that climb out of core/."""
    depth = len(path.relative_to(CORE).parts)  # core/x.py: 1, core/geo/x.py: 2
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.split(".")[0] == "homeassistant"]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level > depth or (not node.level and module.split(".")[0] == "homeassistant"):
                found.append("." * node.level + module)
    return found


def test_core_never_imports_home_assistant() -> None:
    modules = sorted(CORE.rglob("*.py"))
    assert len(modules) > 10
    offenders = {str(p.relative_to(CORE)): _forbidden_imports(p) for p in modules}
    assert {path: names for path, names in offenders.items() if names} == {}
