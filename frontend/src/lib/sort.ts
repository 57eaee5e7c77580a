// The stream log's order: the server walks the whole filtered log by start time, newest
// or oldest first (keyset cursors); other columns are not sortable server-side, so the
// panel does not offer them (sorting one page would mislead).

export type LogOrder = "newest" | "oldest";

export const LOG_ORDERS: readonly { key: LogOrder; label: string }[] = [
  { key: "newest", label: "Newest first" },
  { key: "oldest", label: "Oldest first" },
];

/** The other order (the Started column's header toggles). */
export function toggleOrder(order: LogOrder): LogOrder {
  return order === "newest" ? "oldest" : "newest";
}

/** aria-sort for the Started column. */
export function ariaSort(order: LogOrder): "ascending" | "descending" {
  return order === "oldest" ? "ascending" : "descending";
}

/** A valid order from a select's value; newest for anything else. */
export function parseOrder(value: string): LogOrder {
  return value === "oldest" ? "oldest" : "newest";
}
