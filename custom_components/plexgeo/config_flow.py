"""Config, reauth, reconfigure, discovery and options flows for PlexGeo."""

from __future__ import annotations

from collections.abc import Mapping
import logging
from typing import Any

from homeassistant.config_entries import ConfigEntry, ConfigFlow, ConfigFlowResult, OptionsFlow
from homeassistant.const import CONF_TOKEN, CONF_URL
from homeassistant.core import callback
from homeassistant.helpers import selector
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.helpers.service_info.zeroconf import ZeroconfServiceInfo
import voluptuous as vol

from .const import (
    CONF_CONCURRENT_STREAMS_LIMIT,
    CONF_DEDUP_HOURS,
    CONF_DISTANCE_FLOOR_KM,
    CONF_GEO_PROVIDER,
    CONF_GEO_URL,
    CONF_IPV4_PREFIX,
    CONF_IPV6_PREFIX,
    CONF_LOOKBACK_DAYS,
    CONF_MOBILE_DISTANCE_FLOOR_KM,
    CONF_NEW_DEVICE_ALERTS,
    CONF_NEW_NETWORK_ALERTS,
    CONF_PANEL_ADMIN_ONLY,
    CONF_RARE_COUNTRY_MIN_SESSIONS,
    CONF_RARE_COUNTRY_THRESHOLD,
    CONF_RETENTION_DAYS,
    CONF_SCAN_INTERVAL,
    CONF_TRAVEL_SPEED_KMH,
    CONF_TRUSTED_NETWORKS,
    CONF_VERIFY_SSL,
    DEFAULT_GEO_URL,
    DOMAIN,
    GEO_PROVIDER_IPAPI,
    PLEX_TIMEOUT,
)
from .core.errors import PlexAuthError, PlexError, PlexSSLError, PlexUnreachable
from .core.plex import PlexClient, ServerInfo, fetch_identity
from .options import option, parse_networks

_LOGGER = logging.getLogger(__name__)

_URL_SELECTOR = selector.TextSelector(
    selector.TextSelectorConfig(type=selector.TextSelectorType.URL)
)
_TOKEN_SELECTOR = selector.TextSelector(
    selector.TextSelectorConfig(type=selector.TextSelectorType.PASSWORD)
)


async def _connect(flow: ConfigFlow, url: str, token: str, verify_ssl: bool) -> ServerInfo:
    client = PlexClient(url, token, verify_ssl=verify_ssl, timeout=PLEX_TIMEOUT)
    try:
        return await flow.hass.async_add_executor_job(client.connect)
    finally:
        await flow.hass.async_add_executor_job(client.close)


async def _try_connect(
    flow: ConfigFlow, url: str, token: str, verify_ssl: bool, errors: dict[str, str]
) -> ServerInfo | None:
    """Connect, filling `errors` with the form error when it fails."""
    try:
        return await _connect(flow, url, token, verify_ssl)
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


