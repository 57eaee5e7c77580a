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
    """The messages that report a deprecated use by PlexGeo (give warnings and up only)."""
    return [message for message in messages if is_deprecation_report(message)]


# A line of home-assistant.log at warning level or above: "DATE TIME LEVEL (thread) ...".
_WARNING_LINE = re.compile(r"^\S+ \S+ (WARNING|ERROR|CRITICAL) ")


def log_file_reports(lines: Iterable[str]) -> list[str]:
    """The warning-or-worse lines of Home Assistant's log that report PlexGeo's use."""
    return deprecation_reports(line for line in lines if _WARNING_LINE.match(line))
