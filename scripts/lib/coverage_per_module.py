"""Fail when any module of the integration is under the coverage threshold.

The whole-suite figure can hide a weak module behind well-covered ones; HA's reviewers read
test coverage per module. Reads coverage.py's JSON report (`pytest --cov-report=json:PATH`).
  coverage_per_module.py REPORT.json [THRESHOLD]
"""

from __future__ import annotations

import json
from pathlib import Path
import sys

DEFAULT_THRESHOLD = 95.0


def under_threshold(report: dict[str, object], threshold: float) -> list[tuple[str, float]]:
    """(path, percent) of every measured file below threshold, lowest first."""
    files = report.get("files")
    if not isinstance(files, dict) or not files:
        raise ValueError("the coverage report measured no file")
    weak = [
        (path, float(data["summary"]["percent_covered"]))
        for path, data in files.items()
        if float(data["summary"]["percent_covered"]) < threshold
    ]
    return sorted(weak, key=lambda item: item[1])


def main(argv: list[str]) -> int:
    """Print the modules under the threshold; exit 1 if there is any."""
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    threshold = float(argv[1]) if len(argv) > 1 else DEFAULT_THRESHOLD
    report = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    try:
        weak = under_threshold(report, threshold)
    except ValueError as err:
        print(f"coverage per module: {err}", file=sys.stderr)
        return 1
    for path, percent in weak:
        print(f"  {path}: {percent:.1f} % (< {threshold:g} %)", file=sys.stderr)
    if weak:
        print(f"coverage per module: {len(weak)} module(s) under {threshold:g} %", file=sys.stderr)
        return 1
    print(f"coverage per module: every module at least {threshold:g} %")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
