"""The panel's websocket commands: reads from the history store, alert actions, live pushes.

Every store read runs in the executor through `core.panel`, the same functions the
benchmark times. Commands are admin-only unless the entry's `panel_admin_only` option is
off; even then only admins see addresses, and only admins acknowledge or trust.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime
from functools import partial
import logging
from typing import TYPE_CHECKING, Any

from homeassistant.components.websocket_api import async_register_command
from homeassistant.components.websocket_api.connection import ActiveConnection
from homeassistant.components.websocket_api.const import ERR_NOT_FOUND, ERR_UNAUTHORIZED
from homeassistant.components.websocket_api.decorators import (
    async_response,
    require_admin,
    websocket_command,
)
from homeassistant.components.websocket_api.messages import event_message
from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import config_validation as cv
from homeassistant.util import dt as dt_util
import voluptuous as vol

from . import actions
from .const import CONF_PANEL_ADMIN_ONLY, DOMAIN
from .core import panel
from .core.errors import StoreError
from .core.models import MediaType
from .options import option

if TYPE_CHECKING:
    from . import PlexGeoConfigEntry

_LOGGER = logging.getLogger(__name__)

ERR_STORE_UNAVAILABLE = "store_unavailable"
MAX_LIMIT = 200
MAX_DAYS = 3650
DEFAULT_DAYS = 90
_MAX_ID = 2**62  # SQLite integers are 64-bit; larger ids cannot exist

type Handler = Callable[[HomeAssistant, ActiveConnection, dict[str, Any]], None]


def _strict_int(minimum: int, maximum: int) -> Callable[[Any], int]:
    """An int in [minimum, maximum]; JSON's true and false are not numbers here."""

    def validate(value: Any) -> int:
        if type(value) is not int:
            raise vol.Invalid("expected an integer")
        if not minimum <= value <= maximum:
            raise vol.Invalid(f"must be between {minimum} and {maximum}")
        return value

    return validate


def _text(maximum: int) -> vol.All:
    return vol.All(str, vol.Length(min=1, max=maximum))


def _utc(value: datetime) -> datetime:
    # A datetime without an offset is read in HA's time zone, as the UI means it.
    return dt_util.as_utc(value)


def _cursor(value: str) -> str:
    try:
        panel.decode_cursor(value)
    except panel.InvalidCursor as err:
        raise vol.Invalid(str(err)) from err
    return value


def _optional(validator: Any) -> vol.Any:
    """The panel may send null for a filter it does not use."""
    return vol.Any(None, validator)


ENTRY_ID = vol.All(str, vol.Length(min=1, max=64))
USER_ID = _text(100)
COUNTRY = vol.All(str, vol.Match(r"^[A-Za-z]{2}$"), vol.Upper)
WHEN = vol.All(str, vol.Length(max=64), cv.datetime, _utc)
LIMIT = _strict_int(1, MAX_LIMIT)
ID = _strict_int(1, _MAX_ID)


def _send_store_error(connection: ActiveConnection, msg_id: int, err: StoreError) -> None:
    connection.send_error(msg_id, ERR_STORE_UNAVAILABLE, f"History database unavailable: {err}")


def _entry(
    hass: HomeAssistant, connection: ActiveConnection, msg: dict[str, Any]
) -> PlexGeoConfigEntry | None:
    """The loaded entry the message names, if this user may read it; else answer an error."""
    entry = hass.config_entries.async_get_entry(msg["entry_id"])
    if entry is None or entry.domain != DOMAIN or entry.state is not ConfigEntryState.LOADED:
        connection.send_error(
            msg["id"], ERR_NOT_FOUND, "No loaded PlexGeo server has this entry id"
        )
        return None
    if not connection.user.is_admin and option(entry.options, CONF_PANEL_ADMIN_ONLY):
        connection.send_error(msg["id"], ERR_UNAUTHORIZED, "This PlexGeo server is for admins only")
        return None
    return entry


async def _answer(
    hass: HomeAssistant,
    connection: ActiveConnection,
    msg: dict[str, Any],
    read: Callable[[], dict[str, Any]],
) -> None:
    """Run a read in the executor and answer its result or the error it maps to."""
    try:
        result = await hass.async_add_executor_job(read)
    except StoreError as err:
        _send_store_error(connection, msg["id"], err)
        return
    except panel.UnknownUser:
        connection.send_error(msg["id"], ERR_NOT_FOUND, "No such user on record")
        return
    connection.send_result(msg["id"], result)


