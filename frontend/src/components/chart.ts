// Two small SVG charts, a doughnut and a bar chart, drawn by Lit like the world map.
// Every label passes through text bindings, so untrusted names never become markup.
// Axis and legend text is HTML beside the SVG, so it keeps its size on a phone.

import { css, html, LitElement, nothing, svg } from "lit";

import { doughnutSlices, formatShare, labelIndexes, niceScale } from "../lib/chart.js";
import { sharedStyles } from "../styles.js";

// Fixed palette that reads on light and dark cards; the first colour is the theme's primary.
const PALETTE = [
  "var(--pg-primary)",
  "#ff9800",
  "#4caf50",
  "#9c27b0",
  "#e91e63",
  "#00bcd4",
  "#8bc34a",
  "#795548",
];
const OTHER = "var(--pg-muted)";

function colorOf(index: number): string {
  return index < 0 ? OTHER : (PALETTE[index % PALETTE.length] ?? OTHER);
}

const chartBase = css`
  :host {
    display: block;
  }
  .readout {
    font-size: 12px;
    color: var(--pg-muted);
    min-height: 1.4em;
    margin-bottom: 8px;
    overflow-wrap: anywhere;
  }
`;

export class PlexGeoDoughnut extends LitElement {
  static override properties = {
    labels: { attribute: false },
    values: { attribute: false },
    label: {},
    totalLabel: { attribute: "total-label" },
    _active: { state: true },
  };

  labels: string[] = [];
  values: number[] = [];
  label = "";
  /** What the number in the ring counts when no slice is pointed at. */
  totalLabel = "total";
  private _active: number | null = null;

  protected override render() {
    const slices = doughnutSlices(this.labels, this.values);
    const total = slices.reduce((sum, s) => sum + s.value, 0);
    const active = this._active === null ? undefined : slices[this._active];
    return html`<div class="doughnut">
      <div class="ring">
        <svg viewBox="0 0 200 200" role="img" aria-label=${this.label}>
          ${slices.map(
            (s, i) => svg`<path
              class="slice ${this._active === i ? "active" : ""}"
              d=${s.d}
              fill-rule="evenodd"
              style="fill: ${colorOf(s.color)}"
              @mouseenter=${() => (this._active = i)}
              @mouseleave=${() => (this._active = null)}
            ><title>${s.label}: ${s.value}</title></path>`,
          )}
        </svg>
        <div class="centre" aria-hidden="true">
          <strong>${active ? active.value : total}</strong>
          <span>${active ? active.label : this.totalLabel}</span>
        </div>
      </div>
      <ul class="legend">
        ${slices.map(
          (s, i) => html`<li
            tabindex="0"
            class=${this._active === i ? "active" : ""}
            @mouseenter=${() => (this._active = i)}
            @mouseleave=${() => (this._active = null)}
            @focus=${() => (this._active = i)}
            @blur=${() => (this._active = null)}
          >
            <span class="swatch" style="background: ${colorOf(s.color)}"></span>
            <span class="name">${s.label}</span>
            <span class="num">${s.value} · ${formatShare(s.share)}</span>
          </li>`,
        )}
      </ul>
    </div>`;
  }

  static override styles = [
    sharedStyles,
    chartBase,
    css`
      .doughnut {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 16px;
      }
      .ring {
        position: relative;
        width: min(200px, 100%);
        flex: none;
      }
      svg {
        display: block;
        width: 100%;
        height: auto;
      }
      .slice {
        stroke: var(--pg-card-bg);
        stroke-width: 2;
        transition: opacity 0.2s;
      }
      svg:hover .slice:not(.active) {
        opacity: 0.6;
      }
      .centre {
        position: absolute;
        inset: 0;
        display: flex;
        flex-direction: column;
        align-items: center;
        justify-content: center;
        text-align: center;
        pointer-events: none;
        padding: 0 30%;
      }
      .centre strong {
        font-size: 1.5rem;
      }
      .centre span {
        font-size: 12px;
        color: var(--pg-muted);
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
        max-width: 100%;
      }
      .legend {
        list-style: none;
        margin: 0;
        padding: 0;
        flex: 1 1 160px;
        min-width: 0;
      }
      .legend li {
        display: flex;
        align-items: center;
        gap: 8px;
        padding: 4px 6px;
        border-radius: 6px;
        font-size: 0.875rem;
        outline: none;
      }
      .legend li.active,
      .legend li:focus-visible {
        background: color-mix(in srgb, var(--pg-primary) 12%, transparent);
      }
      .swatch {
        width: 12px;
        height: 12px;
        border-radius: 3px;
        flex: none;
      }
      .name {
        flex: 1;
        min-width: 0;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .num {
        color: var(--pg-muted);
        font-variant-numeric: tabular-nums;
        white-space: nowrap;
      }
    `,
  ];
}

