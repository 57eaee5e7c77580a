// A world choropleth with dots, drawn as SVG from the bundled world-atlas 110m TopoJSON.
// Tooltips are Lit templates: every label passes through text bindings, never HTML.

import { geoEqualEarth, geoPath } from "d3-geo";
import type { Feature, FeatureCollection, Geometry } from "geojson";
import { css, html, LitElement, nothing, svg, type PropertyValues } from "lit";
import { feature, mesh } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import countries110m from "world-atlas/countries-110m.json";

import { intensity } from "../lib/format.js";
import { featureAlpha2 } from "../lib/iso.js";
import { sharedStyles } from "../styles.js";

export interface MapDot {
  key: string;
  latitude: number;
  longitude: number;
  live: boolean;
  title: string;
  lines: string[];
  weight?: number;
}

interface CountryShape {
  code: string | null;
  name: string;
  d: string;
  cx: number;
  cy: number;
}

const WIDTH = 960;
const HEIGHT = 468;

interface MapGeometry {
  shapes: CountryShape[];
  borders: string;
  sphere: string;
  project: (lon: number, lat: number) => [number, number] | null;
}

let geometry: MapGeometry | undefined;

// Projecting 177 countries costs a few milliseconds: do it once for every map instance.
function mapGeometry(): MapGeometry {
  if (geometry) return geometry;
  const topology = countries110m as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const collection = feature(topology, topology.objects.countries) as FeatureCollection<
    Geometry,
    { name: string }
  >;
  const projection = geoEqualEarth().fitExtent(
    [
      [2, 2],
      [WIDTH - 2, HEIGHT - 2],
    ],
    { type: "Sphere" },
  );
  const path = geoPath(projection);
  const shapes = collection.features
    .filter((f: Feature<Geometry, { name: string }>) => f.properties.name !== "Antarctica")
    .map((f: Feature<Geometry, { name: string }>) => {
      const [cx, cy] = path.centroid(f);
      return {
        code: featureAlpha2(f.id, f.properties.name),
        name: f.properties.name,
        d: path(f) ?? "",
        cx,
        cy,
      };
    });
  const borders = path(mesh(topology, topology.objects.countries, (a, b) => a !== b)) ?? "";
  const sphere = path({ type: "Sphere" }) ?? "";
  geometry = {
    shapes,
    borders,
    sphere,
    project: (lon, lat) => projection([lon, lat]),
  };
  return geometry;
}

interface Hover {
  x: number;
  y: number;
  title: string;
  lines: string[];
}

export class PlexGeoWorldMap extends LitElement {
  static override properties = {
    counts: { attribute: false },
    dots: { attribute: false },
    highlight: { attribute: false },
    label: {},
    _hover: { state: true },
  };

