"""One poll after Plex answered, shaped like the coordinator's: how long, and how much on the loop.

The coordinator runs `Engine.ingest` in the executor, asks the geolocation provider on
the event loop, runs `Engine.resolve` in the executor and announces the outcome on the
loop. `run_poll` does the same on a real asyncio loop with a thread-pool executor. The
loop's share is the CPU time of the loop's own thread (`time.thread_time`) across the
whole poll: it counts the glue and asyncio's hand-offs, and not the executor's work,
nor time the loop sat waiting for it. The provider's HTTP round trip is replaced by a
`LookupResult` built from the generated places, so no network time is counted.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
import random
import time
from typing import Any

from custom_components.plexgeo.core.engine import Engine, Ingested, PollOutcome
from custom_components.plexgeo.core.geo.base import LookupResult
from custom_components.plexgeo.core.models import (
    AddressRule,
    Location,
    MediaType,
    PlaybackState,
    StreamSnapshot,
)
from custom_components.plexgeo.core.reports import alert_row, stream_row
from custom_components.plexgeo.core.settings import AlertSettings
from simulator.places import Place

from .history import location_of
from .population import Population, Viewer, ipv4_in

POLL_INTERVAL = timedelta(seconds=10)


@dataclass(frozen=True, slots=True)
class PollTiming:
    """One poll's clocks, in seconds."""

    total: float  # wall time from the parsed sessions to the announced outcome
    loop_cpu: float  # CPU time of the event loop's thread during the poll
    loop_glue: float  # wall time of the loop-side steps alone (request, announce)
    ingest: float  # executor job 1
    resolve: float  # executor job 2
    write_cpu: float  # CPU time of the executor thread(s) in jobs 1 and 2
    lookups: int
    alerts: int


class PollScenario:
    """50 live sessions; each poll ends the 10 oldest and starts 10 new ones.

    Of each poll's 10 new streams, one is on the LAN, two come from addresses nobody has
    seen (a provider lookup) and the rest from addresses the geolocation cache holds.
    """

    def __init__(
        self,
        population: Population,
        cached: list[tuple[Viewer, str, Place]],
        *,
        live: int = 50,
        new: int = 10,
        seed: int = 0,
    ) -> None:
        """Draw sessions from `population`; `cached` are addresses known to hit the cache."""
        self.population = population
        self.cached = cached
        self.live = live
        self.new = new
        self.rng = random.Random(f"poll/{seed}")
        self.sessions: list[StreamSnapshot] = []
        self.places: dict[str, Place] = {}
        self._key = 10_000_000_000

    def _snapshot(self, viewer: Viewer, address: str | None, network: str) -> StreamSnapshot:
        self._key += 1
        player = self.rng.choice(viewer.players)
        item = self.rng.choice(self.population.by_type[MediaType.EPISODE])
        local = address is None
        return StreamSnapshot(
            session_key=str(self._key),
            user_id=viewer.user_id,
            user_name=viewer.user_name,
            **player.fields(),
            media_type=item.media_type,
            title=item.title,
            grandparent_title=item.grandparent_title,
            parent_title=item.parent_title,
            parent_index=item.parent_index,
            index=item.index,
            year=item.year,
            state=PlaybackState.PLAYING,
            progress_ms=0,
            duration_ms=item.duration_ms,
            bandwidth_kbps=self.rng.randrange(1_000, 20_000),
            local=local,
            relayed=False,
            secure=True,
            network=network,
            transcode_decision="direct play",
            ip_address=f"192.168.1.{self.rng.randrange(2, 250)}" if local else address,
            address_rule=AddressRule.LAN if local else AddressRule.REMOTE_PUBLIC_ADDRESS,
        )

    def _new_session(self, slot: int) -> StreamSnapshot:
        viewers = self.population.viewers
        if slot == 0:
            return self._snapshot(self.rng.choice(viewers), None, "lan")
        if slot <= 2 or not self.cached:
            viewer = self.population.pick_viewer(self.rng.random())
            place = viewer.home if self.rng.random() < 0.8 else self.rng.choice(viewer.secondary)
            address = ipv4_in(place, self.rng)
            self.places[address] = place
            return self._snapshot(viewer, address, "wan")
        viewer, address, place = self.rng.choice(self.cached)
        self.places[address] = place
        return self._snapshot(viewer, address, "wan")

    def next_sessions(self) -> list[StreamSnapshot]:
        """The next poll's sessions: the oldest `new` gone, `new` fresh, the rest progressed."""
        if not self.sessions:
            self.sessions = [self._new_session(i % self.new) for i in range(self.live)]
            return list(self.sessions)
        kept = [replace(s, progress_ms=s.progress_ms + 10_000) for s in self.sessions[self.new :]]
        self.sessions = kept + [self._new_session(i) for i in range(self.new)]
        return list(self.sessions)

    def answer(self, addresses: list[str], now: datetime) -> LookupResult:
        """What ip-api would answer: every asked address located at its place."""
        located: dict[str, Location] = {}
        at = int(now.timestamp())
        for address in addresses:
            located[address] = replace(
                location_of(self.places[address], address, at), looked_up_at=now
            )
        return LookupResult(located=located, failed={}, deferred=())


