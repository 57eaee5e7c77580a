import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { featureAlpha2, flag, NUMERIC_TO_ALPHA2 } from "../src/lib/iso.js";

interface Atlas {
  objects: { countries: { geometries: { id?: string; properties: { name: string } }[] } };
}

const atlas = JSON.parse(
  readFileSync("node_modules/world-atlas/countries-110m.json", "utf8"),
) as Atlas;

test("every world-atlas country maps to an alpha-2 code", () => {
  const missing = atlas.objects.countries.geometries
    .filter((g) => featureAlpha2(g.id, g.properties.name) === null)
    .map((g) => `${g.id}:${g.properties.name}`);
  assert.deepEqual(missing, []);
});

test("mapped codes are regions Intl knows, so a typo in the table cannot hide", () => {
  const names = new Intl.DisplayNames(["en"], { type: "region" });
  for (const [numeric, alpha2] of NUMERIC_TO_ALPHA2) {
    assert.match(alpha2, /^[A-Z]{2}$/, numeric);
    assert.notEqual(names.of(alpha2), alpha2, `${numeric} -> ${alpha2} is not a region`);
  }
});

test("the table has every ISO 3166-1 country once", () => {
  assert.equal(NUMERIC_TO_ALPHA2.size, 249);
  assert.equal(new Set(NUMERIC_TO_ALPHA2.values()).size, 249);
});

test("atlas names agree with the codes for well-known countries", () => {
  const byName = new Map(
    atlas.objects.countries.geometries.map((g) => [g.properties.name, featureAlpha2(g.id, g.properties.name)]),
  );
  assert.equal(byName.get("United Kingdom"), "GB");
  assert.equal(byName.get("United States of America"), "US");
  assert.equal(byName.get("France"), "FR");
  assert.equal(byName.get("Australia"), "AU");
  assert.equal(byName.get("Japan"), "JP");
  assert.equal(byName.get("Brazil"), "BR");
  assert.equal(byName.get("Kosovo"), "XK");
  assert.equal(byName.get("eSwatini"), "SZ");
});

test("numeric ids are accepted as numbers or unpadded strings", () => {
  assert.equal(featureAlpha2(36), "AU");
  assert.equal(featureAlpha2("36"), "AU");
  assert.equal(featureAlpha2("999"), null);
  assert.equal(featureAlpha2(undefined, "Nowhere"), null);
});

test("flag builds regional indicators and refuses non-codes", () => {
  assert.equal(flag("gb"), "\u{1F1EC}\u{1F1E7}");
  assert.equal(flag("GBR"), "");
  assert.equal(flag(null), "");
});
