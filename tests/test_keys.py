"""Encryption keys and history files through Home Assistant: never replaced silently,
confirmed when written, checked against the database, and owner-only files."""

from __future__ import annotations

import errno
import logging
from pathlib import Path
import stat
from typing import Any
from unittest.mock import patch

from homeassistant.components.repairs import DOMAIN as REPAIRS_DOMAIN
from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ConfigEntryError
from homeassistant.helpers import issue_registry as ir
from homeassistant.setup import async_setup_component
from homeassistant.util.file import WriteError
import pytest
from pytest_homeassistant_custom_component.common import CLIENT_ID, MockConfigEntry, MockUser
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.plexgeo import database_path
from custom_components.plexgeo.const import DOMAIN
from custom_components.plexgeo.core.crypto import KeyMaterial
from simulator.plex import PlexSimulator
from simulator.scenario import wan_session

from .common import TODAY, poll, state
from .core.helpers import read_only


def _key(entry: MockConfigEntry) -> str:
    return f"{DOMAIN}.{entry.entry_id}.keys"


def _issue(hass: HomeAssistant, entry: MockConfigEntry) -> ir.IssueEntry | None:
    return ir.async_get(hass).async_get_issue(DOMAIN, f"keys_{entry.entry_id}")


async def _history_then_unload(
    hass: HomeAssistant, sim: PlexSimulator, entry: MockConfigEntry
) -> Path:
    """A loaded server with one stream in its history, then unloaded; its database path."""
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    sim.add_session(wan_session("paris"))
    await poll(hass, entry)
    assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()
    return database_path(hass, sim.machine_identifier)


async def _setup_fails(
    hass: HomeAssistant, entry: MockConfigEntry, reason: str, caplog: pytest.LogCaptureFixture
) -> ir.IssueEntry:
    """Set the entry up, expecting a permanent error with `reason`, said without a traceback."""
    caplog.clear()
    assert not await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.SETUP_ERROR  # not SETUP_RETRY: it won't fix itself
    assert entry.error_reason_translation_key == reason
    # Only Home Assistant's own line for a ConfigEntryError, which it logs with a stack,
    # and that error carries no chain from the key check's internals.
    logged = [r.exc_info[1] for r in caplog.records if r.exc_info]
    assert [type(err) for err in logged] == [ConfigEntryError]
    assert logged[0] is not None and logged[0].__cause__ is None
    issue = _issue(hass, entry)
    assert issue is not None
    assert issue.translation_key == reason
    assert issue.severity is ir.IssueSeverity.ERROR
    assert issue.translation_placeholders is not None
    assert issue.translation_placeholders["server"] == "Test Plex"
    return issue


async def _new_history(
    hass: HomeAssistant, client_for: ClientSessionGenerator, user: MockUser, issue_id: str
) -> dict[str, Any]:
    """Run the issue's fix flow through the repairs API: show the form, then confirm."""
    assert await async_setup_component(hass, REPAIRS_DOMAIN, {})
    refresh = await hass.auth.async_create_refresh_token(user, CLIENT_ID)
    client = await client_for(hass.auth.async_create_access_token(refresh))
    response = await client.post(
        "/api/repairs/issues/fix", json={"handler": DOMAIN, "issue_id": issue_id}
    )
    assert response.status == 200
    flow = await response.json()
    assert (flow["type"], flow.get("step_id")) == ("form", "confirm"), flow
    assert flow["description_placeholders"]["server"] == "Test Plex"
    response = await client.post(f"/api/repairs/issues/fix/{flow['flow_id']}", json={})
    assert response.status == 200
    result: dict[str, Any] = await response.json()
    await hass.async_block_till_done()
    return result


