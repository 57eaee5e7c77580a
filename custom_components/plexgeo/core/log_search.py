"""What a stream-log search names: words to match, or (admins only) an address or range.

An address is never matched by decrypting the log: every address of the range is hashed
with the store's keyed hash and looked up by that, so a range is bounded in size.
"""

from __future__ import annotations

import ipaddress
import re

from .addresses import parse_address

type IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

# Each address of a range costs one keyed hash per page (about 10 µs): a /22 or a /118.
MAX_SEARCH_ADDRESSES = 1024
_ADDRESS_LIKE = re.compile(r"^[0-9A-Fa-f:.]+(/\d{1,3})?$")
# Words for how a stream reached the server, matched against its flags and network.
RELAYED_WORDS = frozenset({"relayed", "relay"})
LAN_WORDS = frozenset({"lan", "local"})
WAN_WORDS = frozenset({"wan", "remote"})
# Plex's own names for a session's network (Session.location), matched as stored.
NETWORK_WORDS = frozenset({"cellular"})


class InvalidSearch(ValueError):
    """A search the log cannot answer (an address range too wide to hash)."""


def search_network(text: str) -> IPNetwork | None:
    """The address (as a one-address range) or CIDR range `text` names, else None.

    Raises InvalidSearch for a range of more than MAX_SEARCH_ADDRESSES addresses.
    """
    text = text.strip()
    if not _ADDRESS_LIKE.match(text) or not ("." in text or ":" in text):
        return None
    if "/" not in text:
        address = parse_address(text)
        return None if address is None else ipaddress.ip_network(address)
    try:
        network = ipaddress.ip_network(text, strict=False)
    except ValueError:
        return None
    if network.num_addresses > MAX_SEARCH_ADDRESSES:
        widest = network.max_prefixlen - (MAX_SEARCH_ADDRESSES.bit_length() - 1)
        raise InvalidSearch(
            f"an address range may hold at most {MAX_SEARCH_ADDRESSES} addresses"
            f" (/{widest} or narrower for IPv{network.version})"
        )
    return network


def addresses_of(network: IPNetwork) -> list[str]:
    """Every address of a range, written as the store writes addresses."""
    if network.num_addresses == 1:
        return [str(network.network_address)]
    return [str(address) for address in network]
