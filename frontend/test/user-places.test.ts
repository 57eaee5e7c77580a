import assert from "node:assert/strict";
import { test } from "node:test";

import { noPlacesReason } from "../src/lib/user-places.js";
import type { StreamRow, UserDetail } from "../src/types.js";
import { streamRow } from "./rows.js";

function row(patch: Partial<StreamRow>): StreamRow {
  return streamRow({ user_name: "dave", ...patch });
}

function detail(streams: StreamRow[], located = false): UserDetail {
  return {
    user_id: "u",
    user_name: "dave",
    countries: [],
    timeline: [],
    recent_streams: streams,
    locations: located
      ? [{ country_code: "JP", country_name: "Japan", city: "Tokyo", latitude: 35.7, longitude: 139.7, count: 1 }]
      : [],
    alerts: [],
    trusted_countries: [],
    concurrent_peak: 1,
  };
}

test("a user with places gets the map, not a sentence", () => {
  assert.equal(noPlacesReason(detail([row({})], true)), null);
});

test("a user whose streams are all LAN, all relayed or both gets a sentence", () => {
  assert.match(noPlacesReason(detail([row({ local: true, network: "lan" })])) ?? "", /local network: there is no place/);
  assert.match(noPlacesReason(detail([row({ relayed: true })])) ?? "", /Plex's relay/);
  assert.match(
    noPlacesReason(detail([row({ local: true }), row({ relayed: true })])) ?? "",
    /local network or relayed through Plex/,
  );
});

test("streams not located yet, and no streams at all, say that instead", () => {
  assert.equal(noPlacesReason(detail([row({}), row({ local: true })])), "None of dave's streams in this period has been located yet.");
  assert.equal(noPlacesReason(detail([])), "dave has no streams in this period.");
});
