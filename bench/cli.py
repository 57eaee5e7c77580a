"""`scripts/bench`: generate (or reuse) each history size, measure it, print and save the figures.

Histories are cached under the cache directory as `history-<code>-s<seed>-n<size>.db`,
with a `.db.json` sidecar written last (its presence marks a complete file). `<code>` is a
digest of the sources that write a history (the store package, the schema, the records,
the crypto, the generator): any change to them starts afresh. A size with no cached file
grows from the largest cached smaller one of the same seed and code. The cache keeps data
only: every figure printed (ingest, size, timings) is measured in this run, by a child
process on a copy of the history.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
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

from custom_components.plexgeo.core.store import HistoryStore

from . import push, tautulli
from .history import GENERATOR_VERSION, SERVER_ID, grow, keys_for, population_for
from .report import table, verdicts, write_results

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SIZES = (10_000, 100_000, 1_000_000)


# What writes a history: a change to any of these makes the cached files stale.
HISTORY_SOURCES = (
    "custom_components/plexgeo/core/store",
    "custom_components/plexgeo/core/schema.py",
    "custom_components/plexgeo/core/migrations.py",
    "custom_components/plexgeo/core/models.py",
    "custom_components/plexgeo/core/crypto.py",
    "custom_components/plexgeo/core/addresses.py",
    "bench/history.py",
    "bench/population.py",
    "simulator/places.py",
)


def code_digest(root: Path = REPO) -> str:
    """A digest of the sources that write a history (file names and contents)."""
    digest = hashlib.sha256(f"generator {GENERATOR_VERSION}".encode())
    for source in HISTORY_SOURCES:
        path = root / source
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for file in files:
            digest.update(str(file.relative_to(root)).encode() + b"\0")
            digest.update(file.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def _stem(seed: int, code: str) -> str:
    return f"history-{code}-s{seed}-n"


def cached_sizes(cache_dir: Path, seed: int, code: str) -> dict[int, Path]:
    """Complete cached histories of this seed and code digest, by size."""
    stem = _stem(seed, code)
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


def ensure_history(cache_dir: Path, seed: int, size: int, code: str) -> dict[str, Any]:
    """The cached history of `size` streams, generated or grown if missing; its sidecar."""
    cached = cached_sizes(cache_dir, seed, code)
    target = cache_dir / f"{_stem(seed, code)}{size}.db"
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
    # Data about the data only: no figure is ever printed from it.
    meta = {
        "streams": size,
        "grown_from": smaller,
        "seconds": time.perf_counter() - began,
        "written_streams": timing.streams,
        "code": code,
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    partial.rename(target)
    _sidecar(target).write_text(json.dumps(meta) + "\n")
    return {**meta, "path": str(target), "reused": False}


def probe(history: Path, seed: int, repeat: int, bulk: int = 0) -> dict[str, Any]:
    """Run the query measurements in a child process on a throwaway copy of `history`."""
    work = history.with_name(f"work-{os.getpid()}.db")
    shutil.copyfile(history, work)
    try:
        command = [sys.executable, "-m", "bench.probe", "--db", str(work)]
        command += ["--seed", str(seed), "--repeat", str(repeat), "--bulk", str(bulk)]
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
    """One size's figures, every one measured by this run's probe."""
    files = measured["files"]
    measures = dict(measured["measures"])
    poll_write = measures.get("poll_write")
    poll_cpu = measures.get("poll_write_cpu")
    new_per_poll = measured["facts"].get("poll_new_streams", 0)
    bulk = measured.get("bulk_import")
    values = {
        # Streams a poll starts, per second of the executor time its write path takes.
        "ingest_rate_poll": (
            new_per_poll / (poll_write["median_ms"] / 1000) if poll_write else None
        ),
        # The same per second of the executor thread's CPU: what the path costs, apart
        # from waiting for a CPU on a busy machine.
        "ingest_rate_poll_cpu": (
            new_per_poll / (poll_cpu["median_ms"] / 1000) if poll_cpu else None
        ),
        "ingest_rate_bulk": bulk["rate"] if bulk else None,
        "db_bytes_per_stream": files["file_bytes"] / files["streams"],
        "peak_rss_mib": measured["peak_rss_mib"],
    }
    loads = {
        "ingest_rate_poll": poll_write["load_average"] if poll_write else None,
        "ingest_rate_poll_cpu": poll_write["load_average"] if poll_write else None,
        "ingest_rate_bulk": bulk["load_average"] if bulk else None,
    }
    return {
        "streams": files["streams"],
        "history": {k: v for k, v in history.items() if k != "path"},
        "measures": measures,
        "values": values,
        "value_loads": loads,
        "files": files,
        "bulk_import": bulk,
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
    parser.add_argument(
        "--repeat", type=int, default=200, help="repetitions per round of each measure"
    )
    parser.add_argument(
        "--bulk",
        type=int,
        default=20_000,
        help="streams appended through the bulk path (a history import's) per size",
    )
    parser.add_argument("--quick", action="store_true", help="10,000 streams, few repetitions")
    parser.add_argument("--cache-dir", type=Path, default=REPO / "bench")
    parser.add_argument("--output", type=Path, default=REPO / "bench" / "results.json")
    parser.add_argument(
        "--push", action="store_true", help="only the notification socket's loop cost"
    )
    parser.add_argument(
        "--tautulli",
        type=int,
        default=0,
        metavar="ROWS",
        help="only the Tautulli import: ROWS rows into each size (bench/tautulli.py)",
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
    if args.bulk < 0:
        parser.error("--bulk must not be negative")
    if args.quick:
        args.bulk = min(args.bulk, 5_000)
    return args


def tautulli_import(args: argparse.Namespace, code: str) -> int:
    """Import `args.tautulli` generated Tautulli rows into each size; print and save."""
    results = {}
    for size in args.sizes:
        history = ensure_history(args.cache_dir, args.seed, size, code)
        print(f"[bench] {size:,} streams: importing {args.tautulli:,} Tautulli rows", flush=True)
        found = tautulli.measure(Path(history["path"]), args.seed, args.tautulli)
        results[size] = found
        load = ", ".join(f"{x:.2f}" for x in found["load_average"])
        print(
            f"[bench] {size:,} streams + {args.tautulli:,} rows: {found['rate']:,.0f} rows/s"
            f" ({found['rate_cpu']:,.0f}/s of CPU), peak RSS {found['peak_rss_mib']:.1f} MiB,"
            f" load {load}",
            flush=True,
        )
    output = args.output.with_name("results-tautulli.json")
    output.write_text(json.dumps({"machine": machine(), "results": results}, indent=2) + "\n")
    print(f"[bench] wrote {output}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Generate, measure, print the table and write results.json."""
    args = parse_args(argv)
    if args.push:
        return push.main()
    args.cache_dir.mkdir(parents=True, exist_ok=True)
    code = code_digest()
    if args.tautulli:
        return tautulli_import(args, code)
    results: dict[int, dict[str, Any]] = {}
    for size in args.sizes:
        print(f"[bench] {size:,} streams: generating or reusing the history", flush=True)
        history = ensure_history(args.cache_dir, args.seed, size, code)
        how = "reused" if history["reused"] else f"written in {history['seconds']:.0f} s"
        print(f"[bench] {size:,} streams: {how}; measuring", flush=True)
        measured = probe(Path(history["path"]), args.seed, args.repeat, args.bulk)
        results[size] = size_results(history, measured)
    found = [v for size in args.sizes for v in verdicts(size, results[size])]
    print(table(found, results))
    meta = {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "seed": args.seed,
        "repeat": args.repeat,
        "generator_version": GENERATOR_VERSION,
        "code_digest": code,
        "machine": machine(),
    }
    write_results(args.output, meta=meta, results=results, all_verdicts=found)
    print(f"[bench] wrote {args.output}")
    return 0
