// Words for alerts: the kind's label and a one-line explanation.

import type { AlertRow } from "../types.js";

export const ALERT_KIND_LABELS: Record<string, string> = {
  rare_country: "Rare country",
  impossible_travel: "Impossible travel",
  concurrent_locations: "Concurrent locations",
  concurrent_streams: "Concurrent streams",
  new_device: "New device",
  new_network: "New network",
};

/** Trusting a country silences only some kinds: the server says which (one list, shared
 * with the repair issue's menu). */
export function trustHelps(alert: AlertRow): boolean {
  return alert.trustable;
}

/** "Acknowledged 2 Mar by Ann": the person's name when the server resolved it. */
export function acknowledgedBy(alert: AlertRow): string | null {
  return alert.acknowledged_by_name ?? null;
}

/** The time between two streams in words: "20 s", "14 min", "3 h 5 min", "2 d 4 h". */
export function formatApart(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  if (total < 60) return `${total} s`;
  let minutes = Math.floor(total / 60);
  if (minutes < 60) return `${minutes} min`;
  let hours = Math.floor(minutes / 60);
  minutes %= 60;
  if (hours < 48) return minutes ? `${hours} h ${minutes} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  hours %= 24;
  return hours ? `${days} d ${hours} h` : `${days} d`;
}

const NETWORK_TYPES: Record<string, string> = {
  proxy: "Proxy or VPN",
  hosting: "Hosting provider or VPN",
  mobile: "Mobile network",
  residential: "Home broadband",
};

/** A distance as every alert text writes it: whole kilometres, grouped ("16,994 km"). */
function formatKm(km: number, locale?: string): string {
  return `${Math.round(km).toLocaleString(locale)} km`;
}

/** The evidence the detector stored, as label/value pairs: both places, how far apart,
 * the time between the streams, the network, the country's share of recent streams. */
export function alertEvidence(alert: AlertRow, locale?: string): [string, string][] {
  const number = (n: number) => n.toLocaleString(locale);
  const rows: [string, string][] = [];
  const here = place(alert.city, alert.country_name);
  if (alert.previous_country_name !== null || alert.previous_city !== null) {
    // A pair's other stream; for a rare country, the country the user usually streams from.
    const first = { impossible_travel: "Before", rare_country: "Usually from" }[alert.kind as string] ?? "Other stream";
    rows.push([first, place(alert.previous_city, alert.previous_country_name)]);
    rows.push([alert.kind === "impossible_travel" ? "Then" : "This stream", here]);
  } else {
    rows.push(["Where", here]);
  }
  if (alert.distance_km !== null) rows.push(["Distance", formatKm(alert.distance_km, locale)]);
  if (alert.seconds_apart !== null) {
    // Overlapping streams are 0 s apart: said as what it is, not as a gap.
    const gap = alert.seconds_apart > 0 ? `${formatApart(alert.seconds_apart)} apart` : "At the same time";
    rows.push(["Time between", gap]);
  }
  if (alert.network_type) {
    rows.push(["Network", NETWORK_TYPES[alert.network_type] ?? alert.network_type]);
  }
  if (alert.kind === "rare_country" && alert.share !== null && alert.session_count !== null) {
    const before = Math.round(alert.share * alert.session_count);
    const percent = Math.round(alert.share * 100);
    rows.push(["Share", `${number(before)} of ${number(alert.session_count)} recent streams (${percent}%)`]);
  }
  if (alert.kind === "concurrent_streams" && alert.stream_count !== null) {
    const limit = alert.session_count === null ? "" : ` (limit ${number(alert.session_count)})`;
    rows.push(["At once", `${number(alert.stream_count)} streams${limit}`]);
  }
  if (alert.device) rows.push([alert.kind === "new_network" ? "Provider" : "Device", alert.device]);
  return rows;
}

function network(alert: AlertRow): string {
  const kinds: Record<string, string> = {
    proxy: " (proxy or VPN)",
    hosting: " (hosting or VPN)",
    mobile: " (mobile network)",
  };
  return (alert.network_type && kinds[alert.network_type]) || "";
}

function place(city: string | null, country: string | null): string {
  if (!country) return "an unknown place";
  return city ? `${city}, ${country}` : country;
}

/** One line that explains why the alert was raised. */
export function alertSummary(alert: AlertRow, locale?: string): string {
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
      // The time between the streams, never a seven-digit speed.
      const distance = alert.distance_km === null ? "" : ` ${formatKm(alert.distance_km, locale)}`;
      const apart =
        alert.seconds_apart === null ? "" : ` in ${formatApart(alert.seconds_apart)}`;
      return `From ${there} to ${here}${network(alert)}:${distance}${apart}`;
    }
    case "concurrent_locations": {
      const distance =
        alert.distance_km === null ? "" : `, ${formatKm(alert.distance_km, locale)} away`;
      return `Streaming from ${here}${network(alert)} while also streaming from ${there}${distance}`;
    }
    case "concurrent_streams":
      return `${alert.stream_count ?? "Too many"} streams at once (limit ${alert.session_count ?? "?"})`;
    case "new_device":
      return `First stream on ${alert.device ?? alert.player}`;
    case "new_network":
      return `First stream from ${alert.device ?? "a new network"} in ${here}${network(alert)}`;
    default:
      return `Streaming from ${here}`;
  }
}

/** What "Acknowledge all" asks before it acknowledges every open alert, not just this page. */
export function acknowledgeAllQuestion(open: number, locale?: string): string {
  const noun = open === 1 ? "open alert" : "open alerts";
  return `Acknowledge all ${open.toLocaleString(locale)} ${noun}? Their repair issues close too; trusted countries stay as they are.`;
}
