"""scripts/bench --ha, its parts that run without a Home Assistant process.

The meter must charge a poll exactly the loop work its context scheduled; the simulated
server must churn as the scenario says. Nothing here times anything for a verdict.
"""

from __future__ import annotations

import asyncio
import time

import aiohttp
import pytest

from bench.ha import ChurningPlex, parse_args, report
from bench.ha_meter.plexgeo_loopmeter import _HANDLES, _POLL, _SPENT, _patch_handles


def _busy(seconds: float) -> None:
    end = time.thread_time() + seconds
    while time.thread_time() < end:
        pass


async def test_meter_charges_a_poll_what_its_context_scheduled() -> None:
    """Task steps and callbacks of the poll count; another task's work does not."""
    _patch_handles()
    loop = asyncio.get_running_loop()

    async def poll() -> None:
        _POLL.set(991)
        _busy(0.02)
        loop.call_soon(_busy, 0.01)  # a callback scheduled by the poll
        await asyncio.sleep(0)
        child = asyncio.create_task(asyncio.sleep(0, result=_busy(0.005)))
        await child
        _busy(0.01)

    async def elsewhere() -> None:
        await asyncio.sleep(0)
        _busy(0.03)

    await asyncio.gather(poll(), elsewhere())
    await asyncio.sleep(0.01)
    spent = _SPENT.pop(991)
    assert _HANDLES.pop(991) >= 3
    assert 0.045 <= spent < 0.075  # 45 ms of the poll's own, never the other 30


async def test_churning_plex_ends_and_starts_per_answer(socket_enabled: None) -> None:
    """Each /status/sessions after the first: `churn` oldest gone, as many new, count kept."""
    plex = ChurningPlex(live=12, churn=3, seed=1)
    url = await plex.start()
    try:
        async with aiohttp.ClientSession() as session:
            keys = []
            for _ in range(3):
                async with session.get(
                    f"{url}/status/sessions", headers={"X-Plex-Token": "plexgeo-bench-token"}
                ) as resp:
                    assert resp.status == 200
                keys.append([s.session_key for s in plex.scenario.sessions])
    finally:
        await plex.stop()
    assert [len(k) for k in keys] == [12, 12, 12]
    assert keys[1][:9] == keys[0][3:]
    assert not set(keys[1][9:]) & set(keys[0])
    assert sum(not s.local for s in plex.scenario.sessions) >= 9


def test_report_gives_the_ratio_and_the_verdict() -> None:
    """The printed summary names each tree, the 2 ms verdict and the ratio to the first."""
    args = parse_args(["--tree", "a=.", "--tree", "b=."])
    assert [label for label, _ in args.tree] == ["a", "b"]

    def figures(median: float, p99: float) -> dict[str, object]:
        loop = {"median_ms": median, "p99_ms": p99}
        return {"loop": loop, "entity_updates": loop, "state_changes_median": 1}

    text = report(
        {
            "live": 50,
            "scenario": "steady",
            "churn": 0,
            "polls_per_tree": 40,
            "blocks": [{"load_average": [4.0, 4.0, 4.0]}],
            "summary": {
                "a": figures(3.0, 4.0) | {"live_min": 50, "live_max": 50},
                "b": figures(1.5, 1.0) | {"live_min": 50, "live_max": 50},
            },
        }
    )
    assert "MISS" in text.splitlines()[2] and "pass" in text.splitlines()[3]
    assert "median 0.50, p99 0.25" in text


@pytest.mark.parametrize("tree", ["nolabel", "x=/nonexistent"])
def test_bad_tree_is_refused(tree: str) -> None:
    """A tree is label=PATH and PATH holds the integration."""
    with pytest.raises(SystemExit):
        parse_args(["--tree", tree])
