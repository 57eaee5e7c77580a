"""Config, reauth, reconfigure, discovery and options flows for PlexGeo."""

from __future__ import annotations

from collections.abc import Mapping
import logging
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from homeassistant import config_entries
from homeassistant.config_entries import (
    SOURCE_IGNORE,
    ConfigEntry,
    ConfigFlow,
    ConfigFlowResult,
    OptionsFlow,
)
from homeassistant.const import CONF_TOKEN, CONF_URL
from homeassistant.core import callback
from homeassistant.helpers import selector
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.helpers.service_info.zeroconf import ZeroconfServiceInfo
import voluptuous as vol

from . import geo_form, tautulli_form
from .const import (
    CONF_CONCURRENT_STREAMS_LIMIT,
    CONF_DBIP_URL,
    CONF_DEDUP_HOURS,
    CONF_DISTANCE_FLOOR_KM,
    CONF_GEO_PROVIDER,
    CONF_GEO_URL,
    CONF_IPV4_PREFIX,
    CONF_IPV6_PREFIX,
    CONF_LOOKBACK_DAYS,
    CONF_MMDB_ASN_PATH,
    CONF_MMDB_CITY_PATH,
    CONF_MOBILE_DISTANCE_FLOOR_KM,
    CONF_NEW_DEVICE_ALERTS,
    CONF_NEW_NETWORK_ALERTS,
    CONF_PANEL_ADMIN_ONLY,
    CONF_PLEXTV_URL,
    CONF_PUSH_SCAN_INTERVAL,
    CONF_RARE_COUNTRY_MIN_SESSIONS,
    CONF_RARE_COUNTRY_THRESHOLD,
    CONF_RETENTION_DAYS,
    CONF_SCAN_INTERVAL,
    CONF_STREAM_DETAILS,
    CONF_TRAVEL_SPEED_KMH,
    CONF_TRUSTED_NETWORKS,
    CONF_VERIFY_SSL,
    DOMAIN,
    PLEX_TIMEOUT,
)
from .core.errors import (
    PlexAuthError,
    PlexError,
    PlexRedirectError,
    PlexSSLError,
    PlexUnreachable,
)
from .core.markdown import escape_markdown
from .core.plex import PlexClient, ServerInfo, fetch_identity
from .options import option, parse_networks

_LOGGER = logging.getLogger(__name__)

_URL_SELECTOR = selector.TextSelector(
    selector.TextSelectorConfig(type=selector.TextSelectorType.URL)
)
_TOKEN_SELECTOR = selector.TextSelector(
    selector.TextSelectorConfig(type=selector.TextSelectorType.PASSWORD)
)
# A select, so providers added later need no new field.
_GEO_PROVIDER_SELECTOR = geo_form.PROVIDER_SELECTOR
_GEO_FIELDS = geo_form.GEO_OPTIONS
# Only with the file provider; empty otherwise.
_OPTIONAL_FIELDS = (CONF_TRUSTED_NETWORKS, CONF_MMDB_CITY_PATH, CONF_MMDB_ASN_PATH)

if TYPE_CHECKING:
    _OptionsFlowBase = OptionsFlow
else:  # HA 2025.8+ reloads the entry itself when options change; older HA does not.
    _OptionsFlowBase = getattr(config_entries, "OptionsFlowWithReload", OptionsFlow)


async def _connect(flow: ConfigFlow, url: str, token: str, verify_ssl: bool) -> ServerInfo:
    client = PlexClient(url, token, verify_ssl=verify_ssl, timeout=PLEX_TIMEOUT)
    try:
        return await flow.hass.async_add_executor_job(client.connect)
    finally:
        await flow.hass.async_add_executor_job(client.close)


