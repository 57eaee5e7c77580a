"""The keyed check value: proof at open that the keys are the ones that wrote the file.

Without it, keys replaced or restored from another backup went unnoticed until the stream
log failed to decrypt a stored address.
"""

from __future__ import annotations

import hmac
import sqlite3

from ..crypto import AddressCipher, AddressDecryptError, KeyMaterial
from ..errors import StoreKeyMismatch


def check_keys(conn: sqlite3.Connection, keys: KeyMaterial, name: str) -> None:
    """Raise StoreKeyMismatch unless `keys` wrote this database.

    A file without a check value yet (new, or from before it existed) gets one, provided
    the keys decrypt and hash the oldest stored address as stored, or no address is stored.
    """
    expected = keys.check_value()
    row = conn.execute("SELECT value FROM key_check WHERE id = 1").fetchone()
    if row is not None:
        if not hmac.compare_digest(bytes(row[0]), expected):
            raise _mismatch(name)
        return
    sample = conn.execute("SELECT hash, token FROM addresses ORDER BY id LIMIT 1").fetchone()
    if sample is not None:
        cipher = AddressCipher(keys)
        try:
            address = cipher.decrypt(bytes(sample[1]))
        except AddressDecryptError as err:
            raise _mismatch(name) from err
        if not hmac.compare_digest(cipher.digest(address), bytes(sample[0])):
            raise _mismatch(name)
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("INSERT INTO key_check (id, value) VALUES (1, ?)", (expected,))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _mismatch(name: str) -> StoreKeyMismatch:
    return StoreKeyMismatch(
        f"{name} was written with other encryption keys than the ones stored for it"
    )
