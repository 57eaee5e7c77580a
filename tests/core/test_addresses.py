"""The address rule: which IP a session comes from, and which may leave the machine."""

from __future__ import annotations

import pytest

from custom_components.plexgeo.core.addresses import (
    choose_address,
    is_public,
    parse_address,
    same_origin,
)
from custom_components.plexgeo.core.models import AddressRule


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("81.2.69.142", True),
        ("2a00:23c4:5b1:e01::17", True),
        ("10.0.0.5", False),
        ("172.17.0.1", False),
        ("192.168.1.20", False),
        ("127.0.0.1", False),
        ("169.254.10.1", False),
        ("100.64.0.1", False),  # CGNAT
        ("100.127.255.254", False),
        ("0.0.0.0", False),
        ("240.0.0.1", False),  # reserved
        ("224.0.0.1", False),  # multicast
        ("::1", False),
        ("fe80::1", False),  # IPv6 link-local
        ("fd12:3456:789a::1", False),  # IPv6 unique-local
        ("2001:db8::1", False),  # documentation
        ("64:ff9b:1::a", False),
    ],
)
def test_is_public(address: str, public: bool) -> None:
    ip = parse_address(address)
    assert ip is not None
    assert is_public(ip) is public


@pytest.mark.parametrize(
    ("raw", "parsed"),
    [
        ("::ffff:81.2.69.142", "81.2.69.142"),
        ("[2a00:23c4:5b1:e01::17]", "2a00:23c4:5b1:e01::17"),
        ("fe80::1%eth0", "fe80::1"),
        (" 81.2.69.142 ", "81.2.69.142"),
        ("not-an-ip", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_address(raw: str | None, parsed: str | None) -> None:
    ip = parse_address(raw)
    assert (str(ip) if ip else None) == parsed


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        # LAN: never geolocated, whatever remotePublicAddress says.
        (
            {
                "local": True,
                "relayed": False,
                "address": "192.168.1.5",
                "remote_public_address": "81.2.69.142",
            },
            ("192.168.1.5", AddressRule.LAN),
        ),
        # WAN: remotePublicAddress first.
        (
            {
                "local": False,
                "relayed": False,
                "address": "90.84.12.33",
                "remote_public_address": "81.2.69.142",
            },
            ("81.2.69.142", AddressRule.REMOTE_PUBLIC_ADDRESS),
        ),
        # Reverse proxy / Docker: address is private, remotePublicAddress public.
        (
            {
                "local": False,
                "relayed": False,
                "address": "172.17.0.1",
                "remote_public_address": "1.120.14.77",
            },
            ("1.120.14.77", AddressRule.REMOTE_PUBLIC_ADDRESS),
        ),
        # remotePublicAddress private (CGNAT), address public.
        (
            {
                "local": False,
                "relayed": False,
                "address": "90.84.12.33",
                "remote_public_address": "100.64.3.3",
            },
            ("90.84.12.33", AddressRule.PLAYER_ADDRESS),
        ),
        # IPv4-mapped IPv6 is normalised.
        (
            {
                "local": False,
                "relayed": False,
                "address": "::ffff:81.2.69.142",
                "remote_public_address": None,
            },
            ("81.2.69.142", AddressRule.PLAYER_ADDRESS),
        ),
        # IPv6 public.
        (
            {
                "local": False,
                "relayed": False,
                "address": "fd00::5",
                "remote_public_address": "2001:8003:a0b2:1e00::8",
            },
            ("2001:8003:a0b2:1e00::8", AddressRule.REMOTE_PUBLIC_ADDRESS),
        ),
        # Relayed through plex.tv: 127.0.0.1, nothing public.
        (
            {
                "local": False,
                "relayed": True,
                "address": "127.0.0.1",
                "remote_public_address": None,
            },
            (None, AddressRule.RELAYED),
        ),
        # Relayed but a public remotePublicAddress is known: use it.
        (
            {
                "local": False,
                "relayed": True,
                "address": "127.0.0.1",
                "remote_public_address": "81.2.69.142",
            },
            ("81.2.69.142", AddressRule.REMOTE_PUBLIC_ADDRESS),
        ),
        # Remote, nothing public (tunnel): unknown, never looked up.
        (
            {
                "local": False,
                "relayed": False,
                "address": "fe80::2",
                "remote_public_address": "10.1.1.1",
            },
            (None, AddressRule.NO_PUBLIC_ADDRESS),
        ),
    ],
)
def test_choose_address(
    kwargs: dict[str, object], expected: tuple[str | None, AddressRule]
) -> None:
    assert choose_address(**kwargs) == expected  # type: ignore[arg-type]


def test_same_origin() -> None:
    assert same_origin("81.2.69.142", "81.2.69.142")
    assert not same_origin("81.2.69.142", "81.2.69.160")
    # IPv6 privacy addresses rotate inside one /64.
    assert same_origin("2a00:23c4:5b1:e01::17", "2a00:23c4:5b1:e01:aaaa::1")
    assert not same_origin("2a00:23c4:5b1:e01::17", "2a00:23c4:5b1:e02::17")
    assert not same_origin("81.2.69.142", "2a00:23c4:5b1:e01::17")
    assert not same_origin(None, "81.2.69.142")
