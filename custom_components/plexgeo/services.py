"""PlexGeo's actions: acknowledge alerts, trust countries, terminate a stream, limit streams,
re-locate the cached addresses with the provider now chosen, import Tautulli's history.

Each one changes the history or reaches the Plex server, so each is for administrators
only; the work itself is the coordinator's, these are thin adapters.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from functools import wraps
from typing import Any

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import (
    Context,
    HomeAssistant,
    ServiceCall,
    ServiceResponse,
    SupportsResponse,
)
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError, Unauthorized
from homeassistant.helpers import config_validation as cv
import voluptuous as vol

from . import relocate
from .const import DOMAIN
from .coordinator import PlexGeoConfigEntry
from .tautulli_import import TautulliConfig

ATTR_CONFIG_ENTRY_ID = "config_entry_id"
ATTR_ALERT_ID = "alert_id"
ATTR_TRUST = "trust"
ATTR_USER_ID = "user_id"
ATTR_COUNTRY = "country"
ATTR_STREAM_ID = "stream_id"
ATTR_MESSAGE = "message"
ATTR_LIMIT = "limit"
ATTR_URL = "url"
ATTR_API_KEY = "api_key"
ATTR_VERIFY_SSL = "verify_ssl"
ATTR_START_DATE = "start_date"

_COUNTRY = vol.All(cv.string, vol.Length(min=2, max=2), vol.Upper)

ACKNOWLEDGE_SCHEMA = vol.Schema(
    {
        vol.Required(ATTR_CONFIG_ENTRY_ID): cv.string,
        vol.Optional(ATTR_ALERT_ID): vol.All(vol.Coerce(int), vol.Range(min=1)),
        vol.Optional(ATTR_TRUST, default=False): cv.boolean,
    }
)
TRUST_SCHEMA = vol.Schema(
    {
        vol.Required(ATTR_CONFIG_ENTRY_ID): cv.string,
        vol.Required(ATTR_USER_ID): vol.All(cv.string, vol.Length(min=1, max=100)),
        vol.Required(ATTR_COUNTRY): _COUNTRY,
    }
)
STREAM_LIMIT_SCHEMA = vol.Schema(
    {
        vol.Required(ATTR_CONFIG_ENTRY_ID): cv.string,
        vol.Required(ATTR_USER_ID): vol.All(cv.string, vol.Length(min=1, max=100)),
        # Absent: the user follows the server's limit again; 0: no limit for this user.
        vol.Optional(ATTR_LIMIT): vol.All(vol.Coerce(int), vol.Range(min=0, max=100)),
    }
)
TERMINATE_SCHEMA = vol.Schema(
    {
        vol.Required(ATTR_CONFIG_ENTRY_ID): cv.string,
        vol.Required(ATTR_STREAM_ID): vol.All(vol.Coerce(int), vol.Range(min=1)),
        vol.Optional(ATTR_MESSAGE, default=""): vol.All(cv.string, vol.Length(max=500)),
    }
)
ENTRY_SCHEMA = vol.Schema({vol.Required(ATTR_CONFIG_ENTRY_ID): cv.string})

IMPORT_SCHEMA = vol.Schema(
    {
        vol.Required(ATTR_CONFIG_ENTRY_ID): cv.string,
        # Both or neither: without them, the Tautulli the options name.
        vol.Inclusive(ATTR_URL, "tautulli"): vol.All(cv.string, vol.Length(max=500)),
        vol.Inclusive(ATTR_API_KEY, "tautulli"): vol.All(cv.string, vol.Length(max=200)),
        vol.Optional(ATTR_VERIFY_SSL, default=True): cv.boolean,
        vol.Optional(ATTR_START_DATE): cv.date,
    }
)

type Handler = Callable[[ServiceCall], Coroutine[Any, Any, ServiceResponse]]


class AdminOnly(Unauthorized):
    """A non-administrator called an action that changes something or reaches Plex."""

    def __init__(self, context: Context, action: str) -> None:
        """Home Assistant's Unauthorized, with a translated message."""
        super().__init__(context=context, perm_category=DOMAIN, permission=action)
        # Unauthorized takes no translation; the base class's own initialiser sets it up
        # the way the running core renders it.
        HomeAssistantError.__init__(
            self,
            translation_domain=DOMAIN,
            translation_key="admin_only",
            translation_placeholders={"action": f"{DOMAIN}.{action}"},
        )


def loaded_entry(hass: HomeAssistant, entry_id: str) -> PlexGeoConfigEntry:
    """A loaded PlexGeo entry by id, or a translated validation error."""
    entry = hass.config_entries.async_get_entry(entry_id)
    if entry is None or entry.domain != DOMAIN:
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key="unknown_entry",
            translation_placeholders={"entry_id": entry_id},
        )
    if entry.state is not ConfigEntryState.LOADED:
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key="entry_not_loaded",
            translation_placeholders={"entry_id": entry_id},
        )
    return entry


