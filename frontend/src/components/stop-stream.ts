// A live stream's Stop button (admins): asks first, with the message the viewer will see.

import { css, html, LitElement, nothing, type PropertyValues } from "lit";

import type { PlexGeoApi } from "../lib/api.js";
import { DEFAULT_STOP_MESSAGE, MAX_STOP_MESSAGE, sameStream, stopErrorText } from "../lib/stop.js";
import { sharedStyles } from "../styles.js";
import type { StreamRow } from "../types.js";

type Step = "idle" | "confirm" | "busy" | "done";

export class PlexGeoStopStream extends LitElement {
  static override properties = {
    api: { attribute: false },
    stream: { attribute: false },
    _step: { state: true },
    _error: { state: true },
    _message: { state: true },
  };

  api: PlexGeoApi | undefined;
  stream: StreamRow | undefined;
  private _step: Step = "idle";
  private _error: string | undefined;
  private _message = DEFAULT_STOP_MESSAGE;

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has("stream") && !sameStream(changed.get("stream") as StreamRow | undefined, this.stream)) {
      this._step = "idle";
      this._error = undefined;
      this._message = DEFAULT_STOP_MESSAGE;
    }
  }

  private async stop(): Promise<void> {
    const { api, stream } = this;
    if (!api || !stream) return;
    this._step = "busy";
    this._error = undefined;
    try {
      await api.terminate(stream.stream_id, this._message.trim());
      this._step = "done";
    } catch (err) {
      this._error = stopErrorText(err);
      this._step = "confirm";
    }
  }

  protected override render() {
    const stream = this.stream;
    if (!stream) return nothing;
    if (this._step === "done") return html`<span class="muted small">Stop sent to Plex.</span>`;
    if (this._step === "idle") {
      return html`<button class="btn" @click=${() => (this._step = "confirm")}>Stop…</button>`;
    }
    const busy = this._step === "busy";
    return html`<div class="confirm" role="alertdialog" aria-label="Stop this stream">
      <span>Stop ${stream.user_name}'s stream of ${stream.title}? They will see this message:</span>
      <input
        type="text"
        aria-label="Message to the viewer"
        maxlength=${MAX_STOP_MESSAGE}
        .value=${this._message}
        @input=${(e: Event) => (this._message = (e.target as HTMLInputElement).value)}
      />
      <div class="buttons">
        <button class="btn primary" ?disabled=${busy} @click=${() => void this.stop()}>Stop stream</button>
        <button class="btn" ?disabled=${busy} @click=${() => ((this._step = "idle"), (this._error = undefined))}>
          Cancel
        </button>
      </div>
      ${this._error ? html`<div class="error" role="alert">${this._error}</div>` : nothing}
    </div>`;
  }

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        margin-top: 4px;
      }
      .confirm {
        display: flex;
        flex-direction: column;
        gap: 6px;
        padding: 8px;
        border-radius: 8px;
        background: var(--secondary-background-color);
      }
      input {
        font: inherit;
        padding: 6px 8px;
        border: 1px solid var(--pg-divider);
        border-radius: 6px;
        background: var(--card-background-color);
        color: var(--primary-text-color);
      }
      .buttons {
        display: flex;
        gap: 8px;
      }
      .error {
        color: var(--error-color, #db4437);
      }
    `,
  ];
}

if (!customElements.get("plexgeo-stop-stream")) {
  customElements.define("plexgeo-stop-stream", PlexGeoStopStream);
}
