"""Repair issues: escaped, bounded, linked to their entry, and gone with it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from unittest.mock import patch

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.repairs import DOMAIN as REPAIRS_DOMAIN
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.translation import async_get_translations
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import CLIENT_ID, MockConfigEntry, MockUser
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.plexgeo import alerts, repairs
from custom_components.plexgeo.const import DOMAIN
from custom_components.plexgeo.core.engine import PollOutcome
from custom_components.plexgeo.core.errors import StoreUnavailable
from custom_components.plexgeo.core.markdown import escape_markdown
from custom_components.plexgeo.core.models import Alert, AlertKind
from simulator.plex import PlexSimulator
from simulator.scenario import wan_session

from .common import poll, watch
from .test_alerts import _alert, options  # noqa: F401  (alert after two streams)

IMAGE = "![x](http://attacker/p.png)"
LINK = "[link](http://x)"


def _plexgeo_issues(hass: HomeAssistant) -> dict[str, ir.IssueEntry]:
    return {
        issue.issue_id: issue
        for issue in ir.async_get(hass).issues.values()
        if issue.domain == DOMAIN
    }


def _fake_alert(alert_id: int, user_id: str, kind: AlertKind = AlertKind.RARE_COUNTRY) -> Alert:
    return Alert(
        alert_id=alert_id,
        kind=kind,
        stream_id=alert_id,
        user_id=user_id,
        user_name=f"user{user_id}",
        created_at=datetime(2026, 3, 2, tzinfo=UTC),
        country_code="AU",
        country_name="Australia",
        city="Sydney",
        latitude=-33.87,
        longitude=151.21,
        share=0.05,
        session_count=20,
        previous_country_code="GB",
        previous_country_name="United Kingdom",
        previous_city="London",
        distance_km=None,
        speed_kmh=None,
        media_title="Dune",
        player="TV",
    )


async def test_untrusted_text_is_escaped_in_issue_placeholders(
    hass: HomeAssistant,
    plex_sim: PlexSimulator,
    loaded_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    for _ in range(2):
        london = wan_session("london", user_id=1, user_name=IMAGE, title=LINK)
        await watch(hass, plex_sim, loaded_entry, freezer, london)
        freezer.tick(timedelta(days=1))
    plex_sim.add_session(
        wan_session("sydney", user_id=1, user_name=IMAGE, title=LINK, player_title="<b>x</b>")
    )
    await poll(hass, loaded_entry)
    [issue] = [i for i in _plexgeo_issues(hass).values() if i.translation_key == "rare_country"]
    placeholders = issue.translation_placeholders or {}
    assert placeholders["user"] == r"\!\[x\]\(http\://attacker/p.png\)"
    assert placeholders["title"] == r"\[link\]\(http\://x\)"
    assert placeholders["player"] == r"\<b\>x\</b\>"


def test_every_placeholder_of_an_alert_is_escaped() -> None:
    hostile = replace(
        _fake_alert(1, "1"),
        user_name=IMAGE,
        country_name=LINK,
        city=IMAGE,
        previous_country_name=LINK,
        previous_city=IMAGE,
        media_title=LINK,
        player=IMAGE,
    )
    placeholders = alerts.alert_placeholders(hostile)
    for key in ("user", "city", "previous_city", "player"):
        assert placeholders[key] == escape_markdown(IMAGE), key
    for key in ("country", "previous_country", "title"):
        assert placeholders[key] == escape_markdown(LINK), key


async def test_issues_bounded_one_per_user_and_kind_then_a_summary(
    hass: HomeAssistant, loaded_entry: MockConfigEntry
) -> None:
    """Thousands of alerts in one poll open at most MAX_ALERT_ISSUES issues and one summary."""
    flood = tuple(_fake_alert(i, str(i % 3000)) for i in range(1, 5001))
    outcome = PollOutcome(
        live=(), started=(), ended=(), new_alerts=flood, streams_today=0, unacknowledged_alerts=5000
    )
    alerts.async_announce(hass, loaded_entry, outcome)
    issues = _plexgeo_issues(hass)
    alert_issues = [i for i in issues.values() if (i.data or {}).get("alert_id")]
    assert len(alert_issues) == alerts.MAX_ALERT_ISSUES
    assert len({(i.data or {})["user_id"] for i in alert_issues}) == alerts.MAX_ALERT_ISSUES
    summary = issues[alerts.more_alerts_issue_id(loaded_entry.entry_id)]
    assert summary.translation_placeholders == {
        "server": "Test Plex",
        "count": str(5000 - alerts.MAX_ALERT_ISSUES),
    }
    # A second alert of an open user and kind opens nothing new.
    again = replace(outcome, new_alerts=(_fake_alert(6000, "0"),), unacknowledged_alerts=5001)
    alerts.async_announce(hass, loaded_entry, again)
    assert len(_plexgeo_issues(hass)) == alerts.MAX_ALERT_ISSUES + 1
    # Acknowledging everything closes the summary with the issues.
    alerts.async_clear_alert_issues(hass, loaded_entry.entry_id, [i + 1 for i in range(50)])
    alerts.async_update_more_alerts(hass, loaded_entry, 0)
    assert _plexgeo_issues(hass) == {}


async def test_same_user_and_kind_share_one_open_issue(
    hass: HomeAssistant, loaded_entry: MockConfigEntry
) -> None:
    outcome = PollOutcome(
        live=(),
        started=(),
        ended=(),
        new_alerts=(
            _fake_alert(1, "7"),
            _fake_alert(2, "7"),
            _fake_alert(3, "7", AlertKind.IMPOSSIBLE_TRAVEL),
        ),
        streams_today=0,
        unacknowledged_alerts=3,
    )
    alerts.async_announce(hass, loaded_entry, outcome)
    entry_id = loaded_entry.entry_id
    assert set(_plexgeo_issues(hass)) == {
        alerts.alert_issue_id(entry_id, 1),
        alerts.alert_issue_id(entry_id, 3),
        alerts.more_alerts_issue_id(entry_id),
    }
    # Once the user's issue is closed, their next alert of that kind opens one again.
    alerts.async_clear_alert_issues(hass, entry_id, [1])
    alerts.async_announce(hass, loaded_entry, replace(outcome, new_alerts=(_fake_alert(4, "7"),)))
    assert alerts.alert_issue_id(entry_id, 4) in _plexgeo_issues(hass)


async def test_removing_the_entry_removes_its_issues(
    hass: HomeAssistant,
    plex_sim: PlexSimulator,
    loaded_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    await _alert(hass, plex_sim, loaded_entry, freezer)
    alerts.async_database_recovered(hass, loaded_entry, Path("/config/plexgeo/old.db"))
    alerts.async_database_unavailable(hass, loaded_entry, "disk I/O error")
    alerts.async_update_more_alerts(hass, loaded_entry, 5)
    # An alert issue from an older version names its entry only in its id.
    ir.async_create_issue(
        hass,
        DOMAIN,
        alerts.alert_issue_id(loaded_entry.entry_id, 99),
        is_fixable=True,
        severity=ir.IssueSeverity.WARNING,
        translation_key="rare_country",
        data={"alert_id": 99},
    )
    # Another server's issue stays.
    other = MockConfigEntry(domain=DOMAIN, title="Other", unique_id="other")
    other.add_to_hass(hass)
    alerts.async_database_unavailable(hass, other, "locked")
    assert len(_plexgeo_issues(hass)) == 6

    assert await hass.config_entries.async_remove(loaded_entry.entry_id)
    await hass.async_block_till_done()
    assert set(_plexgeo_issues(hass)) == {f"database_unavailable_{other.entry_id}"}


@pytest.fixture
def linking_core() -> Iterator[list[dict[str, Any]]]:
    """A core whose async_create_issue takes config_entry_id (HA 2026.11+), recorded."""
    calls: list[dict[str, Any]] = []
    create = ir.async_create_issue

    def create_linked(*args: Any, config_entry_id: str | None = None, **kwargs: Any) -> None:
        calls.append({"issue_id": args[2], "config_entry_id": config_entry_id})
        create(*args, **kwargs)

    with (
        patch.object(alerts, "LINKS_ISSUES_TO_ENTRIES", True),
        patch.object(alerts.ir, "async_create_issue", create_linked),
    ):
        yield calls


@pytest.mark.parametrize("links", [False, True])
async def test_issues_link_their_entry_where_core_can(
    hass: HomeAssistant, loaded_entry: MockConfigEntry, links: bool, request: pytest.FixtureRequest
) -> None:
    outcome = PollOutcome(
        live=(),
        started=(),
        ended=(),
        new_alerts=(_fake_alert(1, "1"),),
        streams_today=0,
        unacknowledged_alerts=1,
    )
    if not links:
        # This venv's core (2025.4.4) has no such parameter: PlexGeo must not pass it.
        assert alerts.LINKS_ISSUES_TO_ENTRIES is False
        alerts.async_announce(hass, loaded_entry, outcome)
        alerts.async_database_unavailable(hass, loaded_entry, "locked")
        assert len(_plexgeo_issues(hass)) == 2
        return
    calls: list[dict[str, Any]] = request.getfixturevalue("linking_core")
    alerts.async_announce(hass, loaded_entry, outcome)
    alerts.async_database_unavailable(hass, loaded_entry, "locked")
    assert calls == [
        {
            "issue_id": alerts.alert_issue_id(loaded_entry.entry_id, 1),
            "config_entry_id": loaded_entry.entry_id,
        },
        {
            "issue_id": f"database_unavailable_{loaded_entry.entry_id}",
            "config_entry_id": loaded_entry.entry_id,
        },
    ]


async def _client(hass: HomeAssistant, hass_client: ClientSessionGenerator, user: MockUser) -> Any:
    refresh = await hass.auth.async_create_refresh_token(user, CLIENT_ID)
    return await hass_client(hass.auth.async_create_access_token(refresh))


@pytest.mark.parametrize(
    ("gone", "reason", "message"),
    [
        ("removed", "entry_removed", "no longer configured"),
        ("unloaded", "entry_not_loaded", "not loaded right now"),
        ("locked", "store_unavailable", "refused the change"),
    ],
)
async def test_fix_flow_aborts_with_a_translated_reason(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    hass_admin_user: MockUser,
    plex_sim: PlexSimulator,
    loaded_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
    monkeypatch: pytest.MonkeyPatch,
    gone: str,
    reason: str,
    message: str,
) -> None:
    assert await async_setup_component(hass, REPAIRS_DOMAIN, {})
    alert = await _alert(hass, plex_sim, loaded_entry, freezer)
    issue_id = alerts.alert_issue_id(loaded_entry.entry_id, alert["alert_id"])
    if gone == "removed":
        # An issue left behind by an older version, whose entry is gone.
        assert await hass.config_entries.async_remove(loaded_entry.entry_id)
        await hass.async_block_till_done()
        ir.async_create_issue(
            hass,
            DOMAIN,
            issue_id,
            is_fixable=True,
            severity=ir.IssueSeverity.WARNING,
            translation_key="rare_country",
            translation_placeholders={},
            data={"entry_id": loaded_entry.entry_id, "alert_id": alert["alert_id"]},
        )
    elif gone == "unloaded":
        assert await hass.config_entries.async_unload(loaded_entry.entry_id)
    client = await _client(hass, hass_client, hass_admin_user)
    response = await client.post(
        "/api/repairs/issues/fix", json={"handler": DOMAIN, "issue_id": issue_id}
    )
    assert response.status == 200
    flow = await response.json()
    if gone == "locked":
        assert flow["type"] == "menu"

        def locked(*args: object, **kwargs: object) -> Any:
            raise StoreUnavailable("database is locked")

        monkeypatch.setattr(loaded_entry.runtime_data.store, "acknowledge_alerts", locked)
        response = await client.post(
            f"/api/repairs/issues/fix/{flow['flow_id']}", json={"next_step_id": "acknowledge"}
        )
        assert response.status == 200
        flow = await response.json()
    assert (flow["type"], flow["reason"]) == ("abort", reason)
    strings = await async_get_translations(hass, "en", "issues", [DOMAIN])
    key = f"component.{DOMAIN}.issues.rare_country.fix_flow.abort.{reason}"
    assert message in strings[key]


async def test_reauth_description_escapes_the_server_name(
    hass: HomeAssistant, config_entry: MockConfigEntry
) -> None:
    """A flow description is Markdown too; the server's name comes from the server."""
    hass.config_entries.async_update_entry(config_entry, title=IMAGE)
    result = await config_entry.start_reauth_flow(hass)
    assert result["step_id"] == "reauth_confirm"
    assert result["description_placeholders"] == {"name": escape_markdown(IMAGE)}


async def test_only_alert_issues_have_a_fix_flow(hass: HomeAssistant) -> None:
    with pytest.raises(HomeAssistantError) as err:
        await repairs.async_create_fix_flow(hass, "database_unavailable_x", {"entry_id": "x"})
    assert err.value.translation_key == "no_fix_flow"
