"""quality_scale.yaml covers every rule of HA's current scale, and the coverage rule holds."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest
import yaml

ROOT = Path(__file__).parent.parent
# HA core's script/hassfest/quality_scale.py ALL_RULES (2026.11), in its order.
HA_RULES = (
    # Bronze
    "action-setup", "appropriate-polling", "brands", "common-modules", "config-flow",
    "config-flow-test-coverage", "dependency-transparency", "docs-actions", "docs-conditions",
    "docs-high-level-description", "docs-installation-instructions",
    "docs-removal-instructions", "docs-triggers", "entity-event-setup", "entity-unique-id",
    "has-entity-name", "runtime-data", "test-before-configure", "test-before-setup",
    "unique-config-entry",
    # Silver
    "action-exceptions", "config-entry-unloading", "docs-configuration-parameters",
    "docs-installation-parameters", "entity-unavailable", "integration-owner",
    "log-when-unavailable", "parallel-updates", "reauthentication-flow", "test-coverage",
    # Gold
    "devices", "diagnostics", "discovery", "discovery-update-info", "docs-data-update",
    "docs-examples", "docs-known-limitations", "docs-supported-devices",
    "docs-supported-functions", "docs-troubleshooting", "docs-use-cases", "dynamic-devices",
    "entity-category", "entity-device-class", "entity-disabled-by-default",
    "entity-translations", "exception-translations", "icon-translations",
    "reconfiguration-flow", "repair-issues", "stale-devices",
    # Platinum
    "async-dependency", "inject-websession", "strict-typing",
)  # fmt: skip


def _rules() -> dict[str, object]:
    path = ROOT / "custom_components" / "plexgeo" / "quality_scale.yaml"
    return dict(yaml.safe_load(path.read_text(encoding="utf-8"))["rules"])


def test_every_rule_of_the_scale_has_a_status() -> None:
    rules = _rules()
    assert sorted(rules) == sorted(HA_RULES)
    for name, value in rules.items():
        status = value if isinstance(value, str) else value["status"]  # type: ignore[index]
        assert status in {"done", "todo", "exempt"}, name
        if status != "done":
            assert isinstance(value, dict) and value.get("comment"), f"{name}: say why"


def _checker() -> ModuleType:
    path = ROOT / "scripts" / "lib" / "coverage_per_module.py"
    spec = importlib.util.spec_from_file_location("coverage_per_module", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _report(**percent: float) -> dict[str, object]:
    return {"files": {name: {"summary": {"percent_covered": p}} for name, p in percent.items()}}


def test_coverage_checker_names_each_weak_module() -> None:
    checker = _checker()
    report = _report(a=100.0, b=94.7, c=90.0, d=95.0)
    assert checker.under_threshold(report, 95) == [("c", 90.0), ("b", 94.7)]
    assert checker.under_threshold(_report(a=95.0), 95) == []
    with pytest.raises(ValueError, match="no file"):
        checker.under_threshold({"files": {}}, 95)


def test_coverage_checker_exit_codes(tmp_path: Path) -> None:
    checker = _checker()
    weak, strong = tmp_path / "weak.json", tmp_path / "strong.json"
    weak.write_text('{"files": {"x.py": {"summary": {"percent_covered": 80}}}}')
    strong.write_text('{"files": {"x.py": {"summary": {"percent_covered": 99}}}}')
    assert checker.main([str(weak), "95"]) == 1
    assert checker.main([str(strong), "95"]) == 0
    assert checker.main([]) == 2
