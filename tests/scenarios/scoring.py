"""Score a scenario run against its labels: matches, misses, latency, targets."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any

from .corpus import Category, Scenario
from .household import Household


@dataclass(frozen=True, slots=True)
class Outcome:
    """One raised alert, judged against the scenario's labels."""

    kind: str
    stream: str  # the label of the stream the alert names, or "#<id>" if unlabelled
    other: str | None
    verdict: str  # "hit", "wrong_other", "allowed", "duplicate", "false"
    latency: int | None  # polls between the stream being located and the alert


@dataclass(frozen=True, slots=True)
class Result:
    """What one scenario raised, and how it measures up."""

    name: str
    category: str
    outcomes: tuple[Outcome, ...]
    missed: tuple[tuple[str, str], ...]  # expected (kind, stream) never raised
    entity_missed: int  # alerts the event entity did not fire for

    def failures(self) -> list[str]:
        """Every target this scenario misses, in words."""
        found: list[str] = []
        alerts = len(self.outcomes)
        found += [f"missed {kind} on {stream}" for kind, stream in self.missed]
        if self.category in {Category.TAKEOVER, Category.SHARING, Category.OPT_IN}:
            found += [
                f"unexpected {o.kind} on {o.stream}"
                for o in self.outcomes
                if o.verdict in {"false", "duplicate"}
            ]
            found += [
                f"{o.kind} on {o.stream} names {o.other} as the other stream"
                for o in self.outcomes
                if o.verdict == "wrong_other"
            ]
        trips = max(1, len(self.missed) + sum(o.verdict == "hit" for o in self.outcomes))
        if self.category == Category.TRIP and alerts > trips:
            found.append(f"{alerts} alerts for {trips} trip(s)")
        if self.category == Category.QUIET and alerts:
            found.append(f"{alerts} alert(s) where none is due")
        found += [
            f"{o.kind} on {o.stream} came {o.latency} poll(s) late"
            for o in self.outcomes
            if o.latency
        ]
        if self.entity_missed:
            found.append(f"event entity missed {self.entity_missed} alert(s)")
        return found

    def as_json(self) -> dict[str, Any]:
        """For the detection script."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Result:
        """Back from the detection script's file."""
        return cls(
            data["name"],
            data["category"],
            tuple(Outcome(**o) for o in data["outcomes"]),
            tuple((kind, stream) for kind, stream in data["missed"]),
            data["entity_missed"],
        )


def score(scenario: Scenario, household: Household) -> Result:
    """Judge what the household raised against the scenario's labels."""
    labels = {stream_id: label for label, stream_id in household.stream_ids.items()}
    expected = Counter((e.kind, e.stream) for e in scenario.expect)
    allowed = {(a.kind, a.stream) for a in scenario.allow}
    others = {(e.kind, e.stream): e.other for e in scenario.expect}
    outcomes: list[Outcome] = []
    for raised in household.anomalies:
        stream = labels.get(raised.stream_id, f"#{raised.stream_id}")
        other = None if raised.other_stream_id is None else labels.get(raised.other_stream_id)
        key = (raised.kind, stream)
        if expected[key] > 0:
            expected[key] -= 1
            verdict = "hit" if others.get(key) in {None, other} else "wrong_other"
        elif key in allowed:
            verdict = "allowed"
        elif key in {(e.kind, e.stream) for e in scenario.expect}:
            verdict = "duplicate"
        else:
            verdict = "false"
        located = household.located_poll.get(stream)
        latency = None if located is None else raised.poll - located
        outcomes.append(Outcome(raised.kind, stream, other, verdict, latency))
    missed = tuple(key for key, left in expected.items() for _ in range(left))
    fired = set(household.entity_firings)
    entity_missed = sum(1 for raised in household.anomalies if raised.alert_id not in fired)
    return Result(scenario.name, scenario.category.value, tuple(outcomes), missed, entity_missed)


def summary(results: list[Result]) -> tuple[list[str], bool]:
    """Per-kind precision and recall, latency, and each scenario's misses."""
    kinds: dict[str, Counter[str]] = {}
    latencies: list[int] = []
    for result in results:
        for outcome in result.outcomes:
            tally = kinds.setdefault(outcome.kind, Counter())
            tally[outcome.verdict] += 1
            if outcome.latency is not None:
                latencies.append(outcome.latency)
        for kind, _ in result.missed:
            kinds.setdefault(kind, Counter())["missed"] += 1
    lines = [f"{'kind':<22} {'TP':>3} {'FP':>3} {'FN':>3} {'ok':>3} {'precision':>9} {'recall':>7}"]
    for kind in sorted(kinds):
        t = kinds[kind]
        # Naming the wrong other stream still finds the incident; the scenario fails on it.
        hits = t["hit"] + t["wrong_other"]
        wrong, missed = t["false"] + t["duplicate"], t["missed"]
        precision = f"{hits / (hits + wrong):.2f}" if hits + wrong else "-"
        recall = f"{hits / (hits + missed):.2f}" if hits + missed else "-"
        lines.append(
            f"{kind:<22} {hits:>3} {wrong:>3} {missed:>3} {t['allowed']:>3}"
            f" {precision:>9} {recall:>7}"
        )
    late = sum(1 for n in latencies if n)
    worst = max(latencies, default=0)
    lines.append(
        f"latency: {len(latencies) - late}/{len(latencies)} alerts in their location's poll,"
        f" worst {worst} poll(s)"
    )
    entity = sum(r.entity_missed for r in results)
    lines.append(f"event entity: {entity} alert(s) not fired")
    ok = True
    for result in results:
        failures = result.failures()
        ok = ok and not failures
        status = "ok" if not failures else "; ".join(failures)
        lines.append(f"  {result.category:<9} {result.name:<30} {status}")
    return lines, ok
