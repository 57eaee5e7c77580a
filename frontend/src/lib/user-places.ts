// Why a user's map would be empty: say so in a sentence instead of drawing an empty world.

import type { UserDetail } from "../types.js";

/** A sentence when the user has no place to show, or null when the map has something. */
export function noPlacesReason(detail: UserDetail): string | null {
  if (detail.locations.length > 0) return null;
  const streams = detail.recent_streams;
  const name = detail.user_name;
  if (streams.length === 0) return `${name} has no streams in this period.`;
  const local = streams.filter((s) => s.local).length;
  const relayed = streams.filter((s) => !s.local && s.relayed).length;
  if (local === streams.length) {
    return `All of ${name}'s recent streams were on your local network: there is no place to show on a map.`;
  }
  if (relayed === streams.length) {
    return `All of ${name}'s recent streams came through Plex's relay, which hides the viewer's address: there is no place to show on a map.`;
  }
  if (local + relayed === streams.length) {
    return `All of ${name}'s recent streams were on your local network or relayed through Plex: there is no place to show on a map.`;
  }
  return `None of ${name}'s streams in this period has been located yet.`;
}
