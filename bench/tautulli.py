"""Tautulli import throughput into a large history, in a process of its own (issue 17).

`python -m bench.tautulli --db FILE --seed N --rows R` imports R get_history rows into a
working copy of a generated history through `core.importer` (mapping, idempotence check,
live-stream dedupe, batch transactions; geolocation excluded) and prints one JSON object:
rows per second of import time, the peak RSS of this process, and the load average.

The rows are Tautulli's (simulator/tautulli.py's `history_row`) for the generated
population's own users and devices, from their home lines, the LAN, relays and trips,
built page by page as the importer asks for them, so the rows never sit in memory at
once, and their building is timed apart and left out of the rate.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
import json
import os
from pathlib import Path
import shutil
import subprocess
import sys
import time
from typing import Any

from .core import load_core_only

load_core_only()

from custom_components.plexgeo.core.importer import TautulliImport  # noqa: E402
from custom_components.plexgeo.core.store import HistoryStore  # noqa: E402
from custom_components.plexgeo.core.tautulli import PAGE_SIZE, HistoryPage  # noqa: E402
from simulator.scenario import (  # noqa: E402
    SimSession,
    lan_session,
    relayed_session,
    remote_session,
)
from simulator.tautulli import HistoryPlay, history_row  # noqa: E402

from .history import END, SERVER_ID, keys_for, population_for, van_der_corput  # noqa: E402
from .population import DAY, Population  # noqa: E402
from .probe import peak_rss_mib  # noqa: E402

PAGE = PAGE_SIZE  # what the import asks Tautulli for at a time
FIRST_ROW_ID = 50_000_000
SPAN = 2 * 365 * DAY  # the imported history: the two years before the generated one ends


class GeneratedTautulli:
    """get_history over `rows` generated rows, oldest first; times its own building."""

    def __init__(self, population: Population, rows: int) -> None:
        self.population = population
        self.rows = rows
        self.building = 0.0  # wall seconds
        self.building_cpu = 0.0

    def history(self, start: int, length: int, after: object = None) -> HistoryPage:
        began, cpu_began = time.perf_counter(), time.process_time()
        rows = [self._row(i) for i in range(start, min(start + length, self.rows))]
        self.building += time.perf_counter() - began
        self.building_cpu += time.process_time() - cpu_began
        return HistoryPage(rows=rows, total=self.rows)

    def _row(self, i: int) -> dict[str, Any]:
        # Who watches: the generator's own draw (a few watch a lot, most a little).
        viewer = self.population.pick_viewer(van_der_corput(i + 1))
        player = viewer.players[i % len(viewer.players)]
        started = END - SPAN + i * SPAN // self.rows
        base = SimSession(
            user_id=int(viewer.user_id),
            user_name=viewer.user_name,
            **player.fields(),
        )
        kind = i % 20
        if kind < 6:
            session = lan_session(base)
        elif kind == 6:
            session = relayed_session(base)
        else:
            address = self.population.home_ipv4(viewer, started)
            session = remote_session(address, base)
        play = HistoryPlay(FIRST_ROW_ID + i, session, started, started + 2_400)
        return history_row(play)


def run_import(db: Path, seed: int, rows: int) -> dict[str, Any]:
    """Import `rows` generated rows into the history at `db` (a copy: it is written)."""
    population = population_for(seed)
    source = GeneratedTautulli(population, rows)
    store = HistoryStore.open(db, keys_for(seed), SERVER_ID)
    try:
        before = store.stats().streams
        importer = TautulliImport(store, source, url="bench", page_size=PAGE)  # type: ignore[arg-type]
        began = time.perf_counter()
        cpu_began = time.process_time()
        while importer.import_page():
            pass
        seconds = time.perf_counter() - began - source.building
        cpu = time.process_time() - cpu_began - source.building_cpu
        after = store.stats().streams
    finally:
        store.close()
    summary = importer.state.summary
    return {
        "rows": rows,
        "streams_before": before,
        "streams_after": after,
        "imported": summary.streams,
        "already_live": summary.already_live,
        "seconds": seconds,
        "rate": rows / seconds,
        "rate_cpu": rows / cpu if cpu > 0 else None,
        "building_seconds": source.building,
        "peak_rss_mib": peak_rss_mib(),
        "load_average": os.getloadavg(),
    }


def measure(history: Path, seed: int, rows: int) -> dict[str, Any]:
    """Run the import in a child process on a throwaway copy of `history`."""
    work = history.with_name(f"tautulli-{os.getpid()}.db")
    shutil.copyfile(history, work)
    try:
        command = [sys.executable, "-m", "bench.tautulli", "--db", str(work)]
        command += ["--seed", str(seed), "--rows", str(rows)]
        completed = subprocess.run(  # noqa: S603  (our own interpreter and module)
            command,
            cwd=Path(__file__).resolve().parents[1],
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        for extra in ("", "-wal", "-shm"):
            work.with_name(f"{work.name}{extra}").unlink(missing_ok=True)
    if completed.returncode != 0:
        raise RuntimeError(f"bench.tautulli failed:\n{completed.stderr}")
    result: dict[str, Any] = json.loads(completed.stdout)
    return result


def main(argv: Sequence[str] | None = None) -> int:
    """Import into the file named by --db and print the figures as JSON."""
    parser = argparse.ArgumentParser(prog="python -m bench.tautulli", description=__doc__)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rows", type=int, default=500_000)
    args = parser.parse_args(argv)
    print(json.dumps(run_import(args.db, args.seed, args.rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
