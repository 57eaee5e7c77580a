"""The query-side measurements of one history, in a process of their own.

`python -m bench.probe --db FILE --seed N --repeat R` opens a working copy of a generated
history and prints one JSON object. It runs apart from the generator so that its peak RSS
(`ru_maxrss`) is the peak while querying, and it loads the core without Home Assistant
(bench/core.py), so the figure is PlexGeo's own. It writes to the file (polls, detector
streams): hand it a copy, never the cached history.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from functools import partial
import json
import os
from pathlib import Path
import random
import resource
import sqlite3
import sys
import time
from typing import Any

from custom_components.plexgeo.core import anomaly
from custom_components.plexgeo.core.engine import DEFAULT_CACHE_TTL, Engine
from custom_components.plexgeo.core.models import LocationStatus, Stream, StreamSnapshot
from custom_components.plexgeo.core.settings import AlertSettings, Home
from custom_components.plexgeo.core.store import HistoryStore
from simulator.places import Place

from . import reads
from .history import END, SERVER_ID, grow, keys_for, location_of, population_for
from .poll import POLL_INTERVAL, PollScenario, PollTiming, breakdown, measure_polls
from .population import DAY, Population, Viewer
from .timing import cycle, measured, measured_cycle, percentile, summarize, until_stable

NOW = datetime.fromtimestamp(END, UTC) + timedelta(hours=1)


def peak_rss_mib() -> float:
    """This process's peak resident set size, in MiB."""
    # VmHWM belongs to the address space, which exec replaces; ru_maxrss survives exec
    # and would report the parent's size when the parent was bigger (pytest, say).
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def cached_addresses(
    store: HistoryStore, population: Population, now: datetime
) -> list[tuple[Viewer, str, Place]]:
    """Viewers' current home addresses that the geolocation cache holds and still trusts."""
    found = []
    for viewer in population.viewers:
        for at in (END - DAY, END - 10 * DAY):
            address = population.home_ipv4(viewer, at)
            if store.cached_location(store.address_hash(address), now, DEFAULT_CACHE_TTL):
                found.append((viewer, address, viewer.home))
                break
    return found


def heaviest_user(db: Path) -> tuple[str, int]:
    """The user with the most streams, and how many (setup only: plain SQL, untimed)."""
    conn = sqlite3.connect(f"{db.absolute().as_uri()}?mode=ro", uri=True)
    try:
        row = conn.execute(
            "SELECT u.plex_id, COUNT(*) FROM streams AS s JOIN users AS u ON u.id = s.user_ref"
            " GROUP BY s.user_ref ORDER BY 2 DESC LIMIT 1"
        ).fetchone()
    finally:
        conn.close()
    return str(row[0]), int(row[1])


def measure_cache_hit(
    store: HistoryStore, cached: Sequence[tuple[Viewer, str, Place]], times: int
) -> list[float]:
    """`cached_location` for addresses the cache holds (the hash is computed beforehand)."""
    hashes = [store.address_hash(address) for _, address, _ in cached]
    calls: list[Callable[[], object]] = [
        partial(store.cached_location, h, NOW, DEFAULT_CACHE_TTL) for h in hashes
    ]
    return cycle(calls, max(times, 1000), warmup=min(len(calls), 50))


def detector_streams(
    store: HistoryStore, population: Population, heaviest: str, count: int
) -> list[Stream]:
    """New located streams (one per user, the heaviest first) for detectors to check.

    They start an hour before `NOW` from one of the user's secondary places, so the rare
    country detector has a real share to compute; they are ended afterwards.
    """
    rng = random.Random("detectors")
    chosen = [v for v in population.viewers if v.user_id == heaviest]
    chosen += rng.sample([v for v in population.viewers if v.user_id != heaviest], count - 1)
    started = NOW - timedelta(hours=1)
    new = []
    for viewer in chosen:
        place = viewer.secondary[0]
        address = population.secondary_ipv4(viewer, 0, END - DAY)
        location = location_of(place, address, int(started.timestamp()))
        snapshot = _snapshot_like(store, viewer.user_id, address)
        if snapshot is None:
            continue
        new.append((snapshot, started, LocationStatus.KNOWN, location))
    return store.start_streams(new)


