"""Fix flows for alert repair issues: acknowledge, or acknowledge and trust the country."""

from __future__ import annotations

from typing import Any

from homeassistant import data_entry_flow
from homeassistant.components.repairs import RepairsFlow
from homeassistant.core import HomeAssistant

from .actions import async_acknowledge, loaded_entry


class AlertRepairFlow(RepairsFlow):
    """Acknowledge one alert from its repair issue."""

    def __init__(self, entry_id: str, alert_id: int, *, trust: bool = True) -> None:
        """Remember which alert the issue is about, and whether trusting would help."""
        self._entry_id = entry_id
        self._alert_id = alert_id
        self._trust = trust

    async def async_step_init(
        self, user_input: dict[str, str] | None = None
    ) -> data_entry_flow.FlowResult:
        """Offer the ways to close the alert (trust only where trusting helps)."""
        options = ["acknowledge", "trust"] if self._trust else ["acknowledge"]
        return self.async_show_menu(step_id="init", menu_options=options)

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
    """The fix flow of an alert issue."""
    assert data is not None
    # Issues raised before "trust" was recorded offered it: keep doing so.
    return AlertRepairFlow(
        str(data["entry_id"]), int(data["alert_id"]), trust=bool(data.get("trust", True))
    )