async def _try_connect(
    flow: ConfigFlow,
    url: str,
    token: str,
    verify_ssl: bool,
    errors: dict[str, str],
    *,
    placeholders: dict[str, str],
) -> ServerInfo | None:
    """Connect, filling `errors` (and `placeholders`) with the form error when it fails."""
    try:
        return await _connect(flow, url, token, verify_ssl)
    except PlexRedirectError as err:
        errors["base"] = "redirected"
        placeholders["location"] = err.origin
    except PlexAuthError:
        errors["base"] = "invalid_auth"
    except PlexSSLError:
        errors["base"] = "ssl_error"
    except PlexUnreachable:
        errors["base"] = "cannot_connect"
    except PlexError:
        _LOGGER.exception("Unexpected reply from the Plex server at %s", url)
        errors["base"] = "unknown"
    return None


def _moved_url(saved_url: str, host: str, port: int) -> str:
    """The announced address in the saved URL's scheme: discovery never gives up https."""
    scheme = urlsplit(saved_url).scheme or "http"
    netloc = f"[{host}]" if ":" in host else host
    return f"{scheme}://{netloc}:{port}"


async def _same_place(flow: ConfigFlow, saved_url: str, new_url: str) -> bool:
    """Whether the announced address is where the saved URL already leads."""
    saved, new = urlsplit(saved_url), urlsplit(new_url)
    if (saved.port or (443 if saved.scheme == "https" else 80)) != new.port:
        return False
    if saved.hostname == new.hostname or not saved.hostname:
        return saved.hostname == new.hostname
    # A saved host name that resolves to the announced address has not moved.
    try:
        infos = await flow.hass.loop.getaddrinfo(saved.hostname, None)
    except OSError:
        return False
    return new.hostname in {str(info[4][0]) for info in infos}


