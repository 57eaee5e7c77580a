"""Logbook lines for PlexGeo's events, read back through the logbook's own websocket."""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from homeassistant.components.recorder import Recorder
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.recorder.common import (
    async_wait_recording_done,
)
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

from custom_components.plexgeo import alerts
from custom_components.plexgeo.const import DOMAIN
from custom_components.plexgeo.core.engine import PollOutcome
from custom_components.plexgeo.core.models import Alert, AlertKind, LocationStatus, Stream
from custom_components.plexgeo.logbook import MAX_TEXT, describe_alert, describe_stream
from simulator.places import place

from .core.helpers import location_of, snapshot


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(
    recorder_db_url: str, enable_custom_integrations: None
) -> Generator[None]:
    """The recorder's database is prepared before `hass` exists, as the recorder needs."""
    yield


AT = datetime(2026, 3, 2, 18, tzinfo=UTC)
CONCURRENT = Alert(
    alert_id=9,
    kind=AlertKind.CONCURRENT_LOCATIONS,
    stream_id=12,
    user_id="3",
    user_name="carol",
    created_at=AT,
    country_code="JP",
    country_name="Japan",
    city="Tokyo",
    latitude=35.7,
    longitude=139.7,
    share=None,
    session_count=None,
    previous_country_code="US",
    previous_country_name="United States",
    previous_city="New York",
    distance_km=10850.4,
    speed_kmh=None,
    media_title="Paprika",
    player="TV",
    other_stream_id=11,
    seconds_apart=20.0,
)


def _stream(**snapshot_fields: Any) -> Stream:
    return Stream(
        stream_id=12,
        server_id="srv",
        snapshot=snapshot(**snapshot_fields),
        started_at=AT,
        last_seen=AT,
        ended_at=None,
        location_status=LocationStatus.KNOWN,
        location=location_of(place("tokyo")),
        ip_hash=None,
    )


async def test_logbook_describes_alerts_and_streams(
    recorder_mock: Recorder,
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    loaded_entry: MockConfigEntry,
) -> None:
    assert await async_setup_component(hass, "logbook", {})
    await hass.async_block_till_done()
    since = dt_util.utcnow() - timedelta(minutes=1)
    stream = _stream(user="carol", where="tokyo", title="Paprika", player_title="TV")
    alerts.async_announce(
        hass,
        loaded_entry,
        PollOutcome(
            live=(stream,),
            started=(stream,),
            ended=(stream,),
            new_alerts=(CONCURRENT,),
            streams_today=1,
            unacknowledged_alerts=1,
        ),
    )
    await hass.async_block_till_done()
    await async_wait_recording_done(hass)
    client = await hass_ws_client(hass)
    await client.send_json_auto_id({"type": "logbook/get_events", "start_time": since.isoformat()})
    answer = await client.receive_json()
    assert answer["success"], answer
    lines = {
        (row["domain"], row["name"], row["message"])
        for row in answer["result"]
        if row.get("domain") == DOMAIN
    }
    assert lines == {
        (
            DOMAIN,
            "carol",
            "streamed from Tokyo, Japan while also streaming from New York, United States,"
            " 10,850 km away",
        ),
        (DOMAIN, "carol", "started “Paprika” on TV from Tokyo, Japan"),
        (DOMAIN, "carol", "stopped “Paprika” on TV"),
    }


def test_every_alert_kind_has_its_sentence() -> None:
    def said(alert: Alert) -> str:
        return describe_alert(alerts.alert_event_data("e", alert))

    travel = replace(CONCURRENT, kind=AlertKind.IMPOSSIBLE_TRAVEL)
    assert said(travel) == (
        "streamed from New York, United States, then 20 s later from Tokyo, Japan, 10,850 km away"
    )
    rare = replace(CONCURRENT, kind=AlertKind.RARE_COUNTRY, share=0.01, session_count=80)
    assert said(rare) == "streamed “Paprika” from Tokyo, Japan, a country they rarely stream from"
    many = replace(CONCURRENT, kind=AlertKind.CONCURRENT_STREAMS, stream_count=4)
    assert said(many) == "played 4 streams at once, over their limit"
    device = replace(CONCURRENT, kind=AlertKind.NEW_DEVICE, device="Roku Ultra")
    assert said(device) == "streamed “Paprika” on a new device, Roku Ultra"
    network = replace(CONCURRENT, kind=AlertKind.NEW_NETWORK, city=None)
    assert said(network) == "streamed “Paprika” from a network they had not used, in Japan"


def test_old_or_odd_event_data_still_reads() -> None:
    """Events stay in the recorder across versions: missing or odd fields get words."""
    assert describe_alert({}) == "raised a PlexGeo alert (unknown)"
    assert describe_alert({"kind": "concurrent_locations"}) == (
        "streamed from an unknown place while also streaming from an unknown place"
    )
    assert describe_alert({"kind": "concurrent_streams", "stream_count": True}) == (
        "played more streams at once, over their limit"
    )
    assert describe_stream({}, started=True) == (
        "started “something” on an unknown player from an unlocated address"
    )
    assert describe_stream({"local": True, "title": "Dune", "player": "TV"}, started=True) == (
        "started “Dune” on TV from the local network"
    )


def test_untrusted_text_is_one_short_line() -> None:
    hostile = {
        "kind": "new_device",
        "media_title": "Dune\n\nAdmin: all clear\u202e",
        "device": "x" * 500,
        "city": "\u2066Tokyo\u2069",
        "country_name": "Japan",
    }
    text = describe_alert(hostile)
    assert "\n" not in text and "\u202e" not in text and "\u2066" not in text
    assert "“Dune Admin: all clear”" in text
    device = text.split("new device, ")[1]
    assert len(device) == MAX_TEXT and device.endswith("…")


async def test_device_page_links_to_the_panel(
    hass: HomeAssistant, loaded_entry: MockConfigEntry
) -> None:
    """HA accepts no relative link; `homeassistant://` opens a frontend route."""
    [device] = dr.async_entries_for_config_entry(dr.async_get(hass), loaded_entry.entry_id)
    assert device.configuration_url == "homeassistant://plexgeo"
