// The PlexGeo sidebar panel: <plexgeo-panel>, mounted by panel_custom. Home Assistant sets
// `hass`, `narrow`, `route` and `panel`; everything else comes over the websocket.

import { css, html, LitElement, nothing, type PropertyValues } from "lit";

import { icon, mdiEarth, mdiMenu } from "./components/icon.js";
import { emptyState, errorState, loadingState } from "./components/state.js";
import { chooseEntry, readStorage, writeStorage } from "./lib/entries.js";
import { fetchEntries, PlexGeoApi, type PlexGeoApiError, toApiError } from "./lib/api.js";
import { navigate, type PanelRoute, parseRoute, routePath, sameRoute, type Tab } from "./lib/routes.js";
import { type TimeSettings, timeSettings } from "./lib/time.js";
import { sharedStyles } from "./styles.js";
import type { Entry, Hass, LiveEvent, StreamRow, UserSummary } from "./types.js";
import "./views/alerts-view.js";
import "./views/live-view.js";
import type { PlexGeoLiveView } from "./views/live-view.js";
import "./views/streams-view.js";
import "./views/user-view.js";
import "./components/import-status.js";
import "./views/users-view.js";

export type { Tab } from "./lib/routes.js";

type HassRoute = { prefix?: string; path?: string } | undefined;

const TABS: { key: Tab; label: string }[] = [
  { key: "map", label: "Live map" },
  { key: "streams", label: "Stream log" },
  { key: "users", label: "Users" },
  { key: "alerts", label: "Alerts" },
];

export class PlexGeoPanel extends LitElement {
  static override properties = {
    narrow: { type: Boolean, reflect: true },
    route: { attribute: false },
    panel: { attribute: false },
    _entries: { state: true },
    _entriesError: { state: true },
    _api: { state: true },
    _tab: { state: true },
    _userId: { state: true },
    _live: { state: true },
    _liveReady: { state: true },
    _liveError: { state: true },
    _unacknowledged: { state: true },
    _alertsVersion: { state: true },
    _users: { state: true },
    _usersError: { state: true },
    _offline: { state: true },
    _dark: { state: true },
    _locale: { state: true },
    _menuButton: { state: true },
    _time: { state: true },
    _admin: { state: true },
  };

  narrow = false;
  route: unknown;
  panel: unknown;
  private _hass: Hass | undefined;
  private _entries: Entry[] | undefined;
  private _entriesError: PlexGeoApiError | undefined;
  private _api: PlexGeoApi | undefined;
  private _tab: Tab = "map";
  private _userId: string | undefined;
  private _live: StreamRow[] = [];
  private _liveReady = false;
  private _liveError: PlexGeoApiError | undefined;
  private _unacknowledged = 0;
  private _alertsVersion = 0;
  private _users: UserSummary[] | undefined;
  private _usersError: PlexGeoApiError | undefined;
  private _offline = false;
  private _dark = false;
  private _locale: string | undefined;
  private _menuButton = false;
  private _time: TimeSettings | undefined;
  private _admin = false;
  private unsubscribe: (() => void) | undefined;
  private subscription = 0;
  private liveKey = "";

  // HA sets `hass` on every state change in the house; only the parts the panel reads
  // may trigger work, so this is a setter rather than a reactive property.
  get hass(): Hass | undefined {
    return this._hass;
  }

  set hass(hass: Hass | undefined) {
    const previous = this._hass;
    this._hass = hass;
    if (!hass) return;
    this._dark = Boolean(hass.themes?.darkMode);
    this._locale = hass.locale?.language ?? hass.language;
    this._menuButton = (hass as { dockedSidebar?: string }).dockedSidebar === "always_hidden";
    this._admin = Boolean(hass.user?.is_admin);
    // Home Assistant replaces `locale` only when the profile changes: recompute then only.
    if (!this._time || hass.locale !== previous?.locale || hass.config?.time_zone !== previous?.config?.time_zone) {
      this._time = timeSettings(hass.locale, hass.config?.time_zone);
    }
    if (previous?.connection !== hass.connection) {
      if (previous) this.watchConnection(previous, false);
      this.watchConnection(hass, true);
      void this.loadEntries();
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this._api && !this.unsubscribe) void this.subscribe();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopSubscription();
  }

  private onDisconnected = (): void => {
    this._offline = true;
  };

