"""The PlexGeo sidebar panel: a committed bundle served by Home Assistant itself."""

from __future__ import annotations

from pathlib import Path

from homeassistant.components import frontend, panel_custom
from homeassistant.components.http import StaticPathConfig
from homeassistant.core import HomeAssistant

from .const import DOMAIN

PANEL_URL_PATH = DOMAIN
STATIC_URL = f"/{DOMAIN}_static"
BUNDLE = "plexgeo-panel.js"
FRONTEND_DIR = Path(__file__).parent / "frontend"


async def async_register_static_path(hass: HomeAssistant) -> None:
    """Serve the bundle (once: a path cannot be registered twice)."""
    await hass.http.async_register_static_paths(
        [StaticPathConfig(STATIC_URL, str(FRONTEND_DIR), cache_headers=True)]
    )


async def async_register_panel(hass: HomeAssistant, version: str, *, admin_only: bool) -> None:
    """Add the sidebar entry.

    Every argument by keyword: HA inserts new positional parameters between releases.
    """
    await panel_custom.async_register_panel(
        hass=hass,
        webcomponent_name="plexgeo-panel",
        frontend_url_path=PANEL_URL_PATH,
        module_url=f"{STATIC_URL}/{BUNDLE}?v={version}",  # a new release busts the cache
        sidebar_title="PlexGeo",
        sidebar_icon="mdi:earth",
        require_admin=admin_only,
        config={},
        embed_iframe=False,
    )


def async_remove_panel(hass: HomeAssistant) -> None:
    """Take the sidebar entry away, if it is there."""
    frontend.async_remove_panel(hass, PANEL_URL_PATH, warn_if_unknown=False)
