"""Redirects, size caps, deadlines, TLS and hostile geolocation, through Home Assistant."""

from __future__ import annotations

import logging
from pathlib import Path
import time
from typing import Any

from homeassistant.config_entries import SOURCE_USER, ConfigEntryState
from homeassistant.const import CONF_TOKEN, CONF_URL, STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.plexgeo.const import CONF_STREAM_DETAILS, CONF_VERIFY_SSL, DOMAIN
from custom_components.plexgeo.core import plex
from simulator.hostile import CaptureServer
from simulator.ipapi import FakeIpApi
from simulator.places import place
from simulator.plex import FailureMode, PlexSimulator
from simulator.scenario import wan_session
from simulator.tls import self_signed

from .common import ACTIVE, poll, state


@pytest.fixture
def options(options: dict[str, Any]) -> dict[str, Any]:
    """The owner opted in to stream details, so the sensor lists what each stream shows."""
    return {**options, CONF_STREAM_DETAILS: True}


async def _submit(hass: HomeAssistant, sim: PlexSimulator, verify_ssl: bool) -> dict[str, Any]:
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    user_input = {CONF_URL: sim.url, CONF_TOKEN: sim.token, CONF_VERIFY_SSL: verify_ssl}
    return dict(await hass.config_entries.flow.async_configure(result["flow_id"], user_input))


async def test_config_flow_names_a_redirect_and_sends_no_token(
    hass: HomeAssistant, plex_sim: PlexSimulator, capture: CaptureServer, config_dir: Path
) -> None:
    """The form says where the server redirects; the other host never sees a request."""
    plex_sim.redirect_location = f"{capture.url}/?X-Plex-Token=please"
    await plex_sim.fail(FailureMode.REDIRECT, all_endpoints=True)

    result = await _submit(hass, plex_sim, verify_ssl=False)

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "redirected"}
    assert result["description_placeholders"] == {"location": capture.url}
    assert capture.requests == []


async def test_redirect_while_polling_fails_the_poll(
    hass: HomeAssistant,
    plex_sim: PlexSimulator,
    capture: CaptureServer,
    loaded_entry: MockConfigEntry,
) -> None:
    """A server that starts redirecting is unavailable, saying where to; nothing is sent there."""
    plex_sim.redirect_location = capture.url + "/status/sessions"
    await plex_sim.fail(FailureMode.REDIRECT)

    await poll(hass, loaded_entry)

    coordinator = loaded_entry.runtime_data.coordinator
    assert not coordinator.last_update_success
    assert coordinator.last_poll.error is not None
    assert capture.url in coordinator.last_poll.error
    assert state(hass, ACTIVE) == STATE_UNAVAILABLE
    assert capture.requests == []


async def test_huge_sessions_answer_fails_the_poll_and_recovers(
    hass: HomeAssistant, plex_sim: PlexSimulator, loaded_entry: MockConfigEntry
) -> None:
    """A 200 MB /status/sessions fails one poll with a clear error; the next one works."""
    plex_sim.add_session(wan_session("paris"))
    await plex_sim.fail(FailureMode.HUGE)

    await poll(hass, loaded_entry)

    coordinator = loaded_entry.runtime_data.coordinator
    assert coordinator.last_poll.error == (
        "The Plex server's answer to /status/sessions is larger than 32 MiB; refused"
    )
    assert state(hass, ACTIVE) == STATE_UNAVAILABLE
    await plex_sim.recover()
    await poll(hass, loaded_entry)
    assert state(hass, ACTIVE) == "1"


async def test_dripping_server_fails_the_poll_at_the_deadline(
    hass: HomeAssistant,
    plex_sim: PlexSimulator,
    config_entry: MockConfigEntry,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """One byte every 0.2 s: the poll ends at the 1 s deadline like an unreachable server."""
    monkeypatch.setattr(plex, "DEFAULT_DEADLINE", 1.0)
    assert await hass.config_entries.async_setup(config_entry.entry_id)
    await hass.async_block_till_done()
    plex_sim.add_session(wan_session("paris"))
    await plex_sim.fail(FailureMode.DRIP, delay=0.2)

    started = time.perf_counter()
    await poll(hass, config_entry)
    elapsed = time.perf_counter() - started

    assert elapsed < 3
    coordinator = config_entry.runtime_data.coordinator
    assert not coordinator.last_update_success
    assert coordinator.last_poll.error == (
        "The Plex server's answer to /status/sessions did not arrive within 1 s"
    )
    assert state(hass, ACTIVE) == STATE_UNAVAILABLE


@pytest.mark.usefixtures("config_dir")
async def test_verify_off_adds_a_self_signed_server_with_ca_variables_set(
    hass: HomeAssistant, tls_sim: PlexSimulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE no longer turn "Verify SSL: off" back on."""
    other = self_signed(tmp_path, name="someone-else")
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(other.cert_file))
    monkeypatch.setenv("CURL_CA_BUNDLE", str(other.cert_file))

    result = await _submit(hass, tls_sim, verify_ssl=False)

    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()
    assert result["result"].state is ConfigEntryState.LOADED
    assert state(hass, ACTIVE) == "0"


@pytest.mark.usefixtures("config_dir", "refused_handshakes")
async def test_verify_on_is_not_satisfied_by_a_bundle_from_the_environment(
    hass: HomeAssistant, tls_sim: PlexSimulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The variables name a bundle that trusts the server; "on" still uses certifi's."""
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(tmp_path / "plexgeo-sim.crt"))
    monkeypatch.setenv("CURL_CA_BUNDLE", str(tmp_path / "plexgeo-sim.crt"))

    result = await _submit(hass, tls_sim, verify_ssl=True)

    assert result["errors"] == {"base": "ssl_error"}
    assert tls_sim.request_count("/") == 0


async def test_impossible_place_shows_as_unknown(
    hass: HomeAssistant,
    plex_sim: PlexSimulator,
    ipapi: FakeIpApi,
    loaded_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A hostile answer leaves the stream without a location, says so once, and is not retried."""
    address = place("paris").ipv4[0]
    ipapi.tamper(address, countryCode="../../etc/passwd", country="<b>x</b>", lat=float("nan"))
    plex_sim.add_session(wan_session("paris"))

    with caplog.at_level(logging.WARNING):
        await poll(hass, loaded_entry)
        await poll(hass, loaded_entry)

    [stream] = hass.states.get(ACTIVE).attributes["streams"]  # type: ignore[union-attr]
    assert (stream["country"], stream["city"]) == (None, None)
    lines = [r for r in caplog.records if "unusable location" in r.getMessage()]
    assert len(lines) == 1
    assert len([r for r in ipapi.requests if address in r.addresses]) == 1
