// Live map: choropleth of streams by country over a range, live streams as pulsing dots.

import { countryTag } from "../components/country.js";
import { css, html, LitElement, nothing, type PropertyValues } from "lit";
import { repeat } from "lit/directives/repeat.js";

import type { MapDot } from "../components/world-map.js";
import "../components/world-map.js";
import "../components/stop-stream.js";
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
import {
  addressLine,
  formatClock,
  groupLive,
  type LiveGroup,
  playbackLabel,
  progressShare,
  qualityLabel,
  transcodeLabel,
} from "../lib/live.js";
import { RequestController } from "../lib/request-controller.js";
import { serverStatus, type ServerStatus } from "../lib/server.js";
import { rangeSummary } from "../lib/summary.js";
import { sharedStyles } from "../styles.js";
import type { ServerState, Stats, StreamRow } from "../types.js";
import { showUser } from "./events.js";

/** How often the server's state is read again between pushes (a stalled poller pushes nothing). */
const SERVER_REFRESH_MS = 30_000;

/** Map dots for live streams that have a location; not pulsing when the data is stale. */
export function liveDots(streams: readonly StreamRow[], live = true): MapDot[] {
  return streams
    .filter((s) => s.latitude !== null && s.longitude !== null)
    .map((s) => ({
      key: String(s.stream_id),
      user_id: s.user_id,
      latitude: s.latitude as number,
      longitude: s.longitude as number,
      live,
      title: s.user_name,
      lines: [s.title, s.player, formatPlace(s.city, s.country_name, s.location_status)],
    }));
}

export class PlexGeoLiveView extends LitElement {
  static override properties = {
    api: { attribute: false },
    live: { attribute: false },
    liveReady: { type: Boolean },
    admin: { type: Boolean },
    _range: { state: true },
    _stats: { state: true },
    _server: { state: true },
    _now: { state: true },
  };

