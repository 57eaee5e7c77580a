"""Constants for PlexGeo."""

from __future__ import annotations

from typing import Final

DOMAIN: Final = "plexgeo"
