"""Which Home Assistant log lines report a deprecated use by PlexGeo.

Shared by the test suite's guard (conftest.py) and by the check that runs PlexGeo in a real
Home Assistant process (scripts/lib/bootstrap_dev.py), so both fail on the same lines.
Plain Python: no Home Assistant import.
"""

from __future__ import annotations

from collections.abc import Iterable
import re

# How HA's frame helper (report_usage) and deprecation helpers word a report.
MARKERS = (
    "custom integration 'plexgeo'",
    "will stop working in",
    "will be removed in",
    "breaks_in_ha_version",
    "deprecated",
)
_NAMES_PLEXGEO = re.compile(r"\bplexgeo\b", re.IGNORECASE)


def is_deprecation_report(message: str) -> bool:
    """Whether a log message is a deprecation or usage report that names PlexGeo."""
    lowered = message.lower()
    return bool(_NAMES_PLEXGEO.search(message)) and any(marker in lowered for marker in MARKERS)


def deprecation_reports(messages: Iterable[str]) -> list[str]:
    """The messages that report a deprecated use by PlexGeo."""
    return [message for message in messages if is_deprecation_report(message)]
