// Rows as the server sends them, for the panel's tests: every field set, patched per test.

import type { AlertRow, StreamRow } from "../src/types.js";

export function streamRow(patch: Partial<StreamRow> = {}): StreamRow {
  return {
    stream_id: 1,
    started_at: "2026-03-02T10:00:00Z",
    last_seen: "2026-03-02T11:00:00Z",
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

/** A rare-country alert from Tokyo (1 of 83 recent streams), unacknowledged. */
export function alertRow(patch: Partial<AlertRow> = {}): AlertRow {
  return {
    alert_id: 1,
    kind: "rare_country",
    stream_id: 1,
    user_id: "u",
    user_name: "bob",
    created_at: "2025-01-01T00:00:00Z",
    country_code: "JP",
    country_name: "Japan",
    city: "Tokyo",
    latitude: 35.6,
    longitude: 139.6,
    share: 0.012,
    session_count: 83,
    previous_country_code: null,
    previous_country_name: null,
    previous_city: null,
    distance_km: null,
    speed_kmh: null,
    media_title: "Arrival",
    player: "TV",
    other_stream_id: null,
    network_type: null,
    seconds_apart: null,
    stream_count: null,
    device: null,
    acknowledged_at: null,
    acknowledged_by: null,
    acknowledged_by_name: null,
    trustable: true,
    ...patch,
  };
}
