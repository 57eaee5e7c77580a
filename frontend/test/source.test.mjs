// Guards that hold for the whole source tree and the committed bundle.

import assert from "node:assert/strict";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { gzipSync } from "node:zlib";

import * as esbuild from "esbuild";

import { BUDGET_GZIP, OUTFILE, options } from "../build-options.mjs";

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

test("the committed bundle is what the sources build to, within budget", async () => {
  const out = join(tmpdir(), `plexgeo-panel-${process.pid}.js`);
  try {
    await esbuild.build({ ...options, outfile: out, logLevel: "warning" });
    const built = readFileSync(out);
    const committed = readFileSync(OUTFILE);
    assert.ok(built.equals(committed), "run `npm run build` and commit the bundle");
    assert.ok(gzipSync(committed, { level: 9 }).length < BUDGET_GZIP);
  } finally {
    rmSync(out, { force: true });
  }
});