  private onReady = (): void => {
    // home-assistant-js-websocket resubscribes by itself after a reconnect; reload the rest.
    this._offline = false;
    void this.loadUsers();
  };

  private watchConnection(hass: Hass, on: boolean): void {
    const conn = hass.connection;
    if (on) {
      conn.addEventListener?.("disconnected", this.onDisconnected);
      conn.addEventListener?.("ready", this.onReady);
    } else {
      conn.removeEventListener?.("disconnected", this.onDisconnected);
      conn.removeEventListener?.("ready", this.onReady);
    }
  }

  private async loadEntries(): Promise<void> {
    const hass = this._hass;
    if (!hass) return;
    this._entriesError = undefined;
    try {
      this._entries = await fetchEntries(hass.connection);
      const entry = chooseEntry(this._entries, readStorage());
      if (entry) this.selectEntry(entry.entry_id);
    } catch (err) {
      this._entriesError = toApiError(err);
    }
  }

  private selectEntry(entryId: string): void {
    if (!this._hass) return;
    if (this._api?.entryId === entryId && this._api && this.unsubscribe) return;
    writeStorage(entryId);
    this.stopSubscription();
    // Another server's users are not this one's: back to the list (the first server
    // chosen keeps the user a link or a reload named).
    if (this._api && this._userId) this.go({ tab: "users" }, true);
    this._api = new PlexGeoApi(this._hass.connection, entryId);
    this._live = [];
    this._liveReady = false;
    this._users = undefined;
    void this.loadUsers();
    if (this.isConnected) void this.subscribe();
  }

  private async subscribe(): Promise<void> {
    const api = this._api;
    if (!api) return;
    const id = ++this.subscription;
    this._liveError = undefined;
    try {
      const unsubscribe = await api.subscribe((event) => {
        if (id === this.subscription) this.onLive(event);
      });
      // The panel may have been closed, or switched server, while the subscription started.
      if (id !== this.subscription || !this.isConnected) {
        unsubscribe();
        return;
      }
      this.unsubscribe = unsubscribe;
    } catch (err) {
      if (id === this.subscription) this._liveError = toApiError(err);
    }
  }

  private stopSubscription(): void {
    this.subscription++;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private onLive(event: LiveEvent): void {
    this._live = event.live_streams;
    this._liveReady = true;
    this._liveError = undefined;
    this._unacknowledged = event.unacknowledged;
    if (event.new_alerts.length > 0) {
      this._alertsVersion++;
      void this.loadUsers();
    }
    const key = event.live_streams.map((s) => s.stream_id).join(",");
    if (key !== this.liveKey) {
      // A stream started or ended: the range statistics changed with it.
      if (this.liveKey) this.renderRoot.querySelector<PlexGeoLiveView>("plexgeo-live-view")?.load();
      this.liveKey = key;
    }
  }

  private async loadUsers(): Promise<void> {
    const api = this._api;
    if (!api) return;
    this._usersError = undefined;
    try {
      const { users } = await api.users();
      if (api === this._api) this._users = users;
    } catch (err) {
      if (api === this._api) this._usersError = toApiError(err);
    }
  }

  /** Show a place in the panel (the tab, the user drill-down). */
  private show(route: PanelRoute): void {
    if (route.tab === "users" && this._tab !== "users") void this.loadUsers();
    this._tab = route.tab;
    this._userId = route.userId;
  }

  /** Go somewhere: shown at once, and put in the URL so Back, reload and links work. */
  private go(route: PanelRoute, replace = false): void {
    this.show(route);
    const current = this.route as HassRoute;
    if (current?.prefix === undefined || sameRoute(parseRoute(current.path), route)) return;
    navigate(routePath(current.prefix, route), replace);
  }

  protected override willUpdate(changed: PropertyValues): void {
    // Home Assistant sets `route` on load, on Back and Forward, and after navigate().
    if (changed.has("route")) this.show(parseRoute((this.route as HassRoute)?.path));
  }

  private setTab(tab: Tab): void {
    this.go({ tab });
  }

  private onShowUser = (event: Event): void => {
    this.go({ tab: "users", userId: (event as CustomEvent<{ userId: string }>).detail.userId });
    this.scrollTo?.({ top: 0 });
  };

  private onCloseUser = (): void => {
    this.go({ tab: "users" });
  };

  private onAlertsChanged = (event: Event): void => {
    this._unacknowledged = (event as CustomEvent<{ unacknowledged: number }>).detail.unacknowledged;
    void this.loadUsers();
  };

  private onTabKey(event: KeyboardEvent): void {
    const index = TABS.findIndex((t) => t.key === this._tab);
    let next = index;
    if (event.key === "ArrowRight") next = (index + 1) % TABS.length;
    else if (event.key === "ArrowLeft") next = (index - 1 + TABS.length) % TABS.length;
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = TABS.length - 1;
    else return;
    event.preventDefault();
    const tab = TABS[next];
    if (!tab) return;
    this.setTab(tab.key);
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(`[role="tab"][data-tab="${tab.key}"]`)?.focus(),
    );
  }