@websocket_command({vol.Required("type"): "plexgeo/entries"})
@callback
def ws_entries(hass: HomeAssistant, connection: ActiveConnection, msg: dict[str, Any]) -> None:
    """The loaded servers this user may open in the panel."""
    admin = connection.user.is_admin
    entries = [
        entry
        for entry in hass.config_entries.async_loaded_entries(DOMAIN)
        if admin or not option(entry.options, CONF_PANEL_ADMIN_ONLY)
    ]
    if not admin and not entries:
        connection.send_error(msg["id"], ERR_UNAUTHORIZED, "PlexGeo is for admins")
        return
    connection.send_result(
        msg["id"],
        {
            "entries": [
                {
                    "entry_id": e.entry_id,
                    "title": e.title,
                    "server_id": e.unique_id,
                    "push": e.runtime_data.push.health.as_dict() if e.runtime_data.push else None,
                }
                for e in entries
            ]
        },
    )


@websocket_command(
    {
        vol.Required("type"): "plexgeo/streams",
        vol.Required("entry_id"): ENTRY_ID,
        vol.Optional("limit", default=panel.DEFAULT_LIMIT): LIMIT,
        vol.Optional("cursor"): _optional(vol.All(str, _cursor)),
        vol.Optional("user_id"): _optional(USER_ID),
        vol.Optional("country"): _optional(COUNTRY),
        vol.Optional("network"): _optional(vol.In(["lan", "wan"])),
        vol.Optional("media_type"): _optional(vol.In([kind.value for kind in MediaType])),
        vol.Optional("since"): _optional(WHEN),
        vol.Optional("until"): _optional(WHEN),
        vol.Optional("search"): _optional(vol.All(str, vol.Length(max=100))),
    }
)
@async_response
async def ws_streams(
    hass: HomeAssistant, connection: ActiveConnection, msg: dict[str, Any]
) -> None:
    """A page of the stream log."""
    if (entry := _entry(hass, connection, msg)) is None:
        return
    read = partial(
        panel.stream_page,
        entry.runtime_data.store,
        user_id=msg.get("user_id"),
        country=msg.get("country"),
        network=msg.get("network"),
        media_type=msg.get("media_type"),
        since=msg.get("since"),
        until=msg.get("until"),
        search=msg.get("search"),
        cursor=msg.get("cursor"),
        limit=msg["limit"],
        include_ip=connection.user.is_admin,
    )
    await _answer(hass, connection, msg, read)


@websocket_command({vol.Required("type"): "plexgeo/users", vol.Required("entry_id"): ENTRY_ID})
@async_response
async def ws_users(hass: HomeAssistant, connection: ActiveConnection, msg: dict[str, Any]) -> None:
    """Every user on record."""
    if (entry := _entry(hass, connection, msg)) is None:
        return
    await _answer(hass, connection, msg, partial(panel.user_list, entry.runtime_data.store))


@websocket_command(
    {
        vol.Required("type"): "plexgeo/user",
        vol.Required("entry_id"): ENTRY_ID,
        vol.Required("user_id"): USER_ID,
        vol.Optional("days", default=DEFAULT_DAYS): _strict_int(1, MAX_DAYS),
    }
)
@async_response
async def ws_user(hass: HomeAssistant, connection: ActiveConnection, msg: dict[str, Any]) -> None:
    """One user's drill-down."""
    if (entry := _entry(hass, connection, msg)) is None:
        return
    read = partial(
        panel.user_detail,
        entry.runtime_data.store,
        msg["user_id"],
        now=dt_util.utcnow(),
        days=msg["days"],
        include_ip=connection.user.is_admin,
    )
    await _answer(hass, connection, msg, read)


@websocket_command(
    {
        vol.Required("type"): "plexgeo/alerts",
        vol.Required("entry_id"): ENTRY_ID,
        vol.Optional("acknowledged"): _optional(bool),
        vol.Optional("limit", default=panel.DEFAULT_LIMIT): LIMIT,
    }
)
@async_response
async def ws_alerts(hass: HomeAssistant, connection: ActiveConnection, msg: dict[str, Any]) -> None:
    """Alerts, newest first, with the unacknowledged count."""
    if (entry := _entry(hass, connection, msg)) is None:
        return
    read = partial(
        panel.alert_list,
        entry.runtime_data.store,
        acknowledged=msg.get("acknowledged"),
        limit=msg["limit"],
    )
    await _answer(hass, connection, msg, read)


