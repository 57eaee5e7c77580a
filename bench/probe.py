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
from custom_components.plexgeo.core.settings import AlertSettings
from custom_components.plexgeo.core.store import HistoryStore
from simulator.places import Place

from . import reads
from .history import END, SERVER_ID, keys_for, location_of, population_for
from .poll import PollScenario, breakdown, measure_polls
from .population import DAY, Population, Viewer
from .timing import cycle, summarize

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


def run(db: Path, seed: int, repeat: int) -> dict[str, Any]:
    """Every query-side measure of the history in `db` (a working copy)."""
    population = population_for(seed)
    store = HistoryStore.open(db, keys_for(seed), SERVER_ID)
    rss_open = peak_rss_mib()
    samples: dict[str, list[float]] = {}
    facts: dict[str, Any] = {}
    try:
        heaviest, heaviest_streams = heaviest_user(db)
        facts["heaviest_user_streams"] = heaviest_streams
        cached = cached_addresses(store, population, NOW)
        facts["cached_addresses_used"] = len(cached)
        if cached:
            samples["geo_cache_hit"] = measure_cache_hit(store, cached, repeat)
        samples.update(reads.measure(store, heaviest, NOW, repeat))
        settings = AlertSettings()
        streams = detector_streams(store, population, heaviest, 50)
        samples["detector_check"] = cycle(
            [partial(anomaly.detect, store, s, settings, NOW) for s in streams],
            max(repeat, len(streams)),
        )
        samples["detector_check_heaviest_user"] = cycle(
            [lambda: anomaly.detect(store, streams[0], settings, NOW)], repeat
        )
        store.end_streams([s.stream_id for s in streams])
        scenario = PollScenario(population, cached, seed=seed)
        timings = measure_polls(Engine(store), scenario, settings, NOW, repeat)
        samples.update(breakdown(timings))
        facts["poll_lookups_per_poll"] = sum(t.lookups for t in timings) / len(timings)
        facts["poll_alerts_total"] = sum(t.alerts for t in timings)
        facts["rss_after_open_mib"] = rss_open
    finally:
        store.close()
    return {
        "measures": {name: summarize(values).as_dict() for name, values in samples.items()},
        "facts": facts,
        "peak_rss_mib": peak_rss_mib(),
        "python": sys.version.split()[0],
        "sqlite": sqlite3.sqlite_version,
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Measure one history; print the results as JSON on stdout."""
    parser = argparse.ArgumentParser(prog="python -m bench.probe", description=__doc__)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--repeat", type=int, required=True)
    args = parser.parse_args(argv)
    began = time.perf_counter()
    result = run(args.db, args.seed, args.repeat)
    result["seconds"] = time.perf_counter() - began
    json.dump(result, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
