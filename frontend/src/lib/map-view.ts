// Zoom, pan and clustering for the world map: pure functions over viewBox coordinates.

/** The visible part of the map: top-left corner and zoom factor (1 = the whole map). */
export interface View {
  x: number;
  y: number;
  k: number;
}

export const MIN_ZOOM = 1;
export const MAX_ZOOM = 16;

/** The view kept inside the map, zoom within [MIN_ZOOM, MAX_ZOOM]. */
export function clampView(view: View, width: number, height: number): View {
  const k = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, Number.isFinite(view.k) ? view.k : 1));
  const w = width / k;
  const h = height / k;
  const x = Math.min(width - w, Math.max(0, Number.isFinite(view.x) ? view.x : 0));
  const y = Math.min(height - h, Math.max(0, Number.isFinite(view.y) ? view.y : 0));
  return { x, y, k };
}

/** Zoom by `factor` keeping the map point (px, py) where it is on screen. */
export function zoomAt(view: View, factor: number, px: number, py: number, width: number, height: number): View {
  const k = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, view.k * factor));
  const ratio = view.k / k;
  return clampView({ x: px - (px - view.x) * ratio, y: py - (py - view.y) * ratio, k }, width, height);
}

/** Move the view by (dx, dy) map units. */
export function panBy(view: View, dx: number, dy: number, width: number, height: number): View {
  return clampView({ ...view, x: view.x + dx, y: view.y + dy }, width, height);
}

/** What a key press does to the view, or null when the key is not the map's. */
export function keyView(key: string, view: View, width: number, height: number): View | null {
  const step = width / view.k / 8;
  switch (key) {
    case "+":
    case "=":
      return zoomAt(view, 2, view.x + width / view.k / 2, view.y + height / view.k / 2, width, height);
    case "-":
    case "_":
      return zoomAt(view, 0.5, view.x + width / view.k / 2, view.y + height / view.k / 2, width, height);
    case "0":
      return { x: 0, y: 0, k: 1 };
    case "ArrowLeft":
      return panBy(view, -step, 0, width, height);
    case "ArrowRight":
      return panBy(view, step, 0, width, height);
    case "ArrowUp":
      return panBy(view, 0, -step, width, height);
    case "ArrowDown":
      return panBy(view, 0, step, width, height);
    default:
      return null;
  }
}

export interface Point<T> {
  x: number;
  y: number;
  weight: number;
  item: T;
}

export interface Cluster<T> {
  x: number;
  y: number;
  /** Sum of the members' weights (streams), not the number of dots. */
  weight: number;
  members: T[];
}

/**
 * Greedy clustering: heaviest points first, each joins the first cluster whose centre is
 * within `radius` (map units), else starts one. Centres are weighted means of members.
 */
export function clusterPoints<T>(points: readonly Point<T>[], radius: number): Cluster<T>[] {
  const sorted = [...points].sort((a, b) => b.weight - a.weight);
  const clusters: (Cluster<T> & { sx: number; sy: number })[] = [];
  const r2 = radius * radius;
  for (const p of sorted) {
    const home = clusters.find((c) => (c.x - p.x) ** 2 + (c.y - p.y) ** 2 <= r2);
    if (home) {
      home.members.push(p.item);
      home.weight += p.weight;
      home.sx += p.x * p.weight;
      home.sy += p.y * p.weight;
      home.x = home.sx / home.weight;
      home.y = home.sy / home.weight;
    } else {
      clusters.push({ x: p.x, y: p.y, weight: p.weight, members: [p.item], sx: p.x * p.weight, sy: p.y * p.weight });
    }
  }
  return clusters.map(({ x, y, weight, members }) => ({ x, y, weight, members }));
}

export type DotAction = "open-user" | "zoom" | "pin";

/**
 * What a click or tap on a dot (or a group of dots) does. One user's dot opens that user,
 * except on a touch screen, where the first tap pins the tooltip (with an Open button) since
 * a finger cannot hover; a group zooms in while it can; anything else pins its tooltip.
 */
export function dotAction(
  users: ReadonlySet<string | undefined>,
  members: number,
  zoom: number,
  touch: boolean,
  alreadyPinned: boolean,
): DotAction {
  const [only] = users;
  if (users.size === 1 && only !== undefined && (!touch || alreadyPinned)) return "open-user";
  if (members > 1 && zoom < MAX_ZOOM) return "zoom";
  return "pin";
}

/** How close a fitted view may zoom: a single place shows its region, not a street. */
export const FIT_MAX_ZOOM = 6;

/**
 * The view that shows every point with a margin (a share of the points' span on each side),
 * zoomed no further than FIT_MAX_ZOOM; the whole map when there is no point.
 */
export function fitView(
  points: readonly { x: number; y: number }[],
  width: number,
  height: number,
  margin = 0.2,
): View {
  if (points.length === 0) return { x: 0, y: 0, k: 1 };
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const spanX = (maxX - minX) * (1 + 2 * margin);
  const spanY = (maxY - minY) * (1 + 2 * margin);
  const fits = Math.min(spanX > 0 ? width / spanX : Infinity, spanY > 0 ? height / spanY : Infinity);
  const k = Math.max(MIN_ZOOM, Math.min(FIT_MAX_ZOOM, fits));
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  return clampView({ x: cx - width / k / 2, y: cy - height / k / 2, k }, width, height);
}
