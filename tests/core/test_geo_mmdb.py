"""The offline provider: MaxMind DB files (DB-IP Lite or the user's GeoLite2) on disk."""

from __future__ import annotations

from datetime import UTC, datetime
import os
from pathlib import Path
import threading

import pytest

from custom_components.plexgeo.core.geo import mmdb
from custom_components.plexgeo.core.geo.base import REASON_LOCAL, REASON_UNUSABLE
from custom_components.plexgeo.core.geo.mmdb import (
    PROBLEM_CORRUPT,
    PROBLEM_MISSING,
    REASON_NOT_FOUND,
    MmdbProvider,
    OfflineDatabase,
)
from simulator.mmdb import city_record, write_asn, write_city
from simulator.places import place

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
LONDON = "81.2.69.142"
LONDON_V6 = "2a00:23c4:5b1:e01::17"


def provider(tmp_path: Path, *, asn: bool = True, name: str = "dbip") -> MmdbProvider:
    city_path = tmp_path / "city.mmdb"
    return MmdbProvider(
        name, OfflineDatabase(city_path, tmp_path / "asn.mmdb" if asn else None, recheck_seconds=0)
    )


async def test_geolite2_answers_carry_region_accuracy_and_network(tmp_path: Path) -> None:
    write_city(tmp_path / "city.mmdb", flavour="geolite2", accuracy_km=50)
    write_asn(tmp_path / "asn.mmdb", flavour="geolite2")
    geo = provider(tmp_path, name="maxmind")
    result = await geo.locate([LONDON, LONDON_V6, "192.168.1.5"], NOW)
    assert result.deferred == () and result.error is None
    assert result.failed == {"192.168.1.5": REASON_LOCAL}
    london = result.located[LONDON]
    assert (london.country_code, london.region, london.city) == ("GB", "England", "London")
    assert (london.latitude, london.longitude) == (51.5072, -0.1276)
    assert (london.accuracy_km, london.precision) == (50.0, "city")
    assert london.timezone == "Europe/London"
    assert london.asn == "AS2856 British Telecommunications PLC"
    assert london.org == "British Telecommunications PLC"
    assert (london.provider, london.looked_up_at) == ("maxmind", NOW)
    assert result.located[LONDON_V6].city == "London"
    assert geo.problem is None and geo.status().last_success == NOW


async def test_dbip_lite_has_no_radius_but_says_its_precision(tmp_path: Path) -> None:
    write_city(tmp_path / "city.mmdb", flavour="dbip")
    result = await provider(tmp_path, asn=False).locate([LONDON], NOW)
    london = result.located[LONDON]
    assert (london.accuracy_km, london.precision, london.asn) == (None, "city", None)


async def test_an_address_not_in_the_database_fails_and_is_not_retried(tmp_path: Path) -> None:
    write_city(tmp_path / "city.mmdb")
    result = await provider(tmp_path, asn=False).locate(["8.8.4.4"], NOW)
    assert result.failed == {"8.8.4.4": REASON_NOT_FOUND}
    assert result.deferred == ()


async def test_hostile_records_are_checked_like_any_provider_answer(tmp_path: Path) -> None:
    london = place("london")
    bad_country = city_record(london) | {"country": {"iso_code": "gb<script>"}}
    spoofed = city_record(london) | {"city": {"names": {"en": "Lon\u202edon\u0000"}}}
    far = city_record(london) | {"location": {"latitude": 91.0, "longitude": 0.0}}
    write_city(
        tmp_path / "city.mmdb",
        places=(),
        records=[("9.9.9.9/32", bad_country), ("9.9.9.10/32", spoofed), ("9.9.9.11/32", far)],
    )
    result = await provider(tmp_path, asn=False).locate(["9.9.9.9", "9.9.9.10", "9.9.9.11"], NOW)
    assert result.failed == {"9.9.9.9": REASON_UNUSABLE, "9.9.9.11": REASON_UNUSABLE}
    assert result.located["9.9.9.10"].city == "London"


