"""Keys and primitives that keep IP addresses unreadable in the history database.

Addresses are Fernet-encrypted; every lookup and grouping uses an HMAC-SHA256 keyed hash
instead, so the database never needs the plaintext to find or count an address. The keys
live in Home Assistant's own storage, never in the database file.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable
from dataclasses import dataclass
import hashlib
import hmac
import secrets
from typing import Self

from cryptography.fernet import Fernet, InvalidToken

from .errors import StoreError

_HMAC_KEY_BYTES = 32
# What the database's keyed check value is computed over, besides the Fernet key.
_CHECK_LABEL = b"plexgeo key check\x00"


class InvalidKeyMaterial(ValueError):
    """Stored key material is missing, malformed or too short."""


class AddressDecryptError(StoreError):
    """An encrypted address cannot be decrypted: the keys are not the ones that wrote it."""


@dataclass(frozen=True, slots=True)
class KeyMaterial:
    """The Fernet key that encrypts addresses and the HMAC key that hashes them."""

    fernet_key: bytes  # url-safe base64, as Fernet.generate_key() returns it
    hmac_key: bytes  # raw bytes

    def __post_init__(self) -> None:
        try:
            Fernet(self.fernet_key)
        except (ValueError, TypeError, binascii.Error) as err:
            raise InvalidKeyMaterial("fernet_key is not a valid Fernet key") from err
        if not isinstance(self.hmac_key, bytes) or len(self.hmac_key) < _HMAC_KEY_BYTES:
            raise InvalidKeyMaterial(f"hmac_key must be at least {_HMAC_KEY_BYTES} bytes")

    @classmethod
    def generate(cls) -> Self:
        """Fresh random keys, for a server seen for the first time."""
        return cls(Fernet.generate_key(), secrets.token_bytes(_HMAC_KEY_BYTES))

    def as_dict(self) -> dict[str, str]:
        """JSON-safe form for Home Assistant's storage."""
        return {
            "fernet_key": self.fernet_key.decode("ascii"),
            "hmac_key": base64.urlsafe_b64encode(self.hmac_key).decode("ascii"),
        }

    @classmethod
    def from_dict(cls, data: dict[str, str]) -> Self:
        """Rebuild keys saved by `as_dict`; raises InvalidKeyMaterial if they are damaged."""
        try:
            fernet_key = data["fernet_key"].encode("ascii")
            hmac_key = base64.b64decode(data["hmac_key"], altchars=b"-_", validate=True)
        except (KeyError, AttributeError, TypeError, UnicodeError, binascii.Error) as err:
            raise InvalidKeyMaterial("stored key material is incomplete or malformed") from err
        return cls(fernet_key, hmac_key)

    def check_value(self) -> bytes:
        """A keyed digest over both keys: stored in the database, it tells at open whether
        these are the keys that wrote it, without revealing either."""
        return hmac.new(self.hmac_key, _CHECK_LABEL + self.fernet_key, hashlib.sha256).digest()


class AddressCipher:
    """Hashes, encrypts and decrypts addresses with one set of keys."""

    __slots__ = ("_fernet", "_hmac_key")

    def __init__(self, keys: KeyMaterial) -> None:
        self._fernet = Fernet(keys.fernet_key)
        self._hmac_key = keys.hmac_key

    def digest(self, address: str) -> bytes:
        """The 32-byte keyed hash of an address: equal addresses, equal digests."""
        return hmac.new(self._hmac_key, address.encode("utf-8"), hashlib.sha256).digest()

    def digests(self, addresses: Iterable[str]) -> list[bytes]:
        """`digest` of each address, the key schedule computed once for all of them."""
        keyed = hmac.new(self._hmac_key, digestmod=hashlib.sha256)
        found = []
        for address in addresses:
            one = keyed.copy()
            one.update(address.encode("utf-8"))
            found.append(one.digest())
        return found

    def encrypt(self, address: str) -> bytes:
        """The address as a raw Fernet token (base64-decoded: a quarter smaller on disk)."""
        token = self._fernet.encrypt(address.encode("utf-8"))
        return base64.urlsafe_b64decode(token)

    def decrypt(self, token: bytes) -> str:
        """The address from a token written by `encrypt` with the same keys."""
        try:
            return self._fernet.decrypt(base64.urlsafe_b64encode(token)).decode("utf-8")
        except (InvalidToken, UnicodeError) as err:
            raise AddressDecryptError(
                "cannot decrypt a stored address: the keys differ from those that wrote it"
            ) from err
