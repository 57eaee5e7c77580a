// Stopping a live stream: the message the viewer sees, and what a refusal means.

import { PlexGeoApiError } from "./api.js";

export const DEFAULT_STOP_MESSAGE = "This stream was stopped by the server's owner.";
export const MAX_STOP_MESSAGE = 500; // as the action's schema allows

/** What to tell the admin when stopping failed: a refusal is Plex Pass, said plainly. */
export function stopErrorText(err: unknown): string {
  if (err instanceof PlexGeoApiError) {
    if (err.translationKey === "terminate_refused") {
      return "The Plex server refused to stop the stream: stopping streams needs a Plex Pass on the server owner's account.";
    }
    if (err.translationKey === "admin_only" || err.code === "unauthorized") return "Only administrators can stop streams.";
    return `Could not stop the stream: ${err.message}`;
  }
  return "Could not stop the stream.";
}

/** Whether a Stop button still shows the stream it was opened for: a confirmation or a
 * "Stop sent" belongs to that stream, never to the one drawn in its place next. */
export function sameStream(before: { stream_id: number } | undefined, after: { stream_id: number } | undefined): boolean {
  return before !== undefined && after !== undefined && before.stream_id === after.stream_id;
}
