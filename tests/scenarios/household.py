"""Drive a labelled scenario through Home Assistant, the Plex simulator and the fake ip-api.

A scenario is an async function over a `Household`: it starts and stops labelled
sessions, moves the clock and polls. The household records, for every label, its stream
id and the poll in which its location became known, and for every `plexgeo_anomaly`
event and event-entity firing the poll that produced it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import EVENT_STATE_CHANGED
from homeassistant.core import Event, HomeAssistant, callback
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.plexgeo.const import EVENT_ANOMALY
from custom_components.plexgeo.core.models import LocationStatus
from custom_components.plexgeo.event import PUBLIC_FIELDS
from simulator.ipapi import FailMode, FakeIpApi
from simulator.plex import PlexSimulator
from simulator.scenario import SimSession

EVENT_ENTITY = "event.test_plex_anomaly"
# The event entity's own attributes, and what an alert shows without stream details.
PUBLIC_ATTRIBUTES = {"event_type", "event_types", "friendly_name", *PUBLIC_FIELDS}
POLL_INTERVAL = timedelta(seconds=30)
_LOCATED = (LocationStatus.KNOWN, LocationStatus.LOCAL)


@dataclass(slots=True)
class Raised:
    """One anomaly as an automation saw it, and the poll that raised it."""

    poll: int
    kind: str
    stream_id: int
    other_stream_id: int | None
    alert_id: int


@dataclass(slots=True)
class Household:
    """A loaded entry, its simulators and the record of what happened, poll by poll."""

    hass: HomeAssistant
    entry: MockConfigEntry
    plex: PlexSimulator
    ipapi: FakeIpApi
    freezer: FrozenDateTimeFactory
    polls: int = 0
    keys: dict[str, str] = field(default_factory=dict)  # label -> session key
    stream_ids: dict[str, int] = field(default_factory=dict)
    located_poll: dict[str, int] = field(default_factory=dict)
    anomalies: list[Raised] = field(default_factory=list)
    entity_firings: list[int] = field(default_factory=list)  # alert ids, as fired
    # Attribute names the event entity showed beyond its public fields (stream details are
    # off in the corpus, so whose and where must never appear, backlog firings included).
    entity_private: set[str] = field(default_factory=set)

    def listen(self) -> None:
        """Record anomaly events and the event entity's firings from now on."""
        self.hass.bus.async_listen(EVENT_ANOMALY, self._on_anomaly)
        self.hass.bus.async_listen(EVENT_STATE_CHANGED, self._on_state)

    @callback
    def _on_anomaly(self, event: Event[Any]) -> None:
        data = event.data
        other = data.get("other_stream_id")
        self.anomalies.append(
            Raised(
                self.polls,
                str(data["kind"]),
                int(data["stream_id"]),
                None if other is None else int(other),
                int(data["alert_id"]),
            )
        )

    @callback
    def _on_state(self, event: Event[Any]) -> None:
        if event.data.get("entity_id") != EVENT_ENTITY:
            return
        new = event.data.get("new_state")
        old = event.data.get("old_state")
        if new is None or "alert_id" not in new.attributes:
            return
        if old is not None and old.attributes.get("alert_id") == new.attributes["alert_id"]:
            return  # a state write for availability, not a new firing
        self.entity_firings.append(int(new.attributes["alert_id"]))
        self.entity_private |= set(new.attributes) - PUBLIC_ATTRIBUTES

    # --- what the scenario does ---------------------------------------------------------

    async def poll(self) -> None:
        """One coordinator cycle, as the interval timer would run it."""
        self.polls += 1
        await self.entry.runtime_data.coordinator.async_refresh()
        await self.hass.async_block_till_done()
        await self._observe()

    async def start(self, label: str, session: SimSession) -> None:
        """A session appears; it is seen from the next poll on."""
        self.keys[label] = self.plex.add_session(session)

    async def stop(self, label: str) -> None:
        """A session goes; the next poll ends its stream."""
        self.plex.remove_session(self.keys[label])

    async def wait(self, span: timedelta, *, polls: int = 1) -> None:
        """Let `span` pass, polled `polls` times at even steps."""
        for _ in range(polls):
            self.freezer.tick(span / polls)
            await self.poll()

    async def watch(
        self, label: str, session: SimSession, played: timedelta = timedelta(hours=1)
    ) -> None:
        """A whole stream: started, seen, played for `played`, gone at the next poll."""
        await self.start(label, session)
        await self.poll()
        self.freezer.tick(played)
        await self.poll()
        await self.stop(label)
        self.freezer.tick(POLL_INTERVAL)
        await self.poll()

    async def acknowledge_all(self) -> None:
        """The owner acknowledges every open alert of the server."""
        await self.hass.services.async_call(
            "plexgeo",
            "acknowledge_alert",
            {"config_entry_id": self.entry.entry_id},
            blocking=True,
        )

    async def geolocation(self, *, up: bool) -> None:
        """Take the fake ip-api down, or bring it back."""
        await self.ipapi.fail(FailMode.NONE if up else FailMode.DOWN)

    def relocate(self, address: str, place_key: str) -> None:
        """The geolocation database puts `address` somewhere else from now on."""
        self.ipapi.override(address, place_key)

    async def unload(self) -> None:
        """Home Assistant stops (or the entry unloads): no polls until `load`."""
        assert await self.hass.config_entries.async_unload(self.entry.entry_id)
        await self.hass.async_block_till_done()

    async def load(self) -> None:
        """Home Assistant starts the entry again: its first refresh is a poll."""
        self.polls += 1
        assert await self.hass.config_entries.async_setup(self.entry.entry_id)
        await self.hass.async_block_till_done()
        await self._observe()

    async def reload(self) -> None:
        """The entry reloads (an options change): its first refresh is a poll."""
        self.polls += 1
        assert await self.hass.config_entries.async_reload(self.entry.entry_id)
        await self.hass.async_block_till_done()
        await self._observe()

    async def _observe(self) -> None:
        """Learn the stream ids of new labels and which streams are now located."""
        data = self.entry.runtime_data.coordinator.data
        if data is None:
            return
        # The engine's session key is Plex's "sessionKey/Session.id/ratingKey".
        by_key = {
            stream.snapshot.session_key.split("/", 1)[0]: stream.stream_id for stream in data.live
        }
        for label, key in self.keys.items():
            if label not in self.stream_ids and key in by_key:
                self.stream_ids[label] = by_key[key]
        waiting = {
            self.stream_ids[label]: label
            for label in self.stream_ids
            if label not in self.located_poll
        }
        if not waiting:
            return
        store = self.entry.runtime_data.store
        for stream in await self.hass.async_add_executor_job(store.streams, list(waiting)):
            if stream.location_status in _LOCATED:
                self.located_poll[waiting[stream.stream_id]] = self.polls
