"""The panel's websocket commands: reads from the history store, alert actions, live pushes.

Every store read runs in the executor through `core.reports`, the same functions the
benchmark times. Commands are admin-only unless the entry's `panel_admin_only` option is
off; even then only admins see addresses, and only admins acknowledge or trust.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime
from functools import partial, wraps
import logging
from typing import Any

from homeassistant.components.websocket_api import async_register_command
from homeassistant.components.websocket_api.connection import ActiveConnection
from homeassistant.components.websocket_api.const import (
    ERR_INVALID_FORMAT,
    ERR_NOT_FOUND,
    ERR_UNAUTHORIZED,
)
from homeassistant.components.websocket_api.decorators import (
    async_response,
    require_admin,
    websocket_command,
)
from homeassistant.components.websocket_api.messages import event_message
from homeassistant.config_entries import ConfigEntry, ConfigEntryState
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import config_validation as cv
from homeassistant.util import dt as dt_util
import voluptuous as vol

from . import tautulli_import
from .const import CONF_PANEL_ADMIN_ONLY, DOMAIN
from .coordinator import PlexGeoConfigEntry, StoreUnavailableError, newest_streams
from .core import reports
from .core.errors import StoreError
from .core.log_search import InvalidSearch
from .core.models import MediaType
from .core.wire import AlertRow, Attribution, Entry, LiveEvent, TautulliImport
from .geodata import ManagedProvider
from .options import option

_LOGGER = logging.getLogger(__name__)

ERR_STORE_UNAVAILABLE = "store_unavailable"
# What one poll pushes to one subscription, at most (the unacknowledged count stays exact).
MAX_PUSH_STREAMS = 500
MAX_PUSH_ALERTS = 100
_SUBSCRIPTIONS = f"{DOMAIN}_live_subscriptions"
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
        reports.decode_cursor(value)
    except reports.InvalidCursor as err:
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


type EntryHandler = Callable[
    [HomeAssistant, ActiveConnection, dict[str, Any], PlexGeoConfigEntry],
    Awaitable[Mapping[str, object] | None],
]


def entry_command(handler: EntryHandler) -> Handler:
    """Resolve and authorise the message's entry, answer the handler's result, map errors.

    The handler gets the loaded entry this user may read; what it returns is the result
    (None: it answered itself). A refusing database and an unknown user become errors.
    """

    @async_response
    @wraps(handler)
    async def run(hass: HomeAssistant, connection: ActiveConnection, msg: dict[str, Any]) -> None:
        if (entry := _entry(hass, connection, msg)) is None:
            return
        try:
            answer = await handler(hass, connection, msg, entry)
        except (StoreError, StoreUnavailableError) as err:
            reason = err.reason if isinstance(err, StoreUnavailableError) else str(err)
            connection.send_error(
                msg["id"], ERR_STORE_UNAVAILABLE, f"History database unavailable: {reason}"
            )
            return
        except reports.UnknownUser:
            connection.send_error(msg["id"], ERR_NOT_FOUND, "No such user on record")
            return
        except (InvalidSearch, reports.InvalidCursor) as err:
            connection.send_error(msg["id"], ERR_INVALID_FORMAT, str(err))
            return
        if answer is not None:
            connection.send_result(msg["id"], answer)

    return run


async def _read[T: Mapping[str, object]](hass: HomeAssistant, read: Callable[[], T]) -> T:
    """A report, read from the store in the executor."""
    return await hass.async_add_executor_job(read)


def _attribution(entry: ConfigEntry) -> Attribution | None:
    """The credit the entry's geolocation data asks to show (DB-IP's), or None."""
    data = getattr(entry, "runtime_data", None)
    provider = getattr(getattr(data, "coordinator", None), "provider", None)
    return provider.attribution if isinstance(provider, ManagedProvider) else None


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
    rows: list[Entry] = [
        {
            "entry_id": e.entry_id,
            "title": e.title,
            "server_id": e.unique_id,
            "push": e.runtime_data.push.health.as_dict() if e.runtime_data.push else None,
            "attribution": _attribution(e),
        }
        for e in entries
    ]
    connection.send_result(msg["id"], {"entries": rows})


# The stream log's filters, shared by a page and its count.
STREAM_FILTERS: dict[str | vol.Marker, Any] = {
    vol.Optional("user_id"): _optional(USER_ID),
    vol.Optional("country"): _optional(COUNTRY),
    vol.Optional("network"): _optional(vol.In(["lan", "wan"])),
    vol.Optional("media_type"): _optional(vol.In([kind.value for kind in MediaType])),
    vol.Optional("since"): _optional(WHEN),
    vol.Optional("until"): _optional(WHEN),
    vol.Optional("search"): _optional(vol.All(str, vol.Length(max=100))),
}
_FILTER_NAMES = ("user_id", "country", "network", "media_type", "since", "until", "search")


def _log_filters(msg: dict[str, Any]) -> dict[str, Any]:
    return {name: msg.get(name) for name in _FILTER_NAMES}


@websocket_command(
    {
        vol.Required("type"): "plexgeo/streams",
        vol.Required("entry_id"): ENTRY_ID,
        vol.Optional("limit", default=reports.DEFAULT_LIMIT): LIMIT,
        vol.Optional("cursor"): _optional(vol.All(str, _cursor)),
        vol.Optional("order", default="newest"): vol.In(reports.ORDERS),
        **STREAM_FILTERS,
    }
)
@entry_command
async def ws_streams(
    hass: HomeAssistant,
    connection: ActiveConnection,
    msg: dict[str, Any],
    entry: PlexGeoConfigEntry,
) -> Mapping[str, object]:
    """A page of the stream log, newest or oldest first (an admin's search may be an
    address or CIDR range)."""
    read = partial(
        reports.stream_page,
        entry.runtime_data.store,
        cursor=msg.get("cursor"),
        order=msg["order"],
        limit=msg["limit"],
        include_ip=connection.user.is_admin,
        **_log_filters(msg),
    )
    return await _read(hass, read)


@websocket_command(
    {
        vol.Required("type"): "plexgeo/streams/count",
        vol.Required("entry_id"): ENTRY_ID,
        **STREAM_FILTERS,
    }
)
@entry_command
async def ws_stream_count(
    hass: HomeAssistant,
    connection: ActiveConnection,
    msg: dict[str, Any],
    entry: PlexGeoConfigEntry,
) -> Mapping[str, object]:
    """How many streams the stream log's filters cover (exact, or a capped lower bound)."""
    read = partial(
        reports.stream_count,
        entry.runtime_data.store,
        include_ip=connection.user.is_admin,
        **_log_filters(msg),
    )
    return await _read(hass, read)


