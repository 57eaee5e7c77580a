"""Offline geolocation from MaxMind DB files (DB-IP Lite, or the user's own GeoLite2/GeoIP2).

Nothing leaves the machine. The files are opened once (memory-mapped by the `maxminddb`
C extension where it is built, else read by its pure-Python reader) and reopened when a file
on disk changes; a new file that fails to open leaves the old one in use. Every lookup runs
in the executor: the reader is synchronous.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
import logging
import math
from pathlib import Path
import threading
import time
from typing import Any, Final

import maxminddb
from maxminddb.errors import InvalidDatabaseError

from ..models import Location
from .base import REASON_UNUSABLE, LookupResult, ProviderStatus, fan_out, partition
from .validate import InvalidLocation, build_location

_LOGGER = logging.getLogger(__name__)

# Problems the user must act on (a repair issue each); the HA layer translates them.
PROBLEM_MISSING: Final = "database_missing"
PROBLEM_CORRUPT: Final = "database_corrupt"
REASON_NOT_FOUND: Final = "not in the database"
RECHECK_SECONDS: Final = 5.0


class DatabaseUnavailable(Exception):
    """A database file cannot be used; `problem` says which kind, the message says why."""

    def __init__(self, problem: str, message: str) -> None:
        """Keep the kind of problem beside the text."""
        super().__init__(message)
        self.problem = problem


@dataclass(frozen=True, slots=True)
class _Identity:
    """What tells one file on disk from its replacement."""

    inode: int
    size: int
    mtime_ns: int


def _identity(path: Path) -> _Identity:
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise DatabaseUnavailable(PROBLEM_MISSING, f"{path.name} does not exist") from None
    except OSError as err:
        raise DatabaseUnavailable(
            PROBLEM_MISSING, f"{path.name} cannot be read: {err.strerror}"
        ) from None
    return _Identity(stat.st_ino, stat.st_size, stat.st_mtime_ns)


def open_reader(path: Path) -> maxminddb.Reader:
    """Open one MaxMind DB file, or DatabaseUnavailable saying why it cannot be used."""
    if path.is_dir():  # an empty path option is the current folder
        raise DatabaseUnavailable(PROBLEM_MISSING, f"{path.name or path} is a folder, not a file")
    try:
        return maxminddb.open_database(str(path))
    except FileNotFoundError:
        raise DatabaseUnavailable(PROBLEM_MISSING, f"{path.name} does not exist") from None
    except (InvalidDatabaseError, ValueError) as err:
        raise DatabaseUnavailable(
            PROBLEM_CORRUPT, f"{path.name} is not a valid MaxMind DB file ({err})"
        ) from None
    except OSError as err:
        raise DatabaseUnavailable(
            PROBLEM_MISSING, f"{path.name} cannot be read: {err.strerror}"
        ) from None


class _OpenFile:
    """One database file and the reader opened on it, reopened when the file changes."""

    def __init__(self, path: Path, recheck_seconds: float) -> None:
        self.path = path
        self.reader: maxminddb.Reader | None = None
        self._identity: _Identity | None = None
        self._recheck = recheck_seconds
        self._checked_at = -math.inf

    def current(self) -> maxminddb.Reader:
        """The reader for the file as it is now; the old one stays if a new file is unusable."""
        # A stat per lookup would cost more than the lookup: look at the file now and then.
        checked_at = time.monotonic()
        if self.reader is not None and checked_at - self._checked_at < self._recheck:
            return self.reader
        self._checked_at = checked_at
        identity = _identity(self.path) if self.reader is None else self._peek()
        if self.reader is not None and identity in (None, self._identity):
            return self.reader
        try:
            reader = open_reader(self.path)
        except DatabaseUnavailable:
            if self.reader is None:
                raise
            _LOGGER.warning(
                "%s changed but cannot be opened; the previous copy stays in use", self.path.name
            )
            self._identity = identity  # do not retry the same broken file on every lookup
            return self.reader
        old, self.reader, self._identity = self.reader, reader, identity
        if old is not None:
            old.close()
        return reader

    def _peek(self) -> _Identity | None:
        """The file's identity now, or None when it vanished (the open copy stays in use)."""
        try:
            return _identity(self.path)
        except DatabaseUnavailable:
            return None

    def broken(self) -> None:
        """Forget a reader whose data turned out corrupt, so the next lookup reopens."""
        if self.reader is not None:
            self.reader.close()
        self.reader, self._identity = None, None

    def close(self) -> None:
        """Release the file (and its memory map)."""
        self.broken()


