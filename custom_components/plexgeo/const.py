"""Constants for PlexGeo."""

from __future__ import annotations

from typing import Final

DOMAIN: Final = "plexgeo"
MANUFACTURER: Final = "Plex"

CONF_VERIFY_SSL: Final = "verify_ssl"
CONF_SCAN_INTERVAL: Final = "scan_interval"
CONF_PUSH_SCAN_INTERVAL: Final = "push_scan_interval"
CONF_RARE_COUNTRY_THRESHOLD: Final = "rare_country_threshold"
CONF_RARE_COUNTRY_MIN_SESSIONS: Final = "rare_country_min_sessions"
CONF_LOOKBACK_DAYS: Final = "lookback_days"
CONF_DEDUP_HOURS: Final = "dedup_hours"
CONF_TRAVEL_SPEED_KMH: Final = "travel_speed_kmh"
CONF_DISTANCE_FLOOR_KM: Final = "distance_floor_km"
CONF_TRUSTED_NETWORKS: Final = "trusted_networks"
CONF_MOBILE_DISTANCE_FLOOR_KM: Final = "mobile_distance_floor_km"
CONF_IPV4_PREFIX: Final = "ipv4_prefix"
CONF_IPV6_PREFIX: Final = "ipv6_prefix"
CONF_CONCURRENT_STREAMS_LIMIT: Final = "concurrent_streams_limit"
CONF_NEW_DEVICE_ALERTS: Final = "new_device_alerts"
CONF_NEW_NETWORK_ALERTS: Final = "new_network_alerts"
CONF_RETENTION_DAYS: Final = "retention_days"
CONF_GEO_PROVIDER: Final = "geo_provider"
CONF_GEO_URL: Final = "geo_url"
CONF_PANEL_ADMIN_ONLY: Final = "panel_admin_only"
CONF_STREAM_DETAILS: Final = "stream_details"
# The offline providers' files and the online ones' addresses (configurable for the
# simulator and scripts/develop, like geo_url).
CONF_MMDB_CITY_PATH: Final = "mmdb_city_path"
CONF_MMDB_ASN_PATH: Final = "mmdb_asn_path"
CONF_DBIP_URL: Final = "dbip_url"
CONF_PLEXTV_URL: Final = "plextv_url"
# Importing Tautulli's history (issue 17): where it is, its API key, and when it was asked.
CONF_TAUTULLI_URL: Final = "tautulli_url"
CONF_TAUTULLI_API_KEY: Final = "tautulli_api_key"
CONF_TAUTULLI_VERIFY_SSL: Final = "tautulli_verify_ssl"
CONF_TAUTULLI_START_DATE: Final = "tautulli_start_date"
CONF_TAUTULLI_REQUEST: Final = "tautulli_request"

GEO_PROVIDER_IPAPI: Final = "ip-api"
GEO_PROVIDER_DBIP: Final = "dbip"
GEO_PROVIDER_MAXMIND: Final = "maxmind"
GEO_PROVIDER_PLEXTV: Final = "plex.tv"
GEO_PROVIDERS: Final = (
    GEO_PROVIDER_IPAPI,
    GEO_PROVIDER_DBIP,
    GEO_PROVIDER_MAXMIND,
    GEO_PROVIDER_PLEXTV,
)
DEFAULT_GEO_URL: Final = "http://ip-api.com"
DEFAULT_DBIP_URL: Final = "https://download.db-ip.com/free"
DEFAULT_PLEXTV_URL: Final = "https://plex.tv"

DEFAULT_OPTIONS: Final[dict[str, object]] = {
    CONF_SCAN_INTERVAL: 30,
    # The poll interval while Plex's notifications arrive; never shorter than scan_interval.
    CONF_PUSH_SCAN_INTERVAL: 30,
    CONF_RARE_COUNTRY_THRESHOLD: 0.10,
    CONF_RARE_COUNTRY_MIN_SESSIONS: 5,
    CONF_LOOKBACK_DAYS: 90,
    CONF_DEDUP_HOURS: 24,
    CONF_TRAVEL_SPEED_KMH: 800,
    CONF_DISTANCE_FLOOR_KM: 500,
    CONF_TRUSTED_NETWORKS: "",
    CONF_MOBILE_DISTANCE_FLOOR_KM: 1000,
    CONF_IPV4_PREFIX: 24,
    CONF_IPV6_PREFIX: 64,
    CONF_CONCURRENT_STREAMS_LIMIT: 0,
    CONF_NEW_DEVICE_ALERTS: False,
    CONF_NEW_NETWORK_ALERTS: False,
    CONF_RETENTION_DAYS: 365,
    CONF_GEO_PROVIDER: GEO_PROVIDER_IPAPI,
    CONF_GEO_URL: DEFAULT_GEO_URL,
    CONF_MMDB_CITY_PATH: "",
    CONF_MMDB_ASN_PATH: "",
    CONF_DBIP_URL: DEFAULT_DBIP_URL,
    CONF_PLEXTV_URL: DEFAULT_PLEXTV_URL,
    CONF_PANEL_ADMIN_ONLY: True,
    # Who watches what from where is in entity attributes (which every user can read and
    # the recorder keeps) only when the owner turns this on.
    CONF_STREAM_DETAILS: False,
}

# Map entities per server, at most: the newest streams win; the panel shows every stream.
MAX_MAP_ENTITIES: Final = 100

PLEX_TIMEOUT: Final = 10
EVENT_ANOMALY: Final = "plexgeo_anomaly"
EVENT_STREAM_STARTED: Final = "plexgeo_stream_started"
EVENT_STREAM_ENDED: Final = "plexgeo_stream_ended"
