"""The alert detectors' settings, as the options flow sets them."""

from __future__ import annotations

from dataclasses import dataclass, field
import ipaddress

type IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass(frozen=True, slots=True)
class Home:
    """Where Home Assistant says home is: the place of every LAN stream."""

    latitude: float
    longitude: float
    country_code: str


@dataclass(frozen=True, slots=True)
class AlertSettings:
    """Thresholds for the anomaly detectors; defaults are PlexGeo's."""

    rare_country_threshold: float = 0.10
    rare_country_min_sessions: int = 5
    lookback_days: int = 90
    dedup_hours: float = 24.0
    travel_speed_kmh: float = 800.0
    distance_floor_km: float = 500.0
    trusted_networks: tuple[IPNetwork, ...] = field(default=())
    # Carrier exits can be far from the viewer: mobile networks get this floor instead
    # (when larger than distance_floor_km).
    mobile_distance_floor_km: float = 1000.0
    # One network, like Tautulli's CIDR grouping: addresses in one prefix are one place.
    ipv4_prefix: int = 24
    ipv6_prefix: int = 64
    concurrent_streams_limit: int = 0  # 0: off; per-user overrides live in the store
    new_device_alerts: bool = False
    new_network_alerts: bool = False
    # Home Assistant's home: LAN streams are there (None when HA has no location).
    home: Home | None = None

    def is_trusted_address(self, address: str | None) -> bool:
        """Whether an address is inside one of the trusted networks."""
        if address is None or not self.trusted_networks:
            return False
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip.version == net.version and ip in net for net in self.trusted_networks)