def _snapshot_like(store: HistoryStore, user_id: str, address: str) -> StreamSnapshot | None:
    """The user's latest snapshot, moved to `address` (None for a user with no streams)."""
    page = store.stream_log(user_id=user_id, limit=1)
    if not page:
        return None
    return replace(page[0].snapshot, session_key=f"detect-{user_id}", ip_address=address)


# Every detector on: rare country, travel and sharing against the household model (LAN
# streams at this home), plus the opt-in concurrent-streams, new-device and new-network.
ALL_DETECTORS = AlertSettings(
    home=Home(51.5074, -0.1278, "GB"),
    concurrent_streams_limit=2,
    new_device_alerts=True,
    new_network_alerts=True,
)


def measure_detector_path(
    store: HistoryStore, streams: Sequence[Stream], repeat: int
) -> dict[str, Any]:
    """The detectors as a poll runs them on one new located stream (issue 15's ≤ 2 ms p99).

    `Engine._detect` is what `Engine.resolve` calls for a poll's newly placed streams: one
    read of the stream and its address, the three detectors against the user's household
    model, the habits' checks, the alerts' de-duplication (and a write when one is new),
    then the habits' write (device and network last used). Called on one stream at a time,
    the 50 detector streams cycled, so each sample is one stream's cost; the warm-up pass
    raises each stream's alerts once, as a poll would, and later calls find them raised.
    """
    engine = Engine(store)
    checks = [partial(engine._detect, [s.stream_id], [s], ALL_DETECTORS, NOW) for s in streams]
    return measured_cycle(checks, max(repeat, len(checks)), warmup=len(checks))


def file_breakdown(db: Path) -> dict[str, Any]:
    """The file's size per stream, and where the bytes go (the dbstat virtual table)."""
    conn = sqlite3.connect(f"{db.absolute().as_uri()}?mode=ro", uri=True)
    try:
        streams = int(conn.execute("SELECT COUNT(*) FROM streams").fetchone()[0])
        page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
        pages = int(conn.execute("PRAGMA page_count").fetchone()[0])
        parts = {
            str(name): {"bytes": int(size), "payload": int(payload), "unused": int(unused)}
            for name, size, payload, unused in conn.execute(
                "SELECT name, SUM(pgsize), SUM(payload), SUM(unused) FROM dbstat"
                " GROUP BY name ORDER BY 2 DESC"
            )
        }
    finally:
        conn.close()
    return {
        "streams": streams,
        "file_bytes": db.stat().st_size,
        "page_bytes": page_size * pages,
        "parts": parts,
    }


def measure_bulk_import(db: Path, seed: int, first: int, count: int) -> dict[str, Any]:
    """Append streams first..first+count-1 through the bulk path (a history import's)."""
    store = HistoryStore.open(db, keys_for(seed), SERVER_ID)
    load_before = os.getloadavg()[0]
    try:
        timing = grow(store, population_for(seed), first, first + count)
    finally:
        store.close()
    written = sum(timing.batch_seconds) + timing.end_seconds
    return {
        "streams": timing.streams,
        "rate": timing.streams / written,
        "batches": summarize(timing.batch_seconds).as_dict(),
        "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
    }