export class PlexGeoBars extends LitElement {
  static override properties = {
    labels: { attribute: false },
    values: { attribute: false },
    label: {},
    unit: {},
    _active: { state: true },
  };

  labels: string[] = [];
  values: number[] = [];
  label = "";
  /** What one unit of a bar is, singular and plural: "stream". */
  unit = "stream";
  private _active: number | null = null;

  private describe(i: number): string {
    const value = this.values[i] ?? 0;
    return `${this.labels[i] ?? ""}: ${value} ${value === 1 ? this.unit : `${this.unit}s`}`;
  }

  protected override render() {
    const n = this.values.length;
    const scale = niceScale(Math.max(0, ...this.values));
    const shown = labelIndexes(n);
    const total = this.values.reduce((sum, v) => sum + v, 0);
    return html`
      <div class="readout" aria-live="polite">
        ${this._active === null
          ? `${total} ${total === 1 ? this.unit : `${this.unit}s`} in all`
          : this.describe(this._active)}
      </div>
      <div class="plot">
        <div class="yaxis" aria-hidden="true">
          ${scale.ticks.map(
            (t) => html`<span style="bottom: ${(t / scale.max) * 100}%">${t}</span>`,
          )}
        </div>
        <svg
          viewBox="0 0 ${Math.max(1, n)} 100"
          preserveAspectRatio="none"
          role="img"
          aria-label=${this.label}
          @mouseleave=${() => (this._active = null)}
        >
          ${scale.ticks.map((t) => {
            const y = 100 - (t / scale.max) * 100;
            return svg`<line class="grid" x1="0" x2=${n} y1=${y} y2=${y}></line>`;
          })}
          ${this.values.map((v, i) => {
            const h = (Math.max(0, v) / scale.max) * 100;
            return svg`<g @mouseenter=${() => (this._active = i)}>
              <rect class="hit" x=${i} y="0" width="1" height="100"></rect>
              <rect class="bar ${this._active === i ? "active" : ""}" x=${i + 0.15} y=${100 - h} width="0.7" height=${h}></rect>
              <title>${this.describe(i)}</title>
            </g>`;
          })}
        </svg>
        <div class="xaxis" aria-hidden="true">
          ${this.labels.map((l, i) =>
            shown.has(i)
              ? html`<span style="left: ${((i + 0.5) / Math.max(1, n)) * 100}%">${l}</span>`
              : nothing,
          )}
        </div>
      </div>
    `;
  }

  static override styles = [
    sharedStyles,
    chartBase,
    css`
      .plot {
        position: relative;
        height: var(--pg-chart-height, 200px);
        padding: 0 0 24px 36px;
        box-sizing: border-box;
      }
      svg {
        display: block;
        width: 100%;
        height: 100%;
        overflow: visible;
      }
      .grid {
        stroke: var(--pg-divider);
        stroke-width: 1;
        vector-effect: non-scaling-stroke;
      }
      .hit {
        fill: transparent;
      }
      .bar {
        fill: var(--pg-primary);
      }
      .bar.active {
        filter: brightness(1.2);
      }
      .yaxis {
        position: absolute;
        left: 0;
        top: 0;
        bottom: 24px;
        width: 30px;
      }
      .yaxis span,
      .xaxis span {
        position: absolute;
        font-size: 12px;
        color: var(--pg-muted);
        font-variant-numeric: tabular-nums;
        white-space: nowrap;
      }
      .yaxis span {
        right: 0;
        transform: translateY(50%);
      }
      .xaxis {
        position: absolute;
        left: 36px;
        right: 0;
        bottom: 0;
        height: 20px;
      }
      .xaxis span {
        top: 4px;
        transform: translateX(-50%);
      }
    `,
  ];
}

if (!customElements.get("plexgeo-doughnut")) {
  customElements.define("plexgeo-doughnut", PlexGeoDoughnut);
}
if (!customElements.get("plexgeo-bars")) {
  customElements.define("plexgeo-bars", PlexGeoBars);
}

declare global {
  interface HTMLElementTagNameMap {
    "plexgeo-doughnut": PlexGeoDoughnut;
    "plexgeo-bars": PlexGeoBars;
  }
}
