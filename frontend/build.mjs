// Bundle the panel into one minified ES module for custom_components/plexgeo/frontend/.
// Writes the gzip sibling Home Assistant serves precompressed, prints the raw and gzip sizes and
// fails when the gzip size passes the budget.

import { readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

import * as esbuild from "esbuild";

import { BUDGET_GZIP, GZ_OUTFILE, OUTFILE, options } from "./build-options.mjs";

if (process.argv.includes("--watch")) {
  const context = await esbuild.context(options);
  await context.watch();
} else {
  await esbuild.build(options);
  const bytes = readFileSync(OUTFILE);
  const compressed = gzipSync(bytes, { level: 9 });
  writeFileSync(GZ_OUTFILE, compressed);
  const gzip = compressed.length;
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`plexgeo-panel.js: ${kb(bytes.length)} raw, ${kb(gzip)} gzip (budget ${kb(BUDGET_GZIP)})`);
  if (gzip > BUDGET_GZIP) {
    console.error("Bundle is over the gzip budget");
    process.exit(1);
  }
}
