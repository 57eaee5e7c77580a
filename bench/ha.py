"""`scripts/bench --ha`: Home Assistant's own event-loop time per PlexGeo poll, in a real HA.

For each code tree given (`--tree label=PATH`, PATH holding `custom_components/plexgeo`;
default: this checkout as `current`), this starts what `scripts/develop` starts, on free
ports of its own: a simulated Plex server and a fake ip-api (in this process), a throwaway
config directory, and `python -m homeassistant` with PlexGeo configured through
`scripts/lib/bootstrap_dev.py`. asyncio debug is off and logging stays at warnings.

Next to PlexGeo runs `bench/ha_meter/plexgeo_loopmeter`, which charges every asyncio handle
scheduled from a poll to that poll (CPU time of the loop's thread; see its docstring).
Polls are driven by the meter (`coordinator.async_refresh`, the interval poll's code) in
blocks, alternating between the trees in one run, with the load average beside each block.

The simulated server keeps `--live` sessions (50): remote ones from ~40 public addresses
and a few on the LAN. Each poll's /status/sessions moves every session's progress on
and, in the `churn` scenario, ends `--churn` of the oldest and starts as many new ones
(of every 10 new: 1 on the LAN, 2 from addresses never seen, 7 from known ones);
`steady` changes nothing but progress. A real server with 50 live streams of ~45 minutes
starts about one stream a minute: `--churn 1` at a 30 s interval is twice that.
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Sequence
import json
import os
from pathlib import Path
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from typing import Any

import aiohttp
from aiohttp import web

from simulator.ipapi import FakeIpApi
from simulator.plex import PlexSimulator
from simulator.scenario import (
    Scenario,
    SimSession,
    episode_session,
    lan_session,
    remote_session,
)

from .timing import summarize

REPO = Path(__file__).resolve().parents[1]
METER = Path(__file__).resolve().parent / "ha_meter" / "plexgeo_loopmeter"
TOKEN = "plexgeo-bench-token"  # noqa: S105  (the simulator's token, loopback only)
SHOWS = ("Harbour Lights", "Signal Orbit", "The Quiet Field", "Northern Line", "Salt & Iron")

sys.path.insert(0, str(REPO / "scripts" / "lib"))
import bootstrap_dev  # noqa: E402


class ChurningPlex(PlexSimulator):
    """A Plex server whose every /status/sessions answer is one poll later than the last."""

    def __init__(self, live: int, churn: int, seed: int) -> None:
        """`live` sessions; each answer after the first ends `churn` and starts as many."""
        super().__init__(Scenario(), token=TOKEN)
        self.rng = random.Random(f"ha-bench/{seed}")
        self.churn = churn
        self.known: list[str] = [self._fresh_address() for _ in range(40)]
        self.answers = 0
        self.users = 0
        self.added = 0
        for i in range(live):
            self.scenario.add_session(self._new_session(lan=i % 12 == 0))

    def _fresh_address(self) -> str:
        rng = self.rng
        return f"81.{rng.randrange(2, 250)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"

    def _new_session(self, *, lan: bool = False, fresh: bool = False) -> SimSession:
        self.users += 1
        user = 1 + self.users % 35
        base = episode_session(
            SimSession(),
            user_id=user,
            user_name=f"viewer{user}",
            grandparent_title=self.rng.choice(SHOWS),
            title=f"Episode {self.rng.randrange(1, 300)}",
            parent_index=self.rng.randrange(1, 8),
            index=self.rng.randrange(1, 13),
            player_title=f"Player {user}",
            player_machine_id=f"bench-player-{user}",
        )
        if lan:
            return lan_session(base, address=f"192.168.1.{10 + user}")
        address = self._fresh_address() if fresh else self.rng.choice(self.known)
        return remote_session(address, base)

    async def _sessions(self, request: web.Request) -> web.StreamResponse:
        if self.answers:
            for session in self.scenario.sessions:
                self.scenario.update_session(
                    session.session_key, view_offset_ms=session.view_offset_ms + 10_000
                )
            for session in self.scenario.sessions[: self.churn]:
                self.scenario.remove_session(session.session_key)
            for _ in range(self.churn):
                self.added += 1
                kind = self.added % 10  # of every 10 new: 1 on the LAN, 2 from new addresses
                self.scenario.add_session(self._new_session(lan=kind == 0, fresh=kind in (1, 2)))
        self.answers += 1
        return await super()._sessions(request)


def free_port() -> int:
    """A TCP port nobody listens on now (HA needs a number in its configuration)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def write_config(config: Path, tree: Path, port: int) -> None:
    """A config like config/configuration.yaml: quiet logging, our port, PlexGeo and the meter."""
    custom = config / "custom_components"
    custom.mkdir(parents=True)
    (custom / "plexgeo").symlink_to(tree / "custom_components" / "plexgeo")
    shutil.copytree(METER, custom / METER.name)
    text = (REPO / "config" / "configuration.yaml").read_text()
    text = text.replace("server_port: 8123", f"server_port: {port}")
    text = text.replace("custom_components.plexgeo: debug", "custom_components.plexgeo: warning")
    (config / "configuration.yaml").write_text(text + "\nplexgeo_loopmeter:\n")


