// The expected-band chart's geometry without a measured width, so the server can draw it as a
// static SVG that recharts then replaces (issue 12: a chart in the first HTML). The x axis is a
// 0..PLOT_VIEWBOX_WIDTH range stretched to the real width (preserveAspectRatio="none"), the y axis
// is in pixels. Axis ticks and curves follow recharts' own rules (nice ticks with 5 values, point
// scale, monotone-x curves) so the interactive chart lands on the same picture.
import type { BandPoint } from "./band-points";

export type { BandPoint };

/** Recharts' margins and axis sizes in expected-band-chart.tsx, in pixels. */
export const BAND_CHART_LAYOUT = { top: 12, right: 12, yAxisWidth: 48, xAxisHeight: 30, tickSize: 6, tickMargin: 2 } as const;
export const PLOT_VIEWBOX_WIDTH = 1000;
const Y_TICK_COUNT = 5;
/** Enough labels to read the dates, few enough that they cannot overlap on a phone. */
const MAX_X_LABELS = 6;

interface XY {
  x: number;
  y: number;
}

/**
 * recharts' getNiceTickValues for a [min, max] domain with 5 ticks and decimals allowed: a step of
 * a multiple of 0.05 × 10^k (0.1 × 10^k for steps from 1 to 10), 0 a tick when the domain spans it.
 */
export function niceTicks(min: number, max: number, count = Y_TICK_COUNT): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0];
  if (min === max) return singleValueTicks(min, count);
  const [low, high] = min < max ? [min, max] : [max, min];
  for (let correction = 0; correction < 100; correction++) {
    const step = adaptiveStep((high - low) / (count - 1), correction);
    const middle = low <= 0 && high >= 0 ? 0 : roundFloat((low + high) / 2 - (((low + high) / 2) % step));
    let below = Math.ceil(roundFloat((middle - low) / step));
    let above = Math.ceil(roundFloat((high - middle) / step));
    const total = below + above + 1;
    if (total > count) continue;
    if (high > 0) above += count - total;
    else below += count - total;
    return Array.from({ length: below + above + 1 }, (_, i) => roundFloat(middle + (i - below) * step));
  }
  return [low, high];
}

function adaptiveStep(roughStep: number, correction: number): number {
  if (roughStep <= 0) return 0;
  const digitCount = Math.floor(Math.log10(Math.abs(roughStep))) + 1;
  const digitValue = 10 ** digitCount;
  const ratioScale = digitCount !== 1 ? 0.05 : 0.1;
  const ratio = (Math.ceil(roundFloat(roughStep / digitValue / ratioScale)) + correction) * ratioScale;
  return roundFloat(ratio * digitValue);
}

/** recharts' ticks when every value is the same (the chart's domain spans 0, so only all-zero data gets here): steps of 1. */
function singleValueTicks(value: number, count: number): number[] {
  const middle = value === 0 ? Math.floor((count - 1) / 2) : Math.floor(value);
  const middleIndex = Math.floor((count - 1) / 2);
  return Array.from({ length: count }, (_, i) => middle + (i - middleIndex));
}

/** Floating-point noise off (0.30000000000000004 → 0.3); recharts does this arithmetic in decimals. */
function roundFloat(n: number): number {
  return Number.parseFloat(n.toPrecision(12));
}

/**
 * An SVG path through the points with d3's curveMonotoneX (recharts' type="monotone"): cubic
 * Hermite segments whose tangents never overshoot, so the curve stays between neighbouring values.
 * `continuing` starts with a line-to instead of a move-to (the second edge of an area).
 */
export function monotonePath(points: XY[], continuing = false): string {
  const unique = points.filter((p, i) => i === 0 || p.x !== points[i - 1].x || p.y !== points[i - 1].y);
  if (!unique.length) return "";
  const start = `${continuing ? "L" : "M"}${num(unique[0].x)},${num(unique[0].y)}`;
  if (unique.length === 1) return start;
  if (unique.length === 2) return `${start}L${num(unique[1].x)},${num(unique[1].y)}`;
  const tangents = monotoneTangents(unique);
  let path = start;
  for (let i = 0; i < unique.length - 1; i++) {
    const [a, b] = [unique[i], unique[i + 1]];
    const dx = (b.x - a.x) / 3;
    path += `C${num(a.x + dx)},${num(a.y + dx * tangents[i])},${num(b.x - dx)},${num(b.y - dx * tangents[i + 1])},${num(b.x)},${num(b.y)}`;
  }
  return path;
}

