import assert from "node:assert/strict";
import { test } from "node:test";

import { pushText, serverStatus } from "../src/lib/server.js";
import type { ServerState } from "../src/types.js";

const NOW = new Date("2026-03-02T10:30:00Z");
const ago = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString();

const healthy: ServerState = {
  connected: true,
  problem: null,
  last_poll: ago(0.2),
  last_success: ago(0.2),
  failing_since: null,
  poll_interval: 30,
  push: null,
};

test("a server polled just now is connected and its streams are live", () => {
  const status = serverStatus(healthy, NOW);
  assert.deepEqual(status, { health: "connected", live: true, headline: "Connected", detail: "last poll just now" });
});

test("an unreachable server says since when, and its old streams are not live", () => {
  const status = serverStatus(
    {
      ...healthy,
      connected: false,
      problem: "plex_unreachable",
      failing_since: ago(12),
      last_poll: ago(0.5),
      last_success: ago(13),
    },
    NOW,
  );
  assert.equal(status.health, "failing");
  assert.equal(status.live, false);
  assert.equal(status.headline, "Plex server unreachable");
  assert.equal(status.detail, "since 12 min ago · last poll just now · streams as of 13 min ago");
});

test("each failure has its own headline, an unknown one a generic one", () => {
  const failing = { ...healthy, connected: false, failing_since: null };
  assert.equal(serverStatus({ ...failing, problem: "database_unavailable" }, NOW).headline, "History database unavailable");
  assert.equal(serverStatus({ ...failing, problem: "auth_failed" }, NOW).headline, "Plex refused the token");
  const other = serverStatus({ ...failing, problem: "something_new" }, NOW);
  assert.equal(other.headline, "Plex server not answering");
  assert.equal(other.detail, "last poll just now · streams as of just now");
});

test("a connected server whose last good poll is too old is stale, not live", () => {
  // Three missed 30 s polls, but never less than 90 s.
  assert.equal(serverStatus({ ...healthy, last_success: ago(1.4) }, NOW).live, true);
  const stale = serverStatus({ ...healthy, last_success: ago(2), last_poll: ago(2) }, NOW);
  assert.deepEqual(
    [stale.health, stale.live, stale.detail],
    ["stale", false, "last poll 2 min ago · streams as of 2 min ago"],
  );
  // A slow interval waits longer: 5 min polls are live for 15 min.
  assert.equal(serverStatus({ ...healthy, poll_interval: 300, last_success: ago(14) }, NOW).live, true);
  assert.equal(serverStatus({ ...healthy, poll_interval: 300, last_success: ago(16) }, NOW).live, false);
  assert.equal(serverStatus({ ...healthy, last_success: null }, NOW).live, false);
});

test("before the state is known nothing is claimed and nothing is hidden", () => {
  assert.deepEqual(serverStatus(undefined, NOW), { health: "unknown", live: true, headline: "", detail: "" });
});

const socket = {
  connected: true,
  since: ago(5),
  notifications: 12,
  fetches: 4,
  garbled: 0,
  connects: 1,
  last_error: null,
};

test("the notification socket's health joins the status line", () => {
  const on = serverStatus({ ...healthy, push: socket }, NOW);
  assert.equal(on.detail, "last poll just now · instant updates on (4 fetched by 12 notifications)");
  const off = { ...healthy, push: { ...socket, connected: false, last_error: "HTTP 404" } };
  assert.equal(pushText(off), "instant updates off (this server does not offer them): polling every 30 s");
  // Words, not HTTP codes or exception names.
  const why = (last_error: string) => pushText({ ...off, push: { ...off.push, last_error } });
  assert.equal(why("HTTP 401"), "instant updates off (Plex refused them): polling every 30 s");
  assert.equal(why("HTTP 503"), "instant updates off (Plex failed to offer them): polling every 30 s");
  assert.equal(why("TimeoutError"), "instant updates off (Plex did not answer): polling every 30 s");
  assert.equal(why("ClientConnectorError"), "instant updates off (the connection was lost): polling every 30 s");
  assert.equal(pushText({ ...off, push: { ...off.push, last_error: null } }), "instant updates off: polling every 30 s");
  assert.equal(pushText(healthy), "");
});
