"""A writer killed mid-transaction (power loss, OOM kill) leaves a consistent database."""

from __future__ import annotations

import json
import os
from pathlib import Path
import signal
import sqlite3
import subprocess
import sys
import textwrap

from custom_components.plexgeo.core.crypto import KeyMaterial
from custom_components.plexgeo.core.store import HistoryStore

REPO = Path(__file__).resolve().parents[2]

WRITER = textwrap.dedent(
    """
    import json, sys
    from datetime import timedelta
    from pathlib import Path
    from custom_components.plexgeo.core.crypto import KeyMaterial
    from custom_components.plexgeo.core.models import LocationStatus
    from custom_components.plexgeo.core.store import HistoryStore
    from tests.core.helpers import T0, snapshot

    keys = KeyMaterial.from_dict(json.loads(sys.argv[2]))
    store = HistoryStore.open(Path(sys.argv[1]), keys, "server-1")
    batch = 0
    while True:
        new = [
            (snapshot(f"{batch}-{i}", user=f"u{i % 7}"), T0 + timedelta(seconds=batch),
             LocationStatus.PENDING, None)
            for i in range(50)
        ]
        store.start_streams(new)
        batch += 1
        print(batch * 50, flush=True)  # committed so far
    """
)


def test_killed_writer_leaves_committed_streams_and_a_sound_file(tmp_path: Path) -> None:
    path = tmp_path / "server-1.db"
    keys = KeyMaterial.generate()
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), json.dumps(keys.as_dict())],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert child.stdout is not None
    committed = 0
    for line in child.stdout:
        committed = int(line)
        if committed >= 2000:
            break
    child.send_signal(signal.SIGKILL)
    child.wait()

    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    store = HistoryStore.open(path, keys, "server-1")
    try:
        assert store.recovered_from is None
        streams = store.stats().streams
        assert streams >= committed  # nothing committed is lost
        assert streams % 50 == 0  # and no half-written batch survives
    finally:
        store.close()
