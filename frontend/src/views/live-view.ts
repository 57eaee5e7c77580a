// Live map: choropleth of streams by country over a range, live streams as pulsing dots.

import { countryTag } from "../components/country.js";
import { css, html, LitElement, nothing, type PropertyValues } from "lit";

import type { MapDot } from "../components/world-map.js";
import "../components/world-map.js";
import { emptyState, errorState, loadingState } from "../components/state.js";
import type { PlexGeoApi } from "../lib/api.js";
import {
  countsByCountry,
  formatBandwidth,
  formatPlace,
  mediaLabel,
  RANGES,
  type RangeKey,
  rangeBounds,
} from "../lib/format.js";
import { RequestController } from "../lib/request-controller.js";
import { rangeSummary } from "../lib/summary.js";
import { sharedStyles } from "../styles.js";
import type { Stats, StreamRow } from "../types.js";
import { showUser } from "./events.js";

/** Map dots for live streams that have a location. */
export function liveDots(streams: readonly StreamRow[]): MapDot[] {
  return streams
    .filter((s) => s.latitude !== null && s.longitude !== null)
    .map((s) => ({
      key: String(s.stream_id),
      latitude: s.latitude as number,
      longitude: s.longitude as number,
      live: true,
      title: s.user_name,
      lines: [s.title, s.player, formatPlace(s.city, s.country_name, s.location_status)],
    }));
}

export class PlexGeoLiveView extends LitElement {
  static override properties = {
    api: { attribute: false },
    live: { attribute: false },
    liveReady: { type: Boolean },
    _range: { state: true },
    _stats: { state: true },
  };

