"""`scripts/bench`: generate (or reuse) each history size, measure it, print and save the figures.

Histories are cached under the cache directory as
`history-g<generator>-<schema>-s<seed>-n<size>.db`, with a `.db.json` sidecar written last
(its presence marks a complete file). A size with no cached file grows from the largest
cached smaller one of the same seed, generator and schema; a schema change (new index,
new trigger) starts afresh. Query measurements run in a child process on a copy.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import asdict
from datetime import UTC, datetime
import hashlib
import json
import os
from pathlib import Path
import platform
import shutil
import sqlite3
import subprocess
import sys
import time
from typing import Any

from custom_components.plexgeo.core import schema
from custom_components.plexgeo.core.store import HistoryStore

from . import push
from .history import BATCH, GENERATOR_VERSION, SERVER_ID, grow, keys_for, population_for
from .report import table, verdicts, write_results
from .timing import summarize

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SIZES = (10_000, 100_000, 1_000_000)


def schema_fingerprint() -> str:
    """A digest of every table, index and trigger the migrations create."""
    conn = sqlite3.connect(":memory:")
    try:
        for migration in schema.MIGRATIONS:
            migration(conn)
        statements = sorted(
            str(row[0]) for row in conn.execute("SELECT sql FROM sqlite_master WHERE sql NOT NULL")
        )
    finally:
        conn.close()
    return hashlib.sha256("\n".join(statements).encode()).hexdigest()[:10]


def _stem(seed: int, fingerprint: str) -> str:
    return f"history-g{GENERATOR_VERSION}-{fingerprint}-s{seed}-n"


def cached_sizes(cache_dir: Path, seed: int, fingerprint: str) -> dict[int, Path]:
    """Complete cached histories of this seed, generator and schema, by size."""
    stem = _stem(seed, fingerprint)
    found = {}
    for path in cache_dir.glob(f"{stem}*.db"):
        size = path.name.removeprefix(stem).removesuffix(".db")
        if size.isdigit() and _sidecar(path).exists():
            found[int(size)] = path
    return found


def _sidecar(path: Path) -> Path:
    return path.with_name(f"{path.name}.json")


def _remove(path: Path) -> None:
    for extra in ("", "-wal", "-shm"):
        path.with_name(f"{path.name}{extra}").unlink(missing_ok=True)


def ensure_history(cache_dir: Path, seed: int, size: int, fingerprint: str) -> dict[str, Any]:
    """The cached history of `size` streams, generated or grown if missing; its sidecar."""
    cached = cached_sizes(cache_dir, seed, fingerprint)
    target = cache_dir / f"{_stem(seed, fingerprint)}{size}.db"
    if size in cached:
        meta = json.loads(_sidecar(target).read_text())
        return {**meta, "path": str(target), "reused": True}
    smaller = max((n for n in cached if n < size), default=0)
    partial = target.with_name(f"{target.name}.partial")
    _remove(partial)
    if smaller:
        shutil.copyfile(cached[smaller], partial)
    population = population_for(seed)
    began = time.perf_counter()
    store = HistoryStore.open(partial, keys_for(seed), SERVER_ID)
    try:
        timing = grow(store, population, smaller, size)
    finally:
        store.close()
    meta = {
        "streams": size,
        "grown_from": smaller,
        "seconds": time.perf_counter() - began,
        "file_bytes": partial.stat().st_size,
        "ingest": asdict(timing),
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    partial.rename(target)
    _sidecar(target).write_text(json.dumps(meta) + "\n")
    return {**meta, "path": str(target), "reused": False}


def probe(history: Path, seed: int, repeat: int) -> dict[str, Any]:
    """Run the query measurements in a child process on a throwaway copy of `history`."""
    work = history.with_name(f"work-{os.getpid()}.db")
    shutil.copyfile(history, work)
    try:
        command = [sys.executable, "-m", "bench.probe", "--db", str(work)]
        command += ["--seed", str(seed), "--repeat", str(repeat)]
        completed = subprocess.run(  # noqa: S603  (our own interpreter and module)
            command,
            cwd=REPO,
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        _remove(work)
    if completed.returncode != 0:
        raise RuntimeError(f"bench.probe failed:\n{completed.stderr}")
    result: dict[str, Any] = json.loads(completed.stdout)
    return result


def size_results(history: dict[str, Any], measured: dict[str, Any]) -> dict[str, Any]:
    """One size's figures: the probe's measures plus ingest and file size from generation."""
    ingest = history["ingest"]
    batches = ingest["batch_seconds"]
    written = sum(batches) + ingest["end_seconds"]
    measures = dict(measured["measures"])
    if batches:
        per_batch = summarize(batches).as_dict()
        measures["ingest_batch"] = per_batch
    values = {
        "ingest_rate": ingest["streams"] / written if written else None,
        "ingest_rate_with_cache_fill": (
            ingest["streams"] / (written + ingest["cache_seconds"]) if written else None
        ),
        "db_bytes_per_stream": history["file_bytes"] / history["streams"],
        "peak_rss_mib": measured["peak_rss_mib"],
    }
    return {
        "streams": history["streams"],
        "history": {k: v for k, v in history.items() if k not in {"ingest", "path"}}
        | {
            "ingest_streams": ingest["streams"],
            "ingest_batch_size": BATCH,
            "addresses_cached": ingest["addresses"],
        },
        "measures": measures,
        "values": values,
        "facts": measured["facts"],
        "probe_seconds": measured["seconds"],
        # Other work on the machine inflates p99s: the 1, 5 and 15 minute load averages.
        "load_average": os.getloadavg(),
    }


def machine() -> dict[str, Any]:
    """What the figures ran on."""
    model = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {
        "nproc": os.cpu_count(),
        "cpu": model,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
    }


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(prog="scripts/bench", description=__doc__)
    parser.add_argument(
        "--sizes",
        default=",".join(map(str, DEFAULT_SIZES)),
        help="comma-separated history sizes (default: %(default)s)",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=200, help="repetitions per measure")
    parser.add_argument("--quick", action="store_true", help="10,000 streams, few repetitions")
    parser.add_argument("--cache-dir", type=Path, default=REPO / "bench")
    parser.add_argument("--output", type=Path, default=REPO / "bench" / "results.json")
    parser.add_argument(
        "--push", action="store_true", help="only the notification socket's loop cost"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.repeat = "10000", min(args.repeat, 20)
    try:
        args.sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s})
    except ValueError:
        parser.error("--sizes takes integers separated by commas")
    if not args.sizes or min(args.sizes) < 100:
        parser.error("sizes must be at least 100 streams")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Generate, measure, print the table and write results.json."""
    args = parse_args(argv)
    if args.push:
        return push.main()
    args.cache_dir.mkdir(parents=True, exist_ok=True)
    fingerprint = schema_fingerprint()
    results: dict[int, dict[str, Any]] = {}
    for size in args.sizes:
        print(f"[bench] {size:,} streams: generating or reusing the history", flush=True)
        history = ensure_history(args.cache_dir, args.seed, size, fingerprint)
        how = "reused" if history["reused"] else f"written in {history['seconds']:.0f} s"
        print(f"[bench] {size:,} streams: {how}; measuring", flush=True)
        results[size] = size_results(history, probe(Path(history["path"]), args.seed, args.repeat))
    found = [v for size in args.sizes for v in verdicts(size, results[size])]
    print(table(found, results))
    meta = {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "seed": args.seed,
        "repeat": args.repeat,
        "generator_version": GENERATOR_VERSION,
        "schema_fingerprint": fingerprint,
        "machine": machine(),
    }
    write_results(args.output, meta=meta, results=results, all_verdicts=found)
    print(f"[bench] wrote {args.output}")
    return 0
