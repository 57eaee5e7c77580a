"""The detectors' cost, old code against new, alternated in one process (issue 15).

`python -m bench.detectors_ab --db HISTORY (--base-ref REF | --base-dir TREE) [--rounds N]
[--work DIR]`

Copies HISTORY twice (SQLite's backup: HISTORY itself is only read), opens one copy with
the core as it was at git REF, or as another checkout TREE has it (copied to a package of
its own, `basecore`), and the
other with this tree's core (which migrates the copy, timed), starts the same 50 detector
streams in each as `bench.probe` does (the heaviest user's first), and checks that both
give the same detector output. Then it times, alternating A B / B A each round, the two
rows of the benchmark in its order: `detector check` (`anomaly.detect` with the default
settings, before any alert is raised) and `detector_poll_path` (`Engine._detect` with every
detector on, after a warm-up pass that raises each stream's alerts once). It prints thread
CPU and wall time, median and p99, the ratios and the load average.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import timedelta
import importlib
import io
import os
from pathlib import Path
import random
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
import time
from typing import Any

from .history import END, SERVER_ID, keys_for, location_of, population_for
from .population import DAY
from .probe import NOW, heaviest_user
from .timing import percentile

CORE = "custom_components/plexgeo/core"
ROWS = ("check", "path")


@dataclass
class Side:
    """One code tree on its own copy of the history."""

    name: str
    store: Any
    calls: dict[str, list[Callable[[], Any]]]
    cpu: dict[str, list[float]] = field(default_factory=lambda: {row: [] for row in ROWS})
    wall: dict[str, list[float]] = field(default_factory=lambda: {row: [] for row in ROWS})


def extract_base(ref: str | None, tree: Path | None, into: Path) -> str:
    """The old core (at git `ref`, or in the checkout `tree`) as the package `basecore`
    under `into`, which goes on sys.path."""
    into.mkdir(parents=True, exist_ok=True)
    if tree is not None:
        shutil.copytree(tree / CORE, into / "basecore")
    else:
        archive = subprocess.run(  # noqa: S603  (git, and a ref the caller names)
            ["git", "archive", "--format=tar", str(ref), CORE],  # noqa: S607
            check=True,
            capture_output=True,
        ).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(into, filter="data")
        (into / CORE).rename(into / "basecore")
    sys.path.insert(0, str(into))
    return "basecore"


def open_side(name: str, package: str, source: Path, work: Path, seed: int) -> Side:
    """A copy of the history opened with `package`'s core, and its 50 detector streams."""
    mods = {
        m: importlib.import_module(f"{package}.{m}")
        for m in ("anomaly", "engine", "models", "settings", "store", "crypto")
    }
    db = work / f"detectors-ab-{name}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    src = sqlite3.connect(f"{source.absolute().as_uri()}?mode=ro", uri=True)
    dst = sqlite3.connect(db)
    src.backup(dst)
    src.close()
    dst.close()
    keys = keys_for(seed)
    fields = {name: getattr(keys, name) for name in keys.__dataclass_fields__}
    material = mods["crypto"].KeyMaterial(**fields)
    began = time.perf_counter()
    store = mods["store"].HistoryStore.open(db, material, SERVER_ID)
    print(f"{name}: opened in {time.perf_counter() - began:.2f} s (migrations included)")
    population = population_for(seed)
    heaviest, _ = heaviest_user(source)
    rng = random.Random("detectors")
    chosen = [v for v in population.viewers if v.user_id == heaviest]
    chosen += rng.sample([v for v in population.viewers if v.user_id != heaviest], 49)
    started = NOW - timedelta(hours=1)
    models = mods["models"]
    new = []
    for viewer in chosen:
        address = population.secondary_ipv4(viewer, 0, END - DAY)
        found = location_of(viewer.secondary[0], address, int(started.timestamp()))
        page = store.stream_log(user_id=viewer.user_id, limit=1)
        if page:
            snapshot = replace(
                page[0].snapshot, session_key=f"detect-{viewer.user_id}", ip_address=address
            )
            location = models.Location(**asdict(found))
            new.append((snapshot, started, models.LocationStatus.KNOWN, location))
    streams = store.start_streams(new)
    settings = mods["settings"]
    plain = settings.AlertSettings()
    every = settings.AlertSettings(
        home=settings.Home(51.5074, -0.1278, "GB"),
        concurrent_streams_limit=2,
        new_device_alerts=True,
        new_network_alerts=True,
    )
    engine = mods["engine"].Engine(store)
    detect = mods["anomaly"].detect
    calls: dict[str, list[Callable[[], Any]]] = {
        "check": [lambda s=s: detect(store, s, plain, NOW) for s in streams],
        "path": [lambda s=s: engine._detect([s.stream_id], [s], every, NOW) for s in streams],
    }
    return Side(name, store, calls)


