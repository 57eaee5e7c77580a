"""bench/geo_offline.py, run small: it builds, opens and locates end to end (no timing checked)."""

from __future__ import annotations

import json
from pathlib import Path

from bench import geo_offline


def test_measurement_runs_and_reports_every_figure(tmp_path: Path) -> None:
    out = tmp_path / "geo.json"
    geo_offline.main(["--networks", "300", "--runs", "2", "--json", str(out)])
    report = json.loads(out.read_text())
    assert report["networks"] == 300 and report["file_bytes"] > 0
    for key in (
        "single_lookup_median_us",
        "batch_100_median_ms",
        "batch_100_via_executor_median_ms",
        "batch_100_cpu_median_ms",
        "batch_100_reader_cpu_median_ms",
    ):
        assert report[key] > 0
    # The reader's part is inside the whole call's (both on 100 addresses of one kind).
    assert report["batch_100_reader_cpu_median_ms"] < report["batch_100_cpu_median_ms"]
    assert report["rss_after_lookups_kb"] >= report["rss_before_open_kb"] > 0
    assert isinstance(report["targets_met"], bool)
