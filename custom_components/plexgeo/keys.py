"""The per-server encryption keys, kept in Home Assistant's storage, never in the database.

Keys are never replaced behind the owner's back: keys missing or damaged while the server's
database exists, keys that do not fit the database, and keys that cannot be written each
stop setup with a repair issue that says what happened and what the owner can do.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from homeassistant.core import HomeAssistant, callback
from homeassistant.exceptions import ConfigEntryError, HomeAssistantError
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.storage import Store

from .const import DOMAIN
from .core.crypto import InvalidKeyMaterial
from .core.errors import StoreKeyMismatch
from .core.markdown import escape_markdown
from .core.store import HistoryStore, KeyMaterial

if TYPE_CHECKING:
    from homeassistant.config_entries import ConfigEntry

_LOGGER = logging.getLogger(__name__)

STORAGE_VERSION = 1
# Why setup stopped; each is an issue and an exception translation key.
KEYS_MISSING = "keys_missing"
KEYS_DAMAGED = "keys_damaged"
KEYS_UNWRITABLE = "keys_unwritable"
KEYS_MISMATCH = "keys_mismatch"


class KeysProblem(Exception):
    """The entry's keys cannot be used; `reason` is one of the KEYS_* keys."""

    def __init__(self, reason: str, detail: str = "") -> None:
        """Say why."""
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


def storage_key(entry_id: str) -> str:
    """The key file's name under the configuration's .storage folder."""
    return f"{DOMAIN}.{entry_id}.keys"


def issue_id(entry_id: str) -> str:
    """The repair issue id of an entry's keys."""
    return f"keys_{entry_id}"


def _store(hass: HomeAssistant, entry_id: str) -> Store[dict[str, str]]:
    return Store(hass, STORAGE_VERSION, storage_key(entry_id), private=True)


async def _async_read(store: Store[dict[str, str]]) -> dict[str, str] | None:
    try:
        return await store.async_load()
    # Storage that is not a key file: an unreadable file, a wrapper without data, another
    # version. (Home Assistant renames a file that is not JSON and answers None.)
    except (HomeAssistantError, OSError, KeyError, TypeError, ValueError) as err:
        raise KeysProblem(KEYS_DAMAGED, str(err)) from err
    except NotImplementedError as err:
        raise KeysProblem(KEYS_DAMAGED, "unknown key file version") from err


async def async_load_or_create(hass: HomeAssistant, entry_id: str, database: Path) -> KeyMaterial:
    """The entry's keys; new ones only while no database exists for them to replace."""
    stored = await _async_read(_store(hass, entry_id))
    if stored is None:
        if await hass.async_add_executor_job(database.exists):
            raise KeysProblem(KEYS_MISSING)
        return await async_create(hass, entry_id)
    try:
        return KeyMaterial.from_dict(stored)
    except InvalidKeyMaterial as err:
        raise KeysProblem(KEYS_DAMAGED, str(err)) from err


async def async_create(hass: HomeAssistant, entry_id: str) -> KeyMaterial:
    """Generate and save new keys, and read them back before any database uses them.

    Home Assistant's storage only logs a failed write (a full disk, a read-only folder):
    unconfirmed keys would encrypt addresses no restart could read.
    """
    material = KeyMaterial.generate()
    store = _store(hass, entry_id)
    await store.async_save(material.as_dict())
    try:
        written = await _async_read(store)
    except KeysProblem:
        written = None
    if written != material.as_dict():
        raise KeysProblem(KEYS_UNWRITABLE, hass.config.path(".storage", storage_key(entry_id)))
    return material


async def async_remove(hass: HomeAssistant, entry_id: str) -> None:
    """Delete the entry's keys: what the database held can no longer be read."""
    await _store(hass, entry_id).async_remove()


async def async_open_store(
    hass: HomeAssistant, entry: ConfigEntry, database: Path, server_id: str
) -> HistoryStore:
    """Open the server's history with its keys.

    Raises ConfigEntryError (with a repair issue) when the keys cannot be used, and the
    store's StoreError when the database itself is unavailable.
    """
    try:
        material = await async_load_or_create(hass, entry.entry_id, database)
        store = await hass.async_add_executor_job(HistoryStore.open, database, material, server_id)
    except StoreKeyMismatch as err:
        problem = KeysProblem(KEYS_MISMATCH, str(err))
    except KeysProblem as err:
        problem = err
    else:
        ir.async_delete_issue(hass, DOMAIN, issue_id(entry.entry_id))
        return store
    _LOGGER.debug("Keys of %s unusable: %s", entry.title, problem)
    async_keys_issue(hass, entry, problem.reason, database)
    # Home Assistant logs this error with its traceback: without the chain that is one
    # frame under the translated message, not the internals of a key check.
    raise ConfigEntryError(
        translation_domain=DOMAIN,
        translation_key=problem.reason,
        translation_placeholders={"server": entry.title, "path": str(database)},
    ) from None


@callback
def async_keys_issue(hass: HomeAssistant, entry: ConfigEntry, reason: str, database: Path) -> None:
    """Open the repair issue of unusable keys: what happened, and a fix flow to start a
    new history (except for keys that cannot be written: a new history needs them too)."""
    ir.async_create_issue(
        hass,
        DOMAIN,
        issue_id(entry.entry_id),
        is_fixable=reason != KEYS_UNWRITABLE,
        is_persistent=False,
        severity=ir.IssueSeverity.ERROR,
        translation_key=reason,
        # The server's name is chosen on the Plex server, and issues render as Markdown.
        translation_placeholders={
            "server": escape_markdown(entry.title),
            "path": escape_markdown(str(database)),
            "keys": escape_markdown(hass.config.path(".storage", storage_key(entry.entry_id))),
        },
        data={"entry_id": entry.entry_id, "reason": reason, "path": str(database)},
    )
