import assert from "node:assert/strict";
import { test } from "node:test";

import { DEFAULT_USER_QUERY, queryUsers, userCounts } from "../src/lib/users.js";
import type { UserSummary } from "../src/types.js";

function user(name: string, patch: Partial<UserSummary> = {}): UserSummary {
  return {
    user_id: name,
    user_name: name,
    stream_count: 1,
    countries: ["GB"],
    last_seen: "2026-03-01T00:00:00Z",
    last_location: null,
    unacknowledged_alerts: 0,
    networks: 1,
    devices: 1,
    concurrent_peak: 1,
    ...patch,
  };
}

const USERS = [
  user("carol", { stream_count: 40, countries: ["JP", "US"], networks: 3, last_seen: "2026-03-02T00:00:00Z" }),
  user("Émilie", { stream_count: 5, unacknowledged_alerts: 2, devices: 4 }),
  user("bob", { stream_count: 40, countries: ["FR"], networks: 1, concurrent_peak: 3 }),
  user("alice", { last_seen: null }),
];
const names = (users: UserSummary[]) => users.map((u) => u.user_name);

test("by name by default, ignoring case and accents", () => {
  assert.deepEqual(names(queryUsers(USERS, DEFAULT_USER_QUERY)), ["alice", "bob", "carol", "Émilie"]);
});

test("sorts put the largest first, ties by name", () => {
  const sorted = (sort: (typeof DEFAULT_USER_QUERY)["sort"]) =>
    names(queryUsers(USERS, { ...DEFAULT_USER_QUERY, sort }));
  assert.deepEqual(sorted("streams"), ["bob", "carol", "Émilie", "alice"]);
  assert.deepEqual(sorted("countries"), ["carol", "alice", "bob", "Émilie"]);
  assert.deepEqual(sorted("networks"), ["carol", "alice", "bob", "Émilie"]);
  assert.deepEqual(sorted("devices"), ["Émilie", "alice", "bob", "carol"]);
  assert.deepEqual(sorted("alerts"), ["Émilie", "alice", "bob", "carol"]);
  assert.deepEqual(sorted("peak"), ["bob", "alice", "carol", "Émilie"]);
  assert.deepEqual(sorted("last_seen"), ["carol", "bob", "Émilie", "alice"]);
});

test("search matches names without accents and exact country codes; filters narrow", () => {
  const find = (search: string, filter: (typeof DEFAULT_USER_QUERY)["filter"] = "all") =>
    names(queryUsers(USERS, { ...DEFAULT_USER_QUERY, search, filter }));
  assert.deepEqual(find("emi"), ["Émilie"]);
  assert.deepEqual(find(" CAR "), ["carol"]);
  assert.deepEqual(find("jp"), ["carol"]);
  assert.deepEqual(find("j"), []);
  assert.deepEqual(find("", "alerts"), ["Émilie"]);
  assert.deepEqual(find("", "countries"), ["carol"]);
  assert.deepEqual(find("", "networks"), ["carol"]);
  assert.deepEqual(find("bob", "alerts"), []);
});

test("the counts owners look for, in one line", () => {
  assert.equal(
    userCounts(USERS[0] as UserSummary, "en-US"),
    "40 streams · 2 countries · 3 networks · 1 device · up to 1 at once",
  );
  assert.equal(
    userCounts(user("x", { stream_count: 1200, countries: [], concurrent_peak: 1500 }), "en-US"),
    "1,200 streams · 0 countries · 1 network · 1 device · up to 1,500 at once",
  );
});