/** d3's slope3 at every inner point and slope2 at both ends. */
function monotoneTangents(p: XY[]): number[] {
  const sign = (n: number) => (n < 0 ? -1 : 1);
  const tangents = new Array<number>(p.length).fill(0);
  for (let i = 1; i < p.length - 1; i++) {
    const h0 = p[i].x - p[i - 1].x;
    const h1 = p[i + 1].x - p[i].x;
    const s0 = (p[i].y - p[i - 1].y) / (h0 || (h1 < 0 ? -0 : 0));
    const s1 = (p[i + 1].y - p[i].y) / (h1 || (h0 < 0 ? -0 : 0));
    const mid = (s0 * h1 + s1 * h0) / (h0 + h1);
    tangents[i] = (sign(s0) + sign(s1)) * Math.min(Math.abs(s0), Math.abs(s1), 0.5 * Math.abs(mid)) || 0;
  }
  const endSlope = (a: XY, b: XY, t: number) => {
    const h = b.x - a.x;
    return h ? (3 * (b.y - a.y) / h - t) / 2 : t;
  };
  tangents[0] = endSlope(p[0], p[1], tangents[1]);
  const last = p.length - 1;
  tangents[last] = endSlope(p[last - 1], p[last], tangents[last - 1]);
  return tangents;
}

const num = (n: number) => String(Math.round(n * 100) / 100);

export interface BandGeometry {
  /** Plot height in pixels (the y unit of the plot's viewBox). */
  plotHeight: number;
  yTicks: Array<{ value: number; y: number }>;
  xLabels: Array<{ x: string; left: number }>;
  /** Position of point i on the 0..PLOT_VIEWBOX_WIDTH axis. */
  xAt: (index: number) => number;
  yAt: (value: number) => number;
  bandPath: string;
  expectedPath: string;
  actualPath: string;
}

/** Everything the static chart draws, from the same points the recharts chart gets. */
export function bandGeometry(points: BandPoint[], height: number): BandGeometry {
  const plotHeight = height - BAND_CHART_LAYOUT.top - BAND_CHART_LAYOUT.xAxisHeight;
  const values = points.flatMap((p) => [p.actual, p.expected, p.lower, p.upper]).filter((v): v is number => v !== null && Number.isFinite(v));
  // recharts' number axis starts at 0 (domain [0, "auto"]) unless the data goes below it.
  const ticks = niceTicks(Math.min(0, ...values), Math.max(0, ...values));
  const [low, high] = [ticks[0], ticks[ticks.length - 1]];
  const yAt = (value: number) => (high === low ? plotHeight / 2 : ((high - value) / (high - low)) * plotHeight);
  const xAt = (index: number) => (points.length === 1 ? PLOT_VIEWBOX_WIDTH / 2 : (index / (points.length - 1)) * PLOT_VIEWBOX_WIDTH);
  const at = (pick: (p: BandPoint) => number | null) => points.flatMap((p, i) => (pick(p) === null ? [] : [{ x: xAt(i), y: yAt(pick(p) ?? 0) }]));

  const upper = points.flatMap((p, i) => (p.lower === null || p.upper === null ? [] : [{ x: xAt(i), y: yAt(p.upper) }]));
  const lower = points.flatMap((p, i) => (p.lower === null || p.upper === null ? [] : [{ x: xAt(i), y: yAt(p.lower) }]));
  const bandPath = upper.length ? `${monotonePath(upper)}${monotonePath([...lower].reverse(), true)}Z` : "";
  return {
    plotHeight,
    yTicks: ticks.map((value) => ({ value, y: yAt(value) })),
    xLabels: xLabelIndexes(points.length).map((i) => ({ x: points[i].x, left: (xAt(i) / PLOT_VIEWBOX_WIDTH) * 100 })),
    xAt,
    yAt,
    bandPath,
    // Expected connects over gaps (connectNulls); actual breaks at a missing day, as in recharts.
    expectedPath: monotonePath(at((p) => p.expected)),
    actualPath: actualSegments(points).map((segment) => monotonePath(segment.map((i) => ({ x: xAt(i), y: yAt(points[i].actual ?? 0) })))).join(""),
  };
}

/** Runs of consecutive points that have an actual value (indexes). */
function actualSegments(points: BandPoint[]): number[][] {
  const segments: number[][] = [];
  let current: number[] = [];
  points.forEach((p, i) => {
    if (p.actual === null) {
      if (current.length) segments.push(current);
      current = [];
    } else current.push(i);
  });
  if (current.length) segments.push(current);
  return segments;
}

/** Evenly spaced labels counted back from the last point (recharts' "preserveEnd" keeps the last one). */
export function xLabelIndexes(count: number): number[] {
  if (count <= 0) return [];
  const step = Math.max(1, Math.ceil(count / MAX_X_LABELS));
  const indexes: number[] = [];
  for (let i = count - 1; i >= 0; i -= step) indexes.unshift(i);
  return indexes;
}
