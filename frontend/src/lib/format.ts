// Formatting of durations, rates, dates and ranges for display.

import { startOfDay, type TimeSettings, timeOptions } from "./time.js";

export type RangeKey = "24h" | "7d" | "30d" | "12m";

export const RANGES: readonly { key: RangeKey; label: string }[] = [
  { key: "24h", label: "24 h" },
  { key: "7d", label: "7 d" },
  { key: "30d", label: "30 d" },
  { key: "12m", label: "12 months" },
];

/** The [since, until] ISO instants for a range ending at `now`. */
export function rangeBounds(key: RangeKey, now: Date): { since: string; until: string } {
  const since = new Date(now.getTime());
  switch (key) {
    case "24h":
      since.setTime(now.getTime() - 24 * 3600 * 1000);
      break;
    case "7d":
      since.setTime(now.getTime() - 7 * 24 * 3600 * 1000);
      break;
    case "30d":
      since.setTime(now.getTime() - 30 * 24 * 3600 * 1000);
      break;
    case "12m":
      since.setFullYear(now.getFullYear() - 1);
      break;
  }
  return { since: since.toISOString(), until: now.toISOString() };
}

/** A calendar date from an <input type=date> as the ISO instant of its start in `timeZone`
 * (undefined: the browser's), or of the start of the next day when `endOfDay` (the range is
 * half-open). */
export function dateInputToIso(value: string, endOfDay: boolean, timeZone?: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  const day = startOfDay(Number(match[1]), Number(match[2]), Number(match[3]) + (endOfDay ? 1 : 0), timeZone);
  return Number.isNaN(day.getTime()) ? undefined : day.toISOString();
}

/** "1 h 05 min", "12 min", "45 s". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "–";
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${String(minutes % 60).padStart(2, "0")} min`;
}

/** "850 kbps", "12.3 Mbps"; a dash when unknown. */
export function formatBandwidth(kbps: number | null): string {
  if (kbps === null || !Number.isFinite(kbps)) return "–";
  if (kbps < 1000) return `${Math.round(kbps)} kbps`;
  return `${(kbps / 1000).toFixed(1)} Mbps`;
}

/** A short date and time, in the profile's hour cycle and time zone when `time` is given. */
export function formatDateTime(iso: string | null, locale?: string, time?: TimeSettings): string {
  if (!iso) return "–";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "–";
  return date.toLocaleString(locale, {
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    ...timeOptions(time),
  });
}

/** "just now", "5 min ago", "3 h ago", "2 d ago". */
export function formatRelative(iso: string | null, now: Date): string {
  if (!iso) return "never";
  const ms = now.getTime() - Date.parse(iso);
  if (!Number.isFinite(ms)) return "–";
  const minutes = Math.floor(ms / 60000);
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} d ago`;
}

/** "London, United Kingdom", "United Kingdom", or a word for why there is no place. */
export function formatPlace(
  city: string | null,
  countryName: string | null,
  status: string,
): string {
  if (countryName) return city ? `${city}, ${countryName}` : countryName;
  switch (status) {
    case "local":
      return "Local network";
    case "pending":
      return "Locating…";
    case "failed":
      return "Not locatable";
    default:
      return "Unknown";
  }
}

/** The human label of a media type. */
export function mediaLabel(type: string): string {
  const labels: Record<string, string> = {
    movie: "Movie",
    episode: "Episode",
    track: "Music",
    live_tv: "Live TV",
    clip: "Clip",
    photo: "Photo",
    other: "Other",
  };
  return labels[type] ?? type;
}

/** Sum per-day, per-country counts into one count per country. */
export function countsByCountry(
  perDay: readonly { country_code: string | null; count: number }[],
): Map<string, number> {
  const totals = new Map<string, number>();
  for (const row of perDay) {
    if (!row.country_code) continue;
    totals.set(row.country_code, (totals.get(row.country_code) ?? 0) + row.count);
  }
  return totals;
}

/** Sum per-day, per-country counts into one count per day, in date order. */
export function countsByDay(perDay: readonly { date: string; count: number }[]): [string, number][] {
  const totals = new Map<string, number>();
  for (const row of perDay) totals.set(row.date, (totals.get(row.date) ?? 0) + row.count);
  return [...totals.entries()].sort(([a], [b]) => a.localeCompare(b));
}

/** Choropleth intensity in [0, 1]: log-scaled so one busy country does not wash out the rest. */
export function intensity(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  return Math.min(1, Math.log1p(count) / Math.log1p(max));
}

/** A country's name in the user's language from its alpha-2 code; the code when unknown. */
export function regionName(code: string, locale?: string): string {
  try {
    return new Intl.DisplayNames(locale ? [locale, "en"] : ["en"], { type: "region" }).of(code) ?? code;
  } catch {
    // Intl throws on codes that are not well-formed region subtags.
    return code;
  }
}

/** One entry per day from `days - 1` days before `today` to `today`, zero where no streams. */
export function fillDays(
  timeline: readonly { date: string; count: number }[],
  days: number,
  today: Date,
): { date: string; count: number }[] {
  const counts = new Map(timeline.map((t) => [t.date, t.count]));
  const out: { date: string; count: number }[] = [];
  for (let i = days - 1; i >= 0; i--) {
    const d = new Date(today.getFullYear(), today.getMonth(), today.getDate() - i);
    const date = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
    out.push({ date, count: counts.get(date) ?? 0 });
  }
  return out;
}