class HomeAssistantUnderTest:
    """One HA process, its config directory, its simulated Plex and ip-api."""

    def __init__(self, label: str, tree: Path, args: argparse.Namespace) -> None:
        """Nothing runs until start()."""
        self.label = label
        self.tree = tree.resolve()
        self.args = args
        self.config = Path(tempfile.mkdtemp(prefix=f"plexgeo-ha-bench-{label}-"))
        self.port = free_port()
        self.plex = ChurningPlex(args.live, args.churn if args.scenario == "churn" else 0, 1)
        self.ipapi = FakeIpApi(requests_per_minute=10_000, batch_requests_per_minute=10_000)
        self.process: subprocess.Popen[bytes] | None = None
        self.token = ""

    @property
    def url(self) -> str:
        """Where this HA listens."""
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        """Simulator up, HA started, onboarded, PlexGeo configured."""
        plex_url = await self.plex.start()
        geo_url = await self.ipapi.start()
        write_config(self.config, self.tree, self.port)
        bootstrap_dev.seed_onboarding(self.config)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONASYNCIODEBUG"}
        self.process = subprocess.Popen(  # noqa: S603, ASYNC220  (our interpreter; quick)
            [sys.executable, "-m", "homeassistant", "-c", str(self.config)],
            stdout=(self.config / "ha.out").open("wb"),
            stderr=subprocess.STDOUT,
            env=env,
            cwd=self.config,
        )
        target = bootstrap_dev.Target(self.url, self.config, plex_url, TOKEN, geo_url)
        await bootstrap_dev.run(target, None, check=True, seconds=self.args.startup_timeout)
        self.token = (self.config / bootstrap_dev.TOKEN_FILE).read_text().strip()

    async def measure(
        self, session: aiohttp.ClientSession, polls: int, *, profile: bool = False
    ) -> dict[str, Any]:
        """One block of polls driven by the meter, over the websocket API."""
        async with session.ws_connect(f"{self.url}/api/websocket") as ws:
            await ws.receive_json()
            await ws.send_json({"type": "auth", "access_token": self.token})
            await ws.receive_json()
            await ws.send_json(
                {
                    "id": 1,
                    "type": "call_service",
                    "domain": "plexgeo_loopmeter",
                    "service": "measure",
                    "service_data": {"polls": polls, "gap": self.args.gap, "profile": profile},
                    "return_response": True,
                }
            )
            reply = await ws.receive_json(timeout=polls * 10 + 30)
        if not reply.get("success"):
            raise RuntimeError(f"{self.label}: the meter failed: {reply.get('error')}")
        result: dict[str, Any] = reply["result"]["response"]
        return result

    async def stop(self) -> None:
        """HA first (it may still poll), then the simulator; the config is removed."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                await asyncio.to_thread(self.process.wait, 60)
            except subprocess.TimeoutExpired:
                self.process.kill()
        await self.plex.stop()
        await self.ipapi.stop()
        if not self.args.keep:
            shutil.rmtree(self.config, ignore_errors=True)


def summary(samples: dict[str, list[Any]]) -> dict[str, Any]:
    """Median / p99 of the loop time and its entity-update part; writes and live counts."""
    loop = summarize([ms / 1000 for ms in samples["loop_ms"]]).as_dict()
    listeners = summarize([ms / 1000 for ms in samples["listeners_ms"]]).as_dict()
    changes = sorted(samples["state_changes"])
    return {
        "loop": loop,
        "entity_updates": listeners,
        "state_changes_median": changes[len(changes) // 2],
        "handles_median": sorted(samples["handles"])[len(samples["handles"]) // 2],
        "live_min": min(samples["live"]),
        "live_max": max(samples["live"]),
    }


async def run(args: argparse.Namespace) -> dict[str, Any]:
    """Start every tree's HA, alternate blocks of polls between them, stop them all."""
    under_test = [HomeAssistantUnderTest(label, path, args) for label, path in args.tree]
    samples: dict[str, dict[str, list[Any]]] = {u.label: {} for u in under_test}
    blocks: list[dict[str, Any]] = []
    profiles: dict[str, str] = {}
    try:
        for ha in under_test:  # one at a time: two HA starts at once would only slow both
            print(f"[bench --ha] starting Home Assistant ({ha.label}) on {ha.url}", flush=True)
            await ha.start()
        async with aiohttp.ClientSession() as session:
            for ha in under_test:  # warm-up block, not counted
                await ha.measure(session, args.block)
            for block in range(args.blocks):
                order = under_test if block % 2 == 0 else under_test[::-1]
                for ha in order:
                    load = os.getloadavg()
                    result = await ha.measure(session, args.block)
                    result.pop("profile", None)
                    for key, values in result.items():
                        samples[ha.label].setdefault(key, []).extend(values)
                    block_loop = summarize([ms / 1000 for ms in result["loop_ms"]])
                    blocks.append(
                        {"label": ha.label, "load_average": load, "loop": block_loop.as_dict()}
                    )
                    print(
                        f"[bench --ha] block {block + 1:>2} {ha.label:>8}: loop"
                        f" {block_loop.median_ms:.2f} / {block_loop.p99_ms:.2f} ms"
                        f" (median / p99 of {args.block}), load {load[0]:.2f}",
                        flush=True,
                    )
            if args.profile:  # after the measured blocks: the profiler's own cost is not counted
                for ha in under_test:
                    profiled = await ha.measure(session, args.block, profile=True)
                    profiles[ha.label] = profiled["profile"]
    finally:
        for ha in under_test:
            await ha.stop()
    return {
        "scenario": args.scenario,
        "live": args.live,
        "churn": args.churn if args.scenario == "churn" else 0,
        "polls_per_tree": args.blocks * args.block,
        "trees": {label: str(path) for label, path in args.tree},
        "summary": {label: summary(s) for label, s in samples.items()},
        "blocks": blocks,
        "samples": samples,
        "profiles": profiles,
    }