  api: PlexGeoApi | undefined;
  live: StreamRow[] = [];
  liveReady = false;
  private _range: RangeKey = "30d";
  private _stats: Stats | undefined;
  private request = new RequestController(this);

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has("api") || changed.has("_range")) void this.load();
  }

  /** Reload the range's statistics (the panel calls this when a stream starts or ends). */
  async load(): Promise<void> {
    const api = this.api;
    if (!api) return;
    const { since, until } = rangeBounds(this._range, new Date());
    await this.request.run(
      () => api.stats(since, until),
      (stats) => (this._stats = stats),
    );
  }

  protected override render() {
    const counts = this._stats ? countsByCountry(this._stats.per_day) : new Map<string, number>();
    return html`
      <div class="toolbar">
        <div class="segmented" role="group" aria-label="Range">
          ${RANGES.map(
            (r) => html`<button
              aria-pressed=${this._range === r.key ? "true" : "false"}
              @click=${() => (this._range = r.key)}
            >
              ${r.label}
            </button>`,
          )}
        </div>
        ${this._stats ? html`<span class="muted">${rangeSummary(this._stats)}</span>` : nothing}
      </div>
      <div class="grid">
        <div class="column">
          <section class="card">
            <h2>
              Streams by country
              ${this.request.loading && this._stats ? html`<span class="spinner small"></span>` : nothing}
            </h2>
            ${this.request.error
              ? errorState(this.request.error, () => void this.load())
              : !this._stats
                ? loadingState()
                : html`<plexgeo-world-map
                    .counts=${counts}
                    .dots=${liveDots(this.live)}
                    label="Streams by country, live streams as dots"
                  ></plexgeo-world-map>`}
          </section>
          ${this._stats ? html`<div class="tops">${this.renderTop(this._stats)}</div>` : nothing}
        </div>
        <section class="card live-card">
          <h2>Live now ${this.liveReady ? html`<span class="count">${this.live.length}</span>` : nothing}</h2>
          ${this.renderLive()}
        </section>
      </div>
    `;
  }

  private renderLive() {
    if (!this.liveReady) return loadingState("Waiting for live data…");
    if (this.live.length === 0) return emptyState("Nobody is streaming right now");
    return html`<ul class="live">
      ${this.live.map(
        (s) => html`<li>
          <span class="state ${s.state}" title=${s.state}></span>
          <div class="live-main">
            <button class="link" @click=${() => showUser(this, s.user_id)}>${s.user_name}</button>
            <div class="title">${s.title}</div>
            <div class="muted small">
              ${mediaLabel(s.media_type)} · ${s.player} (${s.platform})
            </div>
            <div class="muted small">
              ${countryTag(s.country_code)}
              ${formatPlace(s.city, s.country_name, s.location_status)}
              · <span class="chip ${s.local ? "lan" : "wan"}">${s.local ? "LAN" : "WAN"}</span>
              · ${formatBandwidth(s.bandwidth_kbps)}
            </div>
          </div>
        </li>`,
      )}
    </ul>`;
  }

  private renderTop(stats: Stats) {
    return html`
      <section class="card">
        <h2>Top countries</h2>
        ${stats.top_countries.length === 0
          ? emptyState("No streams yet", "Nothing was located in this range.")
          : html`<ol class="top">
              ${stats.top_countries.map(
                (c) => html`<li>
                  <span>${countryTag(c.country_code)} ${c.country_name}</span>
                  <span class="muted">${c.count}</span>
                </li>`,
              )}
            </ol>`}
      </section>
      <section class="card">
        <h2>Top users</h2>
        ${stats.top_users.length === 0
          ? emptyState("No streams yet")
          : html`<ol class="top">
              ${stats.top_users.map(
                (u) => html`<li>
                  <button class="link" @click=${() => showUser(this, u.user_id)}>${u.user_name}</button>
                  <span class="muted">${u.count}</span>
                </li>`,
              )}
            </ol>`}
      </section>
    `;
  }

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      .toolbar {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 12px;
        margin-bottom: var(--pg-gap);
      }
      .grid {
        display: grid;
        grid-template-columns: minmax(0, 2fr) minmax(260px, 1fr);
        gap: var(--pg-gap);
        align-items: start;
      }
      .column {
        display: flex;
        flex-direction: column;
        gap: var(--pg-gap);
        min-width: 0;
      }
      .tops {
        display: grid;
        grid-template-columns: repeat(2, minmax(0, 1fr));
        gap: var(--pg-gap);
        align-items: start;
      }
      .live-card {
        position: sticky;
        top: calc(var(--header-height, 56px) + 64px);
      }
      :host([narrow]) .grid,
      :host([narrow]) .tops {
        grid-template-columns: minmax(0, 1fr);
      }
      /* Phone: map, then who is live, then the top lists. */
      :host([narrow]) .column {
        display: contents;
      }
      :host([narrow]) .live-card {
        position: static;
        order: 1;
      }
      :host([narrow]) .tops {
        order: 2;
      }
      ul.live,
      ol.top {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      ul.live li {
        display: flex;
        gap: 10px;
        padding: 10px 0;
        border-bottom: 1px solid var(--pg-divider);
      }
      ul.live li:last-child {
        border-bottom: none;
      }
      .live-main {
        min-width: 0;
        display: flex;
        flex-direction: column;
        gap: 2px;
      }
      .title {
        overflow-wrap: anywhere;
      }
      .small {
        font-size: 0.8rem;
      }
      .state {
        flex: none;
        width: 10px;
        height: 10px;
        border-radius: 50%;
        margin-top: 5px;
        background: var(--pg-muted);
      }
      .state.playing {
        background: var(--pg-live);
        box-shadow: 0 0 6px var(--pg-live);
      }
      .state.paused {
        background: var(--pg-warning);
      }
      ol.top li {
        display: flex;
        justify-content: space-between;
        gap: 8px;
        padding: 6px 0;
        border-bottom: 1px solid var(--pg-divider);
      }
      ol.top li:last-child {
        border-bottom: none;
      }
      .spinner.small {
        width: 14px;
        height: 14px;
        border-width: 2px;
      }
    `,
  ];
}

if (!customElements.get("plexgeo-live-view")) {
  customElements.define("plexgeo-live-view", PlexGeoLiveView);
}
