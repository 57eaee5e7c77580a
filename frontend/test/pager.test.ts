import assert from "node:assert/strict";
import { test } from "node:test";

import { CursorPager } from "../src/lib/pager.js";

test("next and previous walk a stack of cursors", () => {
  const pager = new CursorPager();
  assert.equal(pager.current, null);
  assert.equal(pager.hasPrevious, false);
  pager.loaded("c1");
  assert.equal(pager.hasNext, true);
  assert.equal(pager.next(), "c1");
  assert.equal(pager.page, 1);
  pager.loaded("c2");
  assert.equal(pager.next(), "c2");
  pager.loaded(null);
  assert.equal(pager.hasNext, false);
  assert.equal(pager.next(), null, "no next page past the last");
  assert.equal(pager.page, 2);
  assert.equal(pager.previous(), "c1");
  assert.equal(pager.previous(), null);
  assert.equal(pager.page, 0);
  assert.equal(pager.hasPrevious, false);
  assert.equal(pager.previous(), null, "previous on the first page stays there");
});

test("next is refused until the current page reports its next cursor", () => {
  const pager = new CursorPager();
  pager.loaded("c1");
  pager.next();
  assert.equal(pager.hasNext, false);
  assert.equal(pager.next(), null);
  assert.equal(pager.page, 1);
});

test("reset goes back to the first page", () => {
  const pager = new CursorPager();
  pager.loaded("c1");
  pager.next();
  pager.reset();
  assert.equal(pager.page, 0);
  assert.equal(pager.current, null);
  assert.equal(pager.hasNext, false);
});

test("the page summary shows the total and where this page sits in it", async () => {
  const { pageSummary } = await import("../src/lib/pager.js");
  assert.equal(pageSummary(0, 50, 50, { total: 312, exact: true }, "en-US"), "Streams 1–50 of 312 · page 1 of 7");
  assert.equal(pageSummary(6, 12, 50, { total: 312, exact: true }, "en-US"), "Streams 301–312 of 312 · page 7 of 7");
  assert.equal(
    pageSummary(1, 50, 50, { total: 10000, exact: false }, "en-US"),
    "Streams 51–100 of 10,000+ · page 2",
  );
  assert.equal(pageSummary(2, 50, 50, undefined, "en-US"), "Streams 101–150 · page 3");
  assert.equal(pageSummary(0, 0, 50, { total: 0, exact: true }, "en-US"), "No streams of 0 · page 1 of 1");
});
