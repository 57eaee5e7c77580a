// User drill-down: countries, timeline, locations, history, alerts and trusted countries.

import { countryTag } from "../components/country.js";
import { css, html, LitElement, nothing, type PropertyValues } from "lit";

import { alertCard } from "../components/alert-card.js";
import { alertStyles } from "../components/alert-styles.js";
import "../components/chart.js";
import { icon, mdiArrowLeft, mdiShieldCheck, mdiShieldOffOutline } from "../components/icon.js";
import { emptyState, errorState, loadingState } from "../components/state.js";
import { tableCards } from "../components/table-cards.js";
import type { MapDot } from "../components/world-map.js";
import "../components/world-map.js";
import type { PlexGeoApi } from "../lib/api.js";
import {
  formatBandwidth,
  formatDateTime,
  formatDuration,
  formatPlace,
  fillDays,
  mediaLabel,
} from "../lib/format.js";
import { RequestController } from "../lib/request-controller.js";
import type { TimeSettings } from "../lib/time.js";
import { sharedStyles } from "../styles.js";
import type { AlertRow, UserDetail, UserHabits } from "../types.js";
import { habitsTables } from "../components/habits-table.js";
import { noPlacesReason } from "../lib/user-places.js";
import { alertsChanged } from "./events.js";

const DAY_OPTIONS = [30, 90, 365];

/** Map dots for a user's locations, sized by how often they streamed there. */
export function locationDots(detail: UserDetail): MapDot[] {
  return detail.locations.map((l, i) => ({
    key: `${i}`,
    latitude: l.latitude,
    longitude: l.longitude,
    live: false,
    weight: l.count,
    title: formatPlace(l.city, l.country_name, "known"),
    lines: [l.count === 1 ? "1 stream" : `${l.count} streams`],
  }));
}

function shortDate(date: string, locale: string | undefined): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1).toLocaleDateString(locale, {
    month: "short",
    day: "numeric",
  });
}

export class PlexGeoUserView extends LitElement {
  static override properties = {
    api: { attribute: false },
    userId: { attribute: false },
    locale: {},
    time: { attribute: false },
    dark: { type: Boolean },
    _days: { state: true },
    _detail: { state: true },
    admin: { type: Boolean },
    _habits: { state: true },
  };

