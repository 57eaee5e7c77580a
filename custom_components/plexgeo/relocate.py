"""Re-locating the cached addresses with the provider now chosen (issue 16).

Switching provider keeps the history and sends new lookups to the new provider; addresses
already in the geolocation cache keep the old provider's answer until their cache entry
expires. The `relocate_addresses` action asks the current provider again for every cached
address another provider located, in batches, as a background job of the entry: it waits
out an online provider's rate window (the provider defers what its budget does not allow)
and reports its progress as `plexgeo_relocate_progress` events. Stream rows keep the place
they were given when they played; only the cache (what later streams get) changes. An
address the provider cannot place keeps its old answer; nothing is ever lost.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
import logging
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from homeassistant.util import dt as dt_util

from .const import DOMAIN
from .coordinator import PlexGeoConfigEntry, StoreUnavailableError
from .core.errors import StoreError

_LOGGER = logging.getLogger(__name__)

EVENT_RELOCATE_PROGRESS = "plexgeo_relocate_progress"
BATCH = 100  # ip-api's batch endpoint takes 100 addresses a request
# Rounds in a row in which the provider answered nothing (all deferred) before giving up.
MAX_IDLE_ROUNDS = 5
# Wait between such rounds: the provider's rate window when it says one, within bounds.
MIN_WAIT = 1.0
MAX_WAIT = 60.0


@dataclass(slots=True)
class Relocation:
    """Progress of one re-location job."""

    provider: str
    total: int
    relocated: int = 0
    failed: int = 0
    finished: bool = False
    error: str | None = None

    def event(self, entry_id: str) -> dict[str, Any]:
        """The progress event's data (counts only: never an address)."""
        return {
            "entry_id": entry_id,
            "provider": self.provider,
            "total": self.total,
            "relocated": self.relocated,
            "failed": self.failed,
            "remaining": max(self.total - self.relocated - self.failed, 0),
            "finished": self.finished,
            "error": self.error,
        }


def _wait_seconds(entry: PlexGeoConfigEntry) -> float:
    """How long to wait before asking a provider that deferred everything again."""
    reset_at = entry.runtime_data.coordinator.provider.status().reset_at
    if reset_at is None:
        return MAX_WAIT
    return min(max((reset_at - dt_util.utcnow()).total_seconds(), MIN_WAIT), MAX_WAIT)


async def async_start(
    hass: HomeAssistant,
    entry: PlexGeoConfigEntry,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> Relocation:
    """Count the addresses to ask again and start the job; refuse a second one."""
    coordinator = entry.runtime_data.coordinator
    running = coordinator.relocation
    if running is not None and not running.done():
        raise ServiceValidationError(translation_domain=DOMAIN, translation_key="relocate_running")
    provider = coordinator.provider.name
    store = coordinator.engine.store
    try:
        total = await hass.async_add_executor_job(store.count_located_by_others, provider)
    except StoreError as err:
        raise StoreUnavailableError(err) from err
    progress = Relocation(provider, total)
    coordinator.relocation = entry.async_create_background_task(
        hass, _async_run(hass, entry, progress, sleep), f"{DOMAIN} relocate {entry.entry_id}"
    )
    return progress


async def _async_run(
    hass: HomeAssistant,
    entry: PlexGeoConfigEntry,
    progress: Relocation,
    sleep: Callable[[float], Awaitable[None]],
) -> None:
    """The job: every batch, then one last event whatever happened."""
    try:
        await _async_relocate(hass, entry, progress, sleep)
    except StoreError as err:
        progress.error = str(err)
    finally:
        progress.finished = True
        if progress.error:
            _LOGGER.warning(
                "Re-locating cached addresses with %s stopped (%s): %d of %d done",
                progress.provider,
                progress.error,
                progress.relocated,
                progress.total,
            )
        hass.bus.async_fire(EVENT_RELOCATE_PROGRESS, progress.event(entry.entry_id))


async def _async_relocate(
    hass: HomeAssistant,
    entry: PlexGeoConfigEntry,
    progress: Relocation,
    sleep: Callable[[float], Awaitable[None]],
) -> None:
    coordinator = entry.runtime_data.coordinator
    store, provider = coordinator.engine.store, coordinator.provider
    after, idle = "", 0
    while batch := await hass.async_add_executor_job(
        store.located_by_others, progress.provider, after, BATCH
    ):
        after = batch[-1][0]
        pending = {address: address_hash for address_hash, address in batch}
        while pending:
            result = await provider.locate(list(pending), dt_util.utcnow())
            found = [(pending[address], where) for address, where in result.located.items()]
            await hass.async_add_executor_job(store.cache_locations, found)
            progress.relocated += len(found)
            progress.failed += len(result.failed)
            pending = {address: pending[address] for address in result.deferred}
            hass.bus.async_fire(EVENT_RELOCATE_PROGRESS, progress.event(entry.entry_id))
            idle = idle + 1 if pending and not found and not result.failed else 0
            if idle >= MAX_IDLE_ROUNDS:
                progress.error = result.error or "the provider answered nothing"
                return
            if pending:
                await sleep(_wait_seconds(entry))
