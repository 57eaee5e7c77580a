"""The suite's deprecation guard catches what Home Assistant really logs.

A deprecated call is planted once, through HA's own frame helper, from a frame that HA
takes for PlexGeo's code; the guard's checker must flag the record it produces.
"""

from __future__ import annotations

import logging
from pathlib import Path
import sys
import time
import uuid

from homeassistant.core import HomeAssistant
from homeassistant.helpers import frame
import pytest

from .deprecations import deprecation_reports, is_deprecation_report


def _frame_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "homeassistant.helpers.frame"]


async def test_guard_flags_a_report_from_plexgeo_code(
    hass: HomeAssistant, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    # Compiled under a custom_components/plexgeo/ file name, as HA's frame walk expects
    # (outside the package, so coverage does not look for its source).
    planted = tmp_path / "custom_components" / "plexgeo" / "planted_deprecation.py"
    what = f"calls a planted deprecated API {uuid.uuid4().hex}"  # HA logs each once
    source = f"report_usage({what!r}, breaks_in_ha_version='2099.1.0')"
    code = compile(source, str(planted), "exec")
    exec(code, {"report_usage": frame.report_usage})
    messages = [r.getMessage() for r in _frame_records(caplog)]
    assert any("custom integration 'plexgeo'" in m for m in messages), messages
    assert deprecation_reports(messages) == messages
    caplog.clear()  # planted on purpose: this test must not fail the guard itself


async def test_guard_flags_a_report_by_domain(
    hass: HomeAssistant, caplog: pytest.LogCaptureFixture
) -> None:
    await plexgeo_integration_loaded(hass)
    what = f"uses a planted deprecated option {uuid.uuid4().hex}"
    frame.report_usage(what, breaks_in_ha_version="2099.1.0", integration_domain="plexgeo")
    messages = [r.getMessage() for r in _frame_records(caplog)]
    assert len(messages) == 1
    assert "will stop working in Home Assistant 2099.1.0" in messages[0]
    assert deprecation_reports(messages) == messages
    caplog.clear()


async def plexgeo_integration_loaded(hass: HomeAssistant) -> None:
    """Load the integration's manifest, so HA can name it in a report."""
    from homeassistant.loader import async_get_integration

    await async_get_integration(hass, "plexgeo")


@pytest.mark.parametrize(
    ("message", "flagged"),
    [
        (
            "Detected that custom integration 'plexgeo' calls X at custom_components/plexgeo/"
            "a.py, line 1: x(). This will stop working in Home Assistant 2026.12.0, please "
            "report it to the author of the 'plexgeo' custom integration",
            True,
        ),
        (
            "CONF_X was used from plexgeo, this is a deprecated constant which will be "
            "removed in HA Core 2027.1",
            True,
        ),
        (
            "Detected that custom integration 'otherint' calls X. This will stop working in "
            "Home Assistant 2026.12.0",
            False,
        ),
        ("We found a custom integration plexgeo which has not been tested by HA", False),
        ("Setting up plexgeo", False),
    ],
)
def test_checker_names_plexgeo_and_a_deprecation(message: str, flagged: bool) -> None:
    assert is_deprecation_report(message) is flagged


def test_real_process_check_reads_the_same_lines(tmp_path: Path) -> None:
    """scripts/develop --check fails on the lines this suite's guard fails on."""
    import importlib.util

    path = Path(__file__).parent.parent / "scripts" / "lib" / "bootstrap_dev.py"
    spec = importlib.util.spec_from_file_location("bootstrap_dev", path)
    assert spec is not None and spec.loader is not None
    bootstrap = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = bootstrap  # its dataclasses look their module up
    spec.loader.exec_module(bootstrap)
    log = tmp_path / "home-assistant.log"
    assert bootstrap.deprecation_reports_in(log) == []  # no log yet
    report = (
        "2026-12-01 10:00:00.000 WARNING (MainThread) [homeassistant.helpers.frame] Detected "
        "that custom integration 'plexgeo' calls X at custom_components/plexgeo/a.py, line 1: "
        "x(). This will stop working in Home Assistant 2026.12.0, please report it"
    )
    log.write_text(
        "2026-12-01 10:00:00.000 WARNING (SyncWorker_0) [homeassistant.loader] We found a "
        "custom integration plexgeo which has not been tested by Home Assistant\n"
        "2026-12-01 10:00:00.000 DEBUG (MainThread) [homeassistant.helpers.storage] Writing "
        "repairs: {'domain': 'plexgeo', 'breaks_in_ha_version': None}\n" + report + "\n"
    )
    assert bootstrap.deprecation_reports_in(log) == [report]


async def test_a_blocking_call_on_the_loop_still_fails_a_test(hass: HomeAssistant) -> None:
    # conftest enables HA's guard at session start (not at import, where it flagged
    # pytest's own glob); it must still be armed by the time a test runs on the loop.
    with pytest.raises(RuntimeError, match="blocking call to sleep"):
        time.sleep(0)
