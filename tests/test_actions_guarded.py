"""Every action is admin-only and fails as a translated Home Assistant error, never raw."""

from __future__ import annotations

from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import Context, HomeAssistant
from homeassistant.exceptions import HomeAssistantError, Unauthorized
from homeassistant.helpers import issue_registry as ir
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, MockUser

from custom_components.plexgeo.const import DOMAIN
from custom_components.plexgeo.core.errors import StoreUnavailable
from custom_components.plexgeo.services import ACTIONS
from simulator.plex import PlexSimulator
from simulator.scenario import wan_session

from .common import poll
from .test_alerts import _alert, options  # noqa: F401  (alert after two streams)


def _data(entry: MockConfigEntry, action: str, stream_id: int = 1) -> dict[str, Any]:
    base: dict[str, Any] = {"config_entry_id": entry.entry_id}
    if action in ("trust_location", "untrust_location"):
        return {**base, "user_id": "1", "country": "AU"}
    if action == "terminate_stream":
        return {**base, "stream_id": stream_id}
    if action == "set_stream_limit":
        return {**base, "user_id": "1", "limit": 1}
    if action == "import_tautulli":
        return {**base, "url": "http://127.0.0.1:9", "api_key": "not-a-key"}
    return base


def test_every_action_is_covered() -> None:
    assert [name for name, *_ in ACTIONS] == [
        "acknowledge_alert",
        "trust_location",
        "untrust_location",
        "terminate_stream",
        "set_stream_limit",
        "relocate_addresses",
        "import_tautulli",
    ]


@pytest.mark.parametrize("action", [name for name, *_ in ACTIONS])
async def test_non_admin_is_refused(
    hass: HomeAssistant,
    hass_read_only_user: MockUser,
    hass_admin_user: MockUser,
    plex_sim: PlexSimulator,
    loaded_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
    action: str,
) -> None:
    alert = await _alert(hass, plex_sim, loaded_entry, freezer)
    [stream] = list(loaded_entry.runtime_data.coordinator.data.live)
    store = loaded_entry.runtime_data.store
    before = await hass.async_add_executor_job(store.alerts)
    data = _data(loaded_entry, action, stream.stream_id)

    with pytest.raises(Unauthorized) as err:
        await hass.services.async_call(
            DOMAIN, action, data, blocking=True, context=Context(user_id=hass_read_only_user.id)
        )
    assert err.value.translation_domain == DOMAIN
    assert err.value.translation_key == "admin_only"
    assert str(err.value).startswith(f"Only administrators may use the plexgeo.{action} action")
    # Nothing changed, and Plex was never asked to stop the stream.
    assert await hass.async_add_executor_job(store.alerts) == before
    assert await hass.async_add_executor_job(store.trusted_countries, "1") == frozenset()
    assert plex_sim.terminated == []
    assert await hass.async_add_executor_job(store.stream_limit, "1") is None
    issue_id = f"alert_{loaded_entry.entry_id}_{alert['alert_id']}"
    assert ir.async_get(hass).async_get_issue(DOMAIN, issue_id) is not None

    # An unknown user id is refused the same way.
    with pytest.raises(Unauthorized):
        await hass.services.async_call(
            DOMAIN, action, data, blocking=True, context=Context(user_id="no-such-user")
        )
    # An admin (and an automation, which has no user) may.
    await hass.services.async_call(
        DOMAIN, action, data, blocking=True, context=Context(user_id=hass_admin_user.id)
    )


@pytest.mark.parametrize(
    ("action", "method"),
    [
        ("acknowledge_alert", "acknowledge_alerts"),
        ("trust_location", "trust_country"),
        ("untrust_location", "untrust_country"),
        ("set_stream_limit", "set_stream_limit"),
        ("relocate_addresses", "count_located_by_others"),
    ],
)
async def test_refusing_database_is_a_translated_error(
    hass: HomeAssistant,
    plex_sim: PlexSimulator,
    loaded_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
    monkeypatch: pytest.MonkeyPatch,
    action: str,
    method: str,
) -> None:
    alert = await _alert(hass, plex_sim, loaded_entry, freezer)
    store = loaded_entry.runtime_data.store

    def locked(*args: object, **kwargs: object) -> Any:
        raise StoreUnavailable("database is locked")

    monkeypatch.setattr(store, method, locked)
    with pytest.raises(HomeAssistantError) as err:
        await hass.services.async_call(DOMAIN, action, _data(loaded_entry, action), blocking=True)
    assert not isinstance(err.value, StoreUnavailable)
    assert isinstance(err.value.__cause__, StoreUnavailable)
    assert err.value.translation_key == "store_unavailable"
    assert "database is locked" in str(err.value)
    monkeypatch.undo()
    issue_id = f"alert_{loaded_entry.entry_id}_{alert['alert_id']}"
    assert ir.async_get(hass).async_get_issue(DOMAIN, issue_id) is not None
    assert await hass.async_add_executor_job(store.unacknowledged_count) == 1


async def test_acknowledge_and_trust_refused_half_way(
    hass: HomeAssistant,
    plex_sim: PlexSimulator,
    loaded_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The count read after acknowledging fails: still an HA error, never StoreUnavailable."""
    await _alert(hass, plex_sim, loaded_entry, freezer)
    store = loaded_entry.runtime_data.store

    def locked(*args: object, **kwargs: object) -> Any:
        raise StoreUnavailable("disk I/O error")

    monkeypatch.setattr(store, "unacknowledged_count", locked)
    with pytest.raises(HomeAssistantError) as err:
        await hass.services.async_call(
            DOMAIN,
            "acknowledge_alert",
            {"config_entry_id": loaded_entry.entry_id, "trust": True},
            blocking=True,
        )
    assert err.value.translation_key == "store_unavailable"


async def test_terminate_reaching_plex_fails_translated(
    hass: HomeAssistant, plex_sim: PlexSimulator, loaded_entry: MockConfigEntry
) -> None:
    plex_sim.add_session(wan_session("tokyo", user_name="carol"))
    await poll(hass, loaded_entry)
    [stream] = loaded_entry.runtime_data.coordinator.data.live
    await plex_sim.stop()  # the server went away between the poll and the action
    with pytest.raises(HomeAssistantError) as err:
        await hass.services.async_call(
            DOMAIN,
            "terminate_stream",
            _data(loaded_entry, "terminate_stream", stream.stream_id),
            blocking=True,
        )
    assert err.value.translation_key == "terminate_failed"
