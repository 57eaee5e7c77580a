// A world choropleth with dots, drawn as SVG from the bundled world-atlas 110m TopoJSON.
// Tooltips are Lit templates: every label passes through text bindings, never HTML.

import { geoEqualEarth, geoPath } from "d3-geo";
import type { Feature, FeatureCollection, Geometry } from "geojson";
import { html, LitElement, nothing, svg, type PropertyValues } from "lit";
import { feature, mesh } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import countries110m from "world-atlas/countries-110m.json";

import { intensity } from "../lib/format.js";
import { featureAlpha2 } from "../lib/iso.js";
import {
  clampView,
  type Cluster,
  clusterPoints,
  dotAction,
  fitView,
  keyView,
  MAX_ZOOM,
  panBy,
  type View,
  zoomAt,
} from "../lib/map-view.js";
import { sharedStyles } from "../styles.js";
import { worldMapStyles } from "./world-map-styles.js";
import { showUser } from "../views/events.js";

export interface MapDot {
  key: string;
  latitude: number;
  longitude: number;
  live: boolean;
  title: string;
  lines: string[];
  weight?: number;
  /** The user a click on the dot opens. */
  user_id?: string;
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
  /** Stays until closed (a click, not a hover). */
  pinned: boolean;
  /** A pinned tooltip's "Open user" button. */
  userId?: string;
}

interface Placed {
  dot: MapDot;
  x: number;
  y: number;
}

// Sizes in CSS pixels, turned into map units at the current zoom and width.
const DOT_MIN_PX = 4;
const DOT_MAX_PX = 8;
const HIT_PX = 12; // a 24 px tap target
const CLUSTER_PX = 14;
const MAX_TOOLTIP_LINES = 6;

export class PlexGeoWorldMap extends LitElement {
  static override properties = {
    counts: { attribute: false },
    dots: { attribute: false },
    highlight: { attribute: false },
    label: {},
    fit: { type: Boolean },
    _hover: { state: true },
    _view: { state: true },
    _width: { state: true },
  };

  /** Streams per alpha-2 country code. */
  counts: Map<string, number> = new Map();
  dots: MapDot[] = [];
  /** Countries outlined in the accent colour (for example a user's trusted countries). */
  highlight: string[] = [];
  label = "World map";
  /** Zoom to the dots when they change (a user's places), not the whole world. */
  fit = false;
  /** The dots the view was last fitted to. */
  private fitted = "";
  private _hover: Hover | null = null;
  private _view: View = { x: 0, y: 0, k: 1 };
  /** The map's width on screen, in CSS pixels. */
  private _width = WIDTH;
  private resize = new ResizeObserver((entries) => {
    const width = entries[0]?.contentRect.width;
    if (width) this._width = width;
  });
  private pointers = new Map<number, { x: number; y: number }>();
  private dragged = false;
  /** The last pointer was a finger: taps pin tooltips before they open a user. */
  private touch = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.updateComplete.then(() => {
      const svg = this.renderRoot.querySelector("svg");
      if (svg && this.isConnected) this.resize.observe(svg);
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resize.disconnect();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has("counts") || changed.has("dots")) {
      if (!this._hover?.pinned) this._hover = null;
    }
    if (this.fit && changed.has("dots")) this.fitToDots();
  }

  /** Show every dot (once per set of places: a re-render keeps the user's own zoom). */
  private fitToDots(): void {
    const key = this.dots.map((d) => `${d.latitude},${d.longitude}`).join(";");
    if (key === this.fitted) return;
    this.fitted = key;
    const geo = mapGeometry();
    const points = this.dots
      .map((d) => geo.project(d.longitude, d.latitude))
      .filter((xy): xy is [number, number] => xy !== null)
      .map(([x, y]) => ({ x, y }));
    this._view = fitView(points, WIDTH, HEIGHT);
  }

  /** Map units per CSS pixel at the current zoom. */
  private get unit(): number {
    return WIDTH / this._view.k / Math.max(1, this._width);
  }

  private setView(view: View): void {
    this._view = clampView(view, WIDTH, HEIGHT);
    if (!this._hover?.pinned) this._hover = null;
  }

  private showCountry(shape: CountryShape, count: number): void {
    if (this._hover?.pinned) return;
    this._hover = {
      x: shape.cx,
      y: shape.cy,
      title: shape.code ? `${shape.name} (${shape.code})` : shape.name,
      lines: [count === 1 ? "1 stream" : `${count} streams`],
      pinned: false,
    };
  }

  private showCluster(cluster: Cluster<Placed>, pinned = false, userId?: string): void {
    if (this._hover?.pinned && !pinned) return;
    const [first] = cluster.members;
    if (!first) return;
    if (cluster.members.length === 1) {
      this._hover = { x: cluster.x, y: cluster.y, title: first.dot.title, lines: first.dot.lines, pinned, userId };
      return;
    }
    const titles = cluster.members.map((m) => m.dot.title);
    const shown = titles.slice(0, MAX_TOOLTIP_LINES);
    if (titles.length > shown.length) shown.push(`and ${titles.length - shown.length} more`);
    this._hover = {
      x: cluster.x,
      y: cluster.y,
      title: `${cluster.weight} ${cluster.weight === 1 ? "stream" : "streams"} here`,
      lines: shown,
      pinned,
      userId,
    };
  }

