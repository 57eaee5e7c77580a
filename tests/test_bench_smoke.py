"""scripts/bench, run small: it must run end to end and write well-formed results.

Nothing here times anything: the figures are checked for shape, never for speed.
"""

from __future__ import annotations

from collections import Counter
import json
import math
from pathlib import Path
import shutil
import sqlite3

import pytest

from bench import cli, push, report
from bench.history import new_stream, population_for, start_time
from bench.report import TARGETS
from bench.timing import percentile, summarize
from custom_components.plexgeo.core.models import AddressRule, LocationStatus


def _rows(path: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT s.session_key, s.started_at, u.plex_id, s.location_status, l.text"
            " FROM streams AS s JOIN users AS u ON u.id = s.user_ref"
            " LEFT JOIN labels AS l ON l.id = s.country_ref ORDER BY s.session_key"
        ).fetchall()
    finally:
        conn.close()


def test_smoke_run_writes_well_formed_results(tmp_path: Path) -> None:
    """Two sizes, three repetitions: every target gets a finite figure and a verdict."""
    out = tmp_path / "results.json"
    argv = ["--sizes", "1000,2000", "--repeat", "3", "--bulk", "300"]
    argv += ["--cache-dir", str(tmp_path)]
    assert cli.main([*argv, "--output", str(out)]) == 0

    results = json.loads(out.read_text())
    assert set(results["sizes"]) == {"1000", "2000"}
    assert results["machine"]["nproc"] >= 1
    for size, figures in results["sizes"].items():
        assert figures["streams"] == int(size)
        for name, summary in figures["measures"].items():
            assert summary["n"] >= (1 if name == "ingest_batch" else 3), name
            assert 0 <= summary["min_ms"] <= summary["median_ms"] <= summary["p99_ms"]
            assert summary["p99_ms"] <= summary["max_ms"]
        assert figures["values"]["ingest_rate_poll"] > 0
        assert figures["values"]["ingest_rate_bulk"] > 0
        assert figures["bulk_import"]["streams"] == 300
        assert figures["values"]["peak_rss_mib"] > 0
        assert figures["files"]["streams"] == int(size)
        assert (
            sum(p["bytes"] for p in figures["files"]["parts"].values())
            == (figures["files"]["page_bytes"])
        )
        for name in ("users_list", "poll_write", "poll_total"):
            assert figures["measures"][name]["rounds"] >= 1
            assert len(figures["measures"][name]["load_average"]) == 2
        assert len(figures["load_average"]) == 3
    verdicts = [v for v in results["verdicts"] if v["size"] == 2000]
    assert {v["measure"] for v in verdicts} == {t.measure for t in TARGETS}
    for verdict in verdicts:
        assert verdict["result"] is not None, verdict["measure"]
        assert math.isfinite(verdict["result"])
        assert isinstance(verdict["passed"], bool)

    # BENCHMARKS.md's tables render from it: the targets and where each byte goes.
    assert "| users list |" in report.markdown(results)
    breakdown = report.size_breakdown(results)
    assert "| streams |" in breakdown and breakdown.splitlines()[-1].startswith("| **file** |")

    # The bigger history grew from the smaller one and holds exactly its streams.
    bigger = results["sizes"]["2000"]["history"]
    assert bigger["grown_from"] == 1000
    cached = cli.cached_sizes(tmp_path, 1, cli.code_digest())
    assert set(cached) == {1000, 2000}
    assert len(_rows(cached[2000])) == 2000
    assert not list(tmp_path.glob("work-*"))  # the probe's copy is gone


def test_cached_history_is_reused_and_grown_equals_direct(tmp_path: Path) -> None:
    """A second run reuses the file; 1,000 grown to 2,000 equals 2,000 written at once."""
    code = cli.code_digest()
    grown_dir, direct_dir = tmp_path / "grown", tmp_path / "direct"
    grown_dir.mkdir()
    direct_dir.mkdir()
    cli.ensure_history(grown_dir, 7, 1000, code)
    grown = cli.ensure_history(grown_dir, 7, 2000, code)
    direct = cli.ensure_history(direct_dir, 7, 2000, code)
    assert (grown["grown_from"], direct["grown_from"]) == (1000, 0)
    assert _rows(Path(grown["path"])) == _rows(Path(direct["path"]))

    again = cli.ensure_history(grown_dir, 7, 2000, code)
    assert again["reused"] is True
    assert again["generated_at"] == grown["generated_at"]


def test_figures_are_measured_in_the_run_not_read_from_the_cache(tmp_path: Path) -> None:
    """A reused history's sidecar may say anything: the printed figures ignore it."""
    argv = ["--sizes", "500", "--repeat", "1", "--bulk", "100", "--cache-dir", str(tmp_path)]
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    assert cli.main([*argv, "--output", str(first)]) == 0
    (path,) = cli.cached_sizes(tmp_path, 1, cli.code_digest()).values()
    sidecar = Path(f"{path}.json")
    stale = json.loads(sidecar.read_text())
    stale |= {"file_bytes": 1, "ingest": {"streams": 500, "batch_seconds": [1e-9]}}
    sidecar.write_text(json.dumps(stale))
    assert cli.main([*argv, "--output", str(second)]) == 0

    figures = json.loads(second.read_text())["sizes"]["500"]
    assert figures["history"]["reused"] is True
    assert figures["files"]["file_bytes"] == path.stat().st_size
    assert figures["values"]["db_bytes_per_stream"] == path.stat().st_size / 500
    assert figures["values"]["ingest_rate_bulk"] == figures["bulk_import"]["rate"] < 1e9
    assert (
        figures["measures"]["users_list"]
        != json.loads(first.read_text())["sizes"]["500"]["measures"]["users_list"]
    )