def _admin_only(handler: Handler) -> Handler:
    """Refuse callers who are not administrators (automations and scripts have no user)."""

    @wraps(handler)
    async def checked(call: ServiceCall) -> ServiceResponse:
        if call.context.user_id is not None:
            user = await call.hass.auth.async_get_user(call.context.user_id)
            if user is None or not user.is_admin:
                raise AdminOnly(call.context, call.service)
        return await handler(call)

    return checked


async def _acknowledge(call: ServiceCall) -> ServiceResponse:
    entry = loaded_entry(call.hass, call.data[ATTR_CONFIG_ENTRY_ID])
    alert_id = call.data.get(ATTR_ALERT_ID)
    acknowledged = await entry.runtime_data.coordinator.async_acknowledge(
        [alert_id] if alert_id is not None else None,
        trust=call.data[ATTR_TRUST],
        by=call.context.user_id,
    )
    return {"acknowledged": [alert.alert_id for alert in acknowledged]}


async def _set_trust(call: ServiceCall, trusted: bool) -> ServiceResponse:
    entry = loaded_entry(call.hass, call.data[ATTR_CONFIG_ENTRY_ID])
    await entry.runtime_data.coordinator.async_set_trust(
        call.data[ATTR_USER_ID], call.data[ATTR_COUNTRY], trusted
    )
    return None


async def _trust_location(call: ServiceCall) -> ServiceResponse:
    return await _set_trust(call, True)


async def _untrust_location(call: ServiceCall) -> ServiceResponse:
    return await _set_trust(call, False)


async def _set_stream_limit(call: ServiceCall) -> ServiceResponse:
    entry = loaded_entry(call.hass, call.data[ATTR_CONFIG_ENTRY_ID])
    await entry.runtime_data.coordinator.async_set_stream_limit(
        call.data[ATTR_USER_ID], call.data.get(ATTR_LIMIT)
    )
    return None


async def _terminate(call: ServiceCall) -> ServiceResponse:
    entry = loaded_entry(call.hass, call.data[ATTR_CONFIG_ENTRY_ID])
    await entry.runtime_data.coordinator.async_terminate(
        call.data[ATTR_STREAM_ID], call.data[ATTR_MESSAGE]
    )
    return None


async def _relocate(call: ServiceCall) -> ServiceResponse:
    entry = loaded_entry(call.hass, call.data[ATTR_CONFIG_ENTRY_ID])
    started = await relocate.async_start(call.hass, entry)
    return {"provider": started.provider, "addresses": started.total}


async def _import_tautulli(call: ServiceCall) -> ServiceResponse:
    entry = loaded_entry(call.hass, call.data[ATTR_CONFIG_ENTRY_ID])
    job = entry.runtime_data.tautulli
    if ATTR_URL in call.data:
        config: TautulliConfig | None = TautulliConfig(
            url=call.data[ATTR_URL],
            api_key=call.data[ATTR_API_KEY],
            verify_ssl=call.data[ATTR_VERIFY_SSL],
            start_date=call.data.get(ATTR_START_DATE),
        )
    else:
        config = TautulliConfig.from_options(entry.options)
    if config is None:
        raise ServiceValidationError(
            translation_domain=DOMAIN, translation_key="tautulli_not_configured"
        )
    assert job is not None  # set up with the entry
    job.async_start(config)
    return None


ACTIONS: tuple[tuple[str, Handler, vol.Schema, SupportsResponse], ...] = (
    ("acknowledge_alert", _acknowledge, ACKNOWLEDGE_SCHEMA, SupportsResponse.OPTIONAL),
    ("trust_location", _trust_location, TRUST_SCHEMA, SupportsResponse.NONE),
    ("untrust_location", _untrust_location, TRUST_SCHEMA, SupportsResponse.NONE),
    ("terminate_stream", _terminate, TERMINATE_SCHEMA, SupportsResponse.NONE),
    ("set_stream_limit", _set_stream_limit, STREAM_LIMIT_SCHEMA, SupportsResponse.NONE),
    ("relocate_addresses", _relocate, ENTRY_SCHEMA, SupportsResponse.OPTIONAL),
    ("import_tautulli", _import_tautulli, IMPORT_SCHEMA, SupportsResponse.NONE),
)


def async_register_services(hass: HomeAssistant) -> None:
    """Register the actions once, for every server; every one is admin-only."""
    for name, handler, schema, supports_response in ACTIONS:
        hass.services.async_register(
            DOMAIN, name, _admin_only(handler), schema=schema, supports_response=supports_response
        )
