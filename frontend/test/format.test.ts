import assert from "node:assert/strict";
import { test } from "node:test";

import {
  countsByCountry,
  countsByDay,
  dateInputToIso,
  fillDays,
  formatBandwidth,
  formatDuration,
  formatPlace,
  formatRelative,
  intensity,
  rangeBounds,
  regionName,
} from "../src/lib/format.js";

test("durations", () => {
  assert.equal(formatDuration(45), "45 s");
  assert.equal(formatDuration(12 * 60 + 20), "12 min");
  assert.equal(formatDuration(3900), "1 h 05 min");
  assert.equal(formatDuration(-1), "–");
  assert.equal(formatDuration(Number.NaN), "–");
});

test("bandwidth", () => {
  assert.equal(formatBandwidth(850), "850 kbps");
  assert.equal(formatBandwidth(12345), "12.3 Mbps");
  assert.equal(formatBandwidth(null), "–");
});

test("ranges end now and start the right distance back", () => {
  const now = new Date("2025-06-15T12:00:00Z");
  const day = rangeBounds("24h", now);
  assert.equal(day.until, now.toISOString());
  assert.equal(Date.parse(day.until) - Date.parse(day.since), 24 * 3600 * 1000);
  assert.equal(Date.parse(now.toISOString()) - Date.parse(rangeBounds("7d", now).since), 7 * 86400000);
  assert.equal(Date.parse(now.toISOString()) - Date.parse(rangeBounds("30d", now).since), 30 * 86400000);
  assert.equal(new Date(rangeBounds("12m", now).since).getFullYear(), 2024);
});

test("date inputs become half-open local-day bounds", () => {
  const start = dateInputToIso("2025-03-09", false);
  const end = dateInputToIso("2025-03-09", true);
  assert.ok(start !== undefined && end !== undefined);
  const s = new Date(start as string);
  const e = new Date(end as string);
  assert.deepEqual([s.getFullYear(), s.getMonth(), s.getDate(), s.getHours()], [2025, 2, 9, 0]);
  assert.deepEqual([e.getFullYear(), e.getMonth(), e.getDate(), e.getHours()], [2025, 2, 10, 0]);
  assert.equal(dateInputToIso("", false), undefined);
  assert.equal(dateInputToIso("09/03/2025", false), undefined);
});

test("places say why there is no location", () => {
  assert.equal(formatPlace("London", "United Kingdom", "known"), "London, United Kingdom");
  assert.equal(formatPlace(null, "United Kingdom", "known"), "United Kingdom");
  assert.equal(formatPlace(null, null, "local"), "Local network");
  assert.equal(formatPlace(null, null, "pending"), "Locating…");
  assert.equal(formatPlace(null, null, "failed"), "Not locatable");
  assert.equal(formatPlace(null, null, "unknown"), "Unknown");
});

test("relative times", () => {
  const now = new Date("2025-06-15T12:00:00Z");
  assert.equal(formatRelative("2025-06-15T11:59:40Z", now), "just now");
  assert.equal(formatRelative("2025-06-15T11:55:00Z", now), "5 min ago");
  assert.equal(formatRelative("2025-06-15T09:00:00Z", now), "3 h ago");
  assert.equal(formatRelative("2025-06-13T12:00:00Z", now), "2 d ago");
  assert.equal(formatRelative(null, now), "never");
});

test("per-day stats sum per country and per day", () => {
  const perDay = [
    { date: "2025-01-02", country_code: "GB", count: 2 },
    { date: "2025-01-01", country_code: "GB", count: 3 },
    { date: "2025-01-01", country_code: "US", count: 1 },
  ];
  assert.deepEqual([...countsByCountry(perDay)], [["GB", 5], ["US", 1]]);
  assert.deepEqual(countsByDay(perDay), [["2025-01-01", 4], ["2025-01-02", 2]]);
});

test("choropleth intensity is 0 for nothing, 1 for the busiest, increasing between", () => {
  assert.equal(intensity(0, 10), 0);
  assert.equal(intensity(10, 10), 1);
  assert.equal(intensity(5, 0), 0);
  assert.ok(intensity(1, 100) > 0);
  assert.ok(intensity(1, 100) < intensity(2, 100));
  // Log scale: one stream against a hundred is still visible, not 1 %.
  assert.ok(intensity(1, 100) > 0.1);
});

test("timelines get a zero for every day without streams", () => {
  const today = new Date(2025, 0, 10, 15);
  const days = fillDays([{ date: "2025-01-09", count: 4 }, { date: "2024-12-01", count: 9 }], 3, today);
  assert.deepEqual(days, [
    { date: "2025-01-08", count: 0 },
    { date: "2025-01-09", count: 4 },
    { date: "2025-01-10", count: 0 },
  ]);
});

test("region names come from Intl, with the code as fallback", () => {
  assert.equal(regionName("GB", "en"), "United Kingdom");
  assert.equal(regionName("DE", "de"), "Deutschland");
  assert.equal(regionName("not a code", "en"), "not a code");
});