def _aside(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.old-*[0-9]Z"))


async def test_missing_keys_with_a_history_stop_setup_then_a_new_history(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    hass_admin_user: MockUser,
    hass_storage: dict[str, Any],
    plex_sim: PlexSimulator,
    config_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    path = await _history_then_unload(hass, plex_sim, config_entry)
    original = path.read_bytes()
    del hass_storage[_key(config_entry)]

    issue = await _setup_fails(hass, config_entry, "keys_missing", caplog)
    assert issue.is_fixable
    assert _key(config_entry) not in hass_storage  # no keys made up for the old history
    assert path.read_bytes() == original

    result = await _new_history(hass, hass_client, hass_admin_user, issue.issue_id)
    assert result["type"] == "create_entry"
    assert config_entry.state is ConfigEntryState.LOADED
    assert _issue(hass, config_entry) is None
    [moved] = _aside(path)
    assert moved.read_bytes() == original
    assert _key(config_entry) in hass_storage
    assert state(hass, TODAY) == "1"  # the new history holds only the stream playing now


@pytest.mark.parametrize(
    "stored",
    [
        pytest.param({"version": 1, "data": {"fernet_key": "x", "hmac_key": "y"}}, id="values"),
        pytest.param({"version": 1, "data": ["not", "a", "dict"]}, id="shape"),
        pytest.param({"version": 1, "data": {"fernet_key": 5}}, id="types"),
        pytest.param({"data": {}}, id="wrapper"),
        pytest.param({"version": 9, "data": KeyMaterial.generate().as_dict()}, id="version"),
    ],
)
async def test_damaged_keys_are_a_clear_error_then_a_new_history(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    hass_admin_user: MockUser,
    hass_storage: dict[str, Any],
    plex_sim: PlexSimulator,
    config_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
    stored: dict[str, Any],
) -> None:
    path = await _history_then_unload(hass, plex_sim, config_entry)
    hass_storage[_key(config_entry)] = {"key": _key(config_entry), **stored}

    issue = await _setup_fails(hass, config_entry, "keys_damaged", caplog)
    assert hass_storage[_key(config_entry)]["data"] == stored["data"]  # left for the owner

    result = await _new_history(hass, hass_client, hass_admin_user, issue.issue_id)
    assert result["type"] == "create_entry"
    assert config_entry.state is ConfigEntryState.LOADED
    assert len(_aside(path)) == 1
    KeyMaterial.from_dict(hass_storage[_key(config_entry)]["data"])  # new, usable keys


async def test_keys_of_another_history_are_detected_at_open(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    hass_admin_user: MockUser,
    hass_storage: dict[str, Any],
    plex_sim: PlexSimulator,
    config_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    path = await _history_then_unload(hass, plex_sim, config_entry)
    other = KeyMaterial.generate().as_dict()
    hass_storage[_key(config_entry)]["data"] = other

    issue = await _setup_fails(hass, config_entry, "keys_mismatch", caplog)
    assert "cannot decrypt" not in caplog.text

    result = await _new_history(hass, hass_client, hass_admin_user, issue.issue_id)
    assert result["type"] == "create_entry"
    assert config_entry.state is ConfigEntryState.LOADED
    assert len(_aside(path)) == 1
    assert hass_storage[_key(config_entry)]["data"] == other  # valid keys are kept


async def test_restoring_the_right_keys_clears_the_issue(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    plex_sim: PlexSimulator,
    config_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    path = await _history_then_unload(hass, plex_sim, config_entry)
    saved = hass_storage.pop(_key(config_entry))
    await _setup_fails(hass, config_entry, "keys_missing", caplog)
    hass_storage[_key(config_entry)] = saved  # the owner restores a backup
    assert await hass.config_entries.async_reload(config_entry.entry_id)
    await hass.async_block_till_done()
    assert config_entry.state is ConfigEntryState.LOADED
    assert _issue(hass, config_entry) is None
    assert _aside(path) == []
    assert state(hass, TODAY) == "1"  # the same history: the stream is not counted twice


async def test_keys_that_cannot_be_written_stop_setup_before_any_history(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    plex_sim: PlexSimulator,
    config_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # What Home Assistant's storage raises (and only logs) when the disk is full.
    full = WriteError(OSError(errno.ENOSPC, "No space left on device"))
    with patch("homeassistant.helpers.storage.Store._async_write_data", side_effect=full):
        issue = await _setup_fails(hass, config_entry, "keys_unwritable", caplog)
    assert not issue.is_fixable  # a new history would need keys too: free space, reload
    assert _key(config_entry) not in hass_storage
    assert not database_path(hass, plex_sim.machine_identifier).exists()

    assert await hass.config_entries.async_reload(config_entry.entry_id)
    await hass.async_block_till_done()
    assert config_entry.state is ConfigEntryState.LOADED
    assert _issue(hass, config_entry) is None


async def test_new_history_for_a_removed_server_aborts(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    hass_admin_user: MockUser,
    hass_storage: dict[str, Any],
    plex_sim: PlexSimulator,
    config_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    await _history_then_unload(hass, plex_sim, config_entry)
    del hass_storage[_key(config_entry)]
    issue = await _setup_fails(hass, config_entry, "keys_missing", caplog)
    assert await async_setup_component(hass, REPAIRS_DOMAIN, {})
    refresh = await hass.auth.async_create_refresh_token(hass_admin_user, CLIENT_ID)
    client = await hass_client(hass.auth.async_create_access_token(refresh))
    with patch.object(hass.config_entries, "async_get_entry", return_value=None):
        response = await client.post(
            "/api/repairs/issues/fix", json={"handler": DOMAIN, "issue_id": issue.issue_id}
        )
        flow = await response.json()
    assert (flow["type"], flow["reason"]) == ("abort", "entry_removed")


# --- file modes ------------------------------------------------------------------------


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


async def test_history_files_are_the_owners_alone(
    hass: HomeAssistant, plex_sim: PlexSimulator, loaded_entry: MockConfigEntry
) -> None:
    plex_sim.add_session(wan_session("paris"))
    await poll(hass, loaded_entry)
    path = database_path(hass, plex_sim.machine_identifier)
    files = [path, *(path.with_name(path.name + x) for x in ("-wal", "-shm"))]
    assert {p.name: _mode(p) for p in files} == dict.fromkeys((p.name for p in files), 0o600)
    assert _mode(path.parent) == 0o700


async def test_existing_history_files_are_restricted_at_start(
    hass: HomeAssistant,
    plex_sim: PlexSimulator,
    config_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    path = await _history_then_unload(hass, plex_sim, config_entry)
    path.parent.chmod(0o755)  # as earlier versions created them
    path.chmod(0o644)
    caplog.set_level(logging.WARNING)
    assert await hass.config_entries.async_setup(config_entry.entry_id)
    await hass.async_block_till_done()
    assert (_mode(path.parent), _mode(path)) == (0o700, 0o600)
    assert "Cannot restrict" not in caplog.text


async def test_new_history_that_cannot_move_the_database_aborts_and_keeps_it(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    hass_admin_user: MockUser,
    hass_storage: dict[str, Any],
    plex_sim: PlexSimulator,
    config_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    path = await _history_then_unload(hass, plex_sim, config_entry)
    hass_storage[_key(config_entry)]["data"] = KeyMaterial.generate().as_dict()
    issue = await _setup_fails(hass, config_entry, "keys_mismatch", caplog)
    with read_only(path.parent):
        result = await _new_history(hass, hass_client, hass_admin_user, issue.issue_id)
    assert (result["type"], result["reason"]) == ("abort", "cannot_move")
    assert path.exists() and _aside(path) == []
    assert _issue(hass, config_entry) is not None  # still open: nothing was done
