// The panel's place in the URL (Home Assistant's `route`): the tab and the user drill-down,
// so Back, reload and links land where they pointed.

export type Tab = "map" | "streams" | "users" | "alerts";

export const TAB_KEYS: readonly Tab[] = ["map", "streams", "users", "alerts"];

export interface PanelRoute {
  tab: Tab;
  userId?: string;
}

/** The tab and user a route's path names ("/users/42"); the map for anything else. */
export function parseRoute(path: string | undefined): PanelRoute {
  const [first, second, ...rest] = (path ?? "").split("/").filter((part) => part !== "");
  const tab = TAB_KEYS.find((key) => key === first);
  if (!tab || tab === "map") return { tab: "map" };
  if (tab === "users" && second !== undefined && rest.length === 0) {
    try {
      const userId = decodeURIComponent(second);
      if (userId) return { tab, userId };
    } catch {
      // A malformed escape: the users list rather than a user nobody has.
    }
  }
  return { tab };
}

/** The URL of a place in the panel under its prefix ("/plexgeo"). */
export function routePath(prefix: string, route: PanelRoute): string {
  const base = prefix.replace(/\/+$/, "");
  if (route.tab === "users" && route.userId) return `${base}/users/${encodeURIComponent(route.userId)}`;
  return route.tab === "map" ? base : `${base}/${route.tab}`;
}

/** Whether two routes name the same place. */
export function sameRoute(a: PanelRoute, b: PanelRoute): boolean {
  return a.tab === b.tab && (a.userId ?? "") === (b.userId ?? "");
}

/** Go to a path the way Home Assistant's own navigate() does: push (or replace) the
 * history entry and tell the app, which sets the panel's `route`. */
export function navigate(path: string, replace = false): void {
  if (replace) history.replaceState(history.state, "", path);
  else history.pushState(null, "", path);
  window.dispatchEvent(new CustomEvent("location-changed", { detail: { replace } }));
}
