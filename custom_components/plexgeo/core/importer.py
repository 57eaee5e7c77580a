"""Importing Tautulli's history: page by page into the store, then locating its addresses.

Two phases. `history`: pages of get_history, oldest first, each written with the import's
cursor and running summary in one transaction (a restart resumes after the last whole
page). `locating`: the imported streams' distinct addresses, from the cache or through the
configured provider in its batches and within its limits. Imported streams are baselines:
the detectors never judge them (the engine leaves them alone too), so they raise no alert,
event or repair issue; they count in the rare-country rollups and the household's devices
and networks like any stream.

Synchronous steps (`import_page`, `next_lookups`, `store_lookups`) run in the executor;
`locate_imported` drives the locating phase from the event loop.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from copy import deepcopy
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime, timedelta
from functools import partial
import hashlib
import json
from typing import Any, Final

from . import habits
from .geo.base import GeoProvider, LookupResult
from .models import Location, LocationStatus, Stream
from .settings import AlertSettings
from .store import HistoryStore, ImportBatch, ImportRow, LocationOutcome
from .tautulli import PAGE_SIZE, TautulliClient, map_rows

SOURCE: Final = "tautulli"
# A live stream and a Tautulli row of the same user and device started this close are one.
DEDUP_TOLERANCE_SECONDS: Final = 120
# A resumed import re-reads this many rows before its cursor: rows deleted in Tautulli
# meanwhile shift the offsets back, and re-read rows are recognised by their row id.
RESUME_OVERLAP: Final = 100
LOOKUP_BATCH: Final = 500  # streams whose addresses one locating step handles
DEFAULT_CACHE_TTL: Final = timedelta(days=30)

PHASE_HISTORY: Final = "history"
PHASE_LOCATING: Final = "locating"
PHASE_DONE: Final = "done"


@dataclass
class ImportSummary:
    """What an import did, for the notification, the panel and the next run."""

    rows: int = 0  # rows read from Tautulli
    streams: int = 0  # new streams
    duplicates: int = 0  # rows imported before
    already_live: int = 0  # rows PlexGeo recorded itself
    users: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    located: int = 0  # distinct addresses located
    not_located: int = 0  # distinct addresses the provider could not place
    skipped: dict[str, int] = field(default_factory=dict)  # reason -> rows
    missing_fields: list[str] = field(default_factory=list)


@dataclass
class ImportState:
    """The import's persisted cursor and summary."""

    fingerprint: str
    phase: str = PHASE_HISTORY
    next_start: int = 0
    total: int = 0
    summary: ImportSummary = field(default_factory=ImportSummary)
    request: str = ""  # the owner's request this import answers (see the HA adapter)

    def to_json(self) -> str:
        """As stored."""
        return json.dumps(asdict(self), separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> ImportState:
        """As stored; raises ValueError when it is not."""
        raw = json.loads(text)
        if not isinstance(raw, dict):
            raise ValueError("not an import state")
        summary = ImportSummary(**raw.pop("summary", {}))
        return cls(**raw, summary=summary)

    @property
    def percent(self) -> int:
        """How far the import is (the history phase is the long one)."""
        if self.phase == PHASE_DONE:
            return 100
        if self.total <= 0:
            return 0
        return min(99, self.next_start * 100 // self.total)


def fingerprint(url: str, after: date | None) -> str:
    """Which import a state belongs to: another Tautulli or start date starts afresh."""
    text = f"{url.strip().rstrip('/').lower()}|{after.isoformat() if after else ''}"
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


class TautulliImport:
    """One import from one Tautulli into one store."""

    def __init__(
        self,
        store: HistoryStore,
        client: TautulliClient,
        *,
        url: str,
        after: date | None = None,
        home_country: str | None = None,
        page_size: int = PAGE_SIZE,
    ) -> None:
        """Resume the saved import for this URL and start date, or begin one."""
        self.store = store
        self.client = client
        self.after = after
        self.home_country = home_country
        self.page_size = page_size
        self.state = self._load(fingerprint(url, after))
        self._users = set(self.state.summary.users)

    def _load(self, print_: str) -> ImportState:
        saved = self.store.import_state(SOURCE)
        if saved is not None:
            try:
                state = ImportState.from_json(saved)
            except (ValueError, TypeError):
                state = None
            if state is not None and state.fingerprint == print_:
                # Done before: look again from the cursor for plays added since.
                state.phase = PHASE_HISTORY
                state.next_start = max(0, state.next_start - RESUME_OVERLAP)
                return state
        return ImportState(fingerprint=print_)

    def import_page(self) -> bool:
        """Read and store the next page; False when the history is exhausted.

        When the page fails (Tautulli, or the store) the import stands where it stood.
        """
        saved = deepcopy(self.state)
        try:
            return self._import_page()
        except BaseException:
            self.state = saved
            raise

    def _import_page(self) -> bool:
        page = self.client.history(self.state.next_start, self.page_size, self.after)
        mapped = map_rows(page.rows)
        summary = self.state.summary
        summary.rows += len(page.rows)
        for reason, count in mapped.skipped.items():
            summary.skipped[reason] = summary.skipped.get(reason, 0) + count
        summary.missing_fields = sorted(set(summary.missing_fields) | mapped.missing)
        self._users.update(play.snapshot.user_id for play in mapped.plays)
        summary.users = sorted(self._users)
        self.state.next_start += len(page.rows)
        self.state.total = max(page.total, self.state.next_start)
        more = len(page.rows) >= self.page_size and self.state.next_start < page.total
        if not more:
            self.state.phase = PHASE_LOCATING
        rows: list[ImportRow] = [
            (play.row_id, play.snapshot, play.started, play.stopped) for play in mapped.plays
        ]
        self.store.import_streams(
            rows,
            source=SOURCE,
            state=self._counted,
            tolerance_seconds=DEDUP_TOLERANCE_SECONDS,
            home_country=self.home_country,
        )
        return more

    def _counted(self, batch: ImportBatch) -> str:
        """The state with a batch's counts, saved in the batch's own transaction."""
        summary = self.state.summary
        summary.streams += batch.added
        summary.duplicates += batch.duplicates
        summary.already_live += batch.already_live
        return self.state.to_json()

    def next_lookups(
        self, now: datetime, ttl: timedelta = DEFAULT_CACHE_TTL
    ) -> dict[str, list[int]]:
        """The next batch of addresses to look up (address -> imported streams waiting).

        Addresses the cache knows are located at once and left out.
        """
        pending = self.store.pending_imported(LOOKUP_BATCH)
        by_address: dict[str, list[Stream]] = {}
        for stream, address in pending:
            by_address.setdefault(address, []).append(stream)
        cached: list[LocationOutcome] = []
        lookups: dict[str, list[int]] = {}
        for address, streams in by_address.items():
            found = self.store.cached_location(self.store.address_hash(address), now, ttl)
            if found is None:
                lookups[address] = [s.stream_id for s in streams]
            else:
                cached += [(s.stream_id, LocationStatus.KNOWN, found) for s in streams]
        self.store.set_locations(cached)
        return lookups

    def store_lookups(
        self,
        lookups: Mapping[str, Sequence[int]],
        result: LookupResult,
        settings: AlertSettings,
    ) -> None:
        """Store a lookup's answers (what the provider deferred stays pending)."""
        outcomes: list[LocationOutcome] = []
        found: list[tuple[str, Location]] = []
        summary = self.state.summary
        for address, stream_ids in lookups.items():
            location = result.located.get(address)
            if location is not None:
                found.append((self.store.address_hash(address), location))
                outcomes += [(i, LocationStatus.KNOWN, location) for i in stream_ids]
                summary.located += 1
            elif address in result.failed:
                outcomes += [(i, LocationStatus.FAILED, None) for i in stream_ids]
                summary.not_located += 1
        self.store.cache_locations(found)
        self.store.set_locations(outcomes)
        known = [i for i, status, _ in outcomes if status is LocationStatus.KNOWN]
        self._record_networks(known, settings)
        self.store.save_import_state(SOURCE, self.state.to_json())

    def _record_networks(self, stream_ids: list[int], settings: AlertSettings) -> None:
        """Imported streams' networks join the household (trusted ones count nowhere)."""
        if not stream_ids:
            return
        addresses = self.store.stream_addresses(stream_ids)
        networks: list[tuple[str, str, datetime]] = []
        uncounted: list[tuple[int, str | None]] = []
        for stream in self.store.streams(stream_ids):
            address = addresses.get(stream.stream_id)
            if settings.is_trusted_address(address):
                uncounted.append((stream.stream_id, None))
                continue
            located = replace(stream, snapshot=replace(stream.snapshot, ip_address=address))
            key = habits.stream_network(self.store, located, settings)
            if key is not None:
                networks.append((stream.snapshot.user_id, key, stream.started_at))
        self.store.set_counted_countries(uncounted)
        self.store.record_habits(devices=[], networks=networks)

    def finish(self) -> ImportSummary:
        """Mark the import done, with its countries; the summary to show."""
        self.state.phase = PHASE_DONE
        self.state.summary.countries = self.store.imported_countries()
        self.store.save_import_state(SOURCE, self.state.to_json())
        return self.state.summary


type RunSync = Callable[[Callable[[], Any]], Awaitable[Any]]


async def locate_imported(
    importer: TautulliImport,
    provider: GeoProvider,
    run: RunSync,
    settings: AlertSettings,
    *,
    now: Callable[[], datetime],
    wait: Callable[[float], Awaitable[None]],
    max_idle_rounds: int = 10,
) -> None:
    """Locate every imported address: cache first, then the provider, batch by batch.

    What the provider defers (its rate budget spent, or down) is asked again once its
    window resets; after `max_idle_rounds` batches in a row that settled nothing the
    rest stays pending for the next run.
    """
    idle = 0
    while True:
        lookups: dict[str, list[int]] = await run(lambda: importer.next_lookups(now()))
        if not lookups:
            return
        result = await provider.locate(list(lookups), now())
        await run(partial(importer.store_lookups, lookups, result, settings))
        if not result.deferred:
            idle = 0
            continue
        idle = 0 if (result.located or result.failed) else idle + 1
        if idle >= max_idle_rounds:
            return
        reset_at = provider.status().reset_at
        pause = (reset_at - now()).total_seconds() if reset_at is not None else 2.0**idle
        await wait(min(65.0, max(1.0, pause)))
