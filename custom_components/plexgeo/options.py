"""Reading a config entry's options into typed settings."""

from __future__ import annotations

from collections.abc import Mapping
import ipaddress
from typing import Any

from homeassistant.core import HomeAssistant

from .const import (
    CONF_CONCURRENT_STREAMS_LIMIT,
    CONF_DEDUP_HOURS,
    CONF_DISTANCE_FLOOR_KM,
    CONF_IPV4_PREFIX,
    CONF_IPV6_PREFIX,
    CONF_LOOKBACK_DAYS,
    CONF_MOBILE_DISTANCE_FLOOR_KM,
    CONF_NEW_DEVICE_ALERTS,
    CONF_NEW_NETWORK_ALERTS,
    CONF_RARE_COUNTRY_MIN_SESSIONS,
    CONF_RARE_COUNTRY_THRESHOLD,
    CONF_STREAM_DETAILS,
    CONF_TRAVEL_SPEED_KMH,
    CONF_TRUSTED_NETWORKS,
    DEFAULT_OPTIONS,
)
from .core.settings import AlertSettings, Home, IPNetwork


def option(options: Mapping[str, Any], key: str) -> Any:
    """An option's value, or its default."""
    return options.get(key, DEFAULT_OPTIONS[key])


def home_of(hass: HomeAssistant) -> Home | None:
    """Home Assistant's home, where LAN streams are; None without a country."""
    config = hass.config
    if not config.country:
        return None
    return Home(config.latitude, config.longitude, config.country.upper())


def parse_networks(text: str) -> tuple[IPNetwork, ...]:
    """Parse a comma- or newline-separated CIDR list; raises ValueError on a bad entry."""
    parts = [part.strip() for part in text.replace("\n", ",").split(",")]
    return tuple(ipaddress.ip_network(part, strict=False) for part in parts if part)


def alert_settings(options: Mapping[str, Any], home: Home | None = None) -> AlertSettings:
    """The detectors' settings from an entry's options (and Home Assistant's home)."""
    return AlertSettings(
        rare_country_threshold=float(option(options, CONF_RARE_COUNTRY_THRESHOLD)),
        rare_country_min_sessions=int(option(options, CONF_RARE_COUNTRY_MIN_SESSIONS)),
        lookback_days=int(option(options, CONF_LOOKBACK_DAYS)),
        dedup_hours=float(option(options, CONF_DEDUP_HOURS)),
        travel_speed_kmh=float(option(options, CONF_TRAVEL_SPEED_KMH)),
        distance_floor_km=float(option(options, CONF_DISTANCE_FLOOR_KM)),
        trusted_networks=parse_networks(str(option(options, CONF_TRUSTED_NETWORKS))),
        mobile_distance_floor_km=float(option(options, CONF_MOBILE_DISTANCE_FLOOR_KM)),
        ipv4_prefix=int(option(options, CONF_IPV4_PREFIX)),
        ipv6_prefix=int(option(options, CONF_IPV6_PREFIX)),
        concurrent_streams_limit=int(option(options, CONF_CONCURRENT_STREAMS_LIMIT)),
        new_device_alerts=bool(option(options, CONF_NEW_DEVICE_ALERTS)),
        new_network_alerts=bool(option(options, CONF_NEW_NETWORK_ALERTS)),
        home=home,
    )


def stream_details(options: Mapping[str, Any]) -> bool:
    """Whether entities may show who watches what from where (off unless the owner opts in)."""
    return bool(option(options, CONF_STREAM_DETAILS))
