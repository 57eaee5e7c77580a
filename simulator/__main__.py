"""Run the demo: a simulated Plex server playing `demo_scenario()` and fake geolocation services.

    python -m simulator [--host 127.0.0.1] [--plex-port 32400] [--ipapi-port 8088]
                        [--dbip-port 8089] [--plextv-port 8090]
                        [--token plexgeo-demo-token] [--speed 1.0]

Besides ip-api, a DB-IP download server (serving databases built from the same places) and
plex.tv's geoip endpoint: point the advanced "DB-IP download URL" / "plex.tv URL" options at
them. Runs until SIGINT or SIGTERM, then stops every server and exits 0.
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Sequence
import contextlib
from datetime import date
from pathlib import Path
import signal
import sys
import tempfile
import time

from simulator.dbip import FakeDbIp
from simulator.demo import demo_scenario
from simulator.ipapi import FakeIpApi
from simulator.plex import PlexSimulator
from simulator.plextv import FakePlexTv
from simulator.scenario import Scenario

TICK_SECONDS = 1.0


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command line options."""
    parser = argparse.ArgumentParser(prog="python -m simulator", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--plex-port", type=int, default=32400)
    parser.add_argument("--ipapi-port", type=int, default=8088)
    parser.add_argument("--dbip-port", type=int, default=8089)
    parser.add_argument("--plextv-port", type=int, default=8090)
    parser.add_argument("--token", default="plexgeo-demo-token")
    parser.add_argument("--speed", type=float, default=1.0, help="scenario seconds per real second")
    options = parser.parse_args(argv)
    if options.speed <= 0:
        parser.error("--speed must be positive")
    return options


async def follow_clock(scenario: Scenario, speed: float) -> None:
    """Advance the scenario with real time, `speed` times faster."""
    last = time.monotonic()
    while True:
        await asyncio.sleep(TICK_SECONDS)
        now = time.monotonic()
        scenario.advance((now - last) * speed)
        last = now


async def serve(options: argparse.Namespace) -> None:
    """Run both servers until a stop signal arrives."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    scenario = demo_scenario()
    plex = PlexSimulator(scenario, token=options.token, host=options.host, port=options.plex_port)
    ipapi = FakeIpApi(host=options.host, port=options.ipapi_port)
    dbip = FakeDbIp(host=options.host, port=options.dbip_port)
    plextv = FakePlexTv(options.token, host=options.host, port=options.plextv_port)
    async with contextlib.AsyncExitStack() as servers:
        for server in (plex, ipapi, dbip, plextv):
            await server.start()
            servers.push_async_callback(server.stop)
        with tempfile.TemporaryDirectory() as folder:
            await loop.run_in_executor(None, dbip.publish_month, date.today(), Path(folder))
        print(f"Plex:    {plex.url}", flush=True)
        print(f"Token:   {options.token}", flush=True)
        print(f"ip-api:  {ipapi.base_url}", flush=True)
        print(f"DB-IP:   {dbip.base_url}", flush=True)
        print(f"plex.tv: {plextv.base_url}", flush=True)
        clock = asyncio.create_task(follow_clock(scenario, options.speed))
        await stop.wait()
        clock.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await clock


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point for `python -m simulator`."""
    asyncio.run(serve(parse_args(argv)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
