"""The relocate_addresses action: cached addresses asked again with the provider now chosen."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import timedelta
from typing import Any

from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.exceptions import ServiceValidationError
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.plexgeo import relocate
from custom_components.plexgeo.const import DOMAIN
from custom_components.plexgeo.core.errors import StoreUnavailable
from custom_components.plexgeo.core.models import Location
from custom_components.plexgeo.core.store import HistoryStore
from simulator.ipapi import FailMode, FakeIpApi
from simulator.places import place
from simulator.plex import PlexSimulator
from simulator.scenario import wan_session

from .common import poll

CITIES = ("paris", "tokyo", "berlin")
TTL = timedelta(days=30)


def _cached(store: HistoryStore, address: str) -> Location | None:
    return store.cached_location(store.address_hash(address), dt_util.utcnow(), TTL)


async def _located_by_another_provider(
    hass: HomeAssistant, plex_sim: PlexSimulator, entry: MockConfigEntry
) -> tuple[HistoryStore, list[str]]:
    """Three streams located by ip-api, whose cache entries then say another provider
    (and another place) answered: what switching from the offline database leaves."""
    for n, key in enumerate(CITIES):
        plex_sim.add_session(wan_session(key, user_id=n + 2, user_name=f"user{n}"))
    await poll(hass, entry)
    store = entry.runtime_data.store
    addresses = [place(key).ipv4[0] for key in CITIES]
    elsewhere = []
    for address in addresses:
        location = _cached(store, address)
        assert location is not None and location.provider == "ip-api"
        moved = replace(location, provider="dbip", city="Elsewhere", accuracy_km=50.0)
        elsewhere.append((store.address_hash(address), moved))
    await hass.async_add_executor_job(store.cache_locations, elsewhere)
    return store, addresses


def _progress(hass: HomeAssistant) -> list[dict[str, Any]]:
    seen: list[dict[str, Any]] = []

    @callback
    def _event(event: Event) -> None:
        seen.append(dict(event.data))

    hass.bus.async_listen(relocate.EVENT_RELOCATE_PROGRESS, _event)
    return seen


async def _finished(entry: MockConfigEntry) -> None:
    task = entry.runtime_data.coordinator.relocation
    assert task is not None
    await asyncio.wait_for(asyncio.shield(task), 10)


async def test_cached_addresses_are_asked_again(
    hass: HomeAssistant, plex_sim: PlexSimulator, loaded_entry: MockConfigEntry
) -> None:
    store, addresses = await _located_by_another_provider(hass, plex_sim, loaded_entry)
    before = await hass.async_add_executor_job(lambda: store.stream_log(limit=10))
    events = _progress(hass)
    response = await hass.services.async_call(
        DOMAIN,
        "relocate_addresses",
        {"config_entry_id": loaded_entry.entry_id},
        blocking=True,
        return_response=True,
    )
    assert response == {"provider": "ip-api", "addresses": 3}
    await _finished(loaded_entry)
    await hass.async_block_till_done()
    for address, key in zip(addresses, CITIES, strict=True):
        location = await hass.async_add_executor_job(_cached, store, address)
        assert location is not None
        assert (location.provider, location.city) == ("ip-api", place(key).city)
    # The history keeps the places streams were given; events carry counts, no address.
    assert await hass.async_add_executor_job(lambda: store.stream_log(limit=10)) == before
    assert events[-1] == {
        "entry_id": loaded_entry.entry_id,
        "provider": "ip-api",
        "total": 3,
        "relocated": 3,
        "failed": 0,
        "remaining": 0,
        "finished": True,
        "error": None,
    }
    assert not any(a in str(events) for a in addresses)
    # Nothing is left to ask again.
    assert await hass.async_add_executor_job(store.count_located_by_others, "ip-api") == 0


async def test_an_outage_loses_nothing_and_says_why(
    hass: HomeAssistant,
    plex_sim: PlexSimulator,
    ipapi: FakeIpApi,
    loaded_entry: MockConfigEntry,
) -> None:
    store, addresses = await _located_by_another_provider(hass, plex_sim, loaded_entry)
    events = _progress(hass)
    waits: list[float] = []
    gate, sleeping = asyncio.Event(), asyncio.Event()

    async def sleep(seconds: float) -> None:
        waits.append(seconds)
        sleeping.set()
        await gate.wait()

    await ipapi.fail(FailMode.RATE_LIMITED)
    started = await relocate.async_start(hass, loaded_entry, sleep=sleep)
    assert started.total == 3
    await asyncio.wait_for(sleeping.wait(), 10)
    # One job at a time: a second start while it waits is refused, translated.
    with pytest.raises(ServiceValidationError) as err:
        await hass.services.async_call(
            DOMAIN, "relocate_addresses", {"config_entry_id": loaded_entry.entry_id}, blocking=True
        )
    assert err.value.translation_key == "relocate_running"
    gate.set()
    await _finished(loaded_entry)
    await hass.async_block_till_done()
    assert len(waits) == relocate.MAX_IDLE_ROUNDS - 1
    assert all(relocate.MIN_WAIT <= w <= relocate.MAX_WAIT for w in waits)
    last = events[-1]
    assert last["finished"] is True
    assert last["error"] and last["relocated"] == 0 and last["remaining"] == 3
    # Every address keeps the answer it had.
    for address in addresses:
        location = await hass.async_add_executor_job(_cached, store, address)
        assert location is not None and location.provider == "dbip"


async def test_a_refusing_database_stops_the_job_and_says_so(
    hass: HomeAssistant,
    plex_sim: PlexSimulator,
    loaded_entry: MockConfigEntry,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store, addresses = await _located_by_another_provider(hass, plex_sim, loaded_entry)
    events = _progress(hass)

    def refused(*args: object) -> None:
        raise StoreUnavailable("disk I/O error")

    monkeypatch.setattr(store, "cache_locations", refused)
    await relocate.async_start(hass, loaded_entry)
    await _finished(loaded_entry)
    await hass.async_block_till_done()
    assert events[-1]["finished"] is True
    assert "disk I/O error" in events[-1]["error"]
    monkeypatch.undo()
    for address in addresses:
        location = await hass.async_add_executor_job(_cached, store, address)
        assert location is not None and location.provider == "dbip"


async def test_waits_follow_the_providers_window(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, monkeypatch: pytest.MonkeyPatch
) -> None:
    provider = loaded_entry.runtime_data.coordinator.provider
    status = provider.status()
    for reset_at, expected in (
        (None, relocate.MAX_WAIT),  # no window said: the longest wait
        (dt_util.utcnow() - timedelta(seconds=5), relocate.MIN_WAIT),
        (dt_util.utcnow() + timedelta(hours=1), relocate.MAX_WAIT),
    ):
        monkeypatch.setattr(provider, "status", lambda r=reset_at: replace(status, reset_at=r))
        assert relocate._wait_seconds(loaded_entry) == expected