class OfflineDatabase:
    """A City database and an optional ASN database, looked up together; thread-safe."""

    def __init__(
        self, city: Path, asn: Path | None = None, *, recheck_seconds: float = RECHECK_SECONDS
    ) -> None:
        """Read `city` (and `asn` when given); nothing is opened until the first lookup.

        A file replaced on disk is noticed within `recheck_seconds`.
        """
        self._city = _OpenFile(city, recheck_seconds)
        self._asn = _OpenFile(asn, recheck_seconds) if asn is not None else None
        self._lock = threading.Lock()

    @property
    def city_path(self) -> Path:
        """The City database's path."""
        return self._city.path

    def locate(
        self, addresses: Mapping[str, Sequence[str]], provider: str, now: datetime
    ) -> tuple[dict[str, Location], dict[str, str]]:
        """Located and failed addresses; DatabaseUnavailable when the City file is unusable."""
        with self._lock:
            city = self._city.current()
            asn = self._asn_reader()
            located: dict[str, Location] = {}
            failed: dict[str, str] = {}
            for address in addresses:
                try:
                    record = city.get(address)
                    network = asn.get(address) if asn is not None else None
                except InvalidDatabaseError as err:
                    self._city.broken()
                    raise DatabaseUnavailable(
                        PROBLEM_CORRUPT, f"{self._city.path.name} is corrupt ({err})"
                    ) from None
                if not isinstance(record, dict):
                    failed[address] = REASON_NOT_FOUND
                    continue
                try:
                    located[address] = _location(record, network, provider, now)
                except InvalidLocation:
                    failed[address] = REASON_UNUSABLE
            return located, failed

    def _asn_reader(self) -> maxminddb.Reader | None:
        """The ASN reader, or None: a missing or broken ASN file only loses network names."""
        if self._asn is None:
            return None
        try:
            return self._asn.current()
        except DatabaseUnavailable as err:
            _LOGGER.debug("ASN database unavailable: %s", err)
            return None

    def close(self) -> None:
        """Release both files."""
        with self._lock:
            self._city.close()
            if self._asn is not None:
                self._asn.close()


def _name(section: object) -> object:
    """The English name of a GeoIP2-style section ({"names": {"en": ...}})."""
    if not isinstance(section, dict):
        return None
    names = section.get("names")
    return names.get("en") if isinstance(names, dict) else None


def _location(record: dict[str, Any], network: object, provider: str, now: datetime) -> Location:
    """A checked Location from a City record (GeoLite2 and DB-IP share its shape)."""
    country = record.get("country") or record.get("registered_country") or {}
    place = record.get("location") or {}
    subdivisions = record.get("subdivisions")
    region = _name(subdivisions[0]) if isinstance(subdivisions, list) and subdivisions else None
    number = org = None
    if isinstance(network, dict):
        number = network.get("autonomous_system_number")
        org = network.get("autonomous_system_organization")
    asn = f"AS{number}" if isinstance(number, int) and not isinstance(number, bool) else None
    if asn is not None and isinstance(org, str):
        asn = f"{asn} {org}"
    return build_location(
        country_code_value=country.get("iso_code") if isinstance(country, dict) else None,
        country_name=_name(country),
        region=region,
        city=_name(record.get("city")),
        latitude=place.get("latitude") if isinstance(place, dict) else None,
        longitude=place.get("longitude") if isinstance(place, dict) else None,
        timezone_name=place.get("time_zone") if isinstance(place, dict) else None,
        isp=None,
        org=org,
        asn=asn,
        mobile=None,
        proxy=None,
        hosting=None,
        provider=provider,
        looked_up_at=now,
        accuracy_km=place.get("accuracy_radius") if isinstance(place, dict) else None,
    )


class MmdbProvider:
    """A GeoProvider over OfflineDatabase: lookups in the executor, nothing on the network."""

    def __init__(self, name: str, database: OfflineDatabase) -> None:
        """Locate with `database`, reporting answers as provider `name`."""
        self.name = name
        self.database = database
        self._last_error: str | None = None
        self._problem: str | None = None
        self._last_success: datetime | None = None
        self._lookups = 0

    @property
    def problem(self) -> str | None:
        """What the user must fix (PROBLEM_*), or None while the database works."""
        return self._problem

    async def locate(self, addresses: Sequence[str], now: datetime) -> LookupResult:
        """Locate public addresses from the files; an unusable City file defers them all."""
        to_look_up, refused = partition(addresses)
        if not to_look_up:
            return LookupResult(located={}, failed=refused, deferred=())
        self._lookups += 1
        loop = asyncio.get_running_loop()
        try:
            located, failed = await loop.run_in_executor(
                None, self.database.locate, to_look_up, self.name, now
            )
        except DatabaseUnavailable as err:
            self._last_error, self._problem = str(err), err.problem
            deferred = tuple(o for originals in to_look_up.values() for o in originals)
            return LookupResult(located={}, failed=refused, deferred=deferred, error=str(err))
        self._last_error = self._problem = None
        self._last_success = now
        return LookupResult(
            located=fan_out(located, to_look_up),
            failed=refused | fan_out(failed, to_look_up),
            deferred=(),
        )

    def status(self) -> ProviderStatus:
        """No rate budget; the last outcome."""
        return ProviderStatus(
            name=self.name,
            requests_left=None,
            reset_at=None,
            last_error=self._last_error,
            last_success=self._last_success,
            requests_sent=0,
        )

    def close(self) -> None:
        """Release the files."""
        self.database.close()
