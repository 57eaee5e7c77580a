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


class PlexRedirectError(PlexError):
    """The server answered with a redirect; it is not followed (the token would go along)."""

    def __init__(self, location: str, origin: str) -> None:
        """`location` is where the server points (printable, capped); `origin` its scheme,
        host and port, checked so it can be shown in a form."""
        super().__init__(
            f"The Plex server redirects to {location}; use that address if it is yours"
        )
        self.location = location
        self.origin = origin


class ResponseTooLarge(PlexGeoError):
    """An answer is larger than anything a sane server sends; it was refused unread."""

    def __init__(self, what: str, limit: int) -> None:
        """Say what was refused and the limit, in words an owner can act on."""
        super().__init__(f"{what} is larger than {format_size(limit)}; refused")
        self.limit = limit


def format_size(size: int) -> str:
    """A byte count as the largest whole binary unit: 64 KiB, 32 MiB."""
    for unit, scale in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if size >= scale:
            return f"{size / scale:g} {unit}"
    return f"{size} bytes"


class StoreError(PlexGeoError):
    """The history database could not be used."""


class StoreUnavailable(StoreError):
    """The database is locked or the disk refuses writes; retry later, nothing dropped."""


class StoreCorrupt(StoreError):
    """The database file is not a usable SQLite database."""


class StoreKeyMismatch(StoreError):
    """The encryption keys are not the ones the database was written with."""