@websocket_command(
    {
        vol.Required("type"): "plexgeo/stats",
        vol.Required("entry_id"): ENTRY_ID,
        vol.Required("since"): WHEN,
        vol.Required("until"): WHEN,
    }
)
@async_response
async def ws_stats(hass: HomeAssistant, connection: ActiveConnection, msg: dict[str, Any]) -> None:
    """Counts over a time range for the map and charts."""
    if (entry := _entry(hass, connection, msg)) is None:
        return
    read = partial(panel.trends, entry.runtime_data.store, since=msg["since"], until=msg["until"])
    await _answer(hass, connection, msg, read)


@websocket_command(
    {
        vol.Required("type"): "plexgeo/alerts/acknowledge",
        vol.Required("entry_id"): ENTRY_ID,
        vol.Optional("alert_id"): _optional(ID),
        vol.Optional("trust", default=False): bool,
    }
)
@require_admin
@async_response
async def ws_acknowledge(
    hass: HomeAssistant, connection: ActiveConnection, msg: dict[str, Any]
) -> None:
    """Acknowledge one alert or all, optionally trusting their countries (admins only)."""
    if (entry := _entry(hass, connection, msg)) is None:
        return
    alert_id = msg.get("alert_id")
    try:
        done = await actions.async_acknowledge(
            hass,
            entry,
            None if alert_id is None else [alert_id],
            trust=msg["trust"],
            by=connection.user.id,
        )
    except StoreError as err:
        _send_store_error(connection, msg["id"], err)
        return
    connection.send_result(msg["id"], {"acknowledged": [alert.alert_id for alert in done]})


@websocket_command(
    {
        vol.Required("type"): "plexgeo/trust",
        vol.Required("entry_id"): ENTRY_ID,
        vol.Required("user_id"): USER_ID,
        vol.Required("country_code"): COUNTRY,
        vol.Required("trusted"): bool,
    }
)
@require_admin
@async_response
async def ws_trust(hass: HomeAssistant, connection: ActiveConnection, msg: dict[str, Any]) -> None:
    """Trust or untrust a country for a user (admins only)."""
    if (entry := _entry(hass, connection, msg)) is None:
        return
    try:
        trusted = await actions.async_set_trust(
            hass, entry, msg["user_id"], msg["country_code"], msg["trusted"]
        )
    except StoreError as err:
        _send_store_error(connection, msg["id"], err)
        return
    connection.send_result(msg["id"], {"trusted_countries": sorted(trusted)})


@websocket_command({vol.Required("type"): "plexgeo/subscribe", vol.Required("entry_id"): ENTRY_ID})
@async_response
async def ws_subscribe(
    hass: HomeAssistant, connection: ActiveConnection, msg: dict[str, Any]
) -> None:
    """Push the live streams and new alerts now and after every poll, until unsubscribed."""
    if (entry := _entry(hass, connection, msg)) is None:
        return
    coordinator = entry.runtime_data.coordinator
    store = entry.runtime_data.store
    include_ip = connection.user.is_admin
    # Pushes go out in poll order even when an admin's address lookups take a while.
    lock = asyncio.Lock()

    async def live_event() -> dict[str, Any] | None:
        outcome = coordinator.data
        try:
            return await hass.async_add_executor_job(
                partial(
                    panel.live_update,
                    store,
                    outcome.live,
                    outcome.new_alerts,
                    outcome.unacknowledged_alerts,
                    include_ip=include_ip,
                )
            )
        except StoreError as err:
            # The next poll pushes again; an error message would end the subscription.
            _LOGGER.debug("Skipped a live update: %s", err)
            return None

    async def push() -> None:
        async with lock:
            if (event := await live_event()) is not None:
                connection.send_message(event_message(msg["id"], event))

    @callback
    def updated() -> None:
        hass.async_create_task(push(), "plexgeo live update")

    connection.subscriptions[msg["id"]] = coordinator.async_add_listener(updated)
    # The first state is read before the result goes out, so a client that has the
    # result knows what the subscription starts from.
    async with lock:
        first = await live_event()
        connection.send_result(msg["id"])
        if first is not None:
            connection.send_message(event_message(msg["id"], first))


COMMANDS: tuple[Handler, ...] = (
    ws_entries,
    ws_streams,
    ws_users,
    ws_user,
    ws_alerts,
    ws_stats,
    ws_acknowledge,
    ws_trust,
    ws_subscribe,
)


@callback
def async_register_commands(hass: HomeAssistant) -> None:
    """Register the panel's commands (once, for every server)."""
    for command in COMMANDS:
        async_register_command(hass, command)
