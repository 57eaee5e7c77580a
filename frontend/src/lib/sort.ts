// Client-side sorting of the loaded page of streams.

import type { StreamRow } from "../types.js";

export type SortKey =
  | "started_at"
  | "user_name"
  | "title"
  | "player"
  | "ip"
  | "country_name"
  | "network"
  | "duration_s"
  | "bandwidth_kbps";

export type SortDirection = "asc" | "desc";

function keyOf(row: StreamRow, key: SortKey): string | number | null {
  switch (key) {
    case "network":
      return row.local ? "lan" : (row.network ?? "wan");
    case "country_name":
      return row.country_name ? `${row.country_name} ${row.city ?? ""}` : null;
    case "started_at":
      return Date.parse(row.started_at);
    default:
      return row[key];
  }
}

/** A sorted copy; missing values always sort last whatever the direction. */
export function sortStreams(rows: readonly StreamRow[], key: SortKey, dir: SortDirection): StreamRow[] {
  const sign = dir === "asc" ? 1 : -1;
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });
  return [...rows].sort((a, b) => {
    const va = keyOf(a, key);
    const vb = keyOf(b, key);
    if (va === null || va === undefined) return vb === null || vb === undefined ? 0 : 1;
    if (vb === null || vb === undefined) return -1;
    if (typeof va === "number" && typeof vb === "number") return (va - vb) * sign;
    return collator.compare(String(va), String(vb)) * sign;
  });
}
