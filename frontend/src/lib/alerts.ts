// Words for alerts: the kind's label and a one-line explanation.

import type { AlertRow } from "../types.js";

export const ALERT_KIND_LABELS: Record<string, string> = {
  rare_country: "Rare country",
  impossible_travel: "Impossible travel",
  concurrent_locations: "Concurrent locations",
};

function place(city: string | null, country: string | null): string {
  if (!country) return "an unknown place";
  return city ? `${city}, ${country}` : country;
}

/** One line that explains why the alert was raised. */
export function alertSummary(alert: AlertRow): string {
  const here = place(alert.city, alert.country_name);
  const there = place(alert.previous_city, alert.previous_country_name);
  switch (alert.kind) {
    case "rare_country": {
      const share = alert.share === null ? "" : `${(alert.share * 100).toFixed(1)}% of `;
      const sessions = alert.session_count === null ? "" : `${share}${alert.session_count} streams`;
      return sessions ? `Streaming from ${here}: ${sessions} came from there` : `Streaming from ${here}`;
    }
    case "impossible_travel": {
      const distance = alert.distance_km === null ? "" : ` ${Math.round(alert.distance_km)} km`;
      const speed = alert.speed_kmh === null ? "" : ` at ${Math.round(alert.speed_kmh)} km/h`;
      return `From ${there} to ${here}:${distance}${speed}`;
    }
    case "concurrent_locations":
      return `Streaming from ${here} while also streaming from ${there}`;
    default:
      return `Streaming from ${here}`;
  }
}
