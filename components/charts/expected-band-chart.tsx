"use client";
// Actual (solid line) against expected (dashed) with the expected range as a shaded
// band, and the anomaly day marked. Loaded lazily (recharts is the heaviest library
// on the page) into a fixed-height box so nothing shifts when it arrives. Recharts
// needs the measured width, so the server and the hydrating browser draw the static
// SVG of the same chart (static-band-chart.tsx); recharts takes over once it has measured.
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { Area, CartesianGrid, ComposedChart, Line, ReferenceDot, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import type { BandPoint } from "./band-geometry";
import { BAND_CHART_HEIGHT_PX } from "./sizes";
import { StaticBandChart } from "./static-band-chart";
import { formatDay, formatNumber, formatShortDay } from "../format";

export type { BandPoint };

const noSubscription = () => () => {};
/** false on the server and while hydrating, true from the first client render after it. */
function useHydrated(): boolean {
  return useSyncExternalStore(noSubscription, () => true, () => false);
}

interface ChartRow extends BandPoint {
  band: [number, number] | null;
}


function BandTooltip({ active, payload, format, formatX }: Pick<TooltipContentProps, "active" | "payload"> & { format: (n: number | null) => string; formatX: (x: string) => string }) {
  const row = active && payload?.length ? (payload[0].payload as ChartRow) : null;
  if (!row) return null;
  return (
    <div className="rounded border border-slate-200 bg-white px-3 py-2 text-xs shadow-md">
      <p className="mb-1 font-semibold">{formatX(row.x)}</p>
      <dl className="grid grid-cols-[auto_auto] gap-x-3 gap-y-0.5">
        <dt className="text-slate-600">Actual</dt>
        <dd className="text-right font-medium tabular-nums">{format(row.actual)}</dd>
        <dt className="text-slate-600">Expected</dt>
        <dd className="text-right tabular-nums">{format(row.expected)}</dd>
        <dt className="text-slate-600">Lower bound</dt>
        <dd className="text-right tabular-nums">{format(row.lower)}</dd>
        <dt className="text-slate-600">Upper bound</dt>
        <dd className="text-right tabular-nums">{format(row.upper)}</dd>
      </dl>
    </div>
  );
}

/**
 * Keeps the static chart until recharts has drawn a line: recharts first renders an empty box,
 * measures it, then draws over a few commits. The static layer is hidden from the mutation
 * observer (a microtask, before the browser paints) rather than by a React update, which could
 * land a frame later and show both charts at once; the update then removes it.
 */
function useStaticUntilDrawn() {
  const box = useRef<HTMLDivElement>(null);
  const staticLayer = useRef<HTMLDivElement>(null);
  const [interactiveDrawn, setInteractiveDrawn] = useState(false);
  useEffect(() => {
    const container = box.current;
    if (!container || interactiveDrawn) return;
    const drawn = () => {
      if (!container.querySelector(".recharts-line-curve")) return false;
      staticLayer.current?.style.setProperty("visibility", "hidden");
      setInteractiveDrawn(true);
      return true;
    };
    if (drawn()) return;
    const observer = new MutationObserver(() => {
      if (drawn()) observer.disconnect();
    });
    observer.observe(container, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [interactiveDrawn]);
  return { box, staticLayer, interactiveDrawn };
}

export default function ExpectedBandChart({
  points,
  markX,
  format = formatNumber,
  formatX = formatDay,
  formatTick = formatShortDay,
  height = BAND_CHART_HEIGHT_PX,
}: {
  points: BandPoint[];
  /** The x value of the anomaly to mark. */
  markX?: string;
  format?: (n: number | null) => string;
  formatX?: (x: string) => string;
  formatTick?: (x: string) => string;
  height?: number;
}) {
  const rows: ChartRow[] = points.map((p) => ({ ...p, band: p.lower !== null && p.upper !== null ? [p.lower, p.upper] : null }));
  const marked = markX ? rows.find((r) => r.x === markX) : undefined;
  const compact = (n: number) => new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 }).format(n);
  const hydrated = useHydrated();
  const { box, staticLayer, interactiveDrawn } = useStaticUntilDrawn();
  return (
    <div ref={box} data-testid="expected-band-chart" style={{ height }} className="relative w-full">
      {interactiveDrawn ? null : (
        <div ref={staticLayer} className="absolute inset-0">
          <StaticBandChart points={points} markX={markX} formatTick={formatTick} height={height} />
        </div>
      )}
      {hydrated ? (
        <ResponsiveContainer width="100%" height={height}>
          <ComposedChart data={rows} margin={{ top: 12, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="#e2e8f0" vertical={false} />
            <XAxis dataKey="x" tickFormatter={formatTick} tick={{ fontSize: 11, fill: "#475569" }} minTickGap={24} />
            <YAxis tickFormatter={compact} tick={{ fontSize: 11, fill: "#475569" }} width={48} />
            <Tooltip content={(props) => <BandTooltip active={props.active} payload={props.payload} format={format} formatX={formatX} />} />
            <Area
              type="monotone"
              dataKey="band"
              name="Expected range"
              stroke="none"
              fill="#6366f1"
              fillOpacity={0.15}
              isAnimationActive={false}
              connectNulls
              className="expected-band"
            />
            <Line type="monotone" dataKey="expected" name="Expected" stroke="#4f46e5" strokeDasharray="6 4" strokeWidth={1.5} dot={false} isAnimationActive={false} connectNulls className="expected-line" />
            <Line type="monotone" dataKey="actual" name="Actual" stroke="#0f172a" strokeWidth={2} dot={false} isAnimationActive={false} className="actual-line" />
            {marked ? <ReferenceLine x={marked.x} stroke="#b91c1c" strokeDasharray="3 3" label={{ value: "Anomaly", position: "insideTopRight", fill: "#b91c1c", fontSize: 11 }} /> : null}
            {marked && marked.actual !== null ? <ReferenceDot x={marked.x} y={marked.actual} r={5} fill="#b91c1c" stroke="#fff" /> : null}
          </ComposedChart>
        </ResponsiveContainer>
      ) : null}
    </div>
  );
}