  api: PlexGeoApi | undefined;
  userId: string | undefined;
  locale: string | undefined;
  time: TimeSettings | undefined;
  dark = false;
  private _days = 90;
  private _detail: UserDetail | undefined;
  /** Admins see the user's devices and networks. */
  admin = false;
  private _habits: UserHabits | undefined;
  private request = new RequestController(this);
  private habitsRequest = new RequestController(this);
  private action = new RequestController(this);

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has("userId")) {
      this._detail = undefined;
      this._habits = undefined;
    }
    if (changed.has("api") || changed.has("userId") || changed.has("_days")) void this.load();
    if (changed.has("api") || changed.has("userId") || changed.has("admin")) void this.loadHabits();
  }

  async loadHabits(): Promise<void> {
    const { api, userId } = this;
    if (!api || !userId || !this.admin) return;
    await this.habitsRequest.run(
      () => api.habits(userId),
      (habits) => (this._habits = habits),
    );
  }

  async load(): Promise<void> {
    const { api, userId } = this;
    if (!api || !userId) return;
    await this.request.run(
      () => api.user(userId, this._days),
      (detail) => (this._detail = detail),
    );
  }

  private async act(action: () => Promise<unknown>): Promise<void> {
    await this.action.run(async () => {
      await action();
      await this.load();
    });
  }

  private setTrust(countryCode: string, trusted: boolean): void {
    const api = this.api;
    const detail = this._detail;
    if (!api || !detail) return;
    void this.act(async () => {
      const result = await api.trust(detail.user_id, countryCode, trusted);
      this._detail = { ...detail, trusted_countries: result.trusted_countries };
    });
  }

  private acknowledge(alert: AlertRow, trust: boolean): void {
    const api = this.api;
    if (!api) return;
    void this.act(async () => {
      await api.acknowledge(alert.alert_id, trust);
      const { unacknowledged } = await api.alerts(false, null, 1);
      alertsChanged(this, unacknowledged);
    });
  }

  private back(): void {
    this.dispatchEvent(new CustomEvent("pg-close-user", { bubbles: true, composed: true }));
  }

  protected override render() {
    const detail = this._detail;
    return html`
      <div class="head">
        <button class="icon-btn" @click=${this.back} aria-label="Back to users">${icon(mdiArrowLeft)}</button>
        <h1>${detail?.user_name ?? "User"}</h1>
        <div class="segmented" role="group" aria-label="Period">
          ${DAY_OPTIONS.map(
            (d) => html`<button aria-pressed=${this._days === d ? "true" : "false"} @click=${() => (this._days = d)}>
              ${d} d
            </button>`,
          )}
        </div>
      </div>
      ${this.action.error
        ? html`<div class="card banner">${errorState(this.action.error)}</div>`
        : nothing}
      ${this.request.error
        ? html`<section class="card">${errorState(this.request.error, () => void this.load())}</section>`
        : !detail
          ? html`<section class="card">${loadingState()}</section>`
          : this.renderDetail(detail)}
    `;
  }

  private renderDetail(detail: UserDetail) {
    const countryCounts = new Map(detail.countries.map((c) => [c.country_code, c.count]));
    const timeline = fillDays(detail.timeline, this._days, new Date());
    return html`<p class="muted peak">Most streams at once: ${detail.concurrent_peak.toLocaleString()}</p>
      <div class="grid">
      <section class="card">
        <h2>Countries</h2>
        ${detail.countries.length === 0
          ? emptyState("No located streams")
          : html`<plexgeo-doughnut
              label="Streams by country"
              total-label="located"
              .labels=${detail.countries.map((c) => c.country_name)}
              .values=${detail.countries.map((c) => c.count)}
            ></plexgeo-doughnut>`}
      </section>
      <section class="card">
        <h2>Streams per day</h2>
        ${detail.timeline.length === 0
          ? emptyState("No streams yet")
          : html`<plexgeo-bars
              label="Streams per day"
              unit="stream"
              .labels=${timeline.map((t) => shortDate(t.date, this.locale))}
              .values=${timeline.map((t) => t.count)}
            ></plexgeo-bars>`}
      </section>
      <section class="card wide">
        <h2>Locations</h2>
        ${noPlacesReason(detail) !== null
          ? html`<p class="muted no-places">${noPlacesReason(detail)}</p>`
          : html`<plexgeo-world-map
              class="map"
              fit
              .counts=${countryCounts}
              .dots=${locationDots(detail)}
              .highlight=${detail.trusted_countries}
              label="Where this user streamed from"
            ></plexgeo-world-map>`}
      </section>
      <section class="card">
        <h2>Trusted countries</h2>
        <p class="muted small">
          Streams from a trusted country never raise a rare-country alert for this user.
        </p>
        ${this.renderTrust(detail)}
      </section>
      <section class="card">
        <h2>Alerts <span class="count">${detail.alerts.length}</span></h2>
        ${detail.alerts.length === 0
          ? emptyState("No alerts for this user")
          : html`<ul class="alerts">
              ${detail.alerts.map((a) =>
                alertCard(a, {
                  busy: this.action.loading,
                  locale: this.locale,
                  time: this.time,
                  onAcknowledge: (alert, trust) => this.acknowledge(alert, trust),
                }),
              )}
            </ul>`}
      </section>
      ${this.admin ? this.renderHabits() : nothing}
      <section class="card wide">
        <h2>Recent streams</h2>
        ${detail.recent_streams.length === 0
          ? emptyState("No streams yet")
          : html`<div class="table-wrap"><table>
              <thead><tr><th>Started</th><th>Media</th><th>Player</th><th>Location</th><th>Duration</th><th>Bandwidth</th></tr></thead>
              <tbody>
                ${detail.recent_streams.map(
                  (s) => html`<tr>
                    <td class="nowrap" data-label="Started">
                      <div>
                        ${formatDateTime(s.started_at, this.locale, this.time)}
                        ${s.live ? html`<span class="chip live">Live</span>` : nothing}
                      </div>
                    </td>
                    <td class="media" data-label="Media">
                      <div>${s.title} <span class="muted small">${mediaLabel(s.media_type)}</span></div>
                    </td>
                    <td data-label="Player"><div>${s.player} <span class="muted small">${s.platform}</span></div></td>
                    <td data-label="Location">
                      <div>
                        ${countryTag(s.country_code)}
                        ${formatPlace(s.city, s.country_name, s.location_status)}
                        <span class="chip ${s.local ? "lan" : "wan"}">${s.local ? "LAN" : "WAN"}</span>
                      </div>
                    </td>
                    <td class="nowrap" data-label="Duration"><div>${formatDuration(s.duration_s)}</div></td>
                    <td class="nowrap" data-label="Bandwidth"><div>${formatBandwidth(s.bandwidth_kbps)}</div></td>
                  </tr>`,
                )}
              </tbody>
            </table></div>`}
      </section>
    </div>`;
  }

  private renderHabits() {
    const body = this.habitsRequest.error
      ? errorState(this.habitsRequest.error, () => void this.loadHabits())
      : this._habits
        ? habitsTables(this._habits, this.locale, this.time)
        : loadingState();
    return html`<section class="card wide habits">
      <h2>Devices and networks</h2>
      ${body}
    </section>`;
  }

  private renderTrust(detail: UserDetail) {
    const names = new Map(detail.countries.map((c) => [c.country_code, c.country_name]));
    const codes = [...new Set([...detail.trusted_countries, ...detail.countries.map((c) => c.country_code)])];
    if (codes.length === 0) return emptyState("No countries yet");
    const trusted = new Set(detail.trusted_countries);
    return html`<ul class="trust">
      ${codes.map((code) => {
        const isTrusted = trusted.has(code);
        const name = names.get(code) ?? code;
        return html`<li>
          <span>${countryTag(code)} ${name}
            ${isTrusted ? html`<span class="chip lan">Trusted</span>` : nothing}</span>
          <button
            class="btn"
            ?disabled=${this.action.loading}
            aria-label="${isTrusted ? "Untrust" : "Trust"} ${name}"
            @click=${() => this.setTrust(code, !isTrusted)}
          >
            ${isTrusted ? html`${icon(mdiShieldOffOutline)} Untrust` : html`${icon(mdiShieldCheck)} Trust`}
          </button>
        </li>`;
      })}
    </ul>`;
  }

  static override styles = [
    sharedStyles,
    alertStyles,
    tableCards,
    css`
      :host {
        display: block;
      }
      .head {
        display: flex;
        align-items: center;
        gap: 8px;
        margin-bottom: var(--pg-gap);
        flex-wrap: wrap;
      }
      h1 {
        margin: 0;
        font-size: 1.5rem;
        font-weight: 400;
        flex: 1 1 0;
        min-width: 0;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      :host([narrow]) h1 {
        flex-basis: calc(100% - 56px);
      }
      :host([narrow]) .head .segmented {
        margin-left: 48px;
      }
      .map {
        max-width: 960px;
        margin: 0 auto;
      }
      .banner {
        margin-bottom: var(--pg-gap);
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(2, minmax(0, 1fr));
        gap: var(--pg-gap);
        align-items: start;
      }
      .wide {
        grid-column: 1 / -1;
      }
      :host([narrow]) .grid {
        grid-template-columns: minmax(0, 1fr);
      }
      ul.trust {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      ul.trust li {
        display: flex;
        justify-content: space-between;
        align-items: center;
        gap: 8px;
        padding: 6px 0;
        border-bottom: 1px solid var(--pg-divider);
      }
      ul.trust li:last-child {
        border-bottom: none;
      }
      .table-wrap {
        overflow-x: auto;
      }
      .media {
        overflow-wrap: anywhere;
        min-width: 160px;
      }
      .nowrap {
        white-space: nowrap;
      }
      p {
        margin: 0 0 8px;
      }
    `,
  ];
}

if (!customElements.get("plexgeo-user-view")) {
  customElements.define("plexgeo-user-view", PlexGeoUserView);
}
