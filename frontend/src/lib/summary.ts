// Counts that add up: the map's range summary.

import type { Stats } from "../types.js";

/** "72 streams · 14 LAN · 58 WAN (50 located)": LAN and WAN make the total, and "located"
 * is the part of WAN placed in a country, as the server counts it (LAN streams count at
 * home on the map, so the map's countries may hold more than the located WAN streams). */
export function rangeSummary(stats: Pick<Stats, "lan" | "wan" | "located">, locale?: string): string {
  const number = (n: number) => n.toLocaleString(locale);
  const total = stats.lan + stats.wan;
  const streams = `${number(total)} ${total === 1 ? "stream" : "streams"}`;
  const parts = `${streams} · ${number(stats.lan)} LAN · ${number(stats.wan)} WAN`;
  return stats.wan > 0 ? `${parts} (${number(stats.located)} located)` : parts;
}
