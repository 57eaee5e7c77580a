// A Lit reactive controller that owns one view's request: the counter that drops stale
// answers, the loading flag and the error. The view keeps the data it shows. A view runs its
// loads through one controller and its actions (acknowledge, trust) through another.

import type { ReactiveController, ReactiveControllerHost } from "lit";

import { type PlexGeoApiError, toApiError } from "./api.js";

export class RequestController implements ReactiveController {
  private latest = 0;
  private _loading = false;
  private _error: PlexGeoApiError | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** True from the start of the latest request until it settles. */
  get loading(): boolean {
    return this._loading;
  }

  /** Why the latest request failed; cleared when the next one starts. */
  get error(): PlexGeoApiError | undefined {
    return this._error;
  }

  /**
   * Start a request. It makes every earlier one stale: their answers and errors are
   * dropped. `apply` receives the answer only while this request is the latest; an error
   * from `fetch` or `apply` becomes `error`. Resolves when the request settles, never rejects.
   */
  async run<T>(fetch: () => Promise<T>, apply?: (answer: T) => void): Promise<void> {
    const request = ++this.latest;
    this.set(true, undefined);
    let error: PlexGeoApiError | undefined;
    try {
      const answer = await fetch();
      if (request === this.latest) apply?.(answer);
    } catch (err) {
      error = toApiError(err);
    }
    if (request === this.latest) this.set(false, error);
  }

  // A request outlives a disconnect on purpose: Home Assistant detaches and re-attaches the
  // panel when the user leaves and comes back, and the view must not be left loading then.
  hostConnected(): void {}

  private set(loading: boolean, error: PlexGeoApiError | undefined): void {
    if (loading === this._loading && error === this._error) return;
    this._loading = loading;
    this._error = error;
    this.host.requestUpdate();
  }
}
