"""Print the corpus' scores from the file the scenario runs appended to (scripts/detection)."""

from __future__ import annotations

import json
from pathlib import Path
import sys

from .scoring import Result, summary


def main(argv: list[str]) -> int:
    """Print the summary; 1 when any target is missed."""
    lines = Path(argv[1]).read_text(encoding="utf-8").splitlines()
    results = [Result.from_json(json.loads(line)) for line in lines if line.strip()]
    if not results:
        print("no scenario ran")
        return 1
    text, ok = summary(sorted(results, key=lambda r: (r.category, r.name)))
    print("\n".join(text))
    print("all targets met" if ok else "targets missed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
