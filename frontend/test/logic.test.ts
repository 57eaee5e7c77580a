import assert from "node:assert/strict";
import { test } from "node:test";

import { alertSummary, formatApart, trustHelps } from "../src/lib/alerts.js";
import { chooseEntry } from "../src/lib/entries.js";
import { EMPTY_FORM, formToFilters } from "../src/lib/filters.js";
import type { AlertRow } from "../src/types.js";
import { alertRow } from "./rows.js";

const base: AlertRow = alertRow();

test("alert summaries explain each kind", () => {
  assert.equal(
    alertSummary(base),
    "Streaming from Tokyo, Japan: 1 of 83 recent streams came from there (1%)",
  );
  assert.equal(
    alertSummary({ ...base, share: 0, session_count: 1 }),
    "Streaming from Tokyo, Japan: 0 of 1 recent stream came from there (0%)",
  );
  assert.equal(
    alertSummary({
      ...base,
      kind: "impossible_travel",
      previous_city: null,
      previous_country_name: "Canada",
      distance_km: 702.6,
      speed_kmh: 1405.2,
      seconds_apart: 1800,
    }),
    "From Canada to Tokyo, Japan: 703 km in 30 min",
  );
  assert.equal(
    alertSummary({
      ...base,
      kind: "impossible_travel",
      previous_city: "London",
      previous_country_name: "United Kingdom",
      distance_km: 5570.2,
      speed_kmh: 1002636,
      seconds_apart: 20,
      network_type: "hosting",
    }),
    "From London, United Kingdom to Tokyo, Japan (hosting or VPN): 5,570 km in 20 s",
  );
  assert.equal(
    alertSummary({
      ...base,
      kind: "concurrent_locations",
      previous_city: "Berlin",
      previous_country_name: "Germany",
      distance_km: 8900.4,
      network_type: "mobile",
    }),
    "Streaming from Tokyo, Japan (mobile network) while also streaming from Berlin, Germany, 8,900 km away",
  );
  assert.equal(
    alertSummary({ ...base, kind: "concurrent_streams", stream_count: 3, session_count: 2 }),
    "3 streams at once (limit 2)",
  );
  assert.equal(alertSummary({ ...base, kind: "new_device", device: "iPad" }), "First stream on iPad");
  assert.equal(
    alertSummary({ ...base, kind: "new_network", device: "NTT" }),
    "First stream from NTT in Tokyo, Japan",
  );
  assert.equal(alertSummary({ ...base, share: null, session_count: null }), "Streaming from Tokyo, Japan");
});

test("trust is offered where the server says it helps, whatever the kind's name", () => {
  assert.equal(trustHelps(base), true);
  assert.equal(trustHelps({ ...base, trustable: false }), false);
  assert.equal(trustHelps({ ...base, kind: "impossible_travel", trustable: false }), false);
});

test("time apart in words", () => {
  assert.equal(formatApart(20), "20 s");
  assert.equal(formatApart(14 * 60 + 5), "14 min");
  assert.equal(formatApart(3 * 3600 + 300), "3 h 5 min");
  assert.equal(formatApart(7200), "2 h");
  assert.equal(formatApart(50 * 3600), "2 d 2 h");
  assert.equal(formatApart(48 * 3600), "2 d");
  assert.equal(formatApart(-1), "0 s");
});

test("the remembered server wins while it exists, else the first", () => {
  const entries = [
    { entry_id: "a", title: "A", server_id: "1", push: null, attribution: null },
    { entry_id: "b", title: "B", server_id: "2", push: null, attribution: null },
  ];
  assert.equal(chooseEntry(entries, "b")?.entry_id, "b");
  assert.equal(chooseEntry(entries, "gone")?.entry_id, "a");
  assert.equal(chooseEntry(entries, null)?.entry_id, "a");
  assert.equal(chooseEntry([], "a"), undefined);
});

test("the filter form sends only what is filled in", () => {
  assert.deepEqual(formToFilters(EMPTY_FORM), {});
  const filters = formToFilters({
    ...EMPTY_FORM,
    user_id: "7",
    country: "GB",
    network: "wan",
    media_type: "episode",
    from: "2025-01-01",
    to: "2025-01-31",
    search: "  expanse ",
  });
  assert.equal(filters.user_id, "7");
  assert.equal(filters.country, "GB");
  assert.equal(filters.network, "wan");
  assert.equal(filters.media_type, "episode");
  assert.equal(filters.search, "expanse");
  assert.ok(filters.since && filters.until && filters.since < filters.until);
  assert.equal(formToFilters({ ...EMPTY_FORM, network: "bogus" }).network, undefined);
});
