import assert from "node:assert/strict";
import { test } from "node:test";

import { deviceDetail, deviceName, habitPlace, networkName } from "../src/lib/habits.js";
import type { DeviceUse, NetworkUse } from "../src/types.js";

const use = {
  first_seen: "2026-03-02T10:00:00+00:00",
  last_seen: "2026-03-04T12:00:00+00:00",
  count: 3,
  country_code: "AU",
  country_name: "Australia",
  city: "Sydney",
};
const tv: DeviceUse = { ...use, player: "Living Room TV", product: "Plex for Android (TV)", platform: "Android" };
const telstra: NetworkUse = { ...use, network: "AS1221", name: "Telstra Internet" };

test("a device is named by its player, with product and platform", () => {
  assert.equal(deviceName(tv), "Living Room TV");
  assert.equal(deviceDetail(tv), "Plex for Android (TV) · Android");
  const gone = { ...tv, player: null, product: null, platform: null };
  assert.equal(deviceName(gone), "A device whose streams are no longer on record");
  assert.equal(deviceDetail(gone), "");
});

test("a network is named by its provider and ASN; an address block says what it is", () => {
  assert.equal(networkName(telstra), "Telstra Internet (AS1221)");
  assert.equal(networkName({ ...telstra, name: null }), "AS1221");
  assert.equal(networkName({ ...telstra, network: "prefix", name: null }), "An address block with no known provider");
});

test("the place of the last use, or why there is none", () => {
  assert.equal(habitPlace(telstra), "Sydney, Australia");
  assert.equal(habitPlace({ ...tv, city: null }), "Australia");
  assert.equal(
    habitPlace({ ...tv, country_code: null, country_name: null, city: null }),
    "No place (local network, relayed, or not located)",
  );
});
