"""Repetitions and their summary: median and p99 (nearest rank)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from functools import partial
import math
import os
import time
from typing import Any


@dataclass(frozen=True, slots=True)
class Summary:
    """Many timings of one measure, in milliseconds."""

    n: int
    median_ms: float
    p99_ms: float
    min_ms: float
    max_ms: float

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return asdict(self)


def percentile(samples: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile: the smallest sample with `fraction` of them at or below."""
    if not samples:
        raise ValueError("no samples")
    if not 0.0 < fraction <= 1.0:
        raise ValueError("fraction must be in (0, 1]")
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def summarize(seconds: Sequence[float]) -> Summary:
    """Median and p99 of timings given in seconds."""
    return Summary(
        n=len(seconds),
        median_ms=percentile(seconds, 0.5) * 1000,
        p99_ms=percentile(seconds, 0.99) * 1000,
        min_ms=min(seconds) * 1000,
        max_ms=max(seconds) * 1000,
    )


def repeat(call: Callable[[], object], times: int, *, warmup: int = 2) -> list[float]:
    """Wall-clock seconds of `times` calls, after `warmup` untimed ones."""
    for _ in range(warmup):
        call()
    samples = []
    for _ in range(times):
        began = time.perf_counter()
        call()
        samples.append(time.perf_counter() - began)
    return samples


def cycle(
    calls: Sequence[Callable[[], object]],
    times: int,
    *,
    warmup: int = 1,
    cpu: list[float] | None = None,
) -> list[float]:
    """Like `repeat`, but rotating through different calls (different users, streams...).

    With `cpu`, each call's CPU time on this thread is appended to it: unlike the wall
    clock, it does not count time spent waiting for a CPU on a busy machine.
    """
    for call in calls[:warmup]:
        call()
    samples = []
    for i in range(times):
        call = calls[i % len(calls)]
        began, began_cpu = time.perf_counter(), time.thread_time()
        call()
        samples.append(time.perf_counter() - began)
        if cpu is not None:
            cpu.append(time.thread_time() - began_cpu)
    return samples


def until_stable(
    collect: Callable[[], list[float]],
    *,
    tolerance: float = 0.1,
    max_rounds: int = 6,
) -> tuple[list[float], int]:
    """Samples from `collect()` rounds until one more round moves the p99 by < `tolerance`.

    On a shared machine one round's p99 can be one unlucky preemption; the figure is
    taken only when another round of as many samples leaves it within `tolerance`
    (relative), or after `max_rounds`. Returns every sample and the number of rounds.
    """
    samples = collect()
    rounds = 1
    while rounds < max_rounds:
        before = percentile(samples, 0.99)
        samples += collect()
        rounds += 1
        if abs(percentile(samples, 0.99) - before) <= tolerance * before:
            break
    return samples, rounds


def measured(
    collect: Callable[[], list[float]], *, cpu: list[float] | None = None
) -> dict[str, Any]:
    """One measure's summary, with its rounds and the 1-minute load average before and after.

    `cpu`, filled by `collect` (see `cycle`), adds the CPU-time median and p99.
    """
    load_before = os.getloadavg()[0]
    samples, rounds = until_stable(collect)
    found = summarize(samples).as_dict() | {
        "rounds": rounds,
        "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
    }
    if cpu:
        found["cpu_median_ms"] = percentile(cpu, 0.5) * 1000
        found["cpu_p99_ms"] = percentile(cpu, 0.99) * 1000
    return found


def measured_cycle(
    calls: Sequence[Callable[[], object]], times: int, *, warmup: int = 1
) -> dict[str, Any]:
    """`measured` rounds of `cycle`, wall clock and CPU time."""
    cpu: list[float] = []
    return measured(partial(cycle, calls, times, warmup=warmup, cpu=cpu), cpu=cpu)
