// Stream log: filters, a page of streams in the server's order, cursor pagination with the
// total.

import { countryTag } from "../components/country.js";
import { css, html, LitElement, nothing, type PropertyValues } from "lit";
import { live } from "lit/directives/live.js";

import { icon, mdiChevronLeft, mdiChevronRight } from "../components/icon.js";
import { tableCards } from "../components/table-cards.js";
import { emptyState, errorState, loadingState } from "../components/state.js";
import type { PlexGeoApi } from "../lib/api.js";
import {
  formatBandwidth,
  formatDateTime,
  formatDuration,
  formatPlace,
  mediaLabel,
  regionName,
} from "../lib/format.js";
import { EMPTY_FORM, type FilterForm, formToFilters } from "../lib/filters.js";
import { CursorPager, pageSummary } from "../lib/pager.js";
import { RequestController } from "../lib/request-controller.js";
import { ariaSort, LOG_ORDERS, type LogOrder, parseOrder, toggleOrder } from "../lib/sort.js";
import type { TimeSettings } from "../lib/time.js";
import { sharedStyles } from "../styles.js";
import type { StreamCount, StreamFilters, StreamRow, UserSummary } from "../types.js";
import { showUser } from "./events.js";

export const PAGE_SIZE = 50;

const MEDIA_TYPES = ["movie", "episode", "track", "live_tv", "clip", "photo", "other"];

// Started is the one column the server sorts the whole log by (its header toggles it).
const COLUMNS = ["User", "Media", "Player", "IP", "Location", "Network", "Duration", "Bandwidth"];

export class PlexGeoStreamsView extends LitElement {
  static override properties = {
    api: { attribute: false },
    users: { attribute: false },
    locale: {},
    time: { attribute: false },
    admin: { type: Boolean },
    _form: { state: true },
    _rows: { state: true },
    _order: { state: true },
    _total: { state: true },
    _moreFilters: { state: true },
  };

