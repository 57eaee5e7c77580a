"""Which IP address a Plex session really comes from, and which addresses may leave the machine."""

from __future__ import annotations

import ipaddress

from .models import AddressRule

type IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Ranges that never identify a place: besides what the ipaddress module already flags
# (private, loopback, link-local, multicast, reserved, unspecified), carrier-grade NAT
# and the IPv6 translation/discard ranges some routers and VPNs leak.
_NEVER_PUBLIC = (
    ipaddress.ip_network("100.64.0.0/10"),
    ipaddress.ip_network("64:ff9b:1::/48"),
    ipaddress.ip_network("100::/64"),
)


def parse_address(value: str | None) -> IPAddress | None:
    """Parse an address as Plex reports it; `::ffff:`-mapped IPv4 becomes plain IPv4."""
    if not value:
        return None
    text = value.strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    text = text.split("%", 1)[0]  # drop an IPv6 zone id
    try:
        ip = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    return ip


def is_public(ip: IPAddress) -> bool:
    """Whether an address is globally routable, and so worth geolocating."""
    if not ip.is_global or ip.is_multicast:
        return False
    return not any(ip.version == net.version and ip in net for net in _NEVER_PUBLIC)


def choose_address(
    *,
    local: bool,
    relayed: bool,
    address: str | None,
    remote_public_address: str | None,
) -> tuple[str | None, AddressRule]:
    """Pick the address to locate for one session, and the rule that chose it.

    LAN sessions are Local Network. Remote sessions prefer `remotePublicAddress`,
    then `address`, each only when public (proxies and Docker put their own
    addresses in `address`). Relayed sessions with neither public are unknown.
    """
    if local:
        parsed = parse_address(address)
        return (str(parsed) if parsed else None), AddressRule.LAN
    for value, rule in (
        (remote_public_address, AddressRule.REMOTE_PUBLIC_ADDRESS),
        (address, AddressRule.PLAYER_ADDRESS),
    ):
        parsed = parse_address(value)
        if parsed is not None and is_public(parsed):
            return str(parsed), rule
    if relayed:
        return None, AddressRule.RELAYED
    return None, AddressRule.NO_PUBLIC_ADDRESS


def same_origin(first: str | None, second: str | None) -> bool:
    """Whether two addresses are the same origin: equal IPv4, or the same IPv6 /64."""
    a, b = parse_address(first), parse_address(second)
    if a is None or b is None or a.version != b.version:
        return False
    if isinstance(a, ipaddress.IPv6Address):
        return ipaddress.ip_network(f"{a}/64", strict=False) == ipaddress.ip_network(
            f"{b}/64", strict=False
        )
    return a == b
