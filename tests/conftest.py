"""Shared fixtures.

pytest-homeassistant-custom-component shadows the `custom_components` package, so the
integration is imported here, at module level, before the `hass` fixture runs.
"""

from __future__ import annotations

from collections.abc import Generator

import pytest

import custom_components.plexgeo  # noqa: F401  (must be imported before `hass`)


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(enable_custom_integrations: None) -> Generator[None]:
    """Let Home Assistant load custom_components/plexgeo in every test."""
    yield
