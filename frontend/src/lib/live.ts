// The live list: one group per user, flagged when their streams play from different places.

import type { PlaybackState, StreamRow } from "../types.js";

export interface LiveGroup {
  user_id: string;
  user_name: string;
  streams: StreamRow[];
  /** Distinct places among the streams whose place is known (the LAN counts as one). */
  places: number;
}

/** Where a stream plays, for comparing two streams; null when nobody knows. */
export function placeKey(s: StreamRow): string | null {
  if (s.local) return "lan";
  if (s.country_code) return `${s.country_code}|${s.city ?? ""}`;
  return null;
}

/**
 * Live streams grouped by user. Users playing from more than one place come first, then
 * users with several streams, then by the newest start; streams newest first in a group.
 */
export function groupLive(streams: readonly StreamRow[]): LiveGroup[] {
  const groups = new Map<string, LiveGroup>();
  for (const s of streams) {
    const group = groups.get(s.user_id) ?? { user_id: s.user_id, user_name: s.user_name, streams: [], places: 0 };
    group.streams.push(s);
    groups.set(s.user_id, group);
  }
  const newest = (g: LiveGroup) => g.streams[0]?.started_at ?? "";
  for (const group of groups.values()) {
    group.streams.sort((a, b) => b.started_at.localeCompare(a.started_at) || b.stream_id - a.stream_id);
    group.places = new Set(group.streams.map(placeKey).filter((k) => k !== null)).size;
  }
  return [...groups.values()].sort(
    (a, b) =>
      Number(b.places > 1) - Number(a.places > 1) ||
      Number(b.streams.length > 1) - Number(a.streams.length > 1) ||
      newest(b).localeCompare(newest(a)),
  );
}

/** How far playback is, 0..1, or null when the item's length is unknown. */
export function progressShare(s: StreamRow): number | null {
  if (!s.media_duration_ms || s.media_duration_ms <= 0) return null;
  return Math.min(1, Math.max(0, s.progress_ms / s.media_duration_ms));
}

/** "1:05:09" or "4:07": a position or length in an item. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

/** Plex's decision in the words Plex's dashboard uses. */
export function transcodeLabel(decision: string | null): string {
  switch (decision) {
    case "direct play":
      return "Direct play";
    case "copy":
      return "Direct stream";
    case "transcode":
      return "Transcode";
    case null:
      return "Unknown";
    default:
      return decision;
  }
}

/** A bitrate as players show it: "320 kbps", "4.5 Mbps", "12 Mbps". */
export function formatBitrate(kbps: number): string {
  if (kbps < 1000) return `${Math.round(kbps)} kbps`;
  const mbps = kbps / 1000;
  return `${mbps < 10 ? Number(mbps.toFixed(1)) : Math.round(mbps)} Mbps`;
}

/** The quality delivered: "1080p · 8 Mbps", "4K", "320 kbps"; null when Plex said nothing. */
export function qualityLabel(s: Pick<StreamRow, "resolution" | "bitrate_kbps">): string | null {
  const bitrate = s.bitrate_kbps !== null && s.bitrate_kbps > 0 ? formatBitrate(s.bitrate_kbps) : null;
  const parts = [s.resolution, bitrate].filter((p): p is string => !!p);
  return parts.length ? parts.join(" · ") : null;
}

const PLAYBACK: Record<PlaybackState, string> = {
  playing: "Playing",
  paused: "Paused",
  buffering: "Buffering",
  unknown: "Unknown state",
};

/** Plex's playback state; when the server is not answering, what it last said ("Last
 * seen playing"): a stale stream is never called playing. */
export function playbackLabel(state: PlaybackState, live = true): string {
  const label = PLAYBACK[state] ?? "Unknown state";
  return live ? label : `Last seen ${label.toLowerCase()}`;
}

/** An admin's address line: the address, whose network it is, and how it reaches Plex
 * ("1.2.3.4 · Telstra · cellular · relayed"); null without an address. Plex's own
 * "lan"/"wan" is left out: the card's LAN/WAN chip already says it. */
export function addressLine(s: Pick<StreamRow, "ip" | "provider" | "network" | "relayed">): string | null {
  if (!s.ip) return null;
  const parts = [s.ip];
  if (s.provider) parts.push(s.provider);
  if (s.network === "cellular") parts.push("cellular");
  if (s.relayed) parts.push("relayed");
  return parts.join(" · ");
}
