import assert from "node:assert/strict";
import { test } from "node:test";

import { importStatus } from "../src/lib/tautulli.js";
import type { TautulliImport } from "../src/types.js";

const summary = {
  phase: "done",
  rows_read: 1840,
  rows: 1840,
  streams: 1796,
  duplicates: 0,
  already_live: 31,
  users: ["1", "2"],
  countries: ["GB"],
  located: 1,
  not_located: 0,
  skipped: { not_a_viewing: 13, no_user: 0 },
  missing_fields: [],
};

test("no import ever: nothing to say", () => {
  assert.equal(importStatus(undefined), null);
  const idle = { running: false, percent: null, phase: null, rows: 0, total_rows: 0, error: null };
  assert.equal(importStatus({ ...idle, summary: {} }), null);
});

test("a running import shows its percentage, phase and rows", () => {
  const state: TautulliImport = {
    running: true,
    percent: 42,
    phase: "history",
    rows: 10_000,
    total_rows: 23_817,
    error: null,
    summary: {},
  };
  assert.deepEqual(importStatus(state), {
    running: true,
    headline: "Importing Tautulli's history",
    detail: "42 % · reading plays · 10,000 rows of 23,817",
  });
  const connecting = importStatus({ ...state, phase: "connecting", rows: 0, total_rows: 0, percent: 0 });
  assert.equal(connecting?.detail, "0 % · connecting to Tautulli · 0 rows");
});

test("a finished import says what it brought, what it skipped and why", () => {
  const done = { running: false, percent: 100, phase: "done", rows: 1840, total_rows: 1840, error: null };
  const status = importStatus({ ...done, summary });
  assert.equal(status?.headline, "Imported from Tautulli");
  assert.equal(
    status?.detail,
    "1,796 streams · 2 users · 1 country · 1 address located · 31 already recorded live · skipped: 13 not a viewing",
  );
  const old = importStatus({ ...done, summary: { ...summary, missing_fields: ["machine_id"] } });
  assert.match(old?.detail ?? "", /this Tautulli lacks machine_id$/);
});

test("a stopped import says so, and that importing again resumes it", () => {
  const failed = { running: false, percent: 40, phase: "failed", rows: 800, total_rows: 1840, error: "unreachable" };
  const status = importStatus({ ...failed, summary: { ...summary, phase: "failed" } });
  assert.equal(status?.headline, "Tautulli import stopped; importing again resumes it");
});