  /** Streams per alpha-2 country code. */
  counts: Map<string, number> = new Map();
  dots: MapDot[] = [];
  /** Countries outlined in the accent colour (for example a user's trusted countries). */
  highlight: string[] = [];
  label = "World map";
  private _hover: Hover | null = null;

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has("counts") || changed.has("dots")) this._hover = null;
  }

  private showCountry(shape: CountryShape, count: number): void {
    this._hover = {
      x: shape.cx,
      y: shape.cy,
      title: shape.code ? `${shape.name} (${shape.code})` : shape.name,
      lines: [count === 1 ? "1 stream" : `${count} streams`],
    };
  }

  private showDot(dot: MapDot, x: number, y: number): void {
    this._hover = { x, y, title: dot.title, lines: dot.lines };
  }

  private hide = (): void => {
    this._hover = null;
  };

  protected override render() {
    const geo = mapGeometry();
    const max = Math.max(0, ...this.counts.values());
    const highlight = new Set(this.highlight);
    const projected = this.dots
      .map((dot) => ({ dot, xy: geo.project(dot.longitude, dot.latitude) }))
      .filter((item): item is { dot: MapDot; xy: [number, number] } => item.xy !== null);
    // Live dots last so they draw above history dots.
    projected.sort((a, b) => Number(a.dot.live) - Number(b.dot.live));
    const maxWeight = Math.max(1, ...this.dots.map((d) => d.weight ?? 1));
    return html`
      <div class="wrap" @mouseleave=${this.hide}>
        <svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label=${this.label}>
          <path class="sphere" d=${geo.sphere}></path>
          ${geo.shapes.map((shape) => {
            const count = shape.code ? (this.counts.get(shape.code) ?? 0) : 0;
            const level = intensity(count, max);
            const fill =
              count > 0
                ? `color-mix(in srgb, var(--pg-map-high) ${Math.round(25 + 75 * level)}%, var(--pg-map-land))`
                : "var(--pg-map-land)";
            return svg`<path
              class="country ${shape.code && highlight.has(shape.code) ? "highlight" : ""}"
              d=${shape.d}
              style="fill: ${fill}"
              @mouseenter=${() => (count > 0 ? this.showCountry(shape, count) : this.hide())}
            ></path>`;
          })}
          <path class="borders" d=${geo.borders}></path>
          ${projected.map(({ dot, xy: [x, y] }) => {
            const r = 3 + 4 * Math.sqrt((dot.weight ?? 1) / maxWeight);
            return svg`<g
              class="dot ${dot.live ? "live" : ""}"
              tabindex="0"
              role="button"
              aria-label=${`${dot.title}: ${dot.lines.join(", ")}`}
              @mouseenter=${() => this.showDot(dot, x, y)}
              @focus=${() => this.showDot(dot, x, y)}
              @blur=${this.hide}
            >
              ${dot.live ? svg`<circle class="pulse" cx=${x} cy=${y} r=${r}></circle>` : nothing}
              <circle class="core" cx=${x} cy=${y} r=${r}></circle>
            </g>`;
          })}
        </svg>
        ${this._hover ? this.renderTooltip(this._hover) : nothing}
      </div>
    `;
  }

  private renderTooltip(hover: Hover) {
    const left = (hover.x / WIDTH) * 100;
    const top = (hover.y / HEIGHT) * 100;
    // Flip sides near the right and bottom edges so the tooltip stays inside the map.
    const tx = left > 60 ? "calc(-100% - 12px)" : "12px";
    const ty = top > 55 ? "calc(-100% - 8px)" : "8px";
    return html`<div
      class="tooltip"
      role="tooltip"
      style="left: ${left}%; top: ${top}%; transform: translate(${tx}, ${ty})"
    >
      <strong>${hover.title}</strong>
      ${hover.lines.map((line) => html`<div>${line}</div>`)}
    </div>`;
  }

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        --pg-map-land: var(--pg-map-land-color, color-mix(in srgb, var(--pg-muted) 22%, var(--pg-card-bg)));
        --pg-map-high: var(--pg-map-high-color, var(--pg-primary));
      }
      .wrap {
        position: relative;
      }
      svg {
        display: block;
        width: 100%;
        height: auto;
      }
      .sphere {
        fill: color-mix(in srgb, var(--pg-primary) 5%, var(--pg-card-bg));
        stroke: var(--pg-divider);
      }
      .country {
        stroke: none;
        transition: fill 0.3s;
      }
      .country:hover {
        filter: brightness(1.1);
      }
      .country.highlight {
        stroke: var(--pg-success);
        stroke-width: 1.5;
      }
      .borders {
        fill: none;
        stroke: var(--pg-card-bg);
        stroke-width: 0.6;
        pointer-events: none;
      }
      .dot {
        cursor: pointer;
        outline: none;
      }
      .dot .core {
        fill: var(--accent-color, #ff9800);
        stroke: var(--pg-card-bg);
        stroke-width: 1.2;
        fill-opacity: 0.85;
      }
      .dot.live .core {
        fill: var(--pg-live);
        fill-opacity: 1;
        filter: drop-shadow(0 0 4px var(--pg-live)) drop-shadow(0 0 8px var(--pg-live));
      }
      .dot:focus-visible .core {
        stroke: var(--pg-text);
        stroke-width: 2.5;
      }
      .pulse {
        fill: var(--pg-live);
        transform-box: fill-box;
        transform-origin: center;
        animation: pulse 2s ease-out infinite;
        pointer-events: none;
      }
      @keyframes pulse {
        from {
          transform: scale(1);
          opacity: 0.6;
        }
        to {
          transform: scale(4);
          opacity: 0;
        }
      }
      @media (prefers-reduced-motion: reduce) {
        .pulse {
          animation: none;
          opacity: 0.25;
          transform: scale(2);
        }
      }
      .tooltip {
        position: absolute;
        pointer-events: none;
        z-index: 2;
        background: var(--pg-card-bg);
        color: var(--pg-text);
        border: 1px solid var(--pg-divider);
        border-radius: 8px;
        padding: 8px 10px;
        font-size: 0.8rem;
        line-height: 1.4;
        box-shadow: 0 4px 12px rgba(0, 0, 0, 0.25);
        max-width: 260px;
        overflow-wrap: anywhere;
      }
    `,
  ];
}

if (!customElements.get("plexgeo-world-map")) {
  customElements.define("plexgeo-world-map", PlexGeoWorldMap);
}

declare global {
  interface HTMLElementTagNameMap {
    "plexgeo-world-map": PlexGeoWorldMap;
  }
}
