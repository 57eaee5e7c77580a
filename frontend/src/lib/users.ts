// The users list's search, filter and sort (the list is every user: it is done here).

import type { UserSummary } from "../types.js";

export type UserSort =
  | "name"
  | "streams"
  | "countries"
  | "networks"
  | "devices"
  | "peak"
  | "alerts"
  | "last_seen";
export type UserFilter = "all" | "alerts" | "countries" | "networks";

export const USER_SORTS: readonly { key: UserSort; label: string }[] = [
  { key: "name", label: "Name" },
  { key: "last_seen", label: "Last seen" },
  { key: "streams", label: "Most streams" },
  { key: "countries", label: "Most countries" },
  { key: "networks", label: "Most networks" },
  { key: "devices", label: "Most devices" },
  { key: "peak", label: "Most streams at once" },
  { key: "alerts", label: "Most open alerts" },
];

export const USER_FILTERS: readonly { key: UserFilter; label: string }[] = [
  { key: "all", label: "Everyone" },
  { key: "alerts", label: "With open alerts" },
  { key: "countries", label: "In more than one country" },
  { key: "networks", label: "On more than one network" },
];

export interface UserQuery {
  search: string;
  sort: UserSort;
  filter: UserFilter;
}

export const DEFAULT_USER_QUERY: UserQuery = { search: "", sort: "name", filter: "all" };

function passes(user: UserSummary, filter: UserFilter): boolean {
  switch (filter) {
    case "alerts":
      return user.unacknowledged_alerts > 0;
    case "countries":
      return user.countries.length > 1;
    case "networks":
      return user.networks > 1;
    default:
      return true;
  }
}

function measure(user: UserSummary, sort: UserSort): number {
  switch (sort) {
    case "streams":
      return user.stream_count;
    case "countries":
      return user.countries.length;
    case "networks":
      return user.networks;
    case "devices":
      return user.devices;
    case "peak":
      return user.concurrent_peak;
    case "alerts":
      return user.unacknowledged_alerts;
    case "last_seen":
      return user.last_seen ? Date.parse(user.last_seen) || 0 : 0;
    default:
      return 0;
  }
}

/** The users a query shows, in its order: counts and recency largest first, names A–Z
 * (ties by name). The search matches names and country codes, ignoring case and accents. */
export function queryUsers(users: readonly UserSummary[], query: UserQuery, locale?: string): UserSummary[] {
  const collator = new Intl.Collator(locale, { sensitivity: "base", numeric: true });
  const fold = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  const needle = fold(query.search.trim());
  const found = users.filter(
    (u) =>
      passes(u, query.filter) &&
      (!needle || fold(u.user_name).includes(needle) || u.countries.some((c) => c.toLowerCase() === needle)),
  );
  return found.sort(
    (a, b) => measure(b, query.sort) - measure(a, query.sort) || collator.compare(a.user_name, b.user_name),
  );
}

/** "up to 3 at once": the most streams a user had at once. */
export function peakLabel(peak: number, locale?: string): string {
  return `up to ${peak.toLocaleString(locale)} at once`;
}

/** "312 streams · 3 countries · 4 networks · 2 devices · up to 2 at once". */
export function userCounts(user: UserSummary, locale?: string): string {
  const count = (n: number, one: string, many: string) => `${n.toLocaleString(locale)} ${n === 1 ? one : many}`;
  return [
    count(user.stream_count, "stream", "streams"),
    count(user.countries.length, "country", "countries"),
    count(user.networks, "network", "networks"),
    count(user.devices, "device", "devices"),
    peakLabel(user.concurrent_peak, locale),
  ].join(" · ");
}
