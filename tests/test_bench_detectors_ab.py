"""bench.detectors_ab, run small: old and new code alternated on copies of one history.

Nothing here times anything: the run must compare the two trees' detector output, print
both rows' figures, leave the history as it was and remove its copies.
"""

from __future__ import annotations

from pathlib import Path
import sys

import pytest

from bench import cli, detectors_ab

REPO = Path(__file__).resolve().parents[1]


def test_detectors_ab_runs_small(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    history = Path(cli.ensure_history(tmp_path / "cache", 1, 2000, cli.code_digest())["path"])
    before = history.read_bytes()
    work = tmp_path / "work"
    argv = ["--db", str(history), "--base-dir", str(REPO), "--rounds", "2", "--work", str(work)]
    try:
        assert detectors_ab.main(argv) == 0
    finally:
        sys.path[:] = [p for p in sys.path if not p.startswith(str(tmp_path))]
        sys.modules.pop("basecore", None)
        for name in [m for m in sys.modules if m.startswith("basecore.")]:
            sys.modules.pop(name)
    out = capsys.readouterr().out
    # The same code on both sides: the same output, checked before anything is timed.
    assert "check: same output on" in out
    assert "poll path, later passes: same output on" in out
    for row in ("check", "path"):
        for side in ("A", "B"):
            assert f"{row} {side}: thread CPU " in out
        assert f"{row} ratio B/A" in out
    assert history.read_bytes() == before
    assert list(work.iterdir()) == []