async def test_a_missing_file_defers_everything_until_it_appears(tmp_path: Path) -> None:
    geo = provider(tmp_path)
    result = await geo.locate([LONDON], NOW)
    assert result.deferred == (LONDON,) and not result.located and not result.failed
    assert result.error is not None and "city.mmdb does not exist" in result.error
    assert geo.problem == PROBLEM_MISSING
    assert geo.status().last_error == result.error

    write_city(tmp_path / "city.mmdb")
    result = await geo.locate([LONDON], NOW)
    assert result.located[LONDON].city == "London"
    assert geo.problem is None and geo.status().last_error is None


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty"])
async def test_a_corrupt_file_defers_everything_with_a_clear_error(
    tmp_path: Path, damage: str
) -> None:
    good = write_city(tmp_path / "good.mmdb").read_bytes()
    content = {
        "garbage": os.urandom(4096),
        "truncated": good[: len(good) // 2],
        "empty": b"",
    }[damage]
    (tmp_path / "city.mmdb").write_bytes(content)
    geo = provider(tmp_path, asn=False)
    result = await geo.locate([LONDON], NOW)
    assert result.deferred == (LONDON,)
    assert result.error is not None and "not a valid MaxMind DB file" in result.error
    assert geo.problem == PROBLEM_CORRUPT


async def test_a_replaced_file_is_reopened(tmp_path: Path) -> None:
    path = write_city(tmp_path / "city.mmdb")
    geo = provider(tmp_path, asn=False)
    assert (await geo.locate([LONDON], NOW)).located[LONDON].city == "London"

    moved = city_record(place("paris"))
    new = write_city(tmp_path / "new.mmdb", places=(), records=[(f"{LONDON}/32", moved)])
    new.replace(path)  # as the managed download does: atomically, next to the old one
    assert (await geo.locate([LONDON], NOW)).located[LONDON].city == "Paris"


async def test_a_broken_replacement_leaves_the_old_file_in_use(tmp_path: Path) -> None:
    path = write_city(tmp_path / "city.mmdb")
    geo = provider(tmp_path, asn=False)
    assert (await geo.locate([LONDON], NOW)).located[LONDON].city == "London"
    broken = tmp_path / "broken.mmdb"
    broken.write_bytes(b"not a database")
    broken.replace(path)
    result = await geo.locate([LONDON], NOW)
    assert result.located[LONDON].city == "London"
    path.unlink()  # gone altogether: the open copy still answers
    assert (await geo.locate([LONDON], NOW)).located[LONDON].city == "London"


async def test_a_missing_asn_file_only_loses_network_names(tmp_path: Path) -> None:
    write_city(tmp_path / "city.mmdb")
    (tmp_path / "asn.mmdb").write_bytes(b"garbage")
    result = await provider(tmp_path).locate([LONDON], NOW)
    assert result.located[LONDON].city == "London"
    assert result.located[LONDON].asn is None


async def test_lookups_run_in_the_executor(tmp_path: Path) -> None:
    write_city(tmp_path / "city.mmdb")
    geo = provider(tmp_path, asn=False)
    threads: list[threading.Thread] = []
    original = geo.database.locate

    def spy(*args: object) -> object:
        threads.append(threading.current_thread())
        return original(*args)  # type: ignore[arg-type]

    geo.database.locate = spy  # type: ignore[method-assign]
    await geo.locate([LONDON], NOW)
    assert threads and threads[0] is not threading.main_thread()
    geo.close()


async def test_the_file_is_looked_at_now_and_then_not_per_lookup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_city(tmp_path / "city.mmdb")
    geo = MmdbProvider("dbip", OfflineDatabase(path))  # the default recheck interval
    clock = [1000.0]
    monkeypatch.setattr(mmdb.time, "monotonic", lambda: clock[0])
    assert (await geo.locate([LONDON], NOW)).located[LONDON].city == "London"
    moved = city_record(place("paris"))
    write_city(tmp_path / "new.mmdb", places=(), records=[(f"{LONDON}/32", moved)]).replace(path)
    assert (await geo.locate([LONDON], NOW)).located[LONDON].city == "London"
    clock[0] += mmdb.RECHECK_SECONDS
    assert (await geo.locate([LONDON], NOW)).located[LONDON].city == "Paris"
