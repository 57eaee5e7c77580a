import assert from "node:assert/strict";
import { test } from "node:test";

import { PlexGeoApi, PlexGeoApiError } from "../src/lib/api.js";
import { sameStream, stopErrorText } from "../src/lib/stop.js";
import type { HassConnection } from "../src/types.js";

function connection(answer: () => Promise<unknown>) {
  const sent: Record<string, unknown>[] = [];
  const conn: HassConnection = {
    sendMessagePromise: <T>(msg: Record<string, unknown>) => {
      sent.push(msg);
      return answer() as Promise<T>;
    },
    subscribeMessage: async () => async () => undefined,
  };
  return { conn, sent };
}

test("Stop calls the terminate action for the stream, with the message", async () => {
  const { conn, sent } = connection(async () => null);
  await new PlexGeoApi(conn, "entry1").terminate(42, "Bye");
  assert.deepEqual(sent, [
    {
      type: "call_service",
      domain: "plexgeo",
      service: "terminate_stream",
      service_data: { config_entry_id: "entry1", stream_id: 42, message: "Bye" },
    },
  ]);
});

test("a refusal from the server explains Plex Pass", async () => {
  const refused = {
    code: "home_assistant_error",
    message: "The Plex server refused to stop the stream.",
    translation_domain: "plexgeo",
    translation_key: "terminate_refused",
  };
  const { conn } = connection(async () => Promise.reject(refused));
  const err = await new PlexGeoApi(conn, "entry1").terminate(42, "Bye").catch((e: unknown) => e);
  assert.ok(err instanceof PlexGeoApiError);
  assert.equal(err.translationKey, "terminate_refused");
  assert.match(stopErrorText(err), /needs a Plex Pass/);
});

test("other failures say what went wrong, not Plex Pass", () => {
  const failed = new PlexGeoApiError("home_assistant_error", "Plex did not answer", "terminate_failed");
  assert.equal(stopErrorText(failed), "Could not stop the stream: Plex did not answer");
  const notAdmin = new PlexGeoApiError("home_assistant_error", "Only administrators…", "admin_only");
  assert.equal(stopErrorText(notAdmin), "Only administrators can stop streams.");
  assert.equal(stopErrorText(new Error("x")), "Could not stop the stream.");
});

test("a Stop button's state belongs to the stream it was opened for", () => {
  // The live list redraws when a stream ends: a "Stop sent" must not move to the next one.
  assert.equal(sameStream({ stream_id: 7 }, { stream_id: 7 }), true);
  assert.equal(sameStream({ stream_id: 7 }, { stream_id: 8 }), false);
  assert.equal(sameStream(undefined, { stream_id: 7 }), false);
  assert.equal(sameStream({ stream_id: 7 }, undefined), false);
});
