"""Exceptions raised by the core; the HA layer maps them to HA's exceptions."""

from __future__ import annotations


class PlexGeoError(Exception):
    """Base class for PlexGeo's own errors."""


class PlexError(PlexGeoError):
    """Talking to the Plex server failed."""


class PlexUnreachable(PlexError):
    """The server did not answer: refused, timed out, DNS failure or HTTP 5xx."""


class PlexAuthError(PlexError):
    """The server rejected the token (HTTP 401/403)."""


class PlexSSLError(PlexUnreachable):
    """The TLS handshake failed, usually a self-signed certificate."""


class PlexResponseError(PlexError):
    """The server answered something that is not the XML we expect."""


class StoreError(PlexGeoError):
    """The history database could not be used."""


class StoreUnavailable(StoreError):
    """The database is locked or the disk refuses writes; retry later, nothing dropped."""


class StoreCorrupt(StoreError):
    """The database file is not a usable SQLite database."""


class StoreKeyMismatch(StoreError):
    """The encryption keys are not the ones the database was written with."""
