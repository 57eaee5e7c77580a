"""The panel bundle as Home Assistant serves it: precompressed for browsers that accept gzip."""

from __future__ import annotations

import gzip

from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.plexgeo.sidebar import BUNDLE, FRONTEND_DIR, STATIC_URL

URL = f"{STATIC_URL}/{BUNDLE}"


async def test_bundle_is_served_gzipped_to_browsers_that_accept_it(
    hass: HomeAssistant, hass_client: ClientSessionGenerator, loaded_entry: MockConfigEntry
) -> None:
    client = await hass_client()
    response = await client.get(
        URL, headers={"Accept-Encoding": "gzip, deflate, br"}, auto_decompress=False
    )
    assert response.status == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert response.headers["Content-Type"].startswith(
        ("text/javascript", "application/javascript")
    )
    assert "max-age" in response.headers["Cache-Control"]
    body = await response.read()
    assert body == (FRONTEND_DIR / f"{BUNDLE}.gz").read_bytes()
    assert gzip.decompress(body) == (FRONTEND_DIR / BUNDLE).read_bytes()


async def test_bundle_is_served_plain_to_clients_without_gzip(
    hass: HomeAssistant, hass_client: ClientSessionGenerator, loaded_entry: MockConfigEntry
) -> None:
    client = await hass_client()
    response = await client.get(URL, headers={"Accept-Encoding": "identity"})
    assert response.status == 200
    assert "Content-Encoding" not in response.headers
    assert await response.read() == (FRONTEND_DIR / BUNDLE).read_bytes()
