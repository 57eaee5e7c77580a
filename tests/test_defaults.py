"""The detectors' defaults live in two places, held equal here.

`const.DEFAULT_OPTIONS` is what the options flow offers and an entry without options
runs with; `core.settings.AlertSettings()` is what core code and its tests run with.
"""

from __future__ import annotations

from dataclasses import fields

from custom_components.plexgeo.const import DEFAULT_OPTIONS
from custom_components.plexgeo.core.settings import AlertSettings
from custom_components.plexgeo.options import alert_settings, parse_networks

# Not options: Home Assistant's own configuration (its home) reaches the detectors too.
_FROM_HOME_ASSISTANT = {"home"}


def _option_fields() -> list[str]:
    return [f.name for f in fields(AlertSettings) if f.name not in _FROM_HOME_ASSISTANT]


def test_every_detector_setting_is_an_option() -> None:
    """Each of AlertSettings' fields has an option of the same name."""
    assert set(_option_fields()) <= DEFAULT_OPTIONS.keys()


def test_option_defaults_are_the_detectors_defaults() -> None:
    """An entry with no options runs the detectors exactly as AlertSettings() does."""
    assert alert_settings({}) == AlertSettings()
    defaults = AlertSettings()
    for name in _option_fields():
        option = DEFAULT_OPTIONS[name]
        value = getattr(defaults, name)
        if name == "trusted_networks":
            assert parse_networks(str(option)) == value
        else:
            assert option == value, name
