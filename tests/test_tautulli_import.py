"""The Tautulli import in Home Assistant: the action, the options step, progress, summary,
resuming after a reload, and the API key kept out of logs and diagnostics."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
import logging
from typing import Any

from homeassistant.components.diagnostics import REDACTED
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import issue_registry as ir
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.plexgeo.const import (
    CONF_TAUTULLI_API_KEY,
    CONF_TAUTULLI_URL,
    DOMAIN,
)
from custom_components.plexgeo.core.errors import StoreUnavailable
from custom_components.plexgeo.core.importer import ImportState, ImportSummary, fingerprint
from custom_components.plexgeo.diagnostics import async_get_config_entry_diagnostics
from custom_components.plexgeo.tautulli_form import CONF_IMPORT_TAUTULLI
from custom_components.plexgeo.tautulli_import import (
    TautulliConfig,
    needs_run,
    parse_date,
    saved_summary,
    summary_text,
)
from simulator.plex import PlexSimulator
from simulator.scenario import lan_session, relayed_session, wan_session
from simulator.tautulli import DEFAULT_API_KEY, FakeTautulli, HistoryPlay, TautulliFailure

from .common import poll, state

SENSOR = "sensor.test_plex_tautulli_import"
START = int((datetime.now(UTC) - timedelta(days=20)).timestamp())


@pytest.fixture
async def tautulli(socket_enabled: None) -> AsyncIterator[FakeTautulli]:
    sessions = [wan_session("paris"), lan_session(), relayed_session(), wan_session("tokyo")]
    fake = FakeTautulli(
        plays=[
            HistoryPlay(i + 1, sessions[i % 4], START + i * 3600, START + i * 3600 + 1200)
            for i in range(40)
        ]
    )
    await fake.start()
    yield fake
    await fake.stop()


def _notification(hass: HomeAssistant, entry: MockConfigEntry) -> dict[str, Any]:
    notifications = hass.data["persistent_notification"]
    return dict(notifications[f"{DOMAIN}_tautulli_{entry.entry_id}"])


async def _import(hass: HomeAssistant, entry: MockConfigEntry, **data: Any) -> None:
    await hass.services.async_call(
        DOMAIN, "import_tautulli", {"config_entry_id": entry.entry_id, **data}, blocking=True
    )
    await hass.async_block_till_done(wait_background_tasks=True)


async def test_action_imports_in_the_background(
    hass: HomeAssistant,
    loaded_entry: MockConfigEntry,
    tautulli: FakeTautulli,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    events: list[Any] = []
    hass.bus.async_listen(f"{DOMAIN}_anomaly", events.append)
    await _import(hass, loaded_entry, url=tautulli.url, api_key=DEFAULT_API_KEY)
    store = loaded_entry.runtime_data.store
    assert await hass.async_add_executor_job(store.imported_count) == 40
    assert state(hass, SENSOR) == "100"
    attributes = hass.states.get(SENSOR).attributes
    assert attributes["phase"] == "done"
    assert attributes["streams"] == 40
    assert attributes["countries"] == 2  # FR, JP (no home country set: LAN counts nowhere)
    assert attributes["addresses_located"] == 2
    message = _notification(hass, loaded_entry)["message"]
    assert "Streams imported: 40" in message
    assert "Countries: FR, JP" in message
    # A baseline: no alert, event or repair issue.
    assert await hass.async_add_executor_job(store.alerts) == []
    assert events == []
    assert not [i for i in ir.async_get(hass).issues.values() if i.domain == DOMAIN]
    assert DEFAULT_API_KEY not in caplog.text
    # Polling goes on, and importing again adds nothing.
    await poll(hass, loaded_entry)
    assert loaded_entry.runtime_data.coordinator.last_update_success
    await _import(hass, loaded_entry, url=tautulli.url, api_key=DEFAULT_API_KEY)
    assert await hass.async_add_executor_job(store.imported_count) == 40


async def test_wrong_key_is_reported_not_logged(
    hass: HomeAssistant,
    loaded_entry: MockConfigEntry,
    tautulli: FakeTautulli,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    await _import(hass, loaded_entry, url=tautulli.url, api_key="wrong-key-987")
    assert hass.states.get(SENSOR).attributes["phase"] == "failed"
    assert "refused the API key" in _notification(hass, loaded_entry)["message"]
    assert "wrong-key-987" not in caplog.text
    store = loaded_entry.runtime_data.store
    assert await hass.async_add_executor_job(store.imported_count) == 0


async def test_html_answer_is_a_clear_error(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, tautulli: FakeTautulli
) -> None:
    tautulli.failure = TautulliFailure.HTML
    await _import(hass, loaded_entry, url=tautulli.url, api_key=DEFAULT_API_KEY)
    assert "did not answer as Tautulli" in _notification(hass, loaded_entry)["message"]


async def test_action_without_tautulli_configured(
    hass: HomeAssistant, loaded_entry: MockConfigEntry
) -> None:
    with pytest.raises(ServiceValidationError) as err:
        await _import(hass, loaded_entry)
    assert err.value.translation_key == "tautulli_not_configured"


async def test_one_import_at_a_time(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, tautulli: FakeTautulli
) -> None:
    data = {"config_entry_id": loaded_entry.entry_id, "url": tautulli.url}
    await hass.services.async_call(
        DOMAIN, "import_tautulli", {**data, "api_key": DEFAULT_API_KEY}, blocking=True
    )
    with pytest.raises(ServiceValidationError) as err:
        await hass.services.async_call(
            DOMAIN, "import_tautulli", {**data, "api_key": DEFAULT_API_KEY}, blocking=True
        )
    assert err.value.translation_key == "import_running"
    await hass.async_block_till_done(wait_background_tasks=True)


async def test_options_step_checks_then_imports_after_reload(
    hass: HomeAssistant,
    loaded_entry: MockConfigEntry,
    tautulli: FakeTautulli,
    plex_sim: PlexSimulator,
) -> None:
    entry = loaded_entry
    result = await hass.config_entries.options.async_init(entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {**entry.options, CONF_IMPORT_TAUTULLI: True}
    )
    assert result["step_id"] == "tautulli"
    form = {CONF_TAUTULLI_URL: tautulli.url, CONF_TAUTULLI_API_KEY: "nope"}
    result = await hass.config_entries.options.async_configure(result["flow_id"], form)
    assert result["errors"] == {CONF_TAUTULLI_API_KEY: "tautulli_auth"}
    tautulli.failure = TautulliFailure.HTML
    form[CONF_TAUTULLI_API_KEY] = DEFAULT_API_KEY
    result = await hass.config_entries.options.async_configure(result["flow_id"], form)
    assert result["errors"] == {"base": "tautulli_not_tautulli"}
    tautulli.failure = TautulliFailure.NONE
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {**form, "tautulli_start_date": "2000-01-02"}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.options[CONF_TAUTULLI_API_KEY] == DEFAULT_API_KEY
    await hass.async_block_till_done(wait_background_tasks=True)  # reload, then the import
    store = entry.runtime_data.store
    assert await hass.async_add_executor_job(store.imported_count) == 40
    assert tautulli.requests[-1]["after"] == "2000-01-02"
    # A restart does not import again; saving the other options keeps Tautulli's.
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done(wait_background_tasks=True)
    requests = len(tautulli.requests)
    result = await hass.config_entries.options.async_init(entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {k: v for k, v in entry.options.items() if "tautulli" not in k}
    )
    assert entry.options[CONF_TAUTULLI_URL] == tautulli.url
    await hass.async_block_till_done(wait_background_tasks=True)
    assert len(tautulli.requests) == requests
    # The key stays out of diagnostics.
    diagnostics = await async_get_config_entry_diagnostics(hass, entry)
    assert diagnostics["entry"]["options"][CONF_TAUTULLI_API_KEY] == REDACTED
    assert diagnostics["entry"]["options"][CONF_TAUTULLI_URL] == REDACTED
    assert DEFAULT_API_KEY not in str(diagnostics)


async def test_unload_stops_a_running_import(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, tautulli: FakeTautulli
) -> None:
    await hass.services.async_call(
        DOMAIN,
        "import_tautulli",
        {"config_entry_id": loaded_entry.entry_id, "url": tautulli.url, "api_key": "k" * 8},
        blocking=True,
    )
    job = loaded_entry.runtime_data.tautulli
    assert job is not None
    assert job.running
    assert await hass.config_entries.async_unload(loaded_entry.entry_id)
    assert not job.running


def test_summary_and_resume_rules() -> None:
    config = TautulliConfig(url="http://t:8181", api_key="k", start_date=date(2024, 1, 2))
    assert parse_date("2024-01-02") == date(2024, 1, 2)
    assert parse_date(date(2024, 1, 2)) == date(2024, 1, 2)
    assert parse_date("") is None
    assert needs_run(None, config)
    assert needs_run("not json", config)
    done = ImportState(fingerprint=fingerprint(config.url, config.start_date), phase="done")
    assert not needs_run(done.to_json(), config)
    assert needs_run(done.to_json(), TautulliConfig(url="http://t:8181", api_key="k"))
    summary = ImportSummary(
        streams=3, skipped={"no_user": 2}, missing_fields=["machine_id", "location"]
    )
    text = summary_text(summary)
    assert "Rows skipped: no_user: 2" in text
    assert "machine_id, location" in text


async def test_resume_with_a_refusing_database(
    hass: HomeAssistant,
    loaded_entry: MockConfigEntry,
    tautulli: FakeTautulli,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    hass.config_entries.async_update_entry(
        loaded_entry,
        options={
            **loaded_entry.options,
            CONF_TAUTULLI_URL: tautulli.url,
            CONF_TAUTULLI_API_KEY: DEFAULT_API_KEY,
        },
    )

    def locked(source: str) -> str:
        raise StoreUnavailable("database is locked")

    monkeypatch.setattr(loaded_entry.runtime_data.store, "import_state", locked)
    job = loaded_entry.runtime_data.tautulli
    assert job is not None
    await job.async_resume()
    assert not job.running
    assert "Tautulli import not resumed: database is locked" in caplog.text


async def test_panel_reads_progress_and_summary(
    hass: HomeAssistant,
    loaded_entry: MockConfigEntry,
    tautulli: FakeTautulli,
    hass_ws_client: Any,
) -> None:
    client = await hass_ws_client(hass)
    await client.send_json_auto_id(
        {"type": "plexgeo/tautulli_import", "entry_id": loaded_entry.entry_id}
    )
    answer = await client.receive_json()
    assert answer["result"] == {
        "running": False,
        "percent": None,
        "phase": None,
        "rows": 0,
        "total_rows": 0,
        "error": None,
        "summary": {},
    }
    await _import(hass, loaded_entry, url=tautulli.url, api_key=DEFAULT_API_KEY)
    await client.send_json_auto_id(
        {"type": "plexgeo/tautulli_import", "entry_id": loaded_entry.entry_id}
    )
    result = (await client.receive_json())["result"]
    assert result["percent"] == 100
    assert result["summary"]["phase"] == "done"
    assert result["summary"]["streams"] == 40
    assert result["summary"]["countries"] == ["FR", "JP"]
    assert DEFAULT_API_KEY not in str(result)


def test_a_damaged_saved_summary_reads_as_none() -> None:
    class Store:
        def import_state(self, source: str) -> str:
            return "{broken"

    assert saved_summary(Store()) == {}  # type: ignore[arg-type]
