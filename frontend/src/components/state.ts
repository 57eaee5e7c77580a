// Loading, empty and error placeholders shared by every view.

import { html, type TemplateResult } from "lit";

import type { PlexGeoApiError } from "../lib/api.js";
import { icon, mdiAlertCircleOutline, mdiRefresh } from "./icon.js";

export function loadingState(text = "Loading…"): TemplateResult {
  return html`<div class="loading" role="status"><div class="spinner"></div>${text}</div>`;
}

export function emptyState(title: string, detail?: string): TemplateResult {
  return html`<div class="empty">
    <strong>${title}</strong>${detail ? html`<span>${detail}</span>` : ""}
  </div>`;
}

/** An error from the websocket, shown with its code and a retry button. */
export function errorState(error: PlexGeoApiError, retry?: () => void): TemplateResult {
  return html`<div class="error" role="alert">
    ${icon(mdiAlertCircleOutline)}
    <strong>${describeError(error)}</strong>
    <span class="detail">${error.message} (${error.code})</span>
    ${retry
      ? html`<button class="btn" @click=${retry}>${icon(mdiRefresh)} Retry</button>`
      : ""}
  </div>`;
}

/** A headline for an error: what the user should understand, not the raw code. */
export function describeError(error: PlexGeoApiError): string {
  switch (error.code) {
    case "connection_lost":
      return "Home Assistant is unreachable";
    case "not_found":
      return "Not found";
    case "unauthorized":
      return "Not allowed";
    case "plex_unreachable":
    case "cannot_connect":
      return "The Plex server is unreachable";
    case "store_unavailable":
    case "store_error":
      return "The PlexGeo history database is not available";
    case "invalid_format":
      return "The request was refused";
    default:
      return "Something went wrong";
  }
}
