"""The options flow's Tautulli step: where Tautulli is, its API key, and a connection check."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers import selector
from homeassistant.util import dt as dt_util
import voluptuous as vol

from .const import (
    CONF_TAUTULLI_API_KEY,
    CONF_TAUTULLI_REQUEST,
    CONF_TAUTULLI_START_DATE,
    CONF_TAUTULLI_URL,
    CONF_TAUTULLI_VERIFY_SSL,
)
from .core.tautulli import (
    TautulliAuthError,
    TautulliClient,
    TautulliError,
    TautulliUnreachable,
)

# The init form's switch that leads to the Tautulli step (never saved).
CONF_IMPORT_TAUTULLI = "import_tautulli"
# Options the Tautulli step owns; the init form carries them over unchanged.
TAUTULLI_OPTIONS = (
    CONF_TAUTULLI_URL,
    CONF_TAUTULLI_API_KEY,
    CONF_TAUTULLI_VERIFY_SSL,
    CONF_TAUTULLI_START_DATE,
    CONF_TAUTULLI_REQUEST,
)


def schema(current: Mapping[str, Any]) -> vol.Schema:
    """The step's form, filled with what the options (or the last attempt) hold."""
    url_default = {"suggested_value": current.get(CONF_TAUTULLI_URL, "")}
    start_default = {"suggested_value": current.get(CONF_TAUTULLI_START_DATE) or None}
    return vol.Schema(
        {
            vol.Required(CONF_TAUTULLI_URL, description=url_default): selector.TextSelector(
                selector.TextSelectorConfig(type=selector.TextSelectorType.URL)
            ),
            vol.Required(CONF_TAUTULLI_API_KEY): selector.TextSelector(
                selector.TextSelectorConfig(type=selector.TextSelectorType.PASSWORD)
            ),
            vol.Required(
                CONF_TAUTULLI_VERIFY_SSL, default=current.get(CONF_TAUTULLI_VERIFY_SSL, True)
            ): selector.BooleanSelector(),
            vol.Optional(
                CONF_TAUTULLI_START_DATE, description=start_default
            ): selector.DateSelector(),
        }
    )


def _check(url: str, api_key: str, verify: bool) -> None:
    client = TautulliClient(url, api_key, verify=verify)
    try:
        client.users()
    finally:
        client.close()


async def async_check(hass: HomeAssistant, user_input: Mapping[str, Any]) -> dict[str, str]:
    """Reach Tautulli with the form's values; the form's errors (empty when it answers)."""
    try:
        await hass.async_add_executor_job(
            _check,
            str(user_input[CONF_TAUTULLI_URL]),
            str(user_input[CONF_TAUTULLI_API_KEY]),
            bool(user_input.get(CONF_TAUTULLI_VERIFY_SSL, True)),
        )
    except TautulliAuthError:
        return {CONF_TAUTULLI_API_KEY: "tautulli_auth"}
    except TautulliUnreachable:
        return {"base": "tautulli_unreachable"}
    except TautulliError:
        return {"base": "tautulli_not_tautulli"}
    return {}


def options_from(user_input: Mapping[str, Any]) -> dict[str, Any]:
    """The step's values as options, stamped so the import runs once for this request."""
    return {
        CONF_TAUTULLI_URL: str(user_input[CONF_TAUTULLI_URL]).strip(),
        CONF_TAUTULLI_API_KEY: str(user_input[CONF_TAUTULLI_API_KEY]),
        CONF_TAUTULLI_VERIFY_SSL: bool(user_input.get(CONF_TAUTULLI_VERIFY_SSL, True)),
        CONF_TAUTULLI_START_DATE: str(user_input.get(CONF_TAUTULLI_START_DATE) or ""),
        CONF_TAUTULLI_REQUEST: dt_util.utcnow().isoformat(),
    }