@websocket_command({vol.Required("type"): "plexgeo/users", vol.Required("entry_id"): ENTRY_ID})
@entry_command
async def ws_users(
    hass: HomeAssistant,
    connection: ActiveConnection,
    msg: dict[str, Any],
    entry: PlexGeoConfigEntry,
) -> Mapping[str, object]:
    """Every user on record."""
    return await _read(hass, partial(reports.user_list, entry.runtime_data.store))


@websocket_command(
    {
        vol.Required("type"): "plexgeo/user",
        vol.Required("entry_id"): ENTRY_ID,
        vol.Required("user_id"): USER_ID,
        vol.Optional("days", default=DEFAULT_DAYS): _strict_int(1, MAX_DAYS),
    }
)
@entry_command
async def ws_user(
    hass: HomeAssistant,
    connection: ActiveConnection,
    msg: dict[str, Any],
    entry: PlexGeoConfigEntry,
) -> Mapping[str, object]:
    """One user's drill-down."""
    read = partial(
        reports.user_detail,
        entry.runtime_data.store,
        msg["user_id"],
        now=dt_util.utcnow(),
        days=msg["days"],
        include_ip=connection.user.is_admin,
    )
    answer = await _read(hass, read)
    if connection.user.is_admin:
        await _name_acknowledgers(hass, answer["alerts"])
    return answer


