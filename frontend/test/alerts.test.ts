import assert from "node:assert/strict";
import { test } from "node:test";

import { acknowledgeAllQuestion, acknowledgedBy, alertEvidence, alertSummary } from "../src/lib/alerts.js";
import type { AlertRow } from "../src/types.js";
import { alertRow } from "./rows.js";

const base: AlertRow = alertRow({
  user_id: "1",
  user_name: "carol",
  created_at: "2026-03-02T10:00:00+00:00",
  latitude: 35.7,
});

test("a rare country shows where and its share of recent streams", () => {
  assert.deepEqual(alertEvidence(base, "en-US"), [
    ["Where", "Tokyo, Japan"],
    ["Share", "1 of 83 recent streams (1%)"],
  ]);
});

test("a rare country names the country the user usually streams from, not an 'other stream'", () => {
  const rare = { ...base, previous_country_name: "United Kingdom", previous_country_code: "GB" };
  assert.deepEqual(alertEvidence(rare, "en-US").slice(0, 2), [
    ["Usually from", "United Kingdom"],
    ["This stream", "Tokyo, Japan"],
  ]);
});

test("two places at once show both, the distance, the time apart and the network", () => {
  const pair: AlertRow = {
    ...base,
    kind: "concurrent_locations",
    previous_country_name: "United States",
    previous_city: "New York",
    distance_km: 10848.6,
    seconds_apart: 20,
    network_type: "hosting",
    share: null,
    session_count: null,
    trustable: false,
  };
  assert.deepEqual(alertEvidence(pair, "en-US"), [
    ["Other stream", "New York, United States"],
    ["This stream", "Tokyo, Japan"],
    ["Distance", "10,849 km"],
    ["Time between", "20 s apart"],
    ["Network", "Hosting provider or VPN"],
  ]);
  const travel = alertEvidence({ ...pair, kind: "impossible_travel", seconds_apart: 3 * 3600 + 300 }, "en-US");
  assert.deepEqual(travel.slice(0, 2), [
    ["Before", "New York, United States"],
    ["Then", "Tokyo, Japan"],
  ]);
  assert.deepEqual(travel[3], ["Time between", "3 h 5 min apart"]);
  // Overlapping streams are not "0 s apart".
  assert.deepEqual(alertEvidence({ ...pair, seconds_apart: 0 }, "en-US")[3], ["Time between", "At the same time"]);
  // A network type the panel has no words for still shows, as the server sent it.
  assert.deepEqual(alertEvidence({ ...pair, network_type: "satellite" }, "en-US")[4], ["Network", "satellite"]);
});

test("streams at once, a new device and a new network show their own evidence", () => {
  const many = alertEvidence({ ...base, kind: "concurrent_streams", stream_count: 4, session_count: 2, share: null });
  assert.deepEqual(many.slice(1), [["At once", "4 streams (limit 2)"]]);
  assert.deepEqual(alertEvidence({ ...base, kind: "new_device", device: "iPad", share: null }).slice(1), [
    ["Device", "iPad"],
  ]);
  assert.deepEqual(
    alertEvidence({ ...base, kind: "new_network", device: "NTT", network_type: "mobile", share: null }).slice(1),
    [
      ["Network", "Mobile network"],
      ["Provider", "NTT"],
    ],
  );
  // An unlocated place is said as such, not left blank.
  assert.deepEqual(alertEvidence({ ...base, country_name: "", city: null, share: null })[0], [
    "Where",
    "an unknown place",
  ]);
});

test("untrusted text stays text: the evidence passes names through unchanged", () => {
  const xss = '<img src=x onerror=alert(1)>';
  const rows = alertEvidence({ ...base, kind: "new_device", device: xss, share: null });
  assert.deepEqual(rows[1], ["Device", xss]);
});

test("acknowledged by the person's name, never the raw user id", () => {
  assert.equal(acknowledgedBy({ ...base, acknowledged_by: "abc123", acknowledged_by_name: "Ann" }), "Ann");
  assert.equal(acknowledgedBy({ ...base, acknowledged_by: "abc123", acknowledged_by_name: null }), null);
});

test("acknowledge all asks first, counting every open alert", () => {
  assert.equal(
    acknowledgeAllQuestion(1234, "en-US"),
    "Acknowledge all 1,234 open alerts? Their repair issues close too; trusted countries stay as they are.",
  );
  assert.match(acknowledgeAllQuestion(1, "en-US"), /^Acknowledge all 1 open alert\?/);
});

test("summaries write distances as the evidence does: 16,994 km, not 16994 km", () => {
  const pair: AlertRow = { ...base, kind: "concurrent_locations", previous_city: "New York",
    previous_country_name: "United States", distance_km: 16994.2, share: null, session_count: null };
  assert.equal(
    alertSummary(pair, "en-US"),
    "Streaming from Tokyo, Japan while also streaming from New York, United States, 16,994 km away",
  );
  assert.equal(
    alertSummary({ ...pair, kind: "impossible_travel", seconds_apart: 600 }, "en-US"),
    "From New York, United States to Tokyo, Japan: 16,994 km in 10 min",
  );
});
