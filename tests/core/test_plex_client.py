"""PlexClient and fetch_identity against the simulator: what a server that misbehaves gets."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest

from custom_components.plexgeo.core.errors import PlexResponseError
from custom_components.plexgeo.core.plex import PlexClient, fetch_identity
from simulator.plex import FailureMode, PlexSimulator
from simulator.scenario import lan_session


async def test_identity_that_is_not_xml(plex_sim: PlexSimulator) -> None:
    await plex_sim.fail(FailureMode.MALFORMED, all_endpoints=True)
    async with aiohttp.ClientSession() as session:
        with pytest.raises(PlexResponseError, match="not XML"):
            await fetch_identity(session, plex_sim.url)


async def test_identity_without_machine_identifier(plex_sim: PlexSimulator) -> None:
    plex_sim.machine_identifier = ""
    async with aiohttp.ClientSession() as session:
        with pytest.raises(PlexResponseError, match="no machineIdentifier"):
            await fetch_identity(session, plex_sim.url)


async def test_server_without_machine_identifier_is_refused(plex_sim: PlexSimulator) -> None:
    plex_sim.machine_identifier = ""
    client = PlexClient(plex_sim.url, plex_sim.token)
    with pytest.raises(PlexResponseError, match="machineIdentifier"):
        await asyncio.to_thread(client.connect)
    await asyncio.to_thread(client.close)


async def test_fetch_sessions_connects_first(plex_sim: PlexSimulator) -> None:
    plex_sim.add_session(lan_session(user_name="dave"))
    client = PlexClient(plex_sim.url, plex_sim.token)
    try:
        snapshots = await asyncio.to_thread(client.fetch_sessions)
    finally:
        await asyncio.to_thread(client.close)
    assert [s.user_name for s in snapshots] == ["dave"]
    assert plex_sim.request_count("/") == 1
