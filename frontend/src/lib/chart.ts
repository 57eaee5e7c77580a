// Geometry for the two small SVG charts (a doughnut and a bar chart): pure functions, no DOM.

export interface Slice {
  label: string;
  value: number;
  /** Share of the total, 0..1. */
  share: number;
  /** SVG path of the ring segment in a 0..200 box centred on (100, 100). */
  d: string;
  /** Index into the palette; "Other" gets the muted colour (-1). */
  color: number;
}

export const RING_OUTER = 96;
export const RING_INNER = 58;
const CX = 100;
const CY = 100;

function point(r: number, angle: number): string {
  // Angle 0 is 12 o'clock, clockwise.
  const x = CX + r * Math.sin(angle);
  const y = CY - r * Math.cos(angle);
  return `${x.toFixed(2)} ${y.toFixed(2)}`;
}

/** The path of one ring segment from angle a0 to a1 (radians, clockwise from 12 o'clock). */
export function ringSegment(a0: number, a1: number, outer = RING_OUTER, inner = RING_INNER): string {
  const sweep = a1 - a0;
  if (sweep >= 2 * Math.PI - 1e-6) {
    // A full circle cannot be one arc: draw it as two halves, outer then inner (even-odd hole).
    return (
      `M${point(outer, 0)}A${outer} ${outer} 0 1 1 ${point(outer, Math.PI)}` +
      `A${outer} ${outer} 0 1 1 ${point(outer, 0)}Z` +
      `M${point(inner, 0)}A${inner} ${inner} 0 1 0 ${point(inner, Math.PI)}` +
      `A${inner} ${inner} 0 1 0 ${point(inner, 0)}Z`
    );
  }
  const large = sweep > Math.PI ? 1 : 0;
  return (
    `M${point(outer, a0)}A${outer} ${outer} 0 ${large} 1 ${point(outer, a1)}` +
    `L${point(inner, a1)}A${inner} ${inner} 0 ${large} 0 ${point(inner, a0)}Z`
  );
}

/**
 * Doughnut slices, largest first. Beyond `maxSlices` the smallest are folded into "Other" so
 * the ring and its legend stay readable; values that are not positive numbers are dropped.
 */
export function doughnutSlices(labels: readonly string[], values: readonly number[], maxSlices = 7): Slice[] {
  const items = labels
    .map((label, i) => ({ label, value: values[i] ?? 0 }))
    .filter((item) => Number.isFinite(item.value) && item.value > 0)
    .sort((a, b) => b.value - a.value);
  const total = items.reduce((sum, item) => sum + item.value, 0);
  if (total === 0) return [];
  let kept = items;
  if (items.length > maxSlices) {
    kept = items.slice(0, maxSlices - 1);
    const rest = items.slice(maxSlices - 1).reduce((sum, item) => sum + item.value, 0);
    kept.push({ label: "Other", value: rest });
  }
  let angle = 0;
  return kept.map((item, i) => {
    const share = item.value / total;
    const a0 = angle;
    angle += share * 2 * Math.PI;
    const other = items.length > maxSlices && i === kept.length - 1;
    return { label: item.label, value: item.value, share, d: ringSegment(a0, angle), color: other ? -1 : i };
  });
}

/** A round axis maximum with integer ticks (1, 2 or 5 × 10ⁿ apart, at most `maxTicks` + 1). */
export function niceScale(max: number, maxTicks = 4): { max: number; ticks: number[] } {
  if (!Number.isFinite(max) || max <= 0) return { max: 1, ticks: [0, 1] };
  const raw = max / maxTicks;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude);
  const top = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let t = 0; t <= top + step / 2; t += step) ticks.push(t);
  return { max: top, ticks };
}

/** Which x labels to print: about `room` of them, evenly spaced, always the last one. */
export function labelIndexes(count: number, room = 6): Set<number> {
  const shown = new Set<number>();
  if (count <= 0) return shown;
  const every = Math.max(1, Math.ceil(count / room));
  for (let i = count - 1; i >= 0; i -= every) shown.add(i);
  return shown;
}

/** A percentage for a legend: "42 %", "<1 %" for a sliver. */
export function formatShare(share: number): string {
  if (share > 0 && share < 0.005) return "<1 %";
  return `${Math.round(share * 100)} %`;
}
