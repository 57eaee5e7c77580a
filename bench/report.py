"""Issue 8's targets, the verdicts at each size, the printed table and results.json."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
import json
import math
from pathlib import Path
from typing import Any, Literal


@dataclass(frozen=True, slots=True)
class Target:
    """One line of issue 8's table: a statistic of a measure, and its bound."""

    measure: str
    label: str
    statistic: Literal["median_ms", "p99_ms", "value"]
    bound: Literal["max", "min"]
    limit: float
    unit: str
    scale: float = 1.0  # from the measure's unit to the target's (ms -> µs: 1000)
    small: float | None = None  # the bound below 1,000,000 streams, when it differs

    def limit_at(self, size: int) -> float:
        """The bound at a history size."""
        return self.small if self.small is not None and size < 1_000_000 else self.limit


TARGETS: tuple[Target, ...] = (
    Target("poll_total", "poll of 50 live, 10 new: total", "p99_ms", "max", 20, "ms"),
    Target("detector_check", "detector check (all three)", "p99_ms", "max", 2, "ms"),
    Target(
        "detector_poll_path",
        "detectors on a poll's path, per new stream",
        "p99_ms",
        "max",
        2,
        "ms",
    ),
    Target("log_page_no_filter", "stream-log page: no filter", "p99_ms", "max", 20, "ms"),
    Target("log_page_by_user", "stream-log page: by user", "p99_ms", "max", 20, "ms"),
    Target(
        "log_page_by_country_dates", "stream-log page: country + dates", "p99_ms", "max", 20, "ms"
    ),
    Target("log_page_search", "stream-log page: free text", "p99_ms", "max", 20, "ms"),
    Target(
        "log_page_search_people_places",
        "stream-log page: user, place, network word",
        "p99_ms",
        "max",
        20,
        "ms",
    ),
    Target("log_page_search_address", "stream-log page: address or /24", "p99_ms", "max", 20, "ms"),
    Target("log_page_oldest_first", "stream-log page: oldest first", "p99_ms", "max", 20, "ms"),
    Target("log_count", "stream-log total (capped at 1,000)", "p99_ms", "max", 20, "ms"),
    Target("user_drilldown", "user drill-down, heaviest user", "p99_ms", "max", 50, "ms"),
    Target("stats_12_months", "stats over 12 months", "p99_ms", "max", 100, "ms"),
    Target("users_list", "users list", "p99_ms", "max", 50, "ms"),
    Target("user_habits", "user devices and networks", "p99_ms", "max", 50, "ms"),
    Target("alerts_page", "alerts page (100), newest and deep", "p99_ms", "max", 20, "ms"),
    Target("geo_cache_hit", "geolocation cache hit", "median_ms", "max", 50, "µs", 1000.0),
    Target(
        "ingest_rate_poll", "ingest, a poll's path (10 new, 40 live)", "value", "min", 10_000, "/s"
    ),
    Target("ingest_rate_poll_cpu", "  the same per CPU second", "value", "min", 10_000, "/s"),
    Target("ingest_rate_bulk", "ingest, bulk path (history import)", "value", "min", 10_000, "/s"),
    Target(
        "db_bytes_per_stream",
        "database size (≤ 200 below 1M)",
        "value",
        "max",
        170,
        "bytes/stream",
        small=200,
    ),
    Target("peak_rss_mib", "peak RSS while querying", "value", "max", 150, "MiB"),
)


@dataclass(frozen=True, slots=True)
class Verdict:
    """A target checked against one size's results."""

    size: int
    measure: str
    label: str
    target: str
    result: float | None  # None: not measured at this size
    unit: str
    passed: bool | None


def _value(results: Mapping[str, Any], target: Target) -> float | None:
    if target.statistic == "value":
        value = results.get("values", {}).get(target.measure)
    else:
        summary = results.get("measures", {}).get(target.measure)
        value = None if summary is None else summary[target.statistic]
    return None if value is None else float(value) * target.scale