class PlexGeoConfigFlow(ConfigFlow, domain=DOMAIN):
    """Set up PlexGeo for one Plex Media Server."""

    VERSION = 1
    MINOR_VERSION = 1

    def __init__(self) -> None:
        """Start with nothing discovered."""
        self._discovered_url: str | None = None
        # A known server announced at a new address: (entry id, proposed URL).
        self._move: tuple[str, str] | None = None

    @staticmethod
    @callback
    def async_get_options_flow(config_entry: ConfigEntry) -> PlexGeoOptionsFlow:
        """The options flow."""
        return PlexGeoOptionsFlow()

    async def async_step_user(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Ask for the server's URL and token, and where addresses are geolocated."""
        errors: dict[str, str] = {}
        placeholders: dict[str, str] = {}
        if user_input is not None:
            url = user_input[CONF_URL].rstrip("/")
            errors.update(await geo_form.async_check_provider(self.hass, user_input))
            info = (
                None
                if errors
                else await _try_connect(
                    self,
                    url,
                    user_input[CONF_TOKEN],
                    user_input[CONF_VERIFY_SSL],
                    errors,
                    placeholders=placeholders,
                )
            )
            if info is not None:
                await self.async_set_unique_id(info.machine_identifier)
                self._abort_if_unique_id_configured()
                data = {k: v for k, v in user_input.items() if k not in _GEO_FIELDS}
                # Options from the start, so the first poll already asks the chosen service.
                options = {k: v for k, v in user_input.items() if k in _GEO_FIELDS}
                return self.async_create_entry(
                    title=info.friendly_name, data={**data, CONF_URL: url}, options=options
                )
        defaults = user_input or {CONF_URL: self._discovered_url or ""}
        fields: dict[Any, Any] = {
            vol.Required(CONF_URL, default=defaults.get(CONF_URL, "")): _URL_SELECTOR,
            vol.Required(CONF_TOKEN): _TOKEN_SELECTOR,
            vol.Required(CONF_VERIFY_SSL, default=defaults.get(CONF_VERIFY_SSL, True)): bool,
        }
        # Every geolocation field, download and plex.tv addresses included: no advanced mode
        # (deprecated), and the demo's first poll must never reach a real service.
        for key in _GEO_FIELDS:
            default = defaults.get(key, option({}, key))
            required = vol.Optional if key in _OPTIONAL_FIELDS else vol.Required
            fields[required(key, default=default)] = _OPTION_FIELDS[key]
        return self.async_show_form(
            step_id="user",
            data_schema=vol.Schema(fields),
            errors=errors,
            description_placeholders=placeholders,
        )

    async def async_step_zeroconf(self, discovery_info: ZeroconfServiceInfo) -> ConfigFlowResult:
        """A Plex server announced itself on the network."""
        port = discovery_info.port or 32400
        url = _moved_url("http://", discovery_info.host, port)
        try:
            # /identity needs no token: nothing secret goes to the announcing device.
            machine_identifier = await fetch_identity(
                async_get_clientsession(self.hass), url, request_timeout=PLEX_TIMEOUT
            )
        except PlexError:
            return self.async_abort(reason="cannot_connect")
        await self.async_set_unique_id(machine_identifier)
        for entry in self._async_current_entries(include_ignore=True):
            if entry.unique_id == machine_identifier:
                return await self._async_offer_move(entry, discovery_info.host, port)
        self._discovered_url = url
        self.context["title_placeholders"] = {"name": discovery_info.name.split(".")[0]}
        return await self.async_step_user()

    async def _async_offer_move(self, entry: ConfigEntry, host: str, port: int) -> ConfigFlowResult:
        """A known server at another address: the owner decides, the entry stays as it is."""
        if entry.source == SOURCE_IGNORE:
            return self.async_abort(reason="already_configured")
        new_url = _moved_url(entry.data[CONF_URL], host, port)
        if await _same_place(self, entry.data[CONF_URL], new_url):
            return self.async_abort(reason="already_configured")
        self._move = (entry.entry_id, new_url)
        self.context["title_placeholders"] = {"name": entry.title}
        return await self._async_step_move(None)

    async def async_step_ignore(self, user_input: dict[str, Any]) -> ConfigFlowResult:
        """Ignoring a configured server's move dismisses the offer; the server stays set up.

        HA would otherwise add an ignore entry with the configured server's unique id.
        """
        unique_id = user_input["unique_id"]
        if not any(e.unique_id == unique_id for e in self._async_current_entries()):
            return await super().async_step_ignore(user_input)
        for flow in self._async_in_progress(include_uninitialized=True):
            if flow["context"].get("unique_id") == unique_id:
                self.hass.config_entries.flow.async_abort(flow["flow_id"])
        return self.async_abort(reason="already_configured")

    async def async_step_move_https(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Confirm a move over https with the certificate checked."""
        return await self._async_step_move(user_input)

    async def async_step_move_https_unverified(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Confirm a move over https without a certificate check."""
        return await self._async_step_move(user_input)

    async def async_step_move_http(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Confirm a move over plain http."""
        return await self._async_step_move(user_input)

    async def _async_step_move(self, user_input: dict[str, Any] | None) -> ConfigFlowResult:
        """Show the old and new address; only the owner's yes sends the token there."""
        assert self._move is not None
        entry_id, new_url = self._move
        entry = self.hass.config_entries.async_get_entry(entry_id)
        if entry is None:
            return self.async_abort(reason="server_removed")
        verify_ssl = bool(entry.data.get(CONF_VERIFY_SSL, True))
        errors: dict[str, str] = {}
        # Descriptions are Markdown; the announced address comes from the network.
        placeholders = {
            "name": escape_markdown(entry.title),
            "old_url": escape_markdown(entry.data[CONF_URL]),
            "new_url": escape_markdown(new_url),
        }
        if user_input is not None:
            info = await _try_connect(
                self,
                new_url,
                entry.data[CONF_TOKEN],
                verify_ssl,
                errors,
                placeholders=placeholders,
            )
            if info is not None:
                if info.machine_identifier != entry.unique_id:
                    return self.async_abort(reason="wrong_server")
                return self.async_update_reload_and_abort(
                    entry, data_updates={CONF_URL: new_url}, reason="moved"
                )
        if not new_url.startswith("https:"):
            step_id = "move_http"
        else:
            step_id = "move_https" if verify_ssl else "move_https_unverified"
        return self.async_show_form(
            step_id=step_id, errors=errors, description_placeholders=placeholders
        )

    async def async_step_reauth(self, entry_data: Mapping[str, Any]) -> ConfigFlowResult:
        """The token was rejected: ask for a new one."""
        return await self.async_step_reauth_confirm()

    async def async_step_reauth_confirm(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for a new token for the same server."""
        entry = self._get_reauth_entry()
        errors: dict[str, str] = {}
        placeholders = {"name": escape_markdown(entry.title)}
        if user_input is not None:
            info = await _try_connect(
                self,
                entry.data[CONF_URL],
                user_input[CONF_TOKEN],
                entry.data.get(CONF_VERIFY_SSL, True),
                errors,
                placeholders=placeholders,
            )
            if info is not None:
                await self.async_set_unique_id(info.machine_identifier)
                self._abort_if_unique_id_mismatch(reason="wrong_server")
                # No update listener: this flow's reload is the only one (also out of
                # setup-retry or setup-error, whose retry it cancels).
                return self.async_update_reload_and_abort(
                    entry, data_updates={CONF_TOKEN: user_input[CONF_TOKEN]}
                )
        return self.async_show_form(
            step_id="reauth_confirm",
            data_schema=vol.Schema({vol.Required(CONF_TOKEN): _TOKEN_SELECTOR}),
            errors=errors,
            description_placeholders=placeholders,
        )

    async def async_step_reconfigure(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Change the server's URL or certificate check; the server must stay the same."""
        entry = self._get_reconfigure_entry()
        errors: dict[str, str] = {}
        placeholders: dict[str, str] = {}
        if user_input is not None:
            url = user_input[CONF_URL].rstrip("/")
            info = await _try_connect(
                self,
                url,
                entry.data[CONF_TOKEN],
                user_input[CONF_VERIFY_SSL],
                errors,
                placeholders=placeholders,
            )
            if info is not None:
                await self.async_set_unique_id(info.machine_identifier)
                self._abort_if_unique_id_mismatch(reason="wrong_server")
                return self.async_update_reload_and_abort(
                    entry, data_updates={**user_input, CONF_URL: url}
                )
        defaults = user_input or entry.data
        schema = vol.Schema(
            {
                vol.Required(CONF_URL, default=defaults[CONF_URL]): _URL_SELECTOR,
                vol.Required(CONF_VERIFY_SSL, default=defaults.get(CONF_VERIFY_SSL, True)): bool,
            }
        )
        return self.async_show_form(
            step_id="reconfigure",
            data_schema=schema,
            errors=errors,
            description_placeholders=placeholders,
        )


def _number(
    low: float, high: float, step: float, unit: str | None = None
) -> selector.NumberSelector:
    config = selector.NumberSelectorConfig(
        min=low, max=high, step=step, mode=selector.NumberSelectorMode.BOX
    )
    if unit is not None:
        config["unit_of_measurement"] = unit
    return selector.NumberSelector(config)


_OPTION_FIELDS: dict[str, Any] = {
    CONF_SCAN_INTERVAL: _number(10, 3600, 1, "s"),
    CONF_PUSH_SCAN_INTERVAL: _number(10, 3600, 1, "s"),
    CONF_RARE_COUNTRY_THRESHOLD: _number(0, 1, 0.01),
    CONF_RARE_COUNTRY_MIN_SESSIONS: _number(1, 10000, 1),
    CONF_LOOKBACK_DAYS: _number(1, 3650, 1, "d"),
    CONF_DEDUP_HOURS: _number(0, 720, 1, "h"),
    CONF_TRAVEL_SPEED_KMH: _number(50, 20000, 10, "km/h"),
    CONF_DISTANCE_FLOOR_KM: _number(0, 20000, 10, "km"),
    CONF_TRUSTED_NETWORKS: selector.TextSelector(selector.TextSelectorConfig(multiline=True)),
    CONF_MOBILE_DISTANCE_FLOOR_KM: _number(0, 20000, 10, "km"),
    CONF_IPV4_PREFIX: _number(8, 32, 1),
    CONF_IPV6_PREFIX: _number(16, 128, 1),
    CONF_CONCURRENT_STREAMS_LIMIT: _number(0, 100, 1),
    CONF_NEW_DEVICE_ALERTS: selector.BooleanSelector(),
    CONF_NEW_NETWORK_ALERTS: selector.BooleanSelector(),
    CONF_RETENTION_DAYS: _number(0, 36500, 1, "d"),
    CONF_GEO_PROVIDER: _GEO_PROVIDER_SELECTOR,
    CONF_GEO_URL: _URL_SELECTOR,
    CONF_MMDB_CITY_PATH: selector.TextSelector(),
    CONF_MMDB_ASN_PATH: selector.TextSelector(),
    CONF_DBIP_URL: _URL_SELECTOR,
    CONF_PLEXTV_URL: _URL_SELECTOR,
    CONF_PANEL_ADMIN_ONLY: selector.BooleanSelector(),
    CONF_STREAM_DETAILS: selector.BooleanSelector(),
}
_INTEGER_OPTIONS = (
    CONF_SCAN_INTERVAL,
    CONF_IPV4_PREFIX,
    CONF_IPV6_PREFIX,
    CONF_CONCURRENT_STREAMS_LIMIT,
    CONF_PUSH_SCAN_INTERVAL,
    CONF_RARE_COUNTRY_MIN_SESSIONS,
    CONF_LOOKBACK_DAYS,
    CONF_RETENTION_DAYS,
)


def _ha_reloads(flow: OptionsFlow) -> bool:
    """Whether Home Assistant itself reloads the entry when this flow saves changed options."""
    reloading = getattr(config_entries, "OptionsFlowWithReload", None)
    return (
        reloading is not None
        and isinstance(flow, reloading)
        and bool(getattr(flow, "automatic_reload", False))
    )


class PlexGeoOptionsFlow(_OptionsFlowBase):
    """Poll interval, alert thresholds, trust, retention, geolocation provider; and the
    Tautulli import (its own step, when the init form's switch asks for it)."""

    _pending: dict[str, Any] | None = None

    async def async_step_init(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """One form with every option; changes reload the entry."""
        errors: dict[str, str] = {}
        if user_input is not None:
            try:
                parse_networks(str(user_input.get(CONF_TRUSTED_NETWORKS, "")))
            except ValueError:
                errors[CONF_TRUSTED_NETWORKS] = "invalid_network"
            errors.update(await geo_form.async_check_provider(self.hass, user_input))
            if not errors:
                to_tautulli = bool(user_input.pop(tautulli_form.CONF_IMPORT_TAUTULLI, False))
                data = {
                    key: int(value) if key in _INTEGER_OPTIONS else value
                    for key, value in user_input.items()
                }
                # The Tautulli step's options stay as they are.
                options = self.config_entry.options
                data |= {k: options[k] for k in tautulli_form.TAUTULLI_OPTIONS if k in options}
                if to_tautulli:
                    self._pending = data
                    return await self.async_step_tautulli()
                return self._save(data)
        current = {**self.config_entry.options, **(user_input or {})}
        schema = vol.Schema(
            {
                **{
                    (vol.Optional if key in _OPTIONAL_FIELDS else vol.Required)(
                        key, default=option(current, key)
                    ): field
                    for key, field in _OPTION_FIELDS.items()
                },
                vol.Optional(
                    tautulli_form.CONF_IMPORT_TAUTULLI, default=False
                ): selector.BooleanSelector(),
            }
        )
        return self.async_show_form(step_id="init", data_schema=schema, errors=errors)

    async def async_step_tautulli(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Where Tautulli is; saving starts the import in the background after the reload."""
        errors: dict[str, str] = {}
        if user_input is not None:
            errors = await tautulli_form.async_check(self.hass, user_input)
            if not errors:
                pending = self._pending or dict(self.config_entry.options)
                return self._save(pending | tautulli_form.options_from(user_input))
        current = {**self.config_entry.options, **(user_input or {})}
        return self.async_show_form(
            step_id="tautulli", data_schema=tautulli_form.schema(current), errors=errors
        )

    def _save(self, data: dict[str, Any]) -> ConfigFlowResult:
        if not _ha_reloads(self) and self.hass.config_entries.async_update_entry(
            self.config_entry, options=data
        ):
            # Older HA: saved here, reloaded once; HA then finds nothing changed.
            self.hass.config_entries.async_schedule_reload(self.config_entry.entry_id)
        return self.async_create_entry(data=data)
