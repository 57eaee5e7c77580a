// Typed calls for each websocket command; errors become PlexGeoApiError with HA's code.

import type {
  AlertRow,
  UserHabits,
  Entry,
  HassConnection,
  LiveEvent,
  ServerState,
  Stats,
  StreamCount,
  StreamFilters,
  StreamPage,
  TautulliImport,
  UserDetail,
  UserSummary,
} from "../types.js";

export class PlexGeoApiError extends Error {
  readonly code: string;
  /** HA's translation key of the error, when the integration raised a translated one. */
  readonly translationKey: string | undefined;

  constructor(code: string, message: string, translationKey?: string) {
    super(message);
    this.name = "PlexGeoApiError";
    this.code = code;
    this.translationKey = translationKey;
  }
}

/** Normalise whatever a websocket call rejected with into a PlexGeoApiError. */
export function toApiError(err: unknown): PlexGeoApiError {
  if (err instanceof PlexGeoApiError) return err;
  if (err && typeof err === "object") {
    const obj = err as { code?: unknown; message?: unknown; translation_key?: unknown };
    // home-assistant-js-websocket rejects with the bare error object {code, message};
    // a lost connection rejects with the number ERR_CONNECTION_LOST (3) instead.
    const code = obj.code === undefined ? "unknown_error" : String(obj.code);
    const message =
      typeof obj.message === "string" && obj.message ? obj.message : "Unexpected error";
    const key = typeof obj.translation_key === "string" ? obj.translation_key : undefined;
    return new PlexGeoApiError(code, message, key);
  }
  if (err === 3) {
    return new PlexGeoApiError("connection_lost", "Connection to Home Assistant lost");
  }
  return new PlexGeoApiError("unknown_error", typeof err === "string" ? err : "Unexpected error");
}

/** Drop undefined and empty-string values so the server sees only real filters. */
export function compact(params: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === "") continue;
    out[key] = value;
  }
  return out;
}

export class PlexGeoApi {
  constructor(
    private readonly connection: HassConnection,
    readonly entryId: string,
  ) {}

  private async call<T>(type: string, params: Record<string, unknown> = {}): Promise<T> {
    try {
      return await this.connection.sendMessagePromise<T>({
        type,
        entry_id: this.entryId,
        ...compact(params),
      });
    } catch (err) {
      throw toApiError(err);
    }
  }

  streams(
    filters: StreamFilters,
    limit: number,
    cursor: string | null,
    order: "newest" | "oldest" = "newest",
  ): Promise<StreamPage> {
    return this.call("plexgeo/streams", { ...filters, limit, cursor, order });
  }

  /** How many streams the filters cover (exact, or a lower bound past the server's cap). */
  streamCount(filters: StreamFilters): Promise<StreamCount> {
    return this.call("plexgeo/streams/count", { ...filters });
  }

  users(): Promise<{ users: UserSummary[] }> {
    return this.call("plexgeo/users");
  }

  user(userId: string, days: number): Promise<UserDetail> {
    return this.call("plexgeo/user", { user_id: userId, days });
  }

  /** Stop a live stream through the `plexgeo.terminate_stream` action (admins). */
  async terminate(streamId: number, message: string): Promise<void> {
    try {
      await this.connection.sendMessagePromise({
        type: "call_service",
        domain: "plexgeo",
        service: "terminate_stream",
        service_data: { config_entry_id: this.entryId, stream_id: streamId, message },
      });
    } catch (err) {
      throw toApiError(err);
    }
  }

  /** A user's devices and networks (admins only). */
  habits(userId: string): Promise<UserHabits> {
    return this.call("plexgeo/user/habits", { user_id: userId });
  }

  alerts(
    acknowledged: boolean,
    beforeId: number | null = null,
    limit = 100,
  ): Promise<{ alerts: AlertRow[]; unacknowledged: number; next_before_id: number | null }> {
    const page = beforeId === null ? {} : { before_id: beforeId };
    return this.call("plexgeo/alerts", { acknowledged, limit, ...page });
  }

  acknowledge(alertId: number | undefined, trust: boolean): Promise<{ acknowledged: number[] }> {
    return this.call("plexgeo/alerts/acknowledge", { alert_id: alertId, trust });
  }

  trust(userId: string, countryCode: string, trusted: boolean): Promise<{ trusted_countries: string[] }> {
    return this.call("plexgeo/trust", { user_id: userId, country_code: countryCode, trusted });
  }

  stats(since: string, until: string): Promise<Stats> {
    return this.call("plexgeo/stats", { since, until });
  }

  /** Whether the Plex server answers polls, and since when it does not. */
  server(): Promise<ServerState> {
    return this.call("plexgeo/server");
  }

  /** A Tautulli import's progress, and the last one's summary. */
  tautulliImport(): Promise<TautulliImport> {
    return this.call("plexgeo/tautulli_import");
  }

  /** Subscribe to live updates; resolves to the unsubscribe function. */
  async subscribe(callback: (event: LiveEvent) => void): Promise<() => void> {
    try {
      const unsub = await this.connection.subscribeMessage<LiveEvent>(callback, {
        type: "plexgeo/subscribe",
        entry_id: this.entryId,
      });
      return () => {
        // Unsubscribing after the socket dropped rejects; nothing is left to clean up then.
        Promise.resolve(unsub()).catch(() => undefined);
      };
    } catch (err) {
      throw toApiError(err);
    }
  }
}

/** Fetch the configured PlexGeo servers (not tied to one entry). */
export async function fetchEntries(connection: HassConnection): Promise<Entry[]> {
  try {
    const result = await connection.sendMessagePromise<{ entries: Entry[] }>({
      type: "plexgeo/entries",
    });
    return result.entries;
  } catch (err) {
    throw toApiError(err);
  }
}