class PlexGeoConfigFlow(ConfigFlow, domain=DOMAIN):
    """Set up PlexGeo for one Plex Media Server."""

    VERSION = 1
    MINOR_VERSION = 1

    def __init__(self) -> None:
        """Start with nothing discovered."""
        self._discovered_url: str | None = None

    @staticmethod
    @callback
    def async_get_options_flow(config_entry: ConfigEntry) -> PlexGeoOptionsFlow:
        """The options flow."""
        return PlexGeoOptionsFlow()

    async def async_step_user(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Ask for the server's URL and token."""
        errors: dict[str, str] = {}
        if user_input is not None:
            url = user_input[CONF_URL].rstrip("/")
            info = await _try_connect(
                self, url, user_input[CONF_TOKEN], user_input[CONF_VERIFY_SSL], errors
            )
            if info is not None:
                await self.async_set_unique_id(info.machine_identifier)
                self._abort_if_unique_id_configured()
                data = {**user_input, CONF_URL: url}
                # Set before the first poll, so no address goes to the default service.
                options = {CONF_GEO_URL: data.pop(CONF_GEO_URL)} if CONF_GEO_URL in data else {}
                return self.async_create_entry(title=info.friendly_name, data=data, options=options)
        defaults = user_input or {CONF_URL: self._discovered_url or ""}
        fields: dict[Any, Any] = {
            vol.Required(CONF_URL, default=defaults.get(CONF_URL, "")): _URL_SELECTOR,
            vol.Required(CONF_TOKEN): _TOKEN_SELECTOR,
            vol.Required(CONF_VERIFY_SSL, default=defaults.get(CONF_VERIFY_SSL, True)): bool,
        }
        if self.show_advanced_options:
            default_geo_url = defaults.get(CONF_GEO_URL, DEFAULT_GEO_URL)
            fields[vol.Required(CONF_GEO_URL, default=default_geo_url)] = _URL_SELECTOR
        return self.async_show_form(step_id="user", data_schema=vol.Schema(fields), errors=errors)

    async def async_step_zeroconf(self, discovery_info: ZeroconfServiceInfo) -> ConfigFlowResult:
        """A Plex server announced itself on the network."""
        url = f"http://{discovery_info.host}:{discovery_info.port or 32400}"
        if ":" in discovery_info.host:  # IPv6 literal
            url = f"http://[{discovery_info.host}]:{discovery_info.port or 32400}"
        try:
            machine_identifier = await fetch_identity(
                async_get_clientsession(self.hass), url, request_timeout=PLEX_TIMEOUT
            )
        except PlexError:
            return self.async_abort(reason="cannot_connect")
        await self.async_set_unique_id(machine_identifier)
        # A known server that moved gets its new address instead of a duplicate entry.
        self._abort_if_unique_id_configured(updates={CONF_URL: url})
        self._discovered_url = url
        self.context["title_placeholders"] = {"name": discovery_info.name.split(".")[0]}
        return await self.async_step_user()

    async def async_step_reauth(self, entry_data: Mapping[str, Any]) -> ConfigFlowResult:
        """The token was rejected: ask for a new one."""
        return await self.async_step_reauth_confirm()

    async def async_step_reauth_confirm(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for a new token for the same server."""
        entry = self._get_reauth_entry()
        errors: dict[str, str] = {}
        if user_input is not None:
            info = await _try_connect(
                self,
                entry.data[CONF_URL],
                user_input[CONF_TOKEN],
                entry.data.get(CONF_VERIFY_SSL, True),
                errors,
            )
            if info is not None:
                await self.async_set_unique_id(info.machine_identifier)
                self._abort_if_unique_id_mismatch(reason="wrong_server")
                return self.async_update_reload_and_abort(
                    entry, data_updates={CONF_TOKEN: user_input[CONF_TOKEN]}
                )
        return self.async_show_form(
            step_id="reauth_confirm",
            data_schema=vol.Schema({vol.Required(CONF_TOKEN): _TOKEN_SELECTOR}),
            errors=errors,
            description_placeholders={"name": entry.title},
        )

    async def async_step_reconfigure(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Change the server's URL or certificate check; the server must stay the same."""
        entry = self._get_reconfigure_entry()
        errors: dict[str, str] = {}
        if user_input is not None:
            url = user_input[CONF_URL].rstrip("/")
            info = await _try_connect(
                self, url, entry.data[CONF_TOKEN], user_input[CONF_VERIFY_SSL], errors
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
        return self.async_show_form(step_id="reconfigure", data_schema=schema, errors=errors)


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
    CONF_GEO_PROVIDER: selector.SelectSelector(
        selector.SelectSelectorConfig(
            options=[GEO_PROVIDER_IPAPI], translation_key=CONF_GEO_PROVIDER
        )
    ),
    CONF_GEO_URL: _URL_SELECTOR,
    CONF_PANEL_ADMIN_ONLY: selector.BooleanSelector(),
}
_INTEGER_OPTIONS = (
    CONF_SCAN_INTERVAL,
    CONF_IPV4_PREFIX,
    CONF_IPV6_PREFIX,
    CONF_CONCURRENT_STREAMS_LIMIT,
    CONF_RARE_COUNTRY_MIN_SESSIONS,
    CONF_LOOKBACK_DAYS,
    CONF_RETENTION_DAYS,
)


class PlexGeoOptionsFlow(OptionsFlow):
    """Poll interval, alert thresholds, trust, retention and geolocation provider."""

    async def async_step_init(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """One form with every option; changes reload the entry."""
        errors: dict[str, str] = {}
        if user_input is not None:
            try:
                parse_networks(str(user_input.get(CONF_TRUSTED_NETWORKS, "")))
            except ValueError:
                errors[CONF_TRUSTED_NETWORKS] = "invalid_network"
            else:
                data = {
                    key: int(value) if key in _INTEGER_OPTIONS else value
                    for key, value in user_input.items()
                }
                return self.async_create_entry(data=data)
        current = {**self.config_entry.options, **(user_input or {})}
        schema = vol.Schema(
            {
                (vol.Optional if key == CONF_TRUSTED_NETWORKS else vol.Required)(
                    key, default=option(current, key)
                ): field
                for key, field in _OPTION_FIELDS.items()
            }
        )
        return self.async_show_form(step_id="init", data_schema=schema, errors=errors)
