// Guards that hold for the whole source tree and the committed bundle.

import assert from "node:assert/strict";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { gunzipSync } from "node:zlib";

import * as esbuild from "esbuild";

import { BUDGET_GZIP, GZ_OUTFILE, OUTFILE, options } from "../build-options.mjs";

// What a phone downloads from the sidebar: the gzip file Home Assistant serves. Kept here, not
// only in build-options.mjs, so raising the budget is a visible change to this test.
const BUDGET_KB = 100;

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sources(join(dir, d.name)) : [join(dir, d.name)],
  );
}

test("untrusted text is never rendered as HTML", () => {
  // Plex titles, user, player and city names are attacker-controlled; only Lit text
  // bindings may render them.
  const banned = /unsafeHTML|unsafeSVG|innerHTML|outerHTML|insertAdjacentHTML|document\.write/;
  const offenders = sources("src").filter((file) => banned.test(readFileSync(file, "utf8")));
  assert.deepEqual(offenders, []);
});

test("the bundle loads nothing from the network at run time", () => {
  const bundle = readFileSync(OUTFILE, "utf8");
  assert.doesNotMatch(bundle, /\bimport\s*\(?\s*["']https?:/);
  assert.doesNotMatch(bundle, /fetch\(\s*["']https?:/);
});

test("the committed bundle is what the sources build to", async () => {
  const out = join(tmpdir(), `plexgeo-panel-${process.pid}.js`);
  try {
    await esbuild.build({ ...options, outfile: out, logLevel: "warning" });
    const built = readFileSync(out);
    const committed = readFileSync(OUTFILE);
    assert.ok(built.equals(committed), "run `npm run build` and commit the bundle");
  } finally {
    rmSync(out, { force: true });
  }
});

test("the served gzip is the committed bundle, within the budget", () => {
  const compressed = readFileSync(GZ_OUTFILE);
  assert.ok(gunzipSync(compressed).equals(readFileSync(OUTFILE)), "run `npm run build` and commit the .gz");
  assert.ok(BUDGET_GZIP <= BUDGET_KB * 1024, `build budget ${BUDGET_GZIP} B is over ${BUDGET_KB} KB`);
  assert.ok(
    compressed.length <= BUDGET_KB * 1024,
    `bundle is ${(compressed.length / 1024).toFixed(1)} KB gzip, over ${BUDGET_KB} KB`,
  );
});

test("no text under 12 px in Home Assistant, whose root font is 14 px", () => {
  // Issue 18, item 13: a phone shows nothing smaller. rem is 14 px in Home Assistant's
  // frontend (0.8rem was 11.2 px); em sizes are relative to a parent and not checked here.
  const ROOT_PX = 14;
  const small = sources("src").flatMap((file) =>
    [...readFileSync(file, "utf8").matchAll(/font-size:\s*([\d.]+)(rem|px)\b/g)]
      .map((m) => [file, m[0], Number(m[1]) * (m[2] === "rem" ? ROOT_PX : 1)])
      .filter(([, , px]) => px < 12),
  );
  assert.deepEqual(small, []);
});
