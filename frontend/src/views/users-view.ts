// Users: everyone who streamed, with the counts owners look for and where they were last
// seen; searched, filtered and sorted here (the list is every user).

import { countryTag } from "../components/country.js";
import { css, html, LitElement, nothing } from "lit";

import { emptyState, errorState, loadingState } from "../components/state.js";
import type { PlexGeoApiError } from "../lib/api.js";
import { formatPlace, formatRelative } from "../lib/format.js";
import {
  DEFAULT_USER_QUERY,
  queryUsers,
  USER_FILTERS,
  USER_SORTS,
  type UserFilter,
  type UserQuery,
  type UserSort,
  userCounts,
} from "../lib/users.js";
import { sharedStyles } from "../styles.js";
import type { UserSummary } from "../types.js";
import { showUser } from "./events.js";

export class PlexGeoUsersView extends LitElement {
  static override properties = {
    users: { attribute: false },
    error: { attribute: false },
    reload: { attribute: false },
    _query: { state: true },
  };

  users: UserSummary[] | undefined;
  error: PlexGeoApiError | undefined;
  reload: (() => void) | undefined;
  private _query: UserQuery = { ...DEFAULT_USER_QUERY };

  protected override render() {
    const shown = this.users ? queryUsers(this.users, this._query) : undefined;
    const count =
      this.users && shown
        ? shown.length === this.users.length
          ? `${this.users.length}`
          : `${shown.length} of ${this.users.length}`
        : undefined;
    return html`<section class="card">
      <h2>Users ${count ? html`<span class="count">${count}</span>` : nothing}</h2>
      ${this.users && this.users.length > 0 ? this.renderTools() : nothing}
      ${this.renderBody(shown)}
    </section>`;
  }

  private renderTools() {
    const query = this._query;
    const update = (patch: Partial<UserQuery>) => (this._query = { ...this._query, ...patch });
    return html`<div class="tools" role="search">
      <label class="field search">
        Search
        <input
          type="search"
          placeholder="Name or country code"
          .value=${query.search}
          @input=${(e: Event) => update({ search: (e.target as HTMLInputElement).value })}
        />
      </label>
      <label class="field">
        Show
        <select @change=${(e: Event) => update({ filter: (e.target as HTMLSelectElement).value as UserFilter })}>
          ${USER_FILTERS.map((f) => html`<option value=${f.key} ?selected=${f.key === query.filter}>${f.label}</option>`)}
        </select>
      </label>
      <label class="field">
        Sort
        <select @change=${(e: Event) => update({ sort: (e.target as HTMLSelectElement).value as UserSort })}>
          ${USER_SORTS.map((o) => html`<option value=${o.key} ?selected=${o.key === query.sort}>${o.label}</option>`)}
        </select>
      </label>
    </div>`;
  }

  private renderBody(shown: UserSummary[] | undefined) {
    if (this.error) return errorState(this.error, this.reload);
    if (!this.users || !shown) return loadingState();
    if (this.users.length === 0) {
      return emptyState("No streams yet", "Users appear here after their first stream.");
    }
    if (shown.length === 0) return emptyState("No user matches");
    const now = new Date();
    return html`<ul class="users">
      ${shown.map(
        (u) => html`<li>
          <button class="user" @click=${() => showUser(this, u.user_id)}>
            <span class="avatar" aria-hidden="true">${initials(u.user_name)}</span>
            <span class="main">
              <span class="name">
                ${u.user_name}
                ${u.unacknowledged_alerts > 0
                  ? html`<span class="chip alert">
                      ${u.unacknowledged_alerts} ${u.unacknowledged_alerts === 1 ? "alert" : "alerts"}
                    </span>`
                  : nothing}
              </span>
              <span class="muted small">
                ${userCounts(u)}
              </span>
              <span class="muted small">
                Last seen ${formatRelative(u.last_seen, now)}
                ${u.last_location
                  ? html`· ${countryTag(u.last_location.country_code)}
                      ${formatPlace(u.last_location.city, u.last_location.country_name, "known")}`
                  : nothing}
              </span>
            </span>
            <span class="flags" title=${u.countries.join(", ")}>
              ${u.countries.slice(0, 8).map((c) => html`${countryTag(c)}`)}
              ${u.countries.length > 8 ? html`<span class="muted">+${u.countries.length - 8}</span>` : nothing}
            </span>
          </button>
        </li>`,
      )}
    </ul>`;
  }

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      .tools {
        display: flex;
        flex-wrap: wrap;
        gap: 12px;
        align-items: flex-end;
        margin-bottom: 8px;
      }
      .tools .search {
        flex: 1 1 200px;
      }
      :host([narrow]) .tools label.field {
        flex: 1 1 140px;
      }
      ul.users {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      li + li {
        border-top: 1px solid var(--pg-divider);
      }
      button.user {
        display: flex;
        align-items: center;
        gap: 12px;
        width: 100%;
        padding: 10px 8px;
        border: none;
        background: none;
        cursor: pointer;
        text-align: left;
        border-radius: 8px;
      }
      button.user:hover {
        background: color-mix(in srgb, var(--pg-primary) 8%, transparent);
      }
      .avatar {
        flex: none;
        width: 40px;
        height: 40px;
        border-radius: 50%;
        display: flex;
        align-items: center;
        justify-content: center;
        background: color-mix(in srgb, var(--pg-primary) 20%, transparent);
        color: var(--pg-primary);
        font-weight: 500;
      }
      .main {
        display: flex;
        flex-direction: column;
        gap: 2px;
        min-width: 0;
        flex: 1;
      }
      .name {
        font-weight: 500;
        display: flex;
        gap: 8px;
        align-items: center;
        overflow-wrap: anywhere;
      }
      .small {
        font-size: 12px;
      }
      .flags {
        display: flex;
        gap: 4px;
        flex-wrap: wrap;
        justify-content: flex-end;
        font-size: 1.1rem;
      }
      :host([narrow]) .flags {
        display: none;
      }
    `,
  ];
}

/** Up to two initials for an avatar; user names can be anything, including emoji. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.slice(0, 2).map((w) => [...w][0] ?? "");
  return letters.join("").toUpperCase() || "?";
}

if (!customElements.get("plexgeo-users-view")) {
  customElements.define("plexgeo-users-view", PlexGeoUsersView);
}
