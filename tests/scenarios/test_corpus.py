"""The detection corpus, end to end: each scenario through HA, the simulator and the fake ip-api.

With PLEXGEO_DETECTION_REPORT set (scripts/detection does), each run's result is appended
to that file and nothing is asserted: the script scores the whole corpus.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from simulator.ipapi import FakeIpApi
from simulator.places import place
from simulator.plex import PlexSimulator

from .corpus import SCENARIOS, Scenario
from .household import Household
from .scoring import score

REPORT = os.environ.get("PLEXGEO_DETECTION_REPORT")


@pytest.fixture(params=SCENARIOS, ids=lambda s: s.name)
def scenario(request: pytest.FixtureRequest) -> Scenario:
    """One scenario of the corpus."""
    chosen: Scenario = request.param
    return chosen


@pytest.fixture
def options(options: dict[str, Any], scenario: Scenario) -> dict[str, Any]:
    """The scenario's options over the defaults."""
    return {**options, **scenario.options}


async def test_scenario(
    hass: HomeAssistant,
    scenario: Scenario,
    config_entry: MockConfigEntry,
    plex_sim: PlexSimulator,
    ipapi: FakeIpApi,
    freezer: FrozenDateTimeFactory,
) -> None:
    """Play the scenario poll by poll and hold it to its labels."""
    home = place(scenario.home)
    hass.config.latitude, hass.config.longitude = home.lat, home.lon
    hass.config.country = home.country_code
    freezer.move_to("2026-03-02T18:00:00+00:00")
    household = Household(hass, config_entry, plex_sim, ipapi, freezer)
    household.listen()
    await household.load()
    await scenario.script(household)
    result = score(scenario, household)
    assert household.entity_private == set()
    if REPORT:
        with Path(REPORT).open("a", encoding="utf-8") as report:
            report.write(json.dumps(result.as_json()) + "\n")
        return
    assert not result.failures(), result
