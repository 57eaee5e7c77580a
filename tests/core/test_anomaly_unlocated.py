"""Detectors on streams without a location: no alert, and no database round trip."""

from __future__ import annotations

from unittest.mock import MagicMock

import pytest

from custom_components.plexgeo.core import anomaly
from custom_components.plexgeo.core.models import LocationStatus, Stream
from custom_components.plexgeo.core.settings import AlertSettings
from custom_components.plexgeo.core.store import HistoryStore
from simulator.places import place

from .helpers import T0, location_of, snapshot


def _stream(stream_id: int, status: LocationStatus, *, located: bool) -> Stream:
    return Stream(
        stream_id=stream_id,
        server_id="machine-1",
        snapshot=snapshot(str(stream_id)),
        started_at=T0,
        last_seen=T0,
        ended_at=None,
        location_status=status,
        location=location_of(place("london")) if located else None,
        ip_hash=None,
    )


@pytest.mark.parametrize("status", [LocationStatus.PENDING, LocationStatus.FAILED])
def test_unlocated_stream_raises_nothing_and_reads_nothing(status: LocationStatus) -> None:
    store = MagicMock(spec=HistoryStore)
    stream = _stream(1, status, located=False)
    settings = AlertSettings()
    assert anomaly.detect(store, stream, settings, T0) == []
    judge = anomaly.Judge(store, stream, settings, T0)
    for detector in anomaly.DETECTORS:
        assert detector(judge) is None
    assert store.mock_calls == []


def test_no_distance_to_an_unlocated_stream() -> None:
    store = MagicMock(spec=HistoryStore)
    located = _stream(1, LocationStatus.KNOWN, located=True)
    unlocated = _stream(2, LocationStatus.PENDING, located=False)
    judge = anomaly.Judge(store, located, AlertSettings(), T0)
    assert judge.sighting.place is not None
    assert judge.judge(judge.sight(unlocated, None)) is None
    assert store.mock_calls == []
