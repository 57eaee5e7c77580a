"""Fix flows for alert repair issues: acknowledge, or acknowledge and trust the country."""

from __future__ import annotations

from typing import Any

from homeassistant import data_entry_flow
from homeassistant.components.repairs import RepairsFlow
from homeassistant.core import HomeAssistant

from .actions import async_acknowledge, loaded_entry
from .keys_repair import NewHistoryFlow


class AlertRepairFlow(RepairsFlow):
    """Acknowledge one alert from its repair issue."""

    def __init__(self, entry_id: str, alert_id: int) -> None:
        """Remember which alert the issue is about."""
        self._entry_id = entry_id
        self._alert_id = alert_id

    async def async_step_init(
        self, user_input: dict[str, str] | None = None
    ) -> data_entry_flow.FlowResult:
        """Offer the two ways to close the alert."""
        return self.async_show_menu(step_id="init", menu_options=["acknowledge", "trust"])

    async def _finish(self, trust: bool) -> data_entry_flow.FlowResult:
        entry = loaded_entry(self.hass, self._entry_id)
        user = self.context.get("user_id")
        user = user if isinstance(user, str) else None
        await async_acknowledge(self.hass, entry, [self._alert_id], trust=trust, by=user)
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
    assert data is not None
    if issue_id.startswith("keys_"):
        return NewHistoryFlow(str(data["entry_id"]), str(data["reason"]), str(data["path"]))
    return AlertRepairFlow(str(data["entry_id"]), int(data["alert_id"]))
