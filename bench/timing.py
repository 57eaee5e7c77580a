"""Repetitions and their summary: median and p99 (nearest rank)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
import math
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


def cycle(calls: Sequence[Callable[[], object]], times: int, *, warmup: int = 1) -> list[float]:
    """Like `repeat`, but rotating through different calls (different users, streams...)."""
    for call in calls[:warmup]:
        call()
    samples = []
    for i in range(times):
        call = calls[i % len(calls)]
        began = time.perf_counter()
        call()
        samples.append(time.perf_counter() - began)
    return samples
