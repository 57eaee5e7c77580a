import assert from "node:assert/strict";
import { test } from "node:test";

import { ariaSort, LOG_ORDERS, parseOrder, toggleOrder } from "../src/lib/sort.js";

test("the log offers only the orders the server walks", () => {
  assert.deepEqual(
    LOG_ORDERS.map((o) => o.key),
    ["newest", "oldest"],
  );
});

test("the Started header toggles the order and says which it is", () => {
  assert.equal(toggleOrder("newest"), "oldest");
  assert.equal(toggleOrder("oldest"), "newest");
  assert.equal(ariaSort("newest"), "descending");
  assert.equal(ariaSort("oldest"), "ascending");
});

test("a select's value becomes an order, anything unknown the default", () => {
  assert.equal(parseOrder("oldest"), "oldest");
  assert.equal(parseOrder("newest"), "newest");
  assert.equal(parseOrder("title"), "newest");
  assert.equal(parseOrder(""), "newest");
});
