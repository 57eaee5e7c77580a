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
      if (alert.session_count === null || alert.share === null) return `Streaming from ${here}`;
      const total = alert.session_count;
      const before = Math.round(alert.share * total);
      const noun = total === 1 ? "stream" : "streams";
      const percent = Math.round(alert.share * 100);
      return `Streaming from ${here}: ${before} of ${total} recent ${noun} came from there (${percent}%)`;
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
