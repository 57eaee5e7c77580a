import assert from "node:assert/strict";
import { test } from "node:test";

import {
  clampView,
  clusterPoints,
  dotAction,
  FIT_MAX_ZOOM,
  fitView,
  keyView,
  MAX_ZOOM,
  panBy,
  zoomAt,
} from "../src/lib/map-view.js";

const W = 960;
const H = 468;
const whole = { x: 0, y: 0, k: 1 };

test("zooming keeps the point under the cursor in place and stays within limits", () => {
  const view = zoomAt(whole, 2, 480, 234, W, H);
  assert.deepEqual(view, { x: 240, y: 117, k: 2 });
  // The map point at the cursor is at the same screen fraction before and after.
  const corner = zoomAt(whole, 4, 0, 0, W, H);
  assert.deepEqual(corner, { x: 0, y: 0, k: 4 });
  assert.equal(zoomAt({ ...whole, k: MAX_ZOOM }, 2, 10, 10, W, H).k, MAX_ZOOM);
  assert.deepEqual(zoomAt(view, 0.1, 480, 234, W, H), whole);
});

test("panning stops at the map's edges", () => {
  const view = { x: 240, y: 117, k: 2 };
  assert.deepEqual(panBy(view, -1000, 0, W, H), { x: 0, y: 117, k: 2 });
  assert.deepEqual(panBy(view, 1000, 1000, W, H), { x: 480, y: 234, k: 2 });
  assert.deepEqual(panBy(whole, 50, 50, W, H), whole);
  assert.deepEqual(clampView({ x: Number.NaN, y: 5, k: Number.NaN }, W, H), whole);
});

test("keys zoom around the centre, pan by an eighth and reset", () => {
  const zoomed = keyView("+", whole, W, H)!;
  assert.deepEqual(zoomed, { x: 240, y: 117, k: 2 });
  assert.deepEqual(keyView("ArrowRight", zoomed, W, H), { x: 300, y: 117, k: 2 });
  assert.deepEqual(keyView("ArrowUp", zoomed, W, H), { x: 240, y: 57, k: 2 });
  assert.deepEqual(keyView("-", zoomed, W, H), whole);
  assert.deepEqual(keyView("0", zoomed, W, H), whole);
  assert.equal(keyView("a", zoomed, W, H), null);
});

test("nearby dots merge into one cluster with the summed count; far ones stay apart", () => {
  const clusters = clusterPoints(
    [
      { x: 100, y: 100, weight: 1, item: "london" },
      { x: 104, y: 98, weight: 3, item: "paris" },
      { x: 800, y: 300, weight: 2, item: "tokyo" },
    ],
    10,
  );
  assert.deepEqual(
    clusters.map((c) => [c.members, c.weight, Math.round(c.x), Math.round(c.y)]),
    [
      [["paris", "london"], 4, 103, 99],
      [["tokyo"], 2, 800, 300],
    ],
  );
  // Zoomed in (a smaller radius in map units) the two split again.
  assert.equal(clusterPoints([{ x: 100, y: 100, weight: 1, item: 1 }, { x: 104, y: 98, weight: 3, item: 2 }], 2).length, 2);
  assert.deepEqual(clusterPoints([], 10), []);
});

test("a click opens the dot's user; a finger first pins the tooltip; groups zoom in", () => {
  const carol = new Set(["carol"]);
  assert.equal(dotAction(carol, 1, 1, false, false), "open-user");
  assert.equal(dotAction(carol, 1, 1, true, false), "pin");
  assert.equal(dotAction(carol, 1, 1, true, true), "open-user");
  // One user's two nearby places: a mouse opens the user, a finger pins first.
  assert.equal(dotAction(carol, 2, 1, false, false), "open-user");
  assert.equal(dotAction(new Set(["carol", "bob"]), 2, 1, false, false), "zoom");
  assert.equal(dotAction(new Set(["carol", "bob"]), 2, MAX_ZOOM, false, false), "pin");
  // The user view's dots have no user: they pin their tooltip.
  assert.equal(dotAction(new Set([undefined]), 1, 1, false, false), "pin");
});

test("a fitted view shows every point, with a margin, and stops at a region's zoom", () => {
  assert.deepEqual(fitView([], W, H), whole);
  // Two points a quarter of the map apart: zoomed in, both inside with room to spare.
  const points = [
    { x: 400, y: 150 },
    { x: 640, y: 200 },
  ];
  const view = fitView(points, W, H);
  assert.ok(view.k > 2 && view.k <= FIT_MAX_ZOOM, `k ${view.k}`);
  for (const p of points) {
    assert.ok(p.x > view.x && p.x < view.x + W / view.k, `x ${p.x} outside ${JSON.stringify(view)}`);
    assert.ok(p.y > view.y && p.y < view.y + H / view.k, `y ${p.y} outside ${JSON.stringify(view)}`);
  }
  // One place: its region, centred, never closer than FIT_MAX_ZOOM.
  const one = fitView([{ x: 480, y: 234 }], W, H);
  assert.equal(one.k, FIT_MAX_ZOOM);
  assert.equal(one.x + W / one.k / 2, 480);
  // Places at both ends of the world: the whole map.
  assert.deepEqual(fitView([{ x: 5, y: 5 }, { x: 955, y: 460 }], W, H), whole);
});
