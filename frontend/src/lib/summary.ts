// Counts that add up: the map's range summary.

import type { Stats } from "../types.js";

/** "72 streams · 14 LAN · 58 WAN (50 located)": LAN and WAN make the total; only WAN
 * streams are ever located, so "located" is a part of WAN, said as such. */
export function rangeSummary(stats: Pick<Stats, "lan" | "wan" | "per_day">, locale?: string): string {
  const number = (n: number) => n.toLocaleString(locale);
  const total = stats.lan + stats.wan;
  const located = stats.per_day.reduce((sum, row) => sum + (row.country_code ? row.count : 0), 0);
  const streams = `${number(total)} ${total === 1 ? "stream" : "streams"}`;
  const parts = `${streams} · ${number(stats.lan)} LAN · ${number(stats.wan)} WAN`;
  return stats.wan > 0 ? `${parts} (${number(located)} located)` : parts;
}