@websocket_command(
    {
        vol.Required("type"): "plexgeo/user/habits",
        vol.Required("entry_id"): ENTRY_ID,
        vol.Required("user_id"): USER_ID,
    }
)
@require_admin
@entry_command
async def ws_user_habits(
    hass: HomeAssistant,
    connection: ActiveConnection,
    msg: dict[str, Any],
    entry: PlexGeoConfigEntry,
) -> Mapping[str, object]:
    """A user's devices and networks with first and last use, count and place (admins)."""
    store = entry.runtime_data.store
    return await _read(hass, partial(reports.user_habits, store, msg["user_id"]))


@websocket_command(
    {
        vol.Required("type"): "plexgeo/alerts",
        vol.Required("entry_id"): ENTRY_ID,
        vol.Optional("acknowledged"): _optional(bool),
        vol.Optional("limit", default=reports.DEFAULT_LIMIT): LIMIT,
        vol.Optional("before_id"): _optional(ID),
    }
)
@entry_command
async def ws_alerts(
    hass: HomeAssistant,
    connection: ActiveConnection,
    msg: dict[str, Any],
    entry: PlexGeoConfigEntry,
) -> Mapping[str, object]:
    """Alerts, newest first, a page at a time, with the unacknowledged count."""
    read = partial(
        reports.alert_list,
        entry.runtime_data.store,
        acknowledged=msg.get("acknowledged"),
        limit=msg["limit"],
        before_id=msg.get("before_id"),
    )
    answer = await _read(hass, read)
    if connection.user.is_admin:
        await _name_acknowledgers(hass, answer["alerts"])
    return answer


async def _name_acknowledgers(hass: HomeAssistant, alerts: list[AlertRow]) -> None:
    """Fill in who acknowledged each alert by name: HA keeps users by id (admins only)."""
    names: dict[str, str | None] = {}
    for alert in alerts:
        if (user_id := alert["acknowledged_by"]) is None:
            continue
        if user_id not in names:
            user = await hass.auth.async_get_user(user_id)
            names[user_id] = user.name if user is not None else None
        alert["acknowledged_by_name"] = names[user_id]


@websocket_command(
    {
        vol.Required("type"): "plexgeo/stats",
        vol.Required("entry_id"): ENTRY_ID,
        vol.Required("since"): WHEN,
        vol.Required("until"): WHEN,
    }
)
@entry_command
async def ws_stats(
    hass: HomeAssistant,
    connection: ActiveConnection,
    msg: dict[str, Any],
    entry: PlexGeoConfigEntry,
) -> Mapping[str, object]:
    """Counts over a time range for the map and charts."""
    store = entry.runtime_data.store
    return await _read(hass, partial(reports.trends, store, since=msg["since"], until=msg["until"]))


@websocket_command({vol.Required("type"): "plexgeo/server", vol.Required("entry_id"): ENTRY_ID})
@entry_command
async def ws_server(
    hass: HomeAssistant,
    connection: ActiveConnection,
    msg: dict[str, Any],
    entry: PlexGeoConfigEntry,
) -> Mapping[str, object]:
    """Whether the Plex server answers polls (and pushes): old streams stop being live."""
    data = entry.runtime_data
    return data.coordinator.server_state(data.push.health.as_dict() if data.push else None)


@websocket_command(
    {
        vol.Required("type"): "plexgeo/alerts/acknowledge",
        vol.Required("entry_id"): ENTRY_ID,
        vol.Optional("alert_id"): _optional(ID),
        vol.Optional("trust", default=False): bool,
    }
)
@require_admin
@entry_command
async def ws_acknowledge(
    hass: HomeAssistant,
    connection: ActiveConnection,
    msg: dict[str, Any],
    entry: PlexGeoConfigEntry,
) -> Mapping[str, object]:
    """Acknowledge one alert or all, optionally trusting their countries (admins only)."""
    alert_id = msg.get("alert_id")
    done = await entry.runtime_data.coordinator.async_acknowledge(
        None if alert_id is None else [alert_id], trust=msg["trust"], by=connection.user.id
    )
    return {"acknowledged": [alert.alert_id for alert in done]}


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
@entry_command
async def ws_trust(
    hass: HomeAssistant,
    connection: ActiveConnection,
    msg: dict[str, Any],
    entry: PlexGeoConfigEntry,
) -> Mapping[str, object]:
    """Trust or untrust a country for a user (admins only)."""
    trusted = await entry.runtime_data.coordinator.async_set_trust(
        msg["user_id"], msg["country_code"], msg["trusted"]
    )
    return {"trusted_countries": sorted(trusted)}


