"""The per-server encryption keys, kept in Home Assistant's storage, never in the database."""

from __future__ import annotations

from homeassistant.core import HomeAssistant
from homeassistant.helpers.storage import Store

from .const import DOMAIN
from .core.store import KeyMaterial

STORAGE_VERSION = 1


def _store(hass: HomeAssistant, entry_id: str) -> Store[dict[str, str]]:
    return Store(hass, STORAGE_VERSION, f"{DOMAIN}.{entry_id}.keys", private=True)


async def async_load_or_create(hass: HomeAssistant, entry_id: str) -> KeyMaterial:
    """Load the entry's keys, generating them on first setup."""
    store = _store(hass, entry_id)
    stored = await store.async_load()
    if stored is not None:
        return KeyMaterial.from_dict(stored)
    material = KeyMaterial.generate()
    await store.async_save(material.as_dict())
    return material


async def async_remove(hass: HomeAssistant, entry_id: str) -> None:
    """Delete the entry's keys: what the database held can no longer be read."""
    await _store(hass, entry_id).async_remove()
