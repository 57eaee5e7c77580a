// One alert as a list item: what happened, where, and the acknowledge actions.

import { countryTag } from "./country.js";
import { html, nothing, type TemplateResult } from "lit";

import { acknowledgedBy, ALERT_KIND_LABELS, alertEvidence, alertSummary, trustHelps } from "../lib/alerts.js";
import { formatDateTime } from "../lib/format.js";
import type { TimeSettings } from "../lib/time.js";
import type { AlertRow } from "../types.js";
import { icon, mdiCheck, mdiShieldCheck } from "./icon.js";

export interface AlertActions {
  busy: boolean;
  onAcknowledge: (alert: AlertRow, trust: boolean) => void;
  onUser?: (userId: string) => void;
  locale?: string;
  time?: TimeSettings;
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
        <span class="muted">${formatDateTime(alert.created_at, actions.locale, actions.time)}</span>
      </div>
      <div class="alert-summary">
        ${countryTag(alert.country_code)} ${alertSummary(alert, actions.locale)}
      </div>
      <dl class="evidence">
        ${alertEvidence(alert, actions.locale).map(([label, value]) => html`<dt>${label}</dt><dd>${value}</dd>`)}
      </dl>
      <div class="muted small">${alert.media_title} · ${alert.player}</div>
      ${acknowledged
        ? html`<div class="muted small">
            Acknowledged ${formatDateTime(alert.acknowledged_at, actions.locale, actions.time)}
            ${acknowledgedBy(alert) ? html`by ${acknowledgedBy(alert)}` : nothing}
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
          ${trustHelps(alert)
            ? html`<button
                class="btn"
                ?disabled=${actions.busy}
                title="Acknowledge and trust ${alert.country_name} for ${alert.user_name}"
                @click=${() => actions.onAcknowledge(alert, true)}
              >
                ${icon(mdiShieldCheck)} Acknowledge and trust
              </button>`
            : nothing}
        </div>`}
  </li>`;
}
