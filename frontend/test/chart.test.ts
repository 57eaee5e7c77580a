import assert from "node:assert/strict";
import { test } from "node:test";

import { doughnutSlices, formatShare, labelIndexes, niceScale, ringSegment } from "../src/lib/chart.js";

test("doughnut slices are largest first and their shares add up to one", () => {
  const slices = doughnutSlices(["Japan", "France", "Peru"], [1, 6, 3]);
  assert.deepEqual(
    slices.map((s) => [s.label, s.value, s.color]),
    [
      ["France", 6, 0],
      ["Peru", 3, 1],
      ["Japan", 1, 2],
    ],
  );
  assert.ok(Math.abs(slices.reduce((sum, s) => sum + s.share, 0) - 1) < 1e-9);
  // The first segment starts at 12 o'clock on the outer ring.
  assert.match(slices[0]!.d, /^M100\.00 4\.00A96 96 0 1 1 /);
});

test("beyond the slice limit the smallest are folded into Other", () => {
  const labels = ["a", "b", "c", "d", "e"];
  const slices = doughnutSlices(labels, [5, 4, 3, 2, 1], 3);
  assert.deepEqual(
    slices.map((s) => [s.label, s.value, s.color]),
    [
      ["a", 5, 0],
      ["b", 4, 1],
      ["Other", 6, -1],
    ],
  );
});

test("zero, negative and missing values draw nothing", () => {
  assert.deepEqual(doughnutSlices(["a", "b"], [0, -2]), []);
  assert.deepEqual(doughnutSlices(["a", "b"], [Number.NaN]), []);
  assert.deepEqual(doughnutSlices([], []), []);
});

test("a single slice is a full ring with a hole, not a degenerate arc", () => {
  const [only] = doughnutSlices(["Japan"], [4]);
  assert.equal(only!.share, 1);
  // Two sub-paths: outer circle and inner circle.
  assert.equal(only!.d.match(/M/g)?.length, 2);
  assert.equal(only!.d, ringSegment(0, 2 * Math.PI));
});

test("a segment over half the ring uses the large-arc flag", () => {
  assert.match(ringSegment(0, Math.PI * 1.5), /A96 96 0 1 1/);
  assert.match(ringSegment(0, Math.PI * 0.5), /A96 96 0 0 1/);
});

test("the bar axis rounds up to integer ticks 1, 2 or 5 apart", () => {
  assert.deepEqual(niceScale(0), { max: 1, ticks: [0, 1] });
  assert.deepEqual(niceScale(3), { max: 3, ticks: [0, 1, 2, 3] });
  assert.deepEqual(niceScale(7), { max: 8, ticks: [0, 2, 4, 6, 8] });
  assert.deepEqual(niceScale(17), { max: 20, ticks: [0, 5, 10, 15, 20] });
  assert.deepEqual(niceScale(230), { max: 300, ticks: [0, 100, 200, 300] });
  assert.deepEqual(niceScale(Number.NEGATIVE_INFINITY), { max: 1, ticks: [0, 1] });
});

test("x labels are spread out and always include the last day", () => {
  assert.deepEqual([...labelIndexes(3)].sort((a, b) => a - b), [0, 1, 2]);
  const thirty = labelIndexes(30);
  assert.ok(thirty.has(29));
  assert.ok(thirty.size <= 6);
  assert.equal(labelIndexes(0).size, 0);
});

test("legend shares are whole percentages, with slivers shown as <1 %", () => {
  assert.equal(formatShare(0.4167), "42 %");
  assert.equal(formatShare(0.001), "<1 %");
  assert.equal(formatShare(0), "0 %");
});