@websocket_command(
    {vol.Required("type"): "plexgeo/tautulli_import", vol.Required("entry_id"): ENTRY_ID}
)
@entry_command
async def ws_tautulli_import(
    hass: HomeAssistant,
    connection: ActiveConnection,
    msg: dict[str, Any],
    entry: PlexGeoConfigEntry,
) -> Mapping[str, object]:
    """The Tautulli import's progress now, and the last import's saved summary."""
    job = entry.runtime_data.tautulli
    saved = await _read(hass, partial(tautulli_import.saved_summary, entry.runtime_data.store))
    answer: TautulliImport = {
        "running": bool(job and job.running),
        "percent": job.percent if job else None,
        "phase": job.phase if job else None,
        "rows": job.rows if job else 0,
        "total_rows": job.total if job else 0,
        "error": job.error if job else None,
        "summary": saved,
    }
    return answer


@websocket_command({vol.Required("type"): "plexgeo/subscribe", vol.Required("entry_id"): ENTRY_ID})
@entry_command
async def ws_subscribe(
    hass: HomeAssistant,
    connection: ActiveConnection,
    msg: dict[str, Any],
    entry: PlexGeoConfigEntry,
) -> None:
    """Push the live streams and new alerts now and after every poll, until unsubscribed.

    One live subscription per connection and server: a second one replaces the first.
    One push carries at most MAX_PUSH_STREAMS live streams and MAX_PUSH_ALERTS new alerts,
    and pushes that fall behind the polls are merged into one.
    """
    coordinator = entry.runtime_data.coordinator
    store = entry.runtime_data.store
    include_ip = connection.user.is_admin
    subscriptions: dict[tuple[int, str], int] = hass.data.setdefault(_SUBSCRIPTIONS, {})
    key = (id(connection), entry.entry_id)
    if (previous := subscriptions.get(key)) is not None and (
        unsubscribe := connection.subscriptions.pop(previous, None)
    ) is not None:
        unsubscribe()
    # Pushes go out in poll order even when an admin's address lookups take a while.
    lock = asyncio.Lock()
    waiting = False

    async def live_event() -> LiveEvent | None:
        outcome = coordinator.data
        try:
            return await hass.async_add_executor_job(
                partial(
                    reports.live_update,
                    store,
                    newest_streams(outcome.live, MAX_PUSH_STREAMS),
                    outcome.new_alerts[:MAX_PUSH_ALERTS],
                    outcome.unacknowledged_alerts,
                    include_ip=include_ip,
                )
            )
        except StoreError as err:
            # The next poll pushes again; an error message would end the subscription.
            _LOGGER.debug("Skipped a live update: %s", err)
            return None

    async def push() -> None:
        nonlocal waiting
        if waiting:  # a push that has not started yet will read the newest data
            return
        waiting = True
        async with lock:
            waiting = False
            if (event := await live_event()) is not None:
                connection.send_message(event_message(msg["id"], event))

    @callback
    def updated() -> None:
        hass.async_create_task(push(), "plexgeo live update")

    remove_listener = coordinator.async_add_listener(updated)

    @callback
    def unsubscribe_live() -> None:
        remove_listener()
        if subscriptions.get(key) == msg["id"]:
            del subscriptions[key]

    subscriptions[key] = msg["id"]
    connection.subscriptions[msg["id"]] = unsubscribe_live
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
    ws_stream_count,
    ws_users,
    ws_user,
    ws_alerts,
    ws_user_habits,
    ws_stats,
    ws_server,
    ws_acknowledge,
    ws_trust,
    ws_tautulli_import,
    ws_subscribe,
)


@callback
def async_register_commands(hass: HomeAssistant) -> None:
    """Register the panel's commands (once, for every server)."""
    for command in COMMANDS:
        async_register_command(hass, command)