def run(db: Path, seed: int, repeat: int, bulk: int) -> dict[str, Any]:
    """Every measure of the history in `db` (a working copy), each taken in this run."""
    files = file_breakdown(db)
    population = population_for(seed)
    store = HistoryStore.open(db, keys_for(seed), SERVER_ID)
    rss_open = peak_rss_mib()
    measures: dict[str, dict[str, Any]] = {}
    facts: dict[str, Any] = {}
    try:
        heaviest, heaviest_streams = heaviest_user(db)
        facts["heaviest_user_streams"] = heaviest_streams
        cached = cached_addresses(store, population, NOW)
        facts["cached_addresses_used"] = len(cached)
        if cached:
            measures["geo_cache_hit"] = measured(partial(measure_cache_hit, store, cached, repeat))
        measures.update(reads.measure(store, heaviest, NOW, repeat))
        settings = AlertSettings()
        streams = detector_streams(store, population, heaviest, 50)
        checks = [partial(anomaly.detect, store, s, settings, NOW) for s in streams]
        measures["detector_check"] = measured_cycle(checks, max(repeat, len(checks)))
        measures["detector_check_heaviest_user"] = measured_cycle(
            [lambda: anomaly.detect(store, streams[0], settings, NOW)], repeat
        )
        measures["detector_poll_path"] = measure_detector_path(store, streams, repeat)
        store.end_streams([s.stream_id for s in streams])
        measures.update(
            measure_poll_path(
                store, population, cached, settings, seed=seed, repeat=repeat, facts=facts
            )
        )
        facts["rss_after_open_mib"] = rss_open
    finally:
        store.close()
    peak = peak_rss_mib()
    bulk_import = measure_bulk_import(db, seed, files["streams"], bulk) if bulk else None
    return {
        "measures": measures,
        "facts": facts,
        "files": files,
        "bulk_import": bulk_import,
        "peak_rss_mib": peak,
        "python": sys.version.split()[0],
        "sqlite": sqlite3.sqlite_version,
    }


def measure_poll_path(
    store: HistoryStore,
    population: Population,
    cached: list[tuple[Viewer, str, Place]],
    settings: AlertSettings,
    *,
    seed: int,
    repeat: int,
    facts: dict[str, Any],
) -> dict[str, dict[str, Any]]:
    """Polls of 50 live, 10 new, in rounds until their p99 is stable; the poll-path ingest.

    Ingest on a poll's path is `Engine.ingest` + `Engine.resolve` of one poll (10 new
    streams, 40 continuing, lookups written, detectors run on the new ones): the
    executor's time per poll. Its rate is new streams per second of that time.
    """
    engine = Engine(store)
    scenario = PollScenario(population, cached, seed=seed)
    timings: list[PollTiming] = []
    clock = [NOW]

    def one_round() -> list[float]:
        batch = measure_polls(engine, scenario, settings, clock[0], repeat)
        clock[0] += POLL_INTERVAL * (repeat + 1)
        timings.extend(batch)
        return [t.ingest + t.resolve for t in batch]

    load_before = os.getloadavg()[0]
    written, rounds = until_stable(one_round)
    load = [round(load_before, 2), round(os.getloadavg()[0], 2)]
    extra = {"rounds": rounds, "load_average": load}
    facts["poll_lookups_per_poll"] = sum(t.lookups for t in timings) / len(timings)
    facts["poll_alerts_total"] = sum(t.alerts for t in timings)
    facts["poll_new_streams"] = scenario.new
    out = {name: summarize(v).as_dict() | extra for name, v in breakdown(timings).items()}
    cpu = [t.write_cpu for t in timings]
    out["poll_write"] = summarize(written).as_dict() | extra
    out["poll_write"] |= {
        "cpu_median_ms": percentile(cpu, 0.5) * 1000,
        "cpu_p99_ms": percentile(cpu, 0.99) * 1000,
    }
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Measure one history; print the results as JSON on stdout."""
    parser = argparse.ArgumentParser(prog="python -m bench.probe", description=__doc__)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--repeat", type=int, required=True)
    parser.add_argument("--bulk", type=int, default=0, help="streams to append, bulk path")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    result = run(args.db, args.seed, args.repeat, args.bulk)
    result["seconds"] = time.perf_counter() - began
    json.dump(result, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