def report(result: dict[str, Any]) -> str:
    """The printed table: per tree, loop time and entity-update part; the ratio to the first."""
    lines = [
        f"Home Assistant event-loop CPU per poll, {result['live']} live streams,"
        f" scenario {result['scenario']} ({result['churn']} ended + {result['churn']} new"
        f" per poll), {result['polls_per_tree']} polls per tree, alternated in blocks",
    ]
    loads = [b["load_average"][0] for b in result["blocks"]]
    lines.append(f"load average (1 min) during the blocks: {min(loads):.2f}-{max(loads):.2f}")
    first = None
    for label, figures in result["summary"].items():
        loop, listeners = figures["loop"], figures["entity_updates"]
        ratio = ""
        if first is None:
            first = loop
        else:
            ratio = (
                f"  ratio to {next(iter(result['summary']))}: median"
                f" {loop['median_ms'] / first['median_ms']:.2f}, p99"
                f" {loop['p99_ms'] / first['p99_ms']:.2f}"
            )
        verdict = "pass" if loop["p99_ms"] <= 2.0 else "MISS"
        lines.append(
            f"  {label:>8}: loop {loop['median_ms']:.2f} / {loop['p99_ms']:.2f} ms"
            f" (target <= 2 ms p99: {verdict}); entity updates"
            f" {listeners['median_ms']:.2f} / {listeners['p99_ms']:.2f} ms;"
            f" {figures['state_changes_median']} state changes per poll (median);"
            f" live {figures['live_min']}-{figures['live_max']}{ratio}"
        )
    return "\n".join(lines)


def _tree(value: str) -> tuple[str, Path]:
    label, sep, path = value.partition("=")
    if not sep or not label or not (Path(path) / "custom_components" / "plexgeo").is_dir():
        raise argparse.ArgumentTypeError(
            f"expected label=PATH with custom_components/plexgeo: {value}"
        )
    return label, Path(path)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(prog="scripts/bench --ha", description=__doc__)
    parser.add_argument("--tree", type=_tree, action="append", default=[])
    parser.add_argument("--scenario", choices=("steady", "churn"), default="steady")
    parser.add_argument("--live", type=int, default=50)
    parser.add_argument("--churn", type=int, default=10)
    parser.add_argument("--blocks", type=int, default=10, help="measured blocks per tree")
    parser.add_argument("--block", type=int, default=20, help="polls per block")
    parser.add_argument("--gap", type=float, default=0.25, help="seconds around each poll")
    parser.add_argument("--startup-timeout", type=float, default=300.0)
    parser.add_argument("--keep", action="store_true", help="keep the config directories")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="then profile one more block of each (cProfile: on Python 3.12+ every thread)",
    )
    parser.add_argument("--output", type=Path, default=REPO / "bench" / "results-ha.json")
    args = parser.parse_args(argv)
    if not args.tree:
        args.tree = [("current", REPO)]
    if len({label for label, _ in args.tree}) != len(args.tree):
        parser.error("tree labels must differ")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Measure, print, write the JSON."""
    args = parse_args(argv)
    result = asyncio.run(run(args))
    result["load_average_end"] = os.getloadavg()
    text = report(result)
    print(text)
    args.output.write_text(json.dumps(result, indent=1) + "\n")
    print(f"[bench --ha] wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