  private toggleMenu(): void {
    this.dispatchEvent(new Event("hass-toggle-menu", { bubbles: true, composed: true }));
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has("_dark")) this.toggleAttribute("dark", this._dark);
  }

  protected override render() {
    return html`
      <header class="toolbar">
        ${this.narrow || this._menuButton
          ? html`<button class="icon-btn" aria-label="Open sidebar" @click=${this.toggleMenu}>
              ${icon(mdiMenu)}
            </button>`
          : html`<span class="logo">${icon(mdiEarth)}</span>`}
        <h1 class="title">PlexGeo</h1>
        ${this.renderEntryPicker()}
      </header>
      ${this._offline
        ? html`<div class="offline" role="alert">Connection to Home Assistant lost; reconnecting…</div>`
        : nothing}
      <nav class="tabs" role="tablist" aria-label="PlexGeo views" @keydown=${this.onTabKey}>
        ${TABS.map((t) => {
          const selected = this._tab === t.key;
          return html`<button
            role="tab"
            data-tab=${t.key}
            aria-selected=${selected ? "true" : "false"}
            tabindex=${selected ? "0" : "-1"}
            @click=${() => this.setTab(t.key)}
          >
            ${t.label}
            ${t.key === "alerts" && this._unacknowledged > 0
              ? html`<span class="badge" aria-label="${this._unacknowledged} unacknowledged">
                  ${this._unacknowledged}
                </span>`
              : nothing}
          </button>`;
        })}
      </nav>
      <main
        role="tabpanel"
        @pg-show-user=${this.onShowUser}
        @pg-close-user=${this.onCloseUser}
        @pg-alerts-changed=${this.onAlertsChanged}
      >
        ${this.renderContent()}
      </main>
    `;
  }

  private renderEntryPicker() {
    const entries = this._entries;
    if (!entries || entries.length < 2) {
      return entries?.length === 1 ? html`<span class="server">${entries[0]?.title}</span>` : nothing;
    }
    return html`<label class="server">
      <span class="visually-hidden">Plex server</span>
      <select @change=${(e: Event) => this.selectEntry((e.target as HTMLSelectElement).value)}>
        ${entries.map(
          (e) => html`<option value=${e.entry_id} ?selected=${e.entry_id === this._api?.entryId}>${e.title}</option>`,
        )}
      </select>
    </label>`;
  }

  private renderContent() {
    if (this._entriesError) {
      return html`<section class="card">${errorState(this._entriesError, () => void this.loadEntries())}</section>`;
    }
    if (!this._entries) return html`<section class="card">${loadingState()}</section>`;
    if (this._entries.length === 0 || !this._api) {
      return html`<section class="card">
        ${emptyState("No Plex server set up", "Add the PlexGeo integration in Settings → Devices & services.")}
      </section>`;
    }
    const liveError = this._liveError
      ? html`<section class="card live-error">${errorState(this._liveError, () => void this.subscribe())}</section>`
      : nothing;
    switch (this._tab) {
      case "map":
        return html`${liveError}<plexgeo-live-view
            ?narrow=${this.narrow}
            ?admin=${this._admin}
            .api=${this._api}
            .live=${this._live}
            ?liveReady=${this._liveReady}
          ></plexgeo-live-view>`;
      case "streams":
        return html`<plexgeo-streams-view
          ?narrow=${this.narrow}
          ?admin=${this._admin}
          .api=${this._api}
          .users=${this._users ?? []}
          .locale=${this._locale}
          .time=${this._time}
        ></plexgeo-streams-view>`;
      case "users":
        return this._userId
          ? html`<plexgeo-user-view
              ?narrow=${this.narrow}
              ?admin=${this._admin}
              ?dark=${this._dark}
              .api=${this._api}
              .userId=${this._userId}
              .locale=${this._locale}
              .time=${this._time}
            ></plexgeo-user-view>`
          : html`<plexgeo-import-status .api=${this._api}></plexgeo-import-status>
              <plexgeo-users-view
              ?narrow=${this.narrow}
              .users=${this._users}
              .error=${this._usersError}
              .reload=${() => void this.loadUsers()}
            ></plexgeo-users-view>`;
      case "alerts":
        return html`<plexgeo-alerts-view
          .api=${this._api}
          .locale=${this._locale}
          .time=${this._time}
          .version=${this._alertsVersion}
        ></plexgeo-alerts-view>`;
    }
  }

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        min-height: 100vh;
        background: var(--primary-background-color, #fafafa);
        color-scheme: light;
      }
      :host([dark]) {
        color-scheme: dark;
      }
      .toolbar {
        display: flex;
        align-items: center;
        gap: 8px;
        height: var(--header-height, 56px);
        padding: 0 12px;
        box-sizing: border-box;
        background: var(--app-header-background-color, var(--primary-color, #03a9f4));
        color: var(--app-header-text-color, var(--text-primary-color, #fff));
        border-bottom: var(--app-header-border-bottom, none);
        position: sticky;
        top: 0;
        z-index: 4;
      }
      .logo {
        display: inline-flex;
        width: 40px;
        justify-content: center;
      }
      .logo svg {
        width: 24px;
        height: 24px;
        fill: currentColor;
      }
      .title {
        margin: 0 0 0 4px;
        font-size: 20px;
        font-weight: 400;
        flex: 1;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .server {
        font-size: 0.9rem;
        opacity: 0.9;
        min-width: 0;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .server select {
        background: transparent;
        color: inherit;
        border-color: color-mix(in srgb, currentColor 40%, transparent);
        max-width: 220px;
      }
      .server option {
        color: var(--pg-text);
        background: var(--pg-card-bg);
      }
      .toolbar :focus-visible {
        outline-color: currentColor;
      }
      .offline {
        background: var(--pg-warning);
        color: #000;
        padding: 8px 16px;
        font-size: 0.9rem;
      }
      .tabs {
        display: flex;
        gap: 4px;
        padding: 0 12px;
        background: var(--app-header-background-color, var(--primary-color, #03a9f4));
        color: var(--app-header-text-color, var(--text-primary-color, #fff));
        overflow-x: auto;
        position: sticky;
        top: var(--header-height, 56px);
        z-index: 3;
        scrollbar-width: none;
      }
      .tabs button {
        border: none;
        background: none;
        color: inherit;
        opacity: 0.75;
        padding: 12px 16px;
        font-size: 0.875rem;
        font-weight: 500;
        text-transform: uppercase;
        letter-spacing: 0.04em;
        border-bottom: 2px solid transparent;
        cursor: pointer;
        display: inline-flex;
        align-items: center;
        gap: 6px;
        white-space: nowrap;
      }
      .tabs button[aria-selected="true"] {
        opacity: 1;
        border-bottom-color: currentColor;
      }
      .tabs button:focus-visible {
        outline: 2px solid currentColor;
        outline-offset: -4px;
      }
      .badge {
        background: var(--pg-error);
        color: #fff;
        border-radius: 10px;
        min-width: 20px;
        height: 20px;
        padding: 0 6px;
        box-sizing: border-box;
        display: inline-flex;
        align-items: center;
        justify-content: center;
        font-size: 12px;
        letter-spacing: 0;
      }
      main {
        padding: var(--pg-gap);
        max-width: 1500px;
        margin: 0 auto;
        box-sizing: border-box;
      }
      :host([narrow]) main {
        padding: 8px;
        --pg-gap: 8px;
      }
      :host([narrow]) .tabs {
        padding: 0;
      }
      :host([narrow]) .tabs button {
        padding: 12px 6px;
        flex: 1 1 auto;
        justify-content: center;
        font-size: 12px;
        letter-spacing: 0;
      }
      .live-error {
        margin-bottom: var(--pg-gap);
      }
      .visually-hidden {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip: rect(0 0 0 0);
      }
    `,
  ];
}

if (!customElements.get("plexgeo-panel")) {
  customElements.define("plexgeo-panel", PlexGeoPanel);
}

declare global {
  interface HTMLElementTagNameMap {
    "plexgeo-panel": PlexGeoPanel;
  }
}
