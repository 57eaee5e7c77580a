// A Tautulli import's line above the users list: progress while it runs (read again every
// few seconds), then the last import's summary. Nothing when no import ever ran.

import { css, html, LitElement, nothing } from "lit";

import type { PlexGeoApi } from "../lib/api.js";
import { importStatus } from "../lib/tautulli.js";
import { sharedStyles } from "../styles.js";
import type { TautulliImport } from "../types.js";

/** How often a running import's progress is read again. */
const REFRESH_MS = 5_000;

export class PlexGeoImportStatus extends LitElement {
  static override properties = {
    api: { attribute: false },
    _state: { state: true },
  };

  api: PlexGeoApi | undefined;
  private _state: TautulliImport | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  protected override updated(changed: Map<string, unknown>): void {
    if (changed.has("api")) {
      this._state = undefined;
      void this.load();
    }
  }

  private async load(): Promise<void> {
    clearTimeout(this.timer);
    const api = this.api;
    if (!api) return;
    try {
      const state = await api.tautulliImport();
      if (api !== this.api) return;
      this._state = state;
      if (state.running) this.timer = setTimeout(() => void this.load(), REFRESH_MS);
    } catch {
      // A failed read shows nothing: the users list and its errors stay what matters here.
    }
  }

  protected override render() {
    const status = importStatus(this._state);
    if (!status) return nothing;
    return html`<div class="import ${status.running ? "running" : ""}" role="status">
      <strong>${status.headline}</strong> <span class="muted small">${status.detail}</span>
    </div>`;
  }

  static override styles = [
    sharedStyles,
    css`
      .import {
        padding: 8px 10px;
        margin-bottom: 8px;
        border-radius: 8px;
        background: var(--secondary-background-color);
        overflow-wrap: anywhere;
      }
      .import.running {
        border-left: 4px solid var(--primary-color);
      }
    `,
  ];
}

if (!customElements.get("plexgeo-import-status")) {
  customElements.define("plexgeo-import-status", PlexGeoImportStatus);
}