  api: PlexGeoApi | undefined;
  users: UserSummary[] = [];
  locale: string | undefined;
  time: TimeSettings | undefined;
  admin = false;
  private _form: FilterForm = { ...EMPTY_FORM };
  private _rows: StreamRow[] | undefined;
  private _order: LogOrder = "newest";
  private _total: StreamCount | undefined;
  private _moreFilters = false;
  private pager = new CursorPager();
  private filters: StreamFilters = {};
  private request = new RequestController(this);
  private countRequest = new RequestController(this);

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has("api")) this.restart();
  }

  /** From the first page, with the total counted again (the filters changed). */
  private restart(): void {
    this.pager.reset();
    void this.load();
    const api = this.api;
    if (!api) return;
    const filters = this.filters;
    this._total = undefined;
    void this.countRequest.run(
      () => api.streamCount(filters),
      (count) => (this._total = count),
    );
  }

  private async load(toTop = false): Promise<void> {
    const api = this.api;
    if (!api) return;
    let loaded = false;
    await this.request.run(
      () => api.streams(this.filters, PAGE_SIZE, this.pager.current, this._order),
      (page) => {
        this.pager.loaded(page.next_cursor);
        this._rows = page.streams;
        loaded = true;
      },
    );
    if (loaded && toTop) await this.showTop();
  }

  /** After a page turn: the top of the new page in view, and focus there for keyboards. */
  private async showTop(): Promise<void> {
    await this.updateComplete;
    const results = this.renderRoot.querySelector<HTMLElement>(".results");
    results?.scrollIntoView?.({ block: "start" });
    results?.focus({ preventScroll: true });
  }

  private apply(event: Event): void {
    event.preventDefault();
    this.filters = formToFilters(this._form, this.time?.timeZone);
    this._order = parseOrder(this._form.order);
    this.restart();
  }

  private clear(): void {
    this._form = { ...EMPTY_FORM };
    this.filters = {};
    this._order = "newest";
    this.restart();
  }

  /** How many fields besides the search narrow the log (or order it), for the phone's
   * collapsed "Filters" button. */
  private activeFilters(): number {
    const form = this._form;
    const set = [form.user_id, form.country, form.network, form.media_type, form.from, form.to];
    return set.filter(Boolean).length + (form.order === "oldest" ? 1 : 0);
  }

  private set(field: keyof FilterForm, event: Event): void {
    const target = event.target as HTMLInputElement | HTMLSelectElement;
    this._form = { ...this._form, [field]: target.value };
  }

  /** The Started header: the whole log the other way round, from its first page. */
  private reorder(): void {
    this._order = toggleOrder(this._order);
    this._form = { ...this._form, order: this._order };
    this.pager.reset();
    void this.load();
  }

  private next(): void {
    if (this.pager.next() !== null) void this.load(true);
  }

  private previous(): void {
    this.pager.previous();
    void this.load(true);
  }

  protected override render() {
    return html`
      <form class="card filters" @submit=${this.apply} aria-label="Stream filters">
        ${this.renderFilters()}
      </form>
      <section class="card results" tabindex="-1" aria-label="Streams">${this.renderBody()}</section>
    `;
  }

  private renderFilters() {
    const countries = [...new Set(this.users.flatMap((u) => u.countries))].sort();
    const form = this._form;
    return html`
      <label class="field search">
        Search
        <input
          type="search"
          .value=${live(form.search)}
          placeholder=${this.admin
            ? "Title, user, player, city, country, IP or range, relayed"
            : "Title, user, player, city, country, relayed"}
          @input=${(e: Event) => this.set("search", e)}
        />
      </label>
      <button
        class="btn more-toggle"
        type="button"
        aria-expanded=${this._moreFilters ? "true" : "false"}
        aria-controls="more-filters"
        @click=${() => (this._moreFilters = !this._moreFilters)}
      >
        Filters${this.activeFilters() ? ` (${this.activeFilters()})` : ""}
      </button>
      <div class="more ${this._moreFilters ? "open" : ""}" id="more-filters">
        <label class="field">
          User
          <select .value=${live(form.user_id)} @change=${(e: Event) => this.set("user_id", e)}>
            <option value="">All users</option>
            ${this.users.map(
              (u) => html`<option value=${u.user_id} ?selected=${u.user_id === form.user_id}>${u.user_name}</option>`,
            )}
          </select>
        </label>
        <label class="field">
          Country
          <select .value=${live(form.country)} @change=${(e: Event) => this.set("country", e)}>
            <option value="">All countries</option>
            ${countries.map(
              (c) => html`<option value=${c} ?selected=${c === form.country}>${regionName(c, this.locale)}</option>`,
            )}
          </select>
        </label>
        <label class="field">
          Network
          <select .value=${live(form.network)} @change=${(e: Event) => this.set("network", e)}>
            <option value="" ?selected=${form.network === ""}>LAN and WAN</option>
            <option value="lan" ?selected=${form.network === "lan"}>LAN</option>
            <option value="wan" ?selected=${form.network === "wan"}>WAN</option>
          </select>
        </label>
        <label class="field">
          Media
          <select .value=${live(form.media_type)} @change=${(e: Event) => this.set("media_type", e)}>
            <option value="">All media</option>
            ${MEDIA_TYPES.map(
              (m) => html`<option value=${m} ?selected=${m === form.media_type}>${mediaLabel(m)}</option>`,
            )}
          </select>
        </label>
        <label class="field">
          From
          <input type="date" .value=${live(form.from)} @change=${(e: Event) => this.set("from", e)} />
        </label>
        <label class="field">
          To
          <input type="date" .value=${live(form.to)} @change=${(e: Event) => this.set("to", e)} />
        </label>
        <label class="field">
          Order
          <select .value=${live(form.order)} @change=${(e: Event) => this.set("order", e)}>
            ${LOG_ORDERS.map((o) => html`<option value=${o.key} ?selected=${o.key === form.order}>${o.label}</option>`)}
          </select>
        </label>
      </div>
      <div class="filter-actions">
        <button class="btn primary" type="submit">Apply</button>
        <button class="btn" type="button" @click=${this.clear}>Clear</button>
      </div>
    `;
  }

  private renderBody() {
    if (this.request.error) return errorState(this.request.error, () => void this.load());
    if (!this._rows) return loadingState();
    const filtered = Object.keys(this.filters).length > 0;
    if (this._rows.length === 0 && this.pager.page === 0) {
      return filtered
        ? emptyState("No streams match these filters")
        : emptyState("No streams yet", "Streams appear here once someone plays something on Plex.");
    }
    const oldest = this._order === "oldest";
    return html`
      <div class="table-wrap ${this.request.loading ? "busy" : ""}">
        <table>
          <thead>
            <tr>
              <th aria-sort=${ariaSort(this._order)}>
                <button
                  class="sort"
                  title=${oldest ? "Oldest first: show newest first" : "Newest first: show oldest first"}
                  @click=${this.reorder}
                >
                  Started<span class="arrow">${oldest ? "▲" : "▼"}</span>
                </button>
              </th>
              ${COLUMNS.map((label) => html`<th>${label}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${this._rows.map((s) => this.renderRow(s))}
          </tbody>
        </table>
      </div>
      <div class="pager">
        <span class="muted" aria-live="polite">
          ${pageSummary(this.pager.page, this._rows.length, PAGE_SIZE, this._total, this.locale)}
        </span>
        <button class="btn" ?disabled=${!this.pager.hasPrevious || this.request.loading} @click=${this.previous}>
          ${icon(mdiChevronLeft)} Previous
        </button>
        <button class="btn" ?disabled=${!this.pager.hasNext || this.request.loading} @click=${this.next}>
          Next ${icon(mdiChevronRight)}
        </button>
      </div>
    `;
  }

  private renderRow(s: StreamRow) {
    // Each cell's content sits in one div so the phone layout can grid label | value.
    return html`<tr>
      <td data-label="Started" class="nowrap">
        <div>
          ${formatDateTime(s.started_at, this.locale, this.time)}
          ${s.live ? html`<span class="chip live">Live</span>` : nothing}
        </div>
      </td>
      <td data-label="User" class="text">
        <div><button class="link" @click=${() => showUser(this, s.user_id)}>${s.user_name}</button></div>
      </td>
      <td data-label="Media" class="media">
        <div>
          <div>${s.title}</div>
          <div class="muted small">${mediaLabel(s.media_type)}${s.resolution ? ` · ${s.resolution}` : ""}</div>
        </div>
      </td>
      <td data-label="Player" class="text">
        <div>
          <div>${s.player}</div>
          <div class="muted small">${s.product} · ${s.platform}</div>
        </div>
      </td>
      <td data-label="IP"><div class="mono">${s.ip ?? (s.relayed ? "relayed" : "–")}</div></td>
      <td data-label="Location" class="place">
        <div>
          ${countryTag(s.country_code)}
          ${formatPlace(s.city, s.country_name, s.location_status)}
        </div>
      </td>
      <td data-label="Network">
        <div>
          <span class="chip ${s.local ? "lan" : "wan"}">${s.local ? "LAN" : "WAN"}</span>
          ${s.relayed ? html`<span class="chip">Relayed</span>` : nothing}
        </div>
      </td>
      <td data-label="Duration" class="nowrap"><div>${formatDuration(s.duration_s)}</div></td>
      <td data-label="Bandwidth" class="nowrap"><div>${formatBandwidth(s.bandwidth_kbps)}</div></td>
    </tr>`;
  }

  static override styles = [
    sharedStyles,
    tableCards,
    css`
      :host {
        display: flex;
        flex-direction: column;
        gap: var(--pg-gap);
      }
      .filters {
        display: flex;
        flex-wrap: wrap;
        gap: 12px;
        align-items: flex-end;
      }
      .filters .search {
        flex: 1 1 220px;
      }
      .filter-actions {
        display: flex;
        gap: 8px;
      }
      /* On a desk every field shows; on a phone all but the search fold behind "Filters". */
      .more {
        display: contents;
      }
      .more-toggle {
        display: none;
      }
      :host([narrow]) .more-toggle {
        display: inline-flex;
      }
      :host([narrow]) .more:not(.open) {
        display: none;
      }
      .table-wrap {
        overflow-x: auto;
      }
      .results {
        /* A page turn scrolls here: below the panel's sticky toolbar and tabs. */
        scroll-margin-top: calc(var(--header-height, 56px) + 56px);
      }
      .results:focus {
        outline: none;
      }
      .table-wrap.busy {
        opacity: 0.6;
      }
      th button.sort {
        border: none;
        background: none;
        padding: 0;
        cursor: pointer;
        color: inherit;
        font-weight: 500;
        display: inline-flex;
        gap: 4px;
      }
      .arrow {
        font-size: 12px;
        min-width: 1em;
      }
      .media {
        min-width: 180px;
        overflow-wrap: anywhere;
      }
      /* Names are untrusted and may be one long word (a URL): they wrap anywhere rather
         than push the Bandwidth column off a 1440 px screen, and a place keeps its line. */
      .text {
        overflow-wrap: anywhere;
        max-width: 16em;
      }
      .place {
        min-width: 10em;
      }
      .nowrap {
        white-space: nowrap;
      }
      .small {
        font-size: 12px;
      }
      .pager {
        display: flex;
        justify-content: flex-end;
        align-items: center;
        gap: 8px;
        margin-top: 12px;
        flex-wrap: wrap;
      }
      .pager .muted {
        margin-right: auto;
      }
      :host([narrow]) .filters label.field {
        flex: 1 1 140px;
      }
    `,
  ];
}

if (!customElements.get("plexgeo-streams-view")) {
  customElements.define("plexgeo-streams-view", PlexGeoStreamsView);
}
