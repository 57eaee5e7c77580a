import assert from "node:assert/strict";
import { test } from "node:test";

import { navigate, parseRoute, routePath, sameRoute } from "../src/lib/routes.js";

test("paths name a tab and a user", () => {
  assert.deepEqual(parseRoute(""), { tab: "map" });
  assert.deepEqual(parseRoute("/"), { tab: "map" });
  assert.deepEqual(parseRoute(undefined), { tab: "map" });
  assert.deepEqual(parseRoute("/map"), { tab: "map" });
  assert.deepEqual(parseRoute("/streams"), { tab: "streams" });
  assert.deepEqual(parseRoute("/alerts/"), { tab: "alerts" });
  assert.deepEqual(parseRoute("/users"), { tab: "users" });
  assert.deepEqual(parseRoute("/users/42"), { tab: "users", userId: "42" });
  assert.deepEqual(parseRoute("/users/a%2Fb%20c"), { tab: "users", userId: "a/b c" });
});

test("unknown or malformed paths fall back instead of failing", () => {
  assert.deepEqual(parseRoute("/nope"), { tab: "map" });
  assert.deepEqual(parseRoute("/users/%E0%A4%A"), { tab: "users" });
  assert.deepEqual(parseRoute("/users/1/2"), { tab: "users" });
  assert.deepEqual(parseRoute("/streams/7"), { tab: "streams" });
  assert.deepEqual(parseRoute("/__proto__"), { tab: "map" });
});

test("a route and its path round-trip under the panel's prefix", () => {
  const routes = [
    { tab: "map" as const },
    { tab: "streams" as const },
    { tab: "alerts" as const },
    { tab: "users" as const },
    { tab: "users" as const, userId: "7" },
    { tab: "users" as const, userId: "<img src=x>/?#" },
  ];
  for (const route of routes) {
    const path = routePath("/plexgeo", route);
    assert.ok(path.startsWith("/plexgeo"), path);
    assert.deepEqual(parseRoute(path.slice("/plexgeo".length)), route);
  }
  assert.equal(routePath("/plexgeo/", { tab: "streams" }), "/plexgeo/streams");
  assert.equal(routePath("/plexgeo", { tab: "map" }), "/plexgeo");
  assert.equal(routePath("/plexgeo", { tab: "users", userId: "a b" }), "/plexgeo/users/a%20b");
});

test("routes compare by tab and user", () => {
  assert.ok(sameRoute({ tab: "users" }, { tab: "users", userId: undefined }));
  assert.ok(!sameRoute({ tab: "users" }, { tab: "users", userId: "1" }));
  assert.ok(!sameRoute({ tab: "map" }, { tab: "alerts" }));
});

test("navigate pushes or replaces history and tells Home Assistant", () => {
  const calls: string[] = [];
  const events: unknown[] = [];
  const g = globalThis as Record<string, unknown>;
  const saved = { history: g.history, window: g.window };
  g.history = {
    state: { kept: true },
    pushState: (_s: unknown, _t: string, url: string) => calls.push(`push ${url}`),
    replaceState: (s: unknown, _t: string, url: string) => calls.push(`replace ${url} ${JSON.stringify(s)}`),
  };
  g.window = { dispatchEvent: (e: CustomEvent) => events.push([e.type, e.detail]) };
  try {
    navigate("/plexgeo/streams");
    navigate("/plexgeo/users", true);
  } finally {
    g.history = saved.history;
    g.window = saved.window;
  }
  assert.deepEqual(calls, ["push /plexgeo/streams", 'replace /plexgeo/users {"kept":true}']);
  assert.deepEqual(events, [
    ["location-changed", { replace: false }],
    ["location-changed", { replace: true }],
  ]);
});
