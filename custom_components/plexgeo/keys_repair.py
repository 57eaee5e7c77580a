"""The fix flow of unusable keys: start a new history, the old database kept aside."""

from __future__ import annotations

from pathlib import Path

from homeassistant import data_entry_flow
from homeassistant.components.repairs import RepairsFlow
from homeassistant.helpers import issue_registry as ir
import voluptuous as vol

from . import keys
from .const import DOMAIN
from .core.errors import StoreError
from .core.store.files import move_aside


def _set_aside(path: Path) -> Path | None:
    return move_aside(path, "old") if path.exists() else None


class NewHistoryFlow(RepairsFlow):
    """Move the unreadable database aside and set the server up with a new history."""

    def __init__(self, entry_id: str, reason: str, path: str) -> None:
        """Remember the entry, why its keys failed and where its database is."""
        self._entry_id = entry_id
        self._reason = reason
        self._path = Path(path)

    async def async_step_init(
        self, user_input: dict[str, str] | None = None
    ) -> data_entry_flow.FlowResult:
        """Start with the confirmation (the repairs API passes the issue as input here)."""
        return await self.async_step_confirm()

    async def async_step_confirm(
        self, user_input: dict[str, str] | None = None
    ) -> data_entry_flow.FlowResult:
        """Ask for confirmation, then start the new history."""
        entries = self.hass.config_entries
        entry = entries.async_get_entry(self._entry_id)
        if entry is None:
            return self.async_abort(reason="entry_removed")
        if user_input is None:
            return self.async_show_form(
                step_id="confirm",
                data_schema=vol.Schema({}),
                description_placeholders={"server": entry.title, "path": str(self._path)},
            )
        # Nothing may hold the database while it moves.
        await entries.async_unload(self._entry_id)
        try:
            moved = await self.hass.async_add_executor_job(_set_aside, self._path)
        except StoreError as err:
            return self.async_abort(
                reason="cannot_move", description_placeholders={"error": str(err)}
            )
        if self._reason == keys.KEYS_DAMAGED:
            await keys.async_remove(self.hass, self._entry_id)  # setup writes new ones
        ir.async_delete_issue(self.hass, DOMAIN, keys.issue_id(self._entry_id))
        await entries.async_setup(self._entry_id)
        return self.async_create_entry(data={"moved_to": str(moved) if moved else ""})
