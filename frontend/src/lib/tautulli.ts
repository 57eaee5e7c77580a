// What the panel says about a Tautulli history import: running (with progress) or the last
// one's summary. Nothing when no import ever ran.

import type { TautulliImport, TautulliSummary } from "../types.js";

export interface ImportStatus {
  running: boolean;
  headline: string;
  detail: string;
}

const PHASES: Record<string, string> = {
  connecting: "connecting to Tautulli",
  history: "reading plays",
  locating: "locating addresses",
  done: "done",
  failed: "stopped",
};

const SKIPPED: Record<string, string> = {
  not_a_row: "not a play",
  no_row_id: "no row id",
  no_user: "no user",
  bad_time: "no usable time",
  not_a_viewing: "not a viewing",
};

const count = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

function phaseText(phase: string | null | undefined): string {
  return phase ? (PHASES[phase] ?? phase) : "";
}

export function importStatus(state: TautulliImport | undefined): ImportStatus | null {
  if (!state) return null;
  if (state.running) {
    const rows = state.total_rows
      ? `${count(state.rows, "row")} of ${state.total_rows.toLocaleString("en")}`
      : count(state.rows, "row");
    const percent = state.percent === null ? "" : `${state.percent} % · `;
    return {
      running: true,
      headline: "Importing Tautulli's history",
      detail: `${percent}${[phaseText(state.phase), rows].filter(Boolean).join(" · ")}`,
    };
  }
  const saved = state.summary;
  if (!saved || saved.streams === undefined) return null;
  // A saved summary has every field (an older one may lack some: they count as none).
  const summary: TautulliSummary = {
    phase: "",
    rows_read: 0,
    rows: 0,
    streams: 0,
    duplicates: 0,
    already_live: 0,
    users: [],
    countries: [],
    located: 0,
    not_located: 0,
    skipped: {},
    missing_fields: [],
    ...saved,
  };
  const skipped = Object.entries(summary.skipped)
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => `${n.toLocaleString("en")} ${SKIPPED[reason] ?? reason}`);
  const parts = [
    count(summary.streams, "stream"),
    count(summary.users.length, "user"),
    count(summary.countries.length, "country", "countries"),
    `${count(summary.located, "address", "addresses")} located`,
    summary.already_live ? `${summary.already_live.toLocaleString("en")} already recorded live` : "",
    skipped.length ? `skipped: ${skipped.join(", ")}` : "",
    summary.missing_fields.length ? `this Tautulli lacks ${summary.missing_fields.join(", ")}` : "",
  ];
  const stopped = summary.phase === "failed" || Boolean(state.error);
  return {
    running: false,
    headline: stopped ? "Tautulli import stopped; importing again resumes it" : "Imported from Tautulli",
    detail: parts.filter(Boolean).join(" · "),
  };
}
