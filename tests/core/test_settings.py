"""Trusted networks: which addresses never raise an alert."""

from __future__ import annotations

import ipaddress

import pytest

from custom_components.plexgeo.core.settings import AlertSettings

TRUSTED = AlertSettings(
    trusted_networks=(
        ipaddress.ip_network("185.220.101.0/24"),
        ipaddress.ip_network("2a00:23c4::/32"),
    )
)


@pytest.mark.parametrize(
    ("address", "trusted"),
    [
        ("185.220.101.7", True),
        ("185.220.102.7", False),
        ("2a00:23c4:1::5", True),
        ("2a01::5", False),
        ("::ffff:185.220.101.7", False),  # an IPv6 address is never inside an IPv4 network
        ("not-an-address", False),  # garbage from Plex is simply not trusted
        ("", False),
        (None, False),  # a relayed stream has no address
    ],
)
def test_trusted_address(address: str | None, trusted: bool) -> None:
    assert TRUSTED.is_trusted_address(address) is trusted


def test_no_trusted_networks_trusts_nothing() -> None:
    assert AlertSettings().is_trusted_address("185.220.101.7") is False
