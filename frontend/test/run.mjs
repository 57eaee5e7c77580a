// Compile the TypeScript tests with esbuild (Node 20 cannot run TypeScript) and run them
// with Node's test runner.

import { spawnSync } from "node:child_process";
import { readdirSync, rmSync } from "node:fs";

import * as esbuild from "esbuild";

const OUT = "build-test";
const tests = readdirSync("test").filter((f) => f.endsWith(".test.ts") || f.endsWith(".test.mjs"));
rmSync(OUT, { recursive: true, force: true });
await esbuild.build({
  entryPoints: tests.filter((f) => f.endsWith(".ts")).map((f) => `test/${f}`),
  outdir: OUT,
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  format: "esm",
  target: ["node20"],
  packages: "external",
  logLevel: "warning",
});
const files = [
  ...tests.filter((f) => f.endsWith(".ts")).map((f) => `${OUT}/${f.replace(/\.ts$/, ".mjs")}`),
  ...tests.filter((f) => f.endsWith(".mjs")).map((f) => `test/${f}`),
];
const result = spawnSync(process.execPath, ["--test", ...files], { stdio: "inherit" });
process.exit(result.status ?? 1);