def _fingerprint(found: Sequence[Any]) -> str:
    """What a call found, comparable across the two trees' classes."""
    parts = []
    for item in found:
        alert = getattr(item, "alert", item)
        keys = (getattr(item, "dedup_key", None), getattr(item, "related_keys", None))
        parts.append(
            (
                *keys,
                alert.kind.value,
                alert.stream_id,
                alert.other_stream_id,
                alert.share,
                alert.session_count,
                alert.distance_km,
                alert.previous_country_code,
            )
        )
    return repr(parts)


def same_output(sides: Sequence[Side], row: str, label: str) -> None:
    """Call each stream once on both sides; stop if any output differs."""
    found = [[_fingerprint(call()) for call in side.calls[row]] for side in sides]
    differ = [i for i, (a, b) in enumerate(zip(*found, strict=True)) if a != b]
    if differ:
        raise SystemExit(f"{label}: detector output differs on streams {differ[:10]}")
    with_any = sum(f != "[]" for f in found[0])
    print(f"{label}: same output on {len(found[0])} streams ({with_any} found something)")


def measure(sides: Sequence[Side], row: str, rounds: int) -> None:
    """Alternate the sides round by round (A B, B A, ...), one sample per stream call."""
    loads = [os.getloadavg()[0]]
    for n in range(rounds):
        for side in sides if n % 2 == 0 else reversed(sides):
            for call in side.calls[row]:
                wall, cpu = time.perf_counter(), time.thread_time()
                call()
                side.cpu[row].append((time.thread_time() - cpu) * 1e3)
                side.wall[row].append((time.perf_counter() - wall) * 1e3)
        loads.append(os.getloadavg()[0])
    figures = {}
    for side in sides:
        cpu, wall = side.cpu[row], side.wall[row]
        figures[side.name] = [percentile(s, f) for s in (cpu, wall) for f in (0.5, 0.99)]
        c50, c99, w50, w99 = figures[side.name]
        print(
            f"{row} {side.name}: thread CPU {c50:.2f} / {c99:.2f} ms, wall {w50:.2f} / "
            f"{w99:.2f} ms (median / p99, n={len(cpu)})"
        )
    a, b = (figures[side.name] for side in sides)
    ratios = " / ".join(f"{y / x:.2f}" for x, y in zip(a, b, strict=True))
    print(f"{row} ratio B/A (CPU median / p99 / wall median / p99): {ratios}")
    print(f"{row} load average over its rounds: {min(loads):.2f}-{max(loads):.2f}")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the alternated comparison."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="a generated history (read only)")
    base = parser.add_mutually_exclusive_group(required=True)
    base.add_argument("--base-ref", help="git ref of the old code (A)")
    base.add_argument("--base-dir", type=Path, help="a checkout holding the old code (A)")
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=None, help="where the copies go")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="detectors-ab-") as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        base = extract_base(args.base_ref, args.base_dir, Path(tmp) / "base")
        sides = [
            open_side("A", base, args.db, work, args.seed),
            open_side("B", "custom_components.plexgeo.core", args.db, work, args.seed),
        ]
        try:
            # As bench.probe runs them: the check before any alert is raised, then the
            # poll path, whose first pass raises each stream's alerts once.
            same_output(sides, "check", "check")
            measure(sides, "check", args.rounds)
            same_output(sides, "path", "poll path, first pass (alerts raised)")
            same_output(sides, "path", "poll path, later passes")
            measure(sides, "path", args.rounds)
        finally:
            for side in sides:
                side.store.close()
            if args.work is not None:
                for path in work.glob("detectors-ab-*.db*"):
                    path.unlink()
    print(f"/proc/loadavg at the end: {Path('/proc/loadavg').read_text().strip()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
