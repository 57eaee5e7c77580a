// Whether the streams the panel shows are live: the Plex server's state as the coordinator saw it.

import type { ServerState } from "../types.js";
import { formatRelative } from "./format.js";

export type ServerHealth = "connected" | "stale" | "failing" | "unknown";

export interface ServerStatus {
  health: ServerHealth;
  /** May the last polled streams be called live? */
  live: boolean;
  headline: string;
  detail: string;
}

/** Polls that may go missing before the last good one is too old to call its streams live. */
export const STALE_POLLS = 3;
const MIN_STALE_MS = 90_000;

const PROBLEMS: Record<string, string> = {
  plex_unreachable: "Plex server unreachable",
  database_unavailable: "History database unavailable",
  auth_failed: "Plex refused the token",
};

/** Why Plex's notification socket is off, in words: the server sends the error's type or
 * HTTP status only ("HTTP 404", "TimeoutError"), never its text. */
export function pushProblem(error: string | null): string {
  if (!error) return "";
  const status = /^HTTP (\d+)$/.exec(error);
  if (status) {
    const code = Number(status[1]);
    if (code === 401 || code === 403) return "Plex refused them";
    if (code === 404) return "this server does not offer them";
    return code >= 500 ? "Plex failed to offer them" : "Plex turned them down";
  }
  if (/Timeout/i.test(error)) return "Plex did not answer";
  return "the connection was lost";
}

/** What Plex's notification socket adds: instant updates, or polling only, and why. */
export function pushText(state: ServerState): string {
  const push = state.push;
  if (!push) return "";
  if (push.connected) return `instant updates on (${push.fetches} fetched by ${push.notifications} notifications)`;
  const why = pushProblem(push.last_error);
  return `instant updates off${why ? ` (${why})` : ""}: polling every ${state.poll_interval} s`;
}

export function serverStatus(state: ServerState | undefined, now: Date): ServerStatus {
  if (!state) return { health: "unknown", live: true, headline: "", detail: "" };
  const lastPoll = [`last poll ${formatRelative(state.last_poll, now)}`, pushText(state)]
    .filter(Boolean)
    .join(" · ");
  const asOf = `streams as of ${formatRelative(state.last_success, now)}`;
  if (!state.connected) {
    const since = state.failing_since ? `since ${formatRelative(state.failing_since, now)}` : "";
    return {
      health: "failing",
      live: false,
      headline: (state.problem && PROBLEMS[state.problem]) || "Plex server not answering",
      detail: [since, lastPoll, asOf].filter(Boolean).join(" · "),
    };
  }
  const age = state.last_success ? now.getTime() - Date.parse(state.last_success) : Number.NaN;
  const limit = Math.max(MIN_STALE_MS, STALE_POLLS * state.poll_interval * 1000);
  if (!Number.isFinite(age) || age > limit) {
    return { health: "stale", live: false, headline: "No recent poll", detail: `${lastPoll} · ${asOf}` };
  }
  return { health: "connected", live: true, headline: "Connected", detail: lastPoll };
}
