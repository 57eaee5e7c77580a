// Alerts: acknowledge one, acknowledge and trust its country, or acknowledge all.

import { css, html, LitElement, nothing, type PropertyValues } from "lit";

import { alertCard } from "../components/alert-card.js";
import { alertStyles } from "../components/alert-styles.js";
import { icon, mdiCheckAll } from "../components/icon.js";
import { emptyState, errorState, loadingState } from "../components/state.js";
import type { PlexGeoApi } from "../lib/api.js";
import { CursorPager } from "../lib/pager.js";
import { RequestController } from "../lib/request-controller.js";
import type { TimeSettings } from "../lib/time.js";
import { sharedStyles } from "../styles.js";
import type { AlertRow } from "../types.js";
import { acknowledgeAllQuestion } from "../lib/alerts.js";
import { alertsChanged, showUser } from "./events.js";

const PAGE_SIZE = 100;

export class PlexGeoAlertsView extends LitElement {
  static override properties = {
    api: { attribute: false },
    locale: {},
    time: { attribute: false },
    version: { type: Number },
    _showAcknowledged: { state: true },
    _alerts: { state: true },
    _unacknowledged: { state: true },
    _confirming: { state: true },
  };

  api: PlexGeoApi | undefined;
  locale: string | undefined;
  time: TimeSettings | undefined;
  /** Bumped by the panel when the subscription reports new alerts. */
  version = 0;
  private _showAcknowledged = false;
  private _alerts: AlertRow[] | undefined;
  private _unacknowledged = 0;
  /** "Acknowledge all" was pressed: ask before doing it. */
  private _confirming = false;
  // Pages of PAGE_SIZE, newest first; the cursor is the server's next_before_id.
  private pager = new CursorPager();
  private request = new RequestController(this);
  private action = new RequestController(this);

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has("_showAcknowledged")) this.pager.reset();
    if (changed.has("api") || changed.has("version") || changed.has("_showAcknowledged")) {
      void this.load();
    }
  }

  async load(top = false): Promise<void> {
    const api = this.api;
    if (!api) return;
    const cursor = this.pager.current;
    await this.request.run(
      () => api.alerts(this._showAcknowledged, cursor === null ? null : Number(cursor), PAGE_SIZE),
      (result) => {
        this._alerts = result.alerts;
        this._unacknowledged = result.unacknowledged;
        this.pager.loaded(result.next_before_id === null ? null : String(result.next_before_id));
        alertsChanged(this, result.unacknowledged);
        if (top) this.scrollIntoView?.({ block: "start" });
      },
    );
  }

  private readonly older = (): void => {
    if (this.pager.next() !== null) void this.load(true);
  };

  private readonly newer = (): void => {
    this.pager.previous();
    void this.load(true);
  };

  private async acknowledge(alertId: number | undefined, trust: boolean): Promise<void> {
    const api = this.api;
    if (!api) return;
    this._confirming = false;
    // Every open alert goes: back to the first page, not past the end of the list.
    if (alertId === undefined) this.pager.reset();
    await this.action.run(async () => {
      await api.acknowledge(alertId, trust);
      await this.load();
    });
  }

  protected override render() {
    const open = this._unacknowledged;
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
          ?disabled=${this.action.loading || this._showAcknowledged || open === 0 || this._confirming}
          @click=${() => (this._confirming = true)}
        >
          ${icon(mdiCheckAll)} Acknowledge all
        </button>
      </div>
      ${this._confirming && !this._showAcknowledged ? this.renderConfirm(open) : nothing}
      ${this.action.error ? errorState(this.action.error) : nothing} ${this.renderBody()}
      ${this.renderPager()}
    </section>`;
  }

  private renderConfirm(open: number) {
    return html`<div class="confirm" role="alertdialog" aria-label="Acknowledge all alerts">
      <span>${acknowledgeAllQuestion(open, this.locale)}</span>
      <button class="btn primary" ?disabled=${this.action.loading} @click=${() => void this.acknowledge(undefined, false)}>
        Acknowledge all
      </button>
      <button class="btn" @click=${() => (this._confirming = false)}>Cancel</button>
    </div>`;
  }

  private renderPager() {
    const rows = this._alerts?.length ?? 0;
    if (!this._alerts || (!this.pager.hasPrevious && !this.pager.hasNext)) return nothing;
    const first = this.pager.page * PAGE_SIZE + 1;
    const last = this.pager.page * PAGE_SIZE + rows;
    return html`<div class="pager">
      <span class="muted">
        ${rows === 0 ? "No alerts on this page" : `Alerts ${first.toLocaleString(this.locale)}–${last.toLocaleString(this.locale)}`}
      </span>
      <button class="btn" ?disabled=${!this.pager.hasPrevious || this.request.loading} @click=${this.newer}>
        Newer
      </button>
      <button class="btn" ?disabled=${!this.pager.hasNext || this.request.loading} @click=${this.older}>
        Older
      </button>
    </div>`;
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
      .confirm,
      .pager {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 8px;
        margin: 8px 0;
      }
      .confirm {
        padding: 8px 12px;
        border-radius: 8px;
        background: var(--secondary-background-color);
      }
      .confirm span,
      .pager .muted {
        flex: 1;
      }
      .confirm span {
        /* The question keeps a readable line; on a phone the buttons go under it. */
        min-width: min(100%, 18em);
      }
    `,
  ];
}

if (!customElements.get("plexgeo-alerts-view")) {
  customElements.define("plexgeo-alerts-view", PlexGeoAlertsView);
}
