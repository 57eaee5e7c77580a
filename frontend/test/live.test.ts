import assert from "node:assert/strict";
import { test } from "node:test";

import {
  addressLine,
  formatBitrate,
  formatClock,
  groupLive,
  placeKey,
  playbackLabel,
  progressShare,
  qualityLabel,
  transcodeLabel,
} from "../src/lib/live.js";
import type { StreamRow } from "../src/types.js";
import { streamRow } from "./rows.js";

function row(id: number, patch: Partial<StreamRow>): StreamRow {
  const started_at = `2026-03-02T10:${String(id).padStart(2, "0")}:00Z`;
  return streamRow({ stream_id: id, started_at, live: true, ...patch });
}

const tokyo = { country_code: "JP", city: "Tokyo" };
const newYork = { country_code: "US", city: "New York" };

test("a user's streams are grouped, and two places put the user first", () => {
  const groups = groupLive([
    row(1, { user_id: "a", user_name: "alice", ...tokyo }),
    row(2, { user_id: "c", user_name: "carol", ...tokyo }),
    row(3, { user_id: "b", user_name: "bob", ...newYork }),
    row(4, { user_id: "c", user_name: "carol", ...newYork }),
    row(5, { user_id: "d", user_name: "dave", local: true }),
  ]);
  assert.deepEqual(
    groups.map((g) => [g.user_name, g.streams.map((s) => s.stream_id), g.places]),
    [
      ["carol", [4, 2], 2],
      ["dave", [5], 1],
      ["bob", [3], 1],
      ["alice", [1], 1],
    ],
  );
});

test("two streams from one place are grouped but not flagged; unknown places do not count", () => {
  const groups = groupLive([
    row(1, { user_id: "b", ...newYork }),
    row(2, { user_id: "b", ...newYork }),
    row(3, { user_id: "e" }),
    row(4, { user_id: "e", ...tokyo }),
    row(5, { user_id: "z" }),
  ]);
  assert.deepEqual(
    groups.map((g) => [g.user_id, g.streams.length, g.places]),
    [
      ["e", 2, 1],
      ["b", 2, 1],
      ["z", 1, 0],
    ],
  );
});

test("home and away are two places; the same city twice is one", () => {
  assert.equal(placeKey(row(1, { local: true, ...tokyo })), "lan");
  assert.equal(placeKey(row(1, tokyo)), "JP|Tokyo");
  assert.equal(placeKey(row(1, {})), null);
  const [group] = groupLive([row(1, { local: true }), row(2, tokyo)]);
  assert.equal(group!.places, 2);
});

test("progress is a share of the item, clamped; unknown length gives none", () => {
  assert.equal(progressShare(row(1, { progress_ms: 30_000, media_duration_ms: 120_000 })), 0.25);
  assert.equal(progressShare(row(1, { progress_ms: 500_000, media_duration_ms: 120_000 })), 1);
  assert.equal(progressShare(row(1, { progress_ms: 5, media_duration_ms: null })), null);
  assert.equal(progressShare(row(1, { progress_ms: 5, media_duration_ms: 0 })), null);
});

test("clock, decision and state read as Plex's dashboard says them", () => {
  assert.equal(formatClock(3_909_000), "1:05:09");
  assert.equal(formatClock(247_000), "4:07");
  assert.equal(formatClock(-5), "0:00");
  assert.equal(transcodeLabel("direct play"), "Direct play");
  assert.equal(transcodeLabel("copy"), "Direct stream");
  assert.equal(transcodeLabel("transcode"), "Transcode");
  assert.equal(transcodeLabel(null), "Unknown");
  assert.equal(playbackLabel("paused"), "Paused");
  assert.equal(playbackLabel("unknown"), "Unknown state");
  // During an outage a card says what Plex last said, not that it is playing.
  assert.equal(playbackLabel("playing", false), "Last seen playing");
});

test("quality: the resolution and the bitrate Plex gave, whichever it gave", () => {
  assert.equal(qualityLabel(row(1, { resolution: "1080p", bitrate_kbps: 8000 })), "1080p · 8 Mbps");
  assert.equal(qualityLabel(row(1, { resolution: "4K", bitrate_kbps: null })), "4K");
  assert.equal(qualityLabel(row(1, { resolution: "SD" })), "SD");
  assert.equal(qualityLabel(row(1, { resolution: null, bitrate_kbps: 320 })), "320 kbps");
  assert.equal(qualityLabel(row(1, { resolution: null, bitrate_kbps: null })), null);
  assert.equal(qualityLabel(row(1, { resolution: null, bitrate_kbps: 0 })), null);
  assert.equal(formatBitrate(4500), "4.5 Mbps");
  assert.equal(formatBitrate(1000), "1 Mbps");
  assert.equal(formatBitrate(12_400), "12 Mbps");
  assert.equal(formatBitrate(999.6), "1000 kbps");
});

test("an admin's address line names the network, not Plex's lan/wan again", () => {
  const s = streamRow({ ip: "185.220.101.4", provider: "Deutsche Telekom AG", network: "wan" });
  assert.equal(addressLine(s), "185.220.101.4 · Deutsche Telekom AG");
  assert.equal(
    addressLine({ ...s, provider: null, network: "cellular", relayed: true }),
    "185.220.101.4 · cellular · relayed",
  );
  assert.equal(addressLine({ ...s, ip: null }), null);
});