  private hide = (): void => {
    this._hover = null;
  };

  private leave = (): void => {
    if (!this._hover?.pinned) this._hover = null;
  };

  /** A click on a dot: open its user; on a group, zoom in; else pin its tooltip. */
  private activate(cluster: Cluster<Placed>): void {
    if (this.dragged) return;
    const users = new Set(cluster.members.map((m) => m.dot.user_id));
    const hover = this._hover;
    const pinnedHere = Boolean(hover?.pinned && hover.x === cluster.x && hover.y === cluster.y);
    const action = dotAction(users, cluster.members.length, this._view.k, this.touch, pinnedHere);
    const [only] = users;
    if (action === "open-user" && only) showUser(this, only);
    else if (action === "zoom") this.setView(zoomAt(this._view, 3, cluster.x, cluster.y, WIDTH, HEIGHT));
    else {
      this._hover = null;
      this.showCluster(cluster, true, users.size === 1 ? only : undefined);
    }
  }

  private zoomBy(factor: number): void {
    const v = this._view;
    this.setView(zoomAt(v, factor, v.x + WIDTH / v.k / 2, v.y + HEIGHT / v.k / 2, WIDTH, HEIGHT));
  }

  private onKey = (event: KeyboardEvent): void => {
    if (event.key === "Escape") {
      this.hide();
      return;
    }
    const next = keyView(event.key, this._view, WIDTH, HEIGHT);
    if (next) {
      event.preventDefault();
      this.setView(next);
    }
  };

  /** A screen position as map coordinates. */
  private toMap(clientX: number, clientY: number): [number, number] {
    const rect = this.renderRoot.querySelector("svg")?.getBoundingClientRect();
    const v = this._view;
    if (!rect || rect.width === 0 || rect.height === 0) return [v.x, v.y];
    return [
      v.x + ((clientX - rect.left) / rect.width) * (WIDTH / v.k),
      v.y + ((clientY - rect.top) / rect.height) * (HEIGHT / v.k),
    ];
  }

  private onWheel = (event: WheelEvent): void => {
    event.preventDefault();
    const [px, py] = this.toMap(event.clientX, event.clientY);
    this.setView(zoomAt(this._view, Math.exp(-event.deltaY * 0.002), px, py, WIDTH, HEIGHT));
  };

  private onPointerDown = (event: PointerEvent): void => {
    this.touch = event.pointerType === "touch";
    this.pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    if (this.pointers.size === 1) this.dragged = false;
  };

  private onPointerMove = (event: PointerEvent): void => {
    const previous = this.pointers.get(event.pointerId);
    if (!previous) return;
    const current = { x: event.clientX, y: event.clientY };
    if (this.pointers.size === 1) {
      const dx = current.x - previous.x;
      const dy = current.y - previous.y;
      if (!this.dragged && Math.hypot(dx, dy) < 4) return;
      if (!this.dragged) (event.currentTarget as Element).setPointerCapture(event.pointerId);
      this.dragged = true;
      this.setView(panBy(this._view, -dx * this.unit, -dy * this.unit, WIDTH, HEIGHT));
    } else if (this.pointers.size === 2) {
      const other = [...this.pointers.entries()].find(([id]) => id !== event.pointerId)?.[1];
      if (other) {
        const before = Math.hypot(previous.x - other.x, previous.y - other.y);
        const after = Math.hypot(current.x - other.x, current.y - other.y);
        const [px, py] = this.toMap((current.x + other.x) / 2, (current.y + other.y) / 2);
        if (before > 0) this.setView(zoomAt(this._view, after / before, px, py, WIDTH, HEIGHT));
        this.dragged = true;
      }
    }
    this.pointers.set(event.pointerId, current);
  };

  private onPointerUp = (event: PointerEvent): void => {
    this.pointers.delete(event.pointerId);
  };

