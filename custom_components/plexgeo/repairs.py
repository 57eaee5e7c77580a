"""Fix flows: alert issues (acknowledge, or acknowledge and trust), unusable keys (new history)."""

from __future__ import annotations

from typing import Any

from homeassistant import data_entry_flow
from homeassistant.components.repairs import RepairsFlow
from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError

from .const import DOMAIN
from .coordinator import PlexGeoConfigEntry, StoreUnavailableError
from .keys_repair import NewHistoryFlow


class AlertRepairFlow(RepairsFlow):
    """Acknowledge one alert from its repair issue."""

    def __init__(self, entry_id: str, alert_id: int, *, trust: bool = True) -> None:
        """Remember which alert the issue is about, and whether trusting would help."""
        self._entry_id = entry_id
        self._alert_id = alert_id
        self._trust = trust

    def _entry(self) -> PlexGeoConfigEntry | str:
        """The alert's loaded entry, or why the flow cannot go on."""
        entry = self.hass.config_entries.async_get_entry(self._entry_id)
        if entry is None or entry.domain != DOMAIN:
            return "entry_removed"
        if entry.state is not ConfigEntryState.LOADED:
            return "entry_not_loaded"
        return entry

    async def async_step_init(
        self, user_input: dict[str, str] | None = None
    ) -> data_entry_flow.FlowResult:
        """Offer the ways to close the alert (trust only where it helps), if its server is there."""
        if isinstance(reason := self._entry(), str):
            return self.async_abort(reason=reason)
        options = ["acknowledge", "trust"] if self._trust else ["acknowledge"]
        return self.async_show_menu(step_id="init", menu_options=options)

    async def _finish(self, trust: bool) -> data_entry_flow.FlowResult:
        if isinstance(entry := self._entry(), str):
            return self.async_abort(reason=entry)
        user = self.context.get("user_id")
        user = user if isinstance(user, str) else None
        try:
            await entry.runtime_data.coordinator.async_acknowledge(
                [self._alert_id], trust=trust, by=user
            )
        except StoreUnavailableError:
            return self.async_abort(reason="store_unavailable")
        return self.async_create_entry(data={})

    async def async_step_acknowledge(
        self, user_input: dict[str, str] | None = None
    ) -> data_entry_flow.FlowResult:
        """Acknowledge the alert."""
        return await self._finish(trust=False)

    async def async_step_trust(
        self, user_input: dict[str, str] | None = None
    ) -> data_entry_flow.FlowResult:
        """Acknowledge the alert and trust its country for the user."""
        return await self._finish(trust=True)


async def async_create_fix_flow(
    hass: HomeAssistant, issue_id: str, data: dict[str, Any] | None
) -> RepairsFlow:
    """The fix flow of an alert issue, or of unusable keys."""
    if data and issue_id.startswith("keys_"):
        return NewHistoryFlow(str(data["entry_id"]), str(data["reason"]), str(data["path"]))
    if not data or "alert_id" not in data:
        raise HomeAssistantError(
            translation_domain=DOMAIN,
            translation_key="no_fix_flow",
            translation_placeholders={"issue_id": issue_id},
        )
    # Issues raised before "trust" was recorded offered it: keep doing so.
    return AlertRepairFlow(
        str(data.get("entry_id")), int(data["alert_id"]), trust=bool(data.get("trust", True))
    )