def announce(outcome: PollOutcome) -> list[dict[str, Any]]:
    """The event payloads the coordinator fires on the loop for a poll's outcome."""
    # The rows alerts.stream_event_data and alerts.alert_event_data fire (they import HA).
    events = [stream_row(s, include_ip=False) for s in outcome.started]
    events += [stream_row(s, include_ip=False) for s in outcome.ended]
    events += [alert_row(a) for a in outcome.new_alerts]
    return events


async def _in_executor[T](
    loop: asyncio.AbstractEventLoop,
    spent: list[float],
    cpu: list[float],
    call: Callable[..., T],
    *args: object,
) -> T:
    def timed() -> T:
        began, began_cpu = time.perf_counter(), time.thread_time()
        try:
            return call(*args)
        finally:
            spent.append(time.perf_counter() - began)
            cpu.append(time.thread_time() - began_cpu)

    return await loop.run_in_executor(None, timed)


async def run_poll(
    engine: Engine,
    scenario: PollScenario,
    sessions: list[StreamSnapshot],
    settings: AlertSettings,
    now: datetime,
) -> PollTiming:
    """One poll of `sessions` at `now`, timed as the coordinator would run it."""
    loop = asyncio.get_running_loop()
    spent: list[float] = []
    jobs_cpu: list[float] = []
    began, cpu = time.perf_counter(), time.thread_time()
    ingested: Ingested = await _in_executor(loop, spent, jobs_cpu, engine.ingest, sessions, now)
    glue = time.perf_counter()
    addresses = list(ingested.lookups)
    lookup = scenario.answer(addresses, now) if addresses else _NO_LOOKUP
    glue = time.perf_counter() - glue
    outcome: PollOutcome = await _in_executor(
        loop, spent, jobs_cpu, engine.resolve, ingested, lookup, settings, now
    )
    announced = time.perf_counter()
    announce(outcome)
    glue += time.perf_counter() - announced
    return PollTiming(
        total=time.perf_counter() - began,
        loop_cpu=time.thread_time() - cpu,
        loop_glue=glue,
        ingest=spent[0],
        resolve=spent[1],
        write_cpu=sum(jobs_cpu),
        lookups=len(addresses),
        alerts=len(outcome.new_alerts),
    )


_NO_LOOKUP = LookupResult(located={}, failed={}, deferred=())


def measure_polls(
    engine: Engine,
    scenario: PollScenario,
    settings: AlertSettings,
    start: datetime,
    polls: int,
) -> list[PollTiming]:
    """Run one untimed filling poll, then `polls` timed ones, 10 s apart."""

    async def run_all() -> list[PollTiming]:
        now = start
        await run_poll(engine, scenario, scenario.next_sessions(), settings, now)
        timings = []
        for _ in range(polls):
            now += POLL_INTERVAL
            timings.append(
                await run_poll(engine, scenario, scenario.next_sessions(), settings, now)
            )
        return timings

    return asyncio.run(run_all())


def breakdown(timings: list[PollTiming]) -> Mapping[str, list[float]]:
    """Per-measure sample lists from poll timings."""
    return {
        "poll_total": [t.total for t in timings],
        "poll_loop_cpu": [t.loop_cpu for t in timings],
        "poll_loop_glue": [t.loop_glue for t in timings],
        "poll_ingest": [t.ingest for t in timings],
        "poll_resolve": [t.resolve for t in timings],
        "poll_write_cpu": [t.write_cpu for t in timings],
    }
