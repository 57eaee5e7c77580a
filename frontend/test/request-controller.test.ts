import assert from "node:assert/strict";
import { test } from "node:test";

import type { ReactiveController, ReactiveControllerHost } from "lit";

import { PlexGeoApiError } from "../src/lib/api.js";
import { RequestController } from "../src/lib/request-controller.js";

class FakeHost implements ReactiveControllerHost {
  controllers: ReactiveController[] = [];
  updates = 0;
  updateComplete = Promise.resolve(true);

  addController(controller: ReactiveController): void {
    this.controllers.push(controller);
  }

  removeController(controller: ReactiveController): void {
    this.controllers = this.controllers.filter((c) => c !== controller);
  }

  requestUpdate(): void {
    this.updates++;
  }
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function setup() {
  const host = new FakeHost();
  const request = new RequestController(host);
  const applied: string[] = [];
  const apply = (answer: string) => void applied.push(answer);
  return { host, request, applied, apply };
}

/** Start two requests in a row; the second makes the first stale. */
function twoRequests(request: RequestController, apply: (answer: string) => void) {
  const first = deferred<string>();
  const second = deferred<string>();
  return {
    first,
    second,
    firstDone: request.run(() => first.promise, apply),
    secondDone: request.run(() => second.promise, apply),
  };
}

test("the controller registers with its host and starts idle", () => {
  const { host, request } = setup();
  assert.deepEqual(host.controllers, [request]);
  assert.equal(request.loading, false);
  assert.equal(request.error, undefined);
  assert.equal(host.updates, 0);
});

test("a request is loading until its answer is applied", async () => {
  const { host, request, applied, apply } = setup();
  const answer = deferred<string>();
  const done = request.run(() => answer.promise, apply);
  assert.equal(request.loading, true);
  assert.equal(host.updates, 1, "starting asks the host to render the loading state");
  answer.resolve("page 1");
  await done;
  assert.deepEqual(applied, ["page 1"]);
  assert.equal(request.loading, false);
  assert.equal(request.error, undefined);
  assert.equal(host.updates, 2);
});

test("a stale answer is dropped, whichever order the answers arrive in", async () => {
  const { request, applied, apply } = setup();
  const { first, second, firstDone, secondDone } = twoRequests(request, apply);
  first.resolve("old");
  await firstDone;
  assert.deepEqual(applied, [], "the older answer never reaches the view");
  assert.equal(request.loading, true, "still loading: the latest request has not answered");
  second.resolve("new");
  await secondDone;
  assert.deepEqual(applied, ["new"]);
  assert.equal(request.loading, false);

  const later = twoRequests(request, apply);
  later.second.resolve("newest");
  await later.secondDone;
  later.first.resolve("late");
  await later.firstDone;
  assert.deepEqual(applied, ["new", "newest"], "a late answer does not overwrite a newer one");
  assert.equal(request.loading, false);
});

test("a failure becomes a PlexGeoApiError with Home Assistant's code", async () => {
  const { request, applied, apply } = setup();
  await request.run(() => Promise.reject({ code: "not_found", message: "Unknown user" }), apply);
  assert.deepEqual(applied, []);
  assert.equal(request.loading, false);
  assert.ok(request.error instanceof PlexGeoApiError);
  assert.equal(request.error.code, "not_found");
  assert.equal(request.error.message, "Unknown user");
});

test("the next request clears the error when it starts", async () => {
  const { request, applied, apply } = setup();
  await request.run(() => Promise.reject(3), apply);
  assert.equal(request.error?.code, "connection_lost");
  const retry = deferred<string>();
  const done = request.run(() => retry.promise, apply);
  assert.equal(request.error, undefined, "a retry shows loading, not the old error");
  assert.equal(request.loading, true);
  retry.resolve("ok");
  await done;
  assert.deepEqual(applied, ["ok"]);
  assert.equal(request.error, undefined);
});

test("a stale failure is dropped and does not end the latest request", async () => {
  const { request, applied, apply } = setup();
  const { first, second, firstDone, secondDone } = twoRequests(request, apply);
  first.reject({ code: "timeout", message: "too slow" });
  await firstDone;
  assert.equal(request.error, undefined);
  assert.equal(request.loading, true);
  second.resolve("fresh");
  await secondDone;
  assert.deepEqual(applied, ["fresh"]);
  assert.equal(request.error, undefined);
});

test("a fetch that throws at once or an apply that throws becomes the error; run never rejects", async () => {
  const { request } = setup();
  await request.run(
    () => {
      throw new PlexGeoApiError("bad_filter", "Unknown country");
    },
    () => undefined,
  );
  assert.equal(request.error?.code, "bad_filter");
  assert.equal(request.loading, false);
  await request.run(
    () => Promise.resolve("page"),
    () => {
      throw new Error("render data broken");
    },
  );
  assert.equal(request.error?.code, "unknown_error");
  assert.equal(request.loading, false);
});

test("the host is asked to render only when loading or the error changes", async () => {
  const { host, request, apply } = setup();
  await request.run(() => Promise.resolve("a"), apply);
  assert.equal(host.updates, 2, "loading on, loading off");
  await request.run(() => Promise.reject({ code: "x", message: "y" }), apply);
  assert.equal(host.updates, 4, "loading on, then error and loading off together");
});

test("an action needs no apply: the controller tracks only whether it runs and how it failed", async () => {
  const { request } = setup();
  await request.run(() => Promise.reject({ code: "not_found", message: "Unknown alert" }));
  assert.equal(request.error?.message, "Unknown alert");
  assert.equal(request.loading, false);
  const ack = deferred<void>();
  const done = request.run(() => ack.promise);
  assert.equal(request.loading, true, "the view disables its buttons while the action runs");
  ack.resolve();
  await done;
  assert.equal(request.loading, false);
  assert.equal(request.error, undefined, "the next action that succeeds clears the failure");
});
