// Alerts: acknowledge one, acknowledge and trust its country, or acknowledge all.

import { css, html, LitElement, nothing, type PropertyValues } from "lit";

import { alertCard } from "../components/alert-card.js";
import { alertStyles } from "../components/alert-styles.js";
import { icon, mdiCheckAll } from "../components/icon.js";
import { emptyState, errorState, loadingState } from "../components/state.js";
import type { PlexGeoApi } from "../lib/api.js";
import { RequestController } from "../lib/request-controller.js";
import type { TimeSettings } from "../lib/time.js";
import { sharedStyles } from "../styles.js";
import type { AlertRow } from "../types.js";
import { alertsChanged, showUser } from "./events.js";

export class PlexGeoAlertsView extends LitElement {
  static override properties = {
    api: { attribute: false },
    locale: {},
    time: { attribute: false },
    version: { type: Number },
    _showAcknowledged: { state: true },
    _alerts: { state: true },
  };

  api: PlexGeoApi | undefined;
  locale: string | undefined;
  time: TimeSettings | undefined;
  /** Bumped by the panel when the subscription reports new alerts. */
  version = 0;
  private _showAcknowledged = false;
  private _alerts: AlertRow[] | undefined;
  private request = new RequestController(this);
  private action = new RequestController(this);

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has("api") || changed.has("version") || changed.has("_showAcknowledged")) {
      void this.load();
    }
  }

  async load(): Promise<void> {
    const api = this.api;
    if (!api) return;
    await this.request.run(
      () => api.alerts(this._showAcknowledged),
      (result) => {
        this._alerts = result.alerts;
        alertsChanged(this, result.unacknowledged);
      },
    );
  }

  private async acknowledge(alertId: number | undefined, trust: boolean): Promise<void> {
    const api = this.api;
    if (!api) return;
    await this.action.run(async () => {
      await api.acknowledge(alertId, trust);
      await this.load();
    });
  }

  protected override render() {
    const open = this._alerts?.filter((a) => a.acknowledged_at === null).length ?? 0;
    return html`<section class="card">
      <div class="head">
        <h2>Alerts</h2>
        <div class="segmented" role="group" aria-label="Which alerts">
          <button
            aria-pressed=${this._showAcknowledged ? "false" : "true"}
            @click=${() => (this._showAcknowledged = false)}
          >
            Open
          </button>
          <button
            aria-pressed=${this._showAcknowledged ? "true" : "false"}
            @click=${() => (this._showAcknowledged = true)}
          >
            Acknowledged
          </button>
        </div>
        <button
          class="btn primary"
          ?disabled=${this.action.loading || this._showAcknowledged || open === 0}
          @click=${() => void this.acknowledge(undefined, false)}
        >
          ${icon(mdiCheckAll)} Acknowledge all
        </button>
      </div>
      ${this.action.error ? errorState(this.action.error) : nothing} ${this.renderBody()}
    </section>`;
  }

  private renderBody() {
    if (this.request.error) return errorState(this.request.error, () => void this.load());
    if (!this._alerts) return loadingState();
    if (this._alerts.length === 0) {
      return this._showAcknowledged
        ? emptyState("No acknowledged alerts")
        : emptyState("No open alerts", "PlexGeo raises an alert when someone streams from an unusual place.");
    }
    return html`<ul class="alerts">
      ${this._alerts.map((a) =>
        alertCard(a, {
          busy: this.action.loading,
          locale: this.locale,
          time: this.time,
          onAcknowledge: (alert, trust) => void this.acknowledge(alert.alert_id, trust),
          onUser: (userId) => showUser(this, userId),
        }),
      )}
    </ul>`;
  }

  static override styles = [
    sharedStyles,
    alertStyles,
    css`
      :host {
        display: block;
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 12px;
        margin-bottom: 8px;
      }
      .head h2 {
        margin: 0;
        flex: 1;
      }
    `,
  ];
}

if (!customElements.get("plexgeo-alerts-view")) {
  customElements.define("plexgeo-alerts-view", PlexGeoAlertsView);
}
