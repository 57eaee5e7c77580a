"""PlexGeo's actions: acknowledge alerts, trust countries, terminate a stream."""

from __future__ import annotations

from homeassistant.core import HomeAssistant, ServiceCall, ServiceResponse, SupportsResponse
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import config_validation as cv
import voluptuous as vol

from .actions import async_acknowledge, async_set_trust, loaded_entry
from .const import DOMAIN
from .core.errors import PlexAuthError, PlexError
from .core.plex import session_id_of

ATTR_CONFIG_ENTRY_ID = "config_entry_id"
ATTR_ALERT_ID = "alert_id"
ATTR_TRUST = "trust"
ATTR_USER_ID = "user_id"
ATTR_COUNTRY = "country"
ATTR_STREAM_ID = "stream_id"
ATTR_MESSAGE = "message"
ATTR_LIMIT = "limit"

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


async def _acknowledge(call: ServiceCall) -> ServiceResponse:
    entry = loaded_entry(call.hass, call.data[ATTR_CONFIG_ENTRY_ID])
    alert_id = call.data.get(ATTR_ALERT_ID)
    acknowledged = await async_acknowledge(
        call.hass,
        entry,
        [alert_id] if alert_id is not None else None,
        trust=call.data[ATTR_TRUST],
        by=call.context.user_id,
    )
    return {"acknowledged": [alert.alert_id for alert in acknowledged]}


async def _trust(call: ServiceCall, trusted: bool) -> None:
    entry = loaded_entry(call.hass, call.data[ATTR_CONFIG_ENTRY_ID])
    await async_set_trust(
        call.hass, entry, call.data[ATTR_USER_ID], call.data[ATTR_COUNTRY], trusted
    )


async def _trust_location(call: ServiceCall) -> None:
    await _trust(call, True)


async def _untrust_location(call: ServiceCall) -> None:
    await _trust(call, False)


async def _set_stream_limit(call: ServiceCall) -> None:
    entry = loaded_entry(call.hass, call.data[ATTR_CONFIG_ENTRY_ID])
    await call.hass.async_add_executor_job(
        entry.runtime_data.store.set_stream_limit,
        call.data[ATTR_USER_ID],
        call.data.get(ATTR_LIMIT),
    )


async def _terminate(call: ServiceCall) -> None:
    entry = loaded_entry(call.hass, call.data[ATTR_CONFIG_ENTRY_ID])
    coordinator = entry.runtime_data.coordinator
    stream_id = call.data[ATTR_STREAM_ID]
    live = {stream.stream_id: stream for stream in coordinator.data.live}
    if stream_id not in live:
        raise ServiceValidationError(
            translation_domain=DOMAIN,
            translation_key="stream_not_live",
            translation_placeholders={"stream_id": str(stream_id)},
        )
    session_id = session_id_of(live[stream_id].snapshot.session_key)
    try:
        await call.hass.async_add_executor_job(
            coordinator.client.terminate, session_id, call.data[ATTR_MESSAGE]
        )
    except PlexAuthError as err:
        raise HomeAssistantError(
            translation_domain=DOMAIN, translation_key="terminate_refused"
        ) from err
    except PlexError as err:
        raise HomeAssistantError(
            translation_domain=DOMAIN,
            translation_key="terminate_failed",
            translation_placeholders={"error": str(err)},
        ) from err
    await coordinator.async_request_refresh()


def async_register_services(hass: HomeAssistant) -> None:
    """Register the actions once, for every server."""
    hass.services.async_register(
        DOMAIN,
        "acknowledge_alert",
        _acknowledge,
        schema=ACKNOWLEDGE_SCHEMA,
        supports_response=SupportsResponse.OPTIONAL,
    )
    hass.services.async_register(DOMAIN, "trust_location", _trust_location, schema=TRUST_SCHEMA)
    hass.services.async_register(DOMAIN, "untrust_location", _untrust_location, schema=TRUST_SCHEMA)
    hass.services.async_register(DOMAIN, "terminate_stream", _terminate, schema=TERMINATE_SCHEMA)
    hass.services.async_register(
        DOMAIN, "set_stream_limit", _set_stream_limit, schema=STREAM_LIMIT_SCHEMA
    )
