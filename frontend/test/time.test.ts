import assert from "node:assert/strict";
import { test } from "node:test";

import { dateInputToIso, formatDateTime } from "../src/lib/format.js";
import { languageUsesAmPm, startOfDay, timeSettings } from "../src/lib/time.js";

const AT = "2026-03-02T14:14:00Z";

test("the profile's hour format wins over the language's", () => {
  assert.equal(timeSettings({ language: "en-US", time_format: "24" }, undefined).hour12, false);
  assert.equal(timeSettings({ language: "de", time_format: "12" }, undefined).hour12, true);
  assert.equal(timeSettings({ language: "en-US", time_format: "language" }, undefined).hour12, true);
  assert.equal(timeSettings({ language: "de", time_format: "language" }, undefined).hour12, false);
  assert.equal(timeSettings({ language: "en-US" }, undefined).hour12, true, "language is the default");
  assert.equal(languageUsesAmPm("en-GB"), false);
  assert.equal(languageUsesAmPm("not a language!"), false);
});

test("the server's zone when the profile asks for it, else the browser's", () => {
  const server = { time_zone: "server", time_format: "24" };
  assert.equal(timeSettings(server, "Asia/Tokyo").timeZone, "Asia/Tokyo");
  assert.equal(timeSettings({ ...server, time_zone: "local" }, "Asia/Tokyo").timeZone, undefined);
  assert.equal(timeSettings(server, undefined).timeZone, undefined);
});

test("times are written in that cycle and zone", () => {
  // The issue: the panel wrote 09:19 AM where the Logbook (server zone, 24 h) wrote 14:14.
  const logbook = timeSettings({ language: "en-US", time_format: "24", time_zone: "server" }, "Europe/London");
  assert.match(formatDateTime(AT, "en-US", logbook), /14:14/);
  assert.doesNotMatch(formatDateTime(AT, "en-US", logbook), /PM/);
  const tokyo12 = timeSettings({ language: "en-GB", time_format: "12", time_zone: "server" }, "Asia/Tokyo");
  assert.match(formatDateTime(AT, "en-GB", tokyo12), /11:14\s?pm/i);
  // Midnight in 24 h is 00, never 24.
  const midnight = timeSettings({ time_format: "24", time_zone: "server" }, "UTC");
  assert.match(formatDateTime("2026-03-02T00:05:00Z", "en-US", midnight), /00:05/);
  assert.equal(formatDateTime(null, "en-US", midnight), "–");
});

test("a date filter's day starts at midnight in the chosen zone", () => {
  assert.equal(startOfDay(2026, 3, 2, "UTC").toISOString(), "2026-03-02T00:00:00.000Z");
  assert.equal(startOfDay(2026, 3, 2, "Asia/Tokyo").toISOString(), "2026-03-01T15:00:00.000Z");
  assert.equal(startOfDay(2026, 7, 1, "America/New_York").toISOString(), "2026-07-01T04:00:00.000Z");
  // The day clocks go forward (London, 29 March 2026) and the day after.
  assert.equal(startOfDay(2026, 3, 29, "Europe/London").toISOString(), "2026-03-29T00:00:00.000Z");
  assert.equal(startOfDay(2026, 3, 30, "Europe/London").toISOString(), "2026-03-29T23:00:00.000Z");
  assert.equal(dateInputToIso("2026-03-02", true, "Asia/Tokyo"), "2026-03-02T15:00:00.000Z");
  assert.equal(dateInputToIso("2026-03-02", false, "Asia/Tokyo"), "2026-03-01T15:00:00.000Z");
  assert.equal(dateInputToIso("garbage", false, "Asia/Tokyo"), undefined);
});