def test_cache_key_follows_the_code_that_writes_a_history(tmp_path: Path) -> None:
    """Editing the store (or the generator) changes the digest, so the cache is not reused."""
    for source in cli.HISTORY_SOURCES:
        origin = cli.REPO / source
        copy = tmp_path / source
        copy.parent.mkdir(parents=True, exist_ok=True)
        if origin.is_dir():
            shutil.copytree(origin, copy, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copyfile(origin, copy)
    before = cli.code_digest(tmp_path)
    assert before == cli.code_digest()
    store_file = tmp_path / "custom_components/plexgeo/core/store/streams.py"
    store_file.write_text(store_file.read_text() + "\n# a change\n")
    assert cli.code_digest(tmp_path) != before
    store_file.write_text(store_file.read_text().removesuffix("\n# a change\n"))
    assert cli.code_digest(tmp_path) == before
    generator = tmp_path / "bench/population.py"
    generator.write_text(generator.read_text() + "\n")
    assert cli.code_digest(tmp_path) != before


def test_incomplete_cache_file_is_regenerated(tmp_path: Path) -> None:
    """A history without its sidecar (an interrupted run) is not trusted."""
    code = cli.code_digest()
    first = cli.ensure_history(tmp_path, 3, 500, code)
    Path(f"{first['path']}.json").unlink()
    assert cli.cached_sizes(tmp_path, 3, code) == {}
    again = cli.ensure_history(tmp_path, 3, 500, code)
    assert again["reused"] is False
    assert len(_rows(Path(again["path"]))) == 500


def test_probe_failure_is_reported(tmp_path: Path) -> None:
    """A probe that cannot open its database raises with the child's error output."""
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"not a database at all" * 10)
    with pytest.raises(RuntimeError, match=r"bench\.probe failed"):
        cli.probe(broken, 1, 1)


@pytest.mark.parametrize("argv", [["--sizes", "ten"], ["--sizes", "50"], ["--repeat", "0"]])
def test_bad_arguments_are_refused(argv: list[str]) -> None:
    """Sizes must be integers of at least 100; repetitions at least one."""
    with pytest.raises(SystemExit) as raised:
        cli.parse_args(argv)
    assert raised.value.code == 2


def test_quick_is_ten_thousand_streams_few_repetitions() -> None:
    """--quick is the CI-sized run."""
    args = cli.parse_args(["--quick"])
    assert (args.sizes, args.repeat) == ([10_000], 20)


def test_history_is_seeded_and_shaped_like_the_issue_asks() -> None:
    """Same seed, same streams; home country about 85 %; LAN, IPv6, relayed all present."""
    population = population_for(1)
    streams = [new_stream(population, k) for k in range(6000)]
    again = population_for(1)
    assert streams[:50] == [new_stream(again, k) for k in range(50)]
    other = population_for(2)
    assert sum(a != new_stream(other, k) for k, a in enumerate(streams[:50])) > 40

    homes = {v.user_id: v.home.country_code for v in population.viewers}
    located = [(s, loc) for s, _, status, loc in streams if loc is not None]
    at_home = sum(loc.country_code == homes[s.user_id] for s, loc in located)
    assert 0.80 <= at_home / len(located) <= 0.90
    rules = Counter(s.address_rule for s, _, _, _ in streams)
    assert rules[AddressRule.LAN] > 0 and rules[AddressRule.RELAYED] > 0
    assert any(s.ip_address and ":" in s.ip_address for s, _, _, _ in streams)
    statuses = {status for _, _, status, _ in streams}
    assert LocationStatus.PENDING not in statuses
    assert len({s.user_id for s, _, _, _ in streams}) > 800
    span = max(start_time(k) for k in range(6000)) - min(start_time(k) for k in range(6000))
    assert span > 360 * 86400  # any prefix covers the year


def test_percentile_is_nearest_rank() -> None:
    """Median and p99 of 1..100 are 50 and 99; one sample is its own percentile."""
    samples = [float(i) for i in range(100, 0, -1)]
    assert percentile(samples, 0.5) == 50.0
    assert percentile(samples, 0.99) == 99.0
    assert percentile([3.0], 0.99) == 3.0
    summary = summarize([0.001, 0.002, 0.003])
    assert (summary.median_ms, summary.max_ms) == pytest.approx((2.0, 3.0))
    with pytest.raises(ValueError, match="no samples"):
        percentile([], 0.5)
    with pytest.raises(ValueError, match="fraction"):
        percentile([1.0], 0.0)


@pytest.mark.usefixtures("socket_enabled")
def test_push_bench_runs_and_a_burst_costs_one_fetch(capsys: pytest.CaptureFixture[str]) -> None:
    """`scripts/bench --push`, with short idle windows."""
    assert push.main(idle_seconds=0.1) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["notifications_received"] == push.BURST
    assert figures["fetches"] == 1
    assert figures["burst_loop_cpu_ms"] > 0


def test_tautulli_import_bench_runs_small(tmp_path: Path) -> None:
    """`scripts/bench --tautulli`: rows imported into a generated history, figures written."""
    out = tmp_path / "results.json"
    argv = ["--sizes", "1000", "--tautulli", "600", "--cache-dir", str(tmp_path)]
    assert cli.main([*argv, "--output", str(out)]) == 0
    figures = json.loads(out.with_name("results-tautulli.json").read_text())["results"]["1000"]
    assert figures["streams_before"] == 1000
    assert figures["imported"] + figures["already_live"] == 600
    assert figures["streams_after"] == 1000 + figures["imported"]
    assert figures["rate"] > 0
    assert figures["peak_rss_mib"] > 0
    assert len(figures["load_average"]) == 3
