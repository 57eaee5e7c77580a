"""Benchmark only: the event-loop CPU time Home Assistant spends on each PlexGeo poll.

`scripts/bench --ha` copies this component into a throwaway Home Assistant config next to
PlexGeo. It never ships with the integration.

How a poll's loop time is counted: every asyncio handle (a task step or a callback) that
runs on the loop carries the `contextvars.Context` it was scheduled from. The meter starts
each poll in a task whose context holds `_POLL = n`; tasks and callbacks created while that
poll runs (entity writes, the state-changed listeners they wake, entity removals, the
geolocation HTTP request's I/O callbacks) inherit it. `Handle._run` is wrapped to add
`time.thread_time()` (CPU of the loop's own thread) of every handle whose context holds a
poll number to that poll. Executor threads never run handles, so the executor's work
(Plex fetch, `Engine.ingest`, `Engine.resolve`) is not counted: only what the loop did.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
import contextvars
import cProfile
import io
import pstats
import time
from typing import Any

from homeassistant.const import EVENT_STATE_CHANGED
from homeassistant.core import (
    Event,
    HomeAssistant,
    ServiceCall,
    ServiceResponse,
    SupportsResponse,
    callback,
)
import homeassistant.helpers.config_validation as cv
from homeassistant.helpers.typing import ConfigType
import voluptuous as vol

DOMAIN = "plexgeo_loopmeter"
CONFIG_SCHEMA = cv.empty_config_schema(DOMAIN)
_POLL: contextvars.ContextVar[int] = contextvars.ContextVar("plexgeo_loopmeter_poll")
_SPENT: defaultdict[int, float] = defaultdict(float)
_HANDLES: defaultdict[int, int] = defaultdict(int)
_PATCHED = False


def _patch_handles() -> None:
    """Wrap Handle._run once: charge a handle's loop-thread CPU to the poll in its context."""
    global _PATCHED  # noqa: PLW0603
    if _PATCHED:
        return
    original = asyncio.events.Handle._run
    clock = time.thread_time

    def _run(self: asyncio.events.Handle) -> None:
        began = clock()
        try:
            original(self)
        finally:
            # Read after the run: the poll's first step is the one that sets the number.
            context = self._context
            poll = context.get(_POLL) if context is not None else None
            if poll is not None:
                _SPENT[poll] += clock() - began
                _HANDLES[poll] += 1

    asyncio.events.Handle._run = _run  # type: ignore[method-assign]
    _PATCHED = True


def _coordinator(hass: HomeAssistant) -> Any:
    for entry in hass.config_entries.async_entries("plexgeo"):
        if hasattr(entry, "runtime_data"):
            return entry.runtime_data.coordinator
    raise vol.Invalid("no loaded PlexGeo entry")


async def async_setup(hass: HomeAssistant, config: ConfigType) -> bool:
    """Patch the loop's handles and register the `measure` action."""
    _patch_handles()
    counter = {"poll": 0}

    async def measure(call: ServiceCall) -> ServiceResponse:
        coordinator = _coordinator(hass)
        polls: int = call.data["polls"]
        gap: float = call.data["gap"]
        profiler = cProfile.Profile() if call.data["profile"] else None
        changed: list[int] = []
        writes = {"n": 0}

        @callback
        def _count(event: Event) -> None:
            if event.context is not None:
                writes["n"] += 1

        unsub = hass.bus.async_listen(EVENT_STATE_CHANGED, _count)
        loop_ms: list[float] = []
        listeners_ms: list[float] = []
        handles: list[int] = []
        live: list[int] = []
        try:
            for _ in range(polls):
                counter["poll"] += 1
                poll = counter["poll"]
                await asyncio.sleep(gap)
                writes["n"] = 0
                listened = [0.0]

                async def one_poll(poll: int = poll, listened: list[float] = listened) -> None:
                    _POLL.set(poll)
                    original = coordinator.async_update_listeners

                    def timed() -> None:
                        began = time.thread_time()
                        try:
                            original()
                        finally:
                            listened[0] += time.thread_time() - began

                    coordinator.async_update_listeners = timed
                    try:
                        await coordinator.async_refresh()
                    finally:
                        del coordinator.async_update_listeners

                if profiler is not None:
                    profiler.enable()
                await hass.async_create_task(one_poll(), eager_start=False)
                # Let what the poll scheduled (entity removals, listeners) run to the end.
                await asyncio.sleep(gap)
                if profiler is not None:
                    profiler.disable()
                loop_ms.append(_SPENT.pop(poll, 0.0) * 1000)
                handles.append(_HANDLES.pop(poll, 0))
                listeners_ms.append(listened[0] * 1000)
                changed.append(writes["n"])
                live.append(len(coordinator.data.live) if coordinator.data else 0)
                if not coordinator.last_update_success:
                    raise vol.Invalid(f"poll failed: {coordinator.last_exception}")
        finally:
            unsub()
        profile = ""
        if profiler is not None:
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(60)
            profile = out.getvalue()
        return {
            "profile": profile,
            "loop_ms": loop_ms,
            "listeners_ms": listeners_ms,
            "handles": handles,
            "state_changes": changed,
            "live": live,
        }

    hass.services.async_register(
        DOMAIN,
        "measure",
        measure,
        schema=vol.Schema(
            {
                vol.Optional("polls", default=20): vol.All(int, vol.Range(min=1, max=500)),
                vol.Optional("gap", default=0.2): vol.All(vol.Coerce(float), vol.Range(min=0)),
                vol.Optional("profile", default=False): bool,
            }
        ),
        supports_response=SupportsResponse.ONLY,
    )
    return True