def verdicts(size: int, results: Mapping[str, Any]) -> list[Verdict]:
    """Every target against one size's results."""
    found = []
    for target in TARGETS:
        value = _value(results, target)
        sign = "≤" if target.bound == "max" else "≥"
        stat = {"median_ms": " median", "p99_ms": " p99", "value": ""}[target.statistic]
        passed = None
        limit = target.limit_at(size)
        if value is not None:
            passed = value <= limit if target.bound == "max" else value >= limit
        found.append(
            Verdict(
                size,
                target.measure,
                target.label,
                f"{sign} {limit:g} {target.unit}{stat}",
                value,
                target.unit,
                passed,
            )
        )
    return found


def _load(results: Mapping[str, Any], target: Target) -> str:
    """The 1-minute load average while the figure was taken ("" when nothing was timed)."""
    if target.statistic == "value":
        load = results.get("value_loads", {}).get(target.measure)
    else:
        load = (results.get("measures", {}).get(target.measure) or {}).get("load_average")
    if not load:
        return ""
    low, high = min(load), max(load)
    return f" L{low:.1f}" if round(low, 1) == round(high, 1) else f" L{low:.1f}-{high:.1f}"


def _cpu(summary: Mapping[str, Any]) -> str:
    """The CPU-time median / p99 beside a wall-clock figure, when measured."""
    if "cpu_median_ms" not in summary:
        return ""
    return f" (CPU {_number(summary['cpu_median_ms'])} / {_number(summary['cpu_p99_ms'])})"


def _number(value: float) -> str:
    if value >= 1000:
        return f"{value:,.0f}"
    return f"{value:.3g}" if value < 10 else f"{value:.1f}"


def table(all_verdicts: list[Verdict], results: Mapping[int, Mapping[str, Any]]) -> str:
    """A plain-text table: measure, target, then median / p99 (or value) and verdict per size."""
    sizes = sorted({v.size for v in all_verdicts})
    lines = []
    header = f"{'measure':40} {'target':20}" + "".join(f" {f'{s:,} streams':>35}" for s in sizes)
    lines.append(header)
    lines.append("-" * len(header))
    by_key = {(v.size, v.measure): v for v in all_verdicts}
    for target in TARGETS:
        row = f"{target.label:40} {by_key[(sizes[-1], target.measure)].target:20}"
        for size in sizes:
            verdict = by_key[(size, target.measure)]
            summary = results[size].get("measures", {}).get(target.measure)
            if verdict.result is None:
                cell = "not measured"
            elif summary is not None:
                median = summary["median_ms"] * target.scale
                p99 = summary["p99_ms"] * target.scale
                cell = f"{_number(median)} / {_number(p99)} {target.unit}{_cpu(summary)}"
            else:
                cell = f"{_number(verdict.result)} {target.unit}"
            cell += _load(results[size], target)
            mark = {True: "pass", False: "FAIL", None: "-"}[verdict.passed]
            row += f" {cell:>30} {mark:>4}"
        lines.append(row)
    lines.append(
        "(timings: wall-clock median / p99, then the same in CPU time of the measuring"
        " thread; each measured in this run; L: 1-minute load average before-after the"
        " figure; targets are issue 8's, set for 1,000,000 streams)"
    )
    return "\n".join(lines)


def _clean(value: Any) -> Any:
    # JSON has no NaN or infinity: such a figure means "not measured".
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


def write_results(
    path: Path,
    *,
    meta: Mapping[str, Any],
    results: Mapping[int, Mapping[str, Any]],
    all_verdicts: list[Verdict],
) -> None:
    """Write results.json: run metadata, per-size figures and verdicts."""
    document = {
        **meta,
        "sizes": {str(size): results[size] for size in sorted(results)},
        "verdicts": [asdict(v) for v in all_verdicts],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(_clean(document), indent=2, ensure_ascii=False) + "\n")


