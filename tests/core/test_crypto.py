"""Key material and the address cipher."""

from __future__ import annotations

import json

import pytest

from custom_components.plexgeo.core.crypto import (
    AddressCipher,
    AddressDecryptError,
    InvalidKeyMaterial,
    KeyMaterial,
)
from custom_components.plexgeo.core.errors import StoreError


def test_generated_keys_differ_and_survive_json() -> None:
    first, second = KeyMaterial.generate(), KeyMaterial.generate()
    assert first != second
    stored = json.loads(json.dumps(first.as_dict()))
    assert KeyMaterial.from_dict(stored) == first


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"fernet_key": "not a key", "hmac_key": "AAAA"},
        {"fernet_key": KeyMaterial.generate().as_dict()["fernet_key"], "hmac_key": "AAAA"},
        {"fernet_key": KeyMaterial.generate().as_dict()["fernet_key"], "hmac_key": "!!"},
        {"fernet_key": 5, "hmac_key": "AAAA"},
    ],
)
def test_damaged_key_material_is_refused(data: dict[str, str]) -> None:
    with pytest.raises(InvalidKeyMaterial):
        KeyMaterial.from_dict(data)


def test_short_hmac_key_is_refused() -> None:
    with pytest.raises(InvalidKeyMaterial):
        KeyMaterial(KeyMaterial.generate().fernet_key, b"short")


@pytest.mark.parametrize("address", ["81.2.69.142", "2a00:23c4:5b1:e01::17"])
def test_encrypt_round_trip_hides_the_address(address: str) -> None:
    cipher = AddressCipher(KeyMaterial.generate())
    token = cipher.encrypt(address)
    assert address.encode() not in token
    assert cipher.decrypt(token) == address
    assert cipher.encrypt(address) != token  # Fernet is randomised


def test_digest_is_keyed_and_stable() -> None:
    keys = KeyMaterial.generate()
    cipher = AddressCipher(keys)
    assert cipher.digest("81.2.69.142") == AddressCipher(keys).digest("81.2.69.142")
    assert len(cipher.digest("81.2.69.142")) == 32
    assert cipher.digest("81.2.69.142") != cipher.digest("81.2.69.160")
    assert cipher.digest("81.2.69.142") != AddressCipher(KeyMaterial.generate()).digest(
        "81.2.69.142"
    )


def test_other_keys_cannot_decrypt() -> None:
    token = AddressCipher(KeyMaterial.generate()).encrypt("81.2.69.142")
    with pytest.raises(AddressDecryptError) as err:
        AddressCipher(KeyMaterial.generate()).decrypt(token)
    assert isinstance(err.value, StoreError)
