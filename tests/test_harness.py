"""The suite's own diagnosis of a hung test names the coroutine each task waits in."""

from __future__ import annotations

import asyncio

from homeassistant.core import HomeAssistant

from .conftest import _task_stacks


async def test_a_hung_task_is_named_with_where_it_waits(hass: HomeAssistant) -> None:
    never = asyncio.Event()

    async def waits_for_a_reload_that_never_ends() -> None:
        await never.wait()

    task = hass.loop.create_task(waits_for_a_reload_that_never_ends())
    await asyncio.sleep(0)
    try:
        stacks = _task_stacks(hass.loop)
        assert "waits_for_a_reload_that_never_ends" in stacks
    finally:
        task.cancel()