  api: PlexGeoApi | undefined;
  live: StreamRow[] = [];
  liveReady = false;
  /** Admins may stop a live stream. */
  admin = false;
  private _range: RangeKey = "30d";
  private _stats: Stats | undefined;
  private request = new RequestController(this);
  private _server: ServerState | undefined;
  private _now = new Date();
  private timer: ReturnType<typeof setInterval> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.timer = setInterval(() => void this.loadServer(), SERVER_REFRESH_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has("api") || changed.has("_range")) void this.load();
    if (changed.has("api")) this._server = undefined;
    // Every push follows a poll, failed or not: read how it went.
    if (changed.has("api") || changed.has("live")) void this.loadServer();
  }

  /** Read the server's state; a failed read leaves the last one (the socket error shows). */
  private async loadServer(): Promise<void> {
    const api = this.api;
    if (!api) return;
    try {
      const state = await api.server();
      if (api === this.api) this._server = state;
    } catch {
      // The live subscription reports a broken connection itself.
    }
    this._now = new Date();
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
    const server = serverStatus(this._server, this._now);
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
                    .dots=${liveDots(this.live, server.live)}
                    label="Streams by country, live streams as dots"
                  ></plexgeo-world-map>`}
          </section>
          ${this._stats ? html`<div class="tops">${this.renderTop(this._stats)}</div>` : nothing}
        </div>
        <section class="card live-card">
          <h2>
            ${server.live ? "Live now" : "Last known streams"}
            ${this.liveReady ? html`<span class="count">${this.live.length}</span>` : nothing}
          </h2>
          ${this.renderServer(server)} ${this.renderLive(server)}
        </section>
      </div>
    `;
  }

  private renderServer(server: ServerStatus) {
    if (server.health === "unknown") return nothing;
    return html`<div class="server ${server.health}" role="status">
      <span class="server-dot"></span>
      <div><strong>${server.headline}</strong> <span class="muted small">${server.detail}</span></div>
    </div>`;
  }

  // Keyed by user and stream: a Stop confirmation (or "Stop sent") stays with its stream
  // when the list changes under it.
  private renderLive(server: ServerStatus) {
    if (!this.liveReady) return loadingState("Waiting for live data…");
    if (this.live.length === 0) {
      return server.live
        ? emptyState("Nobody is streaming right now")
        : emptyState("Nobody was streaming at the last good poll");
    }
    return html`<ul class="live ${server.live ? "" : "stale"}">
      ${repeat(
        groupLive(this.live),
        (group) => group.user_id,
        (group) => this.renderGroup(group, server),
      )}
    </ul>`;
  }

  private renderGroup(group: LiveGroup, server: ServerStatus) {
    const apart = group.places > 1;
    const several = group.streams.length > 1;
    return html`<li class="group ${apart ? "apart" : ""}">
      <div class="group-head">
        <button class="link" @click=${() => showUser(this, group.user_id)}>${group.user_name}</button>
        ${several
          ? html`<span class="chip ${apart ? "warn" : ""}">
              ${group.streams.length} streams${apart ? ` from ${group.places} places` : " at once"}
            </span>`
          : nothing}
      </div>
      ${repeat(
        group.streams,
        (s) => s.stream_id,
        (s) => this.renderStream(s, server, apart),
      )}
    </li>`;
  }

  private renderStream(s: StreamRow, server: ServerStatus, apart: boolean) {
    const share = progressShare(s);
    const quality = qualityLabel(s);
    return html`<div class="stream">
      <span
        class="state ${server.live ? s.state : "stale"}"
        title=${server.live ? playbackLabel(s.state) : "not live: the server is not answering"}
      ></span>
      <div class="live-main">
        <div class="title">${s.title}</div>
        <div class="muted small">${mediaLabel(s.media_type)} · ${s.player} (${s.platform})</div>
        ${share === null
          ? nothing
          : html`<div
              class="progress"
              role="progressbar"
              aria-label="Progress"
              aria-valuemin="0"
              aria-valuemax="100"
              aria-valuenow=${Math.round(share * 100)}
            >
              <div style="width: ${(share * 100).toFixed(1)}%"></div>
            </div>`}
        <div class="muted small">
          ${playbackLabel(s.state, server.live)}
          ${share === null
            ? nothing
            : html`· ${formatClock(s.progress_ms)} / ${formatClock(s.media_duration_ms ?? 0)}`}
          · <span class="chip ${s.transcode === "transcode" ? "warn" : ""}">${transcodeLabel(s.transcode)}</span>
          ${quality ? html`· <span class="chip quality" title="Quality">${quality}</span>` : nothing}
          ${s.bitrate_kbps ? nothing : html`· ${formatBandwidth(s.bandwidth_kbps)}`}
        </div>
        <div class="muted small ${apart ? "place-apart" : ""}">
          ${countryTag(s.country_code)} ${formatPlace(s.city, s.country_name, s.location_status)}
          · <span class="chip ${s.local ? "lan" : "wan"}">${s.local ? "LAN" : "WAN"}</span>
        </div>
        ${s.ip ? html`<div class="muted small address">${addressLine(s)}</div>` : nothing}
        ${this.admin && server.live && s.live
          ? html`<plexgeo-stop-stream .api=${this.api} .stream=${s}></plexgeo-stop-stream>`
          : nothing}
      </div>
    </div>`;
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
      ul.live li.group {
        display: flex;
        flex-direction: column;
        gap: 8px;
        padding: 10px 0;
        border-bottom: 1px solid var(--pg-divider);
      }
      ul.live li.group:last-child {
        border-bottom: none;
      }
      ul.live li.apart {
        border-left: 3px solid var(--pg-warning);
        padding-left: 8px;
      }
      .group-head {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 8px;
      }
      .stream {
        display: flex;
        gap: 10px;
      }
      .chip.warn {
        background: color-mix(in srgb, var(--pg-warning) 22%, transparent);
        color: var(--pg-text);
      }
      .place-apart {
        color: var(--pg-text);
        font-weight: 500;
      }
      .progress {
        height: 4px;
        border-radius: 2px;
        background: var(--pg-divider);
        overflow: hidden;
        margin: 2px 0;
      }
      .progress > div {
        height: 100%;
        background: var(--pg-primary);
      }
      .address {
        font-family: var(--code-font-family, monospace);
        overflow-wrap: anywhere;
      }
      .live-main {
        flex: 1;
        min-width: 0;
        display: flex;
        flex-direction: column;
        gap: 2px;
      }
      .title {
        overflow-wrap: anywhere;
      }
      .small {
        font-size: 12px;
        line-height: 1.5;
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
      ul.live.stale .live-main {
        opacity: 0.7;
      }
      .server {
        display: flex;
        gap: 8px;
        align-items: baseline;
        padding: 8px 10px;
        margin-bottom: 8px;
        border-radius: 8px;
        overflow-wrap: anywhere;
      }
      .server.connected {
        padding: 0 0 8px;
      }
      .server.failing,
      .server.stale {
        background: color-mix(in srgb, var(--pg-warning) 15%, transparent);
      }
      .server-dot {
        flex: none;
        width: 8px;
        height: 8px;
        border-radius: 50%;
        background: var(--pg-success);
      }
      .server.failing .server-dot,
      .server.stale .server-dot {
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
