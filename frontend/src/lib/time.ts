// Times as the Home Assistant profile asks: 12 or 24 hours, and the server's or the
// browser's time zone (Settings → Profile → Time format / Time zone).

/** How the panel writes times: the hour cycle and the zone to show them in. */
export interface TimeSettings {
  hour12: boolean;
  /** An IANA zone; undefined is the browser's own. */
  timeZone: string | undefined;
}

/** The profile's fields the panel reads (hass.locale). */
export interface HassTimeLocale {
  language?: string;
  time_format?: string; // "language" | "system" | "12" | "24"
  time_zone?: string; // "local" | "server"
}

/** Whether a language (undefined: the browser's) writes 22:00 as "10 PM". */
export function languageUsesAmPm(language: string | undefined): boolean {
  try {
    const ten = new Date(2023, 0, 1, 22, 0, 0).toLocaleString(language, { hour: "numeric" });
    return ten.includes("10");
  } catch {
    return false; // a language tag Intl does not know
  }
}

/** What the profile asks for, as Home Assistant's own frontend reads it. */
export function timeSettings(
  locale: HassTimeLocale | undefined,
  serverTimeZone: string | undefined,
): TimeSettings {
  const format = locale?.time_format ?? "language";
  let hour12: boolean;
  if (format === "12") hour12 = true;
  else if (format === "24") hour12 = false;
  else hour12 = languageUsesAmPm(format === "system" ? undefined : locale?.language);
  const timeZone = locale?.time_zone === "server" && serverTimeZone ? serverTimeZone : undefined;
  return { hour12, timeZone };
}

/** Options for Intl that follow the settings (hourCycle, not hour12: h23 is 00:30, not 24:30). */
export function timeOptions(time: TimeSettings | undefined): Intl.DateTimeFormatOptions {
  if (!time) return {};
  return { hourCycle: time.hour12 ? "h12" : "h23", timeZone: time.timeZone };
}

/** How far ahead of UTC `timeZone` is at instant `at` (ms). */
function zoneOffset(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  }).formatToParts(new Date(at));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(part("year"), part("month") - 1, part("day"), part("hour"), part("minute"), part("second"));
  return wall - Math.floor(at / 1000) * 1000;
}

/** The instant a calendar day starts in a zone (undefined: the browser's). */
export function startOfDay(year: number, month: number, day: number, timeZone: string | undefined): Date {
  if (!timeZone) return new Date(year, month - 1, day);
  const wall = Date.UTC(year, month - 1, day);
  const first = wall - zoneOffset(wall, timeZone);
  // Across a change of offset the first guess is off by the change: correct it once.
  return new Date(wall - zoneOffset(first, timeZone));
}
