"""The geolocation provider interface: what the poll loop asks and what it gets back."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from ..models import Location

# The reason given for addresses that are never sent to a provider.
REASON_LOCAL = "local"
REASON_INVALID = "invalid address"
# The reason given for addresses whose answer failed validation (see validate.py).
REASON_UNUSABLE = "unusable answer"


@dataclass(frozen=True, slots=True)
class LookupResult:
    """The outcome of one lookup call; every address asked lands in exactly one bucket."""

    located: Mapping[str, Location]  # address -> where it is
    failed: Mapping[str, str]  # address -> reason; not worth asking again soon
    deferred: tuple[str, ...]  # not answered now; ask again on a later poll
    error: str | None = None  # why anything was deferred, for one log line


@dataclass(frozen=True, slots=True)
class ProviderStatus:
    """A provider's health and rate budget, for diagnostics."""

    name: str
    requests_left: int | None  # in the provider's current window, as it last said
    reset_at: datetime | None  # when that window ends
    last_error: str | None
    last_success: datetime | None
    requests_sent: int


class GeoProvider(Protocol):
    """A geolocation service that locates many addresses per call and never raises for outages."""

    name: str

    async def locate(self, addresses: Sequence[str], now: datetime) -> LookupResult:
        """Locate `addresses`; transient failures come back as `deferred`, not exceptions."""
        ...

    def status(self) -> ProviderStatus:
        """The provider's current budget and last outcome."""
        ...
