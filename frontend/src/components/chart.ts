// A Chart.js canvas (doughnut or bar). Chart.js draws labels and tooltips on the canvas,
// so untrusted names never become markup.

import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Legend,
  LinearScale,
  Tooltip,
} from "chart.js";
import { css, html, LitElement } from "lit";

Chart.register(
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  DoughnutController,
  Legend,
  LinearScale,
  Tooltip,
);

// Fixed palette that reads on light and dark cards; the first colour is the theme's primary.
const PALETTE = ["#ff9800", "#4caf50", "#9c27b0", "#e91e63", "#00bcd4", "#8bc34a", "#795548", "#607d8b"];

export class PlexGeoChart extends LitElement {
  static override properties = {
    type: {},
    labels: { attribute: false },
    values: { attribute: false },
    label: {},
    dark: { type: Boolean },
  };

  type: "doughnut" | "bar" = "bar";
  labels: string[] = [];
  values: number[] = [];
  label = "";
  dark = false;
  private chart: Chart | undefined;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.chart?.destroy();
    this.chart = undefined;
  }

  protected override updated(): void {
    const canvas = this.renderRoot.querySelector("canvas");
    if (!canvas) return;
    const style = getComputedStyle(this);
    const text = style.getPropertyValue("--primary-text-color").trim() || "#212121";
    const muted = style.getPropertyValue("--secondary-text-color").trim() || "#727272";
    const grid = style.getPropertyValue("--divider-color").trim() || "rgba(0,0,0,0.12)";
    const primary = style.getPropertyValue("--primary-color").trim() || "#03a9f4";
    const card = style.getPropertyValue("--card-background-color").trim() || "#fff";
    const colors = this.type === "doughnut" ? [primary, ...PALETTE] : [primary];
    // Rebuilding is simpler than patching options, and these charts hold a few dozen points.
    this.chart?.destroy();
    this.chart = new Chart(canvas, {
      type: this.type,
      data: {
        labels: this.labels,
        datasets: [
          {
            label: this.label,
            data: this.values,
            backgroundColor: this.labels.map((_, i) => colors[i % colors.length] ?? primary),
            borderColor: this.type === "doughnut" ? card : primary,
            borderWidth: this.type === "doughnut" ? 2 : 0,
            borderRadius: this.type === "bar" ? 3 : 0,
          },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        color: text,
        plugins: {
          legend: {
            display: this.type === "doughnut",
            position: "right",
            labels: { color: text, boxWidth: 12, boxHeight: 12 },
          },
          tooltip: { enabled: true },
        },
        scales:
          this.type === "bar"
            ? {
                x: { ticks: { color: muted, maxRotation: 0, autoSkipPadding: 12 }, grid: { display: false } },
                y: { beginAtZero: true, ticks: { color: muted, precision: 0 }, grid: { color: grid } },
              }
            : {},
      },
    });
  }

  protected override render() {
    return html`<div class="box"><canvas role="img" aria-label=${this.label}></canvas></div>`;
  }

  static override styles = css`
    :host {
      display: block;
    }
    .box {
      position: relative;
      height: var(--pg-chart-height, 220px);
    }
  `;
}

if (!customElements.get("plexgeo-chart")) {
  customElements.define("plexgeo-chart", PlexGeoChart);
}

declare global {
  interface HTMLElementTagNameMap {
    "plexgeo-chart": PlexGeoChart;
  }
}