  protected override render() {
    const geo = mapGeometry();
    const max = Math.max(0, ...this.counts.values());
    const highlight = new Set(this.highlight);
    const v = this._view;
    const unit = this.unit;
    const placed: Placed[] = this.dots
      .map((dot) => ({ dot, xy: geo.project(dot.longitude, dot.latitude) }))
      .filter((item): item is { dot: MapDot; xy: [number, number] } => item.xy !== null)
      .map(({ dot, xy: [x, y] }) => ({ dot, x, y }));
    const clusters = clusterPoints(
      placed.map((p) => ({ x: p.x, y: p.y, weight: p.dot.weight ?? 1, item: p })),
      CLUSTER_PX * unit,
    );
    // Live dots last so they draw above history dots.
    const live = (c: Cluster<Placed>) => c.members.some((m) => m.dot.live);
    clusters.sort((a, b) => Number(live(a)) - Number(live(b)));
    const maxWeight = Math.max(1, ...clusters.map((c) => c.weight));
    return html`
      <div class="wrap" tabindex="0" aria-label="${this.label}. Plus and minus zoom, arrows pan, 0 resets." @keydown=${this.onKey} @mouseleave=${this.leave}>
        <svg
          viewBox="${v.x} ${v.y} ${WIDTH / v.k} ${HEIGHT / v.k}"
          role="img"
          aria-label=${this.label}
          class=${v.k > 1 ? "zoomed" : ""}
          @wheel=${this.onWheel}
          @pointerdown=${this.onPointerDown}
          @pointermove=${this.onPointerMove}
          @pointerup=${this.onPointerUp}
          @pointercancel=${this.onPointerUp}
        >
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
              @mouseenter=${() => (count > 0 ? this.showCountry(shape, count) : this.leave())}
            ></path>`;
          })}
          <path class="borders" d=${geo.borders}></path>
          ${clusters.map((cluster) => {
            const r = (DOT_MIN_PX + (DOT_MAX_PX - DOT_MIN_PX) * Math.sqrt(cluster.weight / maxWeight)) * unit;
            const group = cluster.members.length > 1;
            const { x, y } = cluster;
            const name = group
              ? `${cluster.weight} streams: ${cluster.members.map((m) => m.dot.title).join(", ")}`
              : `${cluster.members[0]?.dot.title ?? ""}: ${cluster.members[0]?.dot.lines.join(", ") ?? ""}`;
            return svg`<g
              class="dot ${live(cluster) ? "live" : ""} ${group ? "group" : ""}"
              tabindex="0"
              role="button"
              aria-label=${name}
              @mouseenter=${() => this.showCluster(cluster)}
              @focus=${() => this.showCluster(cluster)}
              @click=${() => this.activate(cluster)}
              @keydown=${(e: KeyboardEvent) => {
                if (e.key === "Enter" || e.key === " ") {
                  e.preventDefault();
                  this.activate(cluster);
                }
              }}
            >
              <circle class="hit" cx=${x} cy=${y} r=${Math.max(r, HIT_PX * unit)}></circle>
              ${live(cluster) ? svg`<circle class="pulse" cx=${x} cy=${y} r=${r}></circle>` : nothing}
              <circle class="core" cx=${x} cy=${y} r=${group ? Math.max(r, 9 * unit) : r}></circle>
              ${group
                ? svg`<text x=${x} y=${y} dy="0.35em" style="font-size: ${12 * unit}px">${cluster.weight}</text>`
                : nothing}
            </g>`;
          })}
        </svg>
        <div class="controls">
          <button aria-label="Zoom in" title="Zoom in" @click=${() => this.zoomBy(2)} ?disabled=${v.k >= MAX_ZOOM}>+</button>
          <button aria-label="Zoom out" title="Zoom out" @click=${() => this.zoomBy(0.5)} ?disabled=${v.k <= 1}>−</button>
          <button aria-label="Show the whole world" title="Whole world" @click=${() => this.setView({ x: 0, y: 0, k: 1 })} ?disabled=${v.k <= 1}>⟲</button>
        </div>
        ${this._hover ? this.renderTooltip(this._hover) : nothing}
      </div>
      <div class="legend" aria-hidden="true">
        <span><i class="swatch ramp"></i>streams by country, fewer → more</span>
        ${this.dots.some((d) => d.live) ? html`<span><i class="key live"></i>live stream</span>` : nothing}
        ${this.dots.some((d) => !d.live) ? html`<span><i class="key past"></i>place streamed from</span>` : nothing}
        ${clusters.some((c) => c.members.length > 1)
          ? html`<span><i class="key group">2</i>nearby places grouped, with their streams</span>`
          : nothing}
      </div>
    `;
  }

  private renderTooltip(hover: Hover) {
    const v = this._view;
    const left = ((hover.x - v.x) / (WIDTH / v.k)) * 100;
    const top = ((hover.y - v.y) / (HEIGHT / v.k)) * 100;
    if (left < 0 || left > 100 || top < 0 || top > 100) return nothing;
    // Flip sides near the right and bottom edges so the tooltip stays inside the map.
    const tx = left > 50 ? "calc(-100% - 12px)" : "12px";
    const ty = top > 55 ? "calc(-100% - 8px)" : "8px";
    return html`<div
      class="tooltip ${hover.pinned ? "pinned" : ""}"
      role="tooltip"
      style="left: ${left}%; top: ${top}%; transform: translate(${tx}, ${ty})"
    >
      ${hover.pinned
        ? html`<button class="close" aria-label="Close" @click=${this.hide}>×</button>`
        : nothing}
      <strong>${hover.title}</strong>
      ${hover.lines.map((line) => html`<div>${line}</div>`)}
      ${hover.userId
        ? html`<button class="open" @click=${() => hover.userId && showUser(this, hover.userId)}>
            Open user
          </button>`
        : nothing}
    </div>`;
  }

  static override styles = [sharedStyles, worldMapStyles];
}

if (!customElements.get("plexgeo-world-map")) {
  customElements.define("plexgeo-world-map", PlexGeoWorldMap);
}

declare global {
  interface HTMLElementTagNameMap {
    "plexgeo-world-map": PlexGeoWorldMap;
  }
}
