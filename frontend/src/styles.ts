// Shared styles. Every colour comes from Home Assistant's theme variables (with fallbacks
// for the dev harness) so the panel follows light and dark themes.

import { css } from "lit";

export const sharedStyles = css`
  :host {
    --pg-gap: 16px;
    --pg-radius: var(--ha-card-border-radius, 12px);
    --pg-card-bg: var(--card-background-color, #fff);
    --pg-text: var(--primary-text-color, #212121);
    --pg-muted: var(--secondary-text-color, #727272);
    --pg-divider: var(--divider-color, rgba(0, 0, 0, 0.12));
    --pg-primary: var(--primary-color, #03a9f4);
    --pg-error: var(--error-color, #db4437);
    --pg-warning: var(--warning-color, #ffa600);
    --pg-success: var(--success-color, #43a047);
    --pg-live: var(--pg-live-color, #ff5252);
    color: var(--pg-text);
    font-family: var(--paper-font-body1_-_font-family, Roboto, "Noto Sans", sans-serif);
  }
  .card {
    background: var(--pg-card-bg);
    border-radius: var(--pg-radius);
    border: var(--ha-card-border-width, 1px) solid var(--ha-card-border-color, var(--pg-divider));
    box-shadow: var(--ha-card-box-shadow, none);
    padding: 16px;
    box-sizing: border-box;
    min-width: 0;
  }
  .card h2 {
    margin: 0 0 12px;
    font-size: 1.1rem;
    font-weight: 500;
    display: flex;
    align-items: center;
    gap: 8px;
  }
  .card h2 .count {
    color: var(--pg-muted);
    font-weight: 400;
    font-size: 0.95rem;
  }
  button {
    font: inherit;
    color: inherit;
  }
  button:focus-visible,
  select:focus-visible,
  input:focus-visible,
  [tabindex]:focus-visible,
  a:focus-visible {
    outline: 2px solid var(--pg-primary);
    outline-offset: 2px;
  }
  .btn {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    border: 1px solid var(--pg-divider);
    background: transparent;
    color: var(--pg-primary);
    border-radius: 18px;
    padding: 6px 14px;
    min-height: 36px;
    cursor: pointer;
    font-weight: 500;
    font-size: 0.875rem;
    white-space: nowrap;
  }
  .btn:hover:not([disabled]) {
    background: color-mix(in srgb, var(--pg-primary) 10%, transparent);
  }
  .btn.primary {
    background: var(--pg-primary);
    border-color: var(--pg-primary);
    color: var(--text-primary-color, #fff);
  }
  .btn.primary:hover:not([disabled]) {
    background: color-mix(in srgb, var(--pg-primary) 85%, black);
  }
  .btn[disabled] {
    opacity: 0.5;
    cursor: default;
  }
  .btn svg,
  .icon-btn svg {
    width: 18px;
    height: 18px;
    fill: currentColor;
    flex: none;
  }
  .icon-btn {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    width: 40px;
    height: 40px;
    border-radius: 50%;
    border: none;
    background: transparent;
    cursor: pointer;
    color: inherit;
  }
  .icon-btn svg {
    width: 24px;
    height: 24px;
  }
  .icon-btn:hover {
    background: color-mix(in srgb, currentColor 10%, transparent);
  }
  .link {
    border: none;
    background: none;
    padding: 0;
    color: var(--pg-primary);
    cursor: pointer;
    font-weight: 500;
    text-align: left;
  }
  .link:hover {
    text-decoration: underline;
  }
  .muted {
    color: var(--pg-muted);
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    padding: 2px 8px;
    border-radius: 10px;
    font-size: 12px;
    font-weight: 500;
    background: color-mix(in srgb, var(--pg-muted) 15%, transparent);
    color: var(--pg-text);
    white-space: nowrap;
  }
  .chip.lan {
    background: color-mix(in srgb, var(--pg-success) 18%, transparent);
  }
  .chip.wan {
    background: color-mix(in srgb, var(--pg-primary) 18%, transparent);
  }
  .chip.live {
    background: color-mix(in srgb, var(--pg-live) 20%, transparent);
  }
  .chip.alert {
    background: color-mix(in srgb, var(--pg-error) 18%, transparent);
  }
  .segmented {
    display: inline-flex;
    border: 1px solid var(--pg-divider);
    border-radius: 18px;
    overflow: hidden;
  }
  .segmented button {
    border: none;
    background: transparent;
    padding: 6px 14px;
    min-height: 34px;
    cursor: pointer;
    color: var(--pg-text);
    font-size: 0.875rem;
  }
  .segmented button + button {
    border-left: 1px solid var(--pg-divider);
  }
  .segmented button[aria-pressed="true"] {
    background: color-mix(in srgb, var(--pg-primary) 18%, transparent);
    color: var(--pg-primary);
    font-weight: 500;
  }
  select,
  input {
    font: inherit;
    font-size: 0.9rem;
    color: var(--pg-text);
    background: var(--input-fill-color, var(--secondary-background-color, transparent));
    border: 1px solid var(--pg-divider);
    border-radius: 8px;
    padding: 6px 8px;
    min-height: 36px;
    box-sizing: border-box;
    color-scheme: inherit;
  }
  label.field {
    display: flex;
    flex-direction: column;
    gap: 4px;
    font-size: 12px;
    color: var(--pg-muted);
  }
  .empty,
  .error,
  .loading {
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 8px;
    padding: 32px 16px;
    text-align: center;
    color: var(--pg-muted);
  }
  .error {
    color: var(--pg-error);
  }
  .error > svg {
    width: 40px;
    height: 40px;
    fill: currentColor;
  }
  .error .detail {
    color: var(--pg-muted);
    font-size: 12px;
  }
  .spinner {
    width: 28px;
    height: 28px;
    border-radius: 50%;
    border: 3px solid color-mix(in srgb, var(--pg-primary) 25%, transparent);
    border-top-color: var(--pg-primary);
    animation: spin 0.9s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation-duration: 3s;
    }
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-size: 0.875rem;
  }
  th {
    text-align: left;
    font-weight: 500;
    color: var(--pg-muted);
    border-bottom: 1px solid var(--pg-divider);
    padding: 8px;
    white-space: nowrap;
  }
  td {
    padding: 8px;
    border-bottom: 1px solid var(--pg-divider);
    vertical-align: top;
  }
  tr:last-child td {
    border-bottom: none;
  }
  .mono {
    font-family: var(--code-font-family, ui-monospace, "SFMono-Regular", Menlo, monospace);
    font-size: 12px;
  }
  .cc {
    display: inline-block;
    min-width: 2.2em;
    box-sizing: border-box;
    text-align: center;
    padding: 0 4px;
    margin-right: 2px;
    border-radius: 4px;
    font-size: 12px;
    font-weight: 600;
    line-height: 1.5;
    letter-spacing: 0.03em;
    color: var(--pg-muted);
    border: 1px solid var(--pg-divider);
    vertical-align: 0.1em;
  }
`;
