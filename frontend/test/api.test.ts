import assert from "node:assert/strict";
import { test } from "node:test";

import { compact, fetchEntries, PlexGeoApi, PlexGeoApiError, toApiError } from "../src/lib/api.js";
import type { HassConnection } from "../src/types.js";

function fakeConnection(answer: (msg: Record<string, unknown>) => Promise<unknown>) {
  const sent: Record<string, unknown>[] = [];
  const connection: HassConnection = {
    sendMessagePromise: <T>(msg: Record<string, unknown>) => {
      sent.push(msg);
      return answer(msg) as Promise<T>;
    },
    subscribeMessage: async () => async () => undefined,
  };
  return { connection, sent };
}

test("errors keep Home Assistant's code and message", () => {
  const err = toApiError({ code: "not_found", message: "Unknown user" });
  assert.ok(err instanceof PlexGeoApiError);
  assert.equal(err.code, "not_found");
  assert.equal(err.message, "Unknown user");
});

test("a lost connection and odd rejections still become readable errors", () => {
  assert.equal(toApiError(3).code, "connection_lost");
  assert.equal(toApiError("boom").message, "boom");
  assert.equal(toApiError(undefined).code, "unknown_error");
  assert.equal(toApiError({ message: "" }).message, "Unexpected error");
});

test("compact drops unset filters but keeps false and zero", () => {
  assert.deepEqual(compact({ a: undefined, b: "", c: false, d: 0, e: null, f: "x" }), {
    c: false,
    d: 0,
    e: null,
    f: "x",
  });
});

test("commands carry their type and entry id, and only the filters that are set", async () => {
  const { connection, sent } = fakeConnection(async () => ({ streams: [], next_cursor: null }));
  const api = new PlexGeoApi(connection, "entry1");
  await api.streams({ country: "GB", search: undefined }, 50, null);
  assert.deepEqual(sent[0], {
    type: "plexgeo/streams",
    entry_id: "entry1",
    country: "GB",
    limit: 50,
    cursor: null,
    order: "newest",
  });
  await api.acknowledge(undefined, false);
  assert.deepEqual(sent[1], { type: "plexgeo/alerts/acknowledge", entry_id: "entry1", trust: false });
  await api.trust("u1", "ES", true);
  assert.deepEqual(sent[2], {
    type: "plexgeo/trust",
    entry_id: "entry1",
    user_id: "u1",
    country_code: "ES",
    trusted: true,
  });
});

test("the log walks either order, and its count sends the same filters", async () => {
  const { connection, sent } = fakeConnection(async () => ({ total: 3, exact: true }));
  const api = new PlexGeoApi(connection, "entry1");
  await api.streams({ user_id: "7" }, 20, "Yzox", "oldest");
  assert.equal(sent[0]?.order, "oldest");
  assert.equal(sent[0]?.cursor, "Yzox");
  assert.deepEqual(await api.streamCount({ user_id: "7", search: "" }), { total: 3, exact: true });
  assert.deepEqual(sent[1], { type: "plexgeo/streams/count", entry_id: "entry1", user_id: "7" });
});

test("a websocket error rejects with PlexGeoApiError", async () => {
  const { connection } = fakeConnection(() => Promise.reject({ code: "store_unavailable", message: "locked" }));
  const api = new PlexGeoApi(connection, "entry1");
  await assert.rejects(api.users(), (err: unknown) => err instanceof PlexGeoApiError && err.code === "store_unavailable");
  await assert.rejects(fetchEntries(connection), PlexGeoApiError);
});

test("subscribe passes events through and unsubscribing after a disconnect is harmless", async () => {
  let unsubscribed = 0;
  let emit: ((e: unknown) => void) | undefined;
  const connection: HassConnection = {
    sendMessagePromise: () => Promise.reject(new Error("unused")),
    subscribeMessage: async <T>(cb: (e: T) => void, msg: Record<string, unknown>) => {
      assert.deepEqual(msg, { type: "plexgeo/subscribe", entry_id: "e" });
      emit = cb as (e: unknown) => void;
      return () => {
        unsubscribed++;
        return Promise.reject({ code: 3, message: "Connection lost" });
      };
    },
  };
  const events: unknown[] = [];
  const unsubscribe = await new PlexGeoApi(connection, "e").subscribe((e) => events.push(e));
  emit?.({ live_streams: [], new_alerts: [], unacknowledged: 1 });
  assert.equal(events.length, 1);
  unsubscribe();
  await new Promise((r) => setTimeout(r, 0));
  assert.equal(unsubscribed, 1);
});

test("a refused subscription rejects with the server's error", async () => {
  const connection: HassConnection = {
    sendMessagePromise: () => Promise.reject(new Error("unused")),
    subscribeMessage: () => Promise.reject({ code: "not_found", message: "Config entry not loaded" }),
  };
  await assert.rejects(new PlexGeoApi(connection, "e").subscribe(() => undefined), (err: unknown) =>
    err instanceof PlexGeoApiError && err.code === "not_found",
  );
});
