"""Diagnostics: what a bug report needs, and never the token or an address."""

from __future__ import annotations

import logging

from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from simulator.places import place
from simulator.plex import PlexSimulator
from simulator.scenario import ipv6_session, wan_session

from .common import poll


async def test_diagnostics(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    plex_sim: PlexSimulator,
    loaded_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    plex_sim.add_session(wan_session("paris"))
    plex_sim.add_session(ipv6_session("sydney", user_name="bob"))
    await poll(hass, loaded_entry)
    result = await get_diagnostics_for_config_entry(hass, hass_client, loaded_entry)

    assert result["entry"]["data"]["token"] == "**REDACTED**"
    assert result["entry"]["data"]["url"] == "**REDACTED**"
    assert result["store"]["schema_version"] >= 1
    assert result["store"]["streams"] == 2
    assert result["store"]["open_streams"] == 2
    assert result["live_streams"] == 2
    assert result["live_by_location_status"] == {"known": 2}
    assert result["geolocation"]["provider"] == "ip-api"
    assert result["geolocation"]["requests_sent"] == 1
    assert result["geolocation"]["requests_left"] is not None
    assert result["last_update_success"] is True
    assert result["last_poll"]["streams"] == 2
    assert result["last_poll"]["duration_ms"] > 0

    text = str(result)
    secrets = [plex_sim.token, place("paris").ipv4[0], place("sydney").ipv6[0]]
    for secret in secrets:
        assert secret not in text
        assert secret not in caplog.text
