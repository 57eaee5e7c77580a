import assert from "node:assert/strict";
import { test } from "node:test";

import { sortStreams } from "../src/lib/sort.js";
import type { StreamRow } from "../src/types.js";

function row(id: number, patch: Partial<StreamRow>): StreamRow {
  return {
    stream_id: id,
    started_at: "2025-01-01T00:00:00Z",
    last_seen: "2025-01-01T00:00:00Z",
    ended_at: null,
    live: false,
    user_id: "u",
    user_name: "user",
    media_type: "movie",
    title: "t",
    player: "p",
    product: "Plex Web",
    platform: "Chrome",
    ip: null,
    local: false,
    relayed: false,
    network: "wan",
    country_code: null,
    country_name: null,
    city: null,
    latitude: null,
    longitude: null,
    location_status: "unknown",
    duration_s: 0,
    bandwidth_kbps: null,
    state: "playing",
    progress_ms: 0,
    media_duration_ms: null,
    transcode: null,
    ...patch,
  };
}

const ids = (rows: StreamRow[]) => rows.map((r) => r.stream_id);

test("numbers sort numerically, missing values last in both directions", () => {
  const rows = [row(1, { bandwidth_kbps: 900 }), row(2, { bandwidth_kbps: null }), row(3, { bandwidth_kbps: 10000 })];
  assert.deepEqual(ids(sortStreams(rows, "bandwidth_kbps", "asc")), [1, 3, 2]);
  assert.deepEqual(ids(sortStreams(rows, "bandwidth_kbps", "desc")), [3, 1, 2]);
});

test("text sorts case-insensitively and with numbers in order", () => {
  const rows = [row(1, { user_name: "bob" }), row(2, { user_name: "Alice" }), row(3, { user_name: "alice2" })];
  assert.deepEqual(ids(sortStreams(rows, "user_name", "asc")), [2, 3, 1]);
  const players = [row(1, { player: "TV 10" }), row(2, { player: "TV 9" })];
  assert.deepEqual(ids(sortStreams(players, "player", "asc")), [2, 1]);
});

test("start times sort as instants, not strings", () => {
  const rows = [
    row(1, { started_at: "2025-01-01T10:00:00+02:00" }),
    row(2, { started_at: "2025-01-01T09:00:00Z" }),
  ];
  assert.deepEqual(ids(sortStreams(rows, "started_at", "asc")), [1, 2]);
});

test("network sorts LAN before WAN and does not touch the input", () => {
  const rows = [row(1, { local: false, network: "wan" }), row(2, { local: true, network: null })];
  assert.deepEqual(ids(sortStreams(rows, "network", "asc")), [2, 1]);
  assert.deepEqual(ids(rows), [1, 2]);
});
