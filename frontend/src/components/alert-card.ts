// One alert as a list item: what happened, where, and the acknowledge actions.

import { countryTag } from "./country.js";
import { html, nothing, type TemplateResult } from "lit";

import { formatDateTime } from "../lib/format.js";
import type { AlertRow } from "../types.js";
import { icon, mdiCheck, mdiShieldCheck } from "./icon.js";

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

export interface AlertActions {
  busy: boolean;
  onAcknowledge: (alert: AlertRow, trust: boolean) => void;
  onUser?: (userId: string) => void;
  locale?: string;
}

export function alertCard(alert: AlertRow, actions: AlertActions): TemplateResult {
  const acknowledged = alert.acknowledged_at !== null;
  return html`<li class="alert ${acknowledged ? "done" : ""}">
    <div class="alert-main">
      <div class="alert-head">
        <span class="chip alert">${ALERT_KIND_LABELS[alert.kind] ?? alert.kind}</span>
        ${actions.onUser
          ? html`<button class="link" @click=${() => actions.onUser?.(alert.user_id)}>
              ${alert.user_name}
            </button>`
          : html`<strong>${alert.user_name}</strong>`}
        <span class="muted">${formatDateTime(alert.created_at, actions.locale)}</span>
      </div>
      <div class="alert-summary">
        ${countryTag(alert.country_code)} ${alertSummary(alert)}
      </div>
      <div class="muted small">${alert.media_title} · ${alert.player}</div>
      ${acknowledged
        ? html`<div class="muted small">
            Acknowledged ${formatDateTime(alert.acknowledged_at, actions.locale)}
            ${alert.acknowledged_by ? html`by ${alert.acknowledged_by}` : nothing}
          </div>`
        : nothing}
    </div>
    ${acknowledged
      ? nothing
      : html`<div class="alert-actions">
          <button
            class="btn"
            ?disabled=${actions.busy}
            @click=${() => actions.onAcknowledge(alert, false)}
          >
            ${icon(mdiCheck)} Acknowledge
          </button>
          <button
            class="btn"
            ?disabled=${actions.busy}
            title="Acknowledge and trust ${alert.country_name} for ${alert.user_name}"
            @click=${() => actions.onAcknowledge(alert, true)}
          >
            ${icon(mdiShieldCheck)} Acknowledge and trust
          </button>
        </div>`}
  </li>`;
}