def markdown(document: Mapping[str, Any]) -> str:
    """results.json as the Markdown table BENCHMARKS.md carries."""
    sizes = sorted(int(s) for s in document["sizes"])
    by_key = {(v["size"], v["measure"]): v for v in document["verdicts"]}
    head = "| measure | target | " + " | ".join(f"{s:,} streams" for s in sizes) + " |"
    lines = [head, "|" + " --- |" * (2 + len(sizes))]
    for target in TARGETS:
        cells = []
        for size in sizes:
            verdict = by_key[(size, target.measure)]
            summary = document["sizes"][str(size)]["measures"].get(target.measure)
            if verdict["result"] is None:
                cells.append("not measured")
                continue
            if summary is not None:
                median = _number(summary["median_ms"] * target.scale)
                text = f"{median} / {_number(summary['p99_ms'] * target.scale)} {target.unit}"
                text += _cpu(summary)
            else:
                text = f"{_number(verdict['result'])} {target.unit}"
            text += _load(document["sizes"][str(size)], target)
            cells.append(text if verdict["passed"] else f"**{text} (miss)**")
        target_text = by_key[(sizes[-1], target.measure)]["target"]
        lines.append(f"| {target.label} | {target_text} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def size_breakdown(document: Mapping[str, Any], top: int = 14) -> str:
    """Where each byte goes (dbstat), bytes per stream at every size, biggest first."""
    sizes = sorted(int(s) for s in document["sizes"])
    files = {size: document["sizes"][str(size)]["files"] for size in sizes}
    largest = files[sizes[-1]]["parts"]
    names = sorted(largest, key=lambda n: -largest[n]["bytes"])
    head = "| table or index | " + " | ".join(f"{s:,} streams" for s in sizes) + " |"
    lines = [head, "|" + " --- |" * (1 + len(sizes))]

    def per_stream(size: int, name: str) -> str:
        part = files[size]["parts"].get(name)
        return "-" if part is None else f"{part['bytes'] / files[size]['streams']:.1f}"

    for name in names[:top]:
        lines.append(f"| {name} | " + " | ".join(per_stream(s, name) for s in sizes) + " |")
    rest = [
        sum(p["bytes"] for n, p in files[s]["parts"].items() if n not in names[:top])
        / files[s]["streams"]
        for s in sizes
    ]
    lines.append("| everything else | " + " | ".join(f"{r:.1f}" for r in rest) + " |")
    total = [files[s]["file_bytes"] / files[s]["streams"] for s in sizes]
    lines.append("| **file** | " + " | ".join(f"**{t:.1f}**" for t in total) + " |")
    return "\n".join(lines)


def markdown_ha(document: Mapping[str, Any]) -> str:
    """results-ha.json (scripts/bench --ha) as a Markdown table."""
    loads = [b["load_average"][0] for b in document["blocks"]]
    lines = [
        f"{document['live']} live streams, scenario {document['scenario']}"
        f" ({document['churn']} ended + {document['churn']} started per poll),"
        f" {document['polls_per_tree']} polls per tree in alternated blocks,"
        f" load average {min(loads):.1f}-{max(loads):.1f}",
        "",
        "| tree | loop CPU per poll, median / p99 | of which entity updates |"
        " state changes per poll (median) | ratio to first (median / p99) |",
        "| --- | --- | --- | --- | --- |",
    ]
    first = None
    for label, figures in document["summary"].items():
        loop, entities = figures["loop"], figures["entity_updates"]
        ratio = "-"
        if first is None:
            first = loop
        else:
            ratio = (
                f"{loop['median_ms'] / first['median_ms']:.2f} /"
                f" {loop['p99_ms'] / first['p99_ms']:.2f}"
            )
        mark = "" if loop["p99_ms"] <= 2.0 else " (miss)"
        lines.append(
            f"| {label} | {loop['median_ms']:.2f} / {loop['p99_ms']:.2f} ms{mark}"
            f" | {entities['median_ms']:.2f} / {entities['p99_ms']:.2f} ms"
            f" | {figures['state_changes_median']} | {ratio} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    for argument in sys.argv[1:]:
        loaded = json.loads(Path(argument).read_text())
        if "summary" in loaded:
            print(markdown_ha(loaded), end="\n\n")
        else:
            print(markdown(loaded), end="\n\n")
            print(size_breakdown(loaded), end="\n\n")
