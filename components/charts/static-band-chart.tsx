// The expected-band chart as plain SVG and positioned labels, drawn without knowing the width
// (no hooks, no recharts): the server puts it in the first HTML, so the chart is on screen
// before any script runs, and the interactive recharts chart takes its place once it has
// measured its box (expected-band-chart.tsx). Same box, axes, colours and curves as that chart.
import { BAND_CHART_LAYOUT as L, bandGeometry, PLOT_VIEWBOX_WIDTH, type BandPoint } from "./band-geometry";

const TICK_TEXT = { fontSize: 11, fill: "#475569" } as const;
const AXIS_STROKE = "#666";
const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

export function StaticBandChart({ points, markX, formatTick, height }: { points: BandPoint[]; markX?: string; formatTick: (x: string) => string; height: number }) {
  const g = bandGeometry(points, height);
  const markIndex = markX === undefined ? -1 : points.findIndex((p) => p.x === markX);
  const marked = markIndex >= 0 ? points[markIndex] : undefined;
  const markLeft = `${(g.xAt(markIndex) / PLOT_VIEWBOX_WIDTH) * 100}%`;
  // Strokes keep their pixel width and dashes while the plot's x axis stretches.
  const line = { vectorEffect: "non-scaling-stroke", fill: "none" } as const;
  return (
    <div aria-hidden="true" className="static-band-chart absolute inset-0 select-none">
      <svg width={L.yAxisWidth} height={height} className="absolute left-0 top-0 overflow-visible">
        {g.yTicks.map((t) => (
          <g key={t.value}>
            <line x1={L.yAxisWidth - L.tickSize} x2={L.yAxisWidth} y1={L.top + t.y} y2={L.top + t.y} stroke={AXIS_STROKE} />
            <text x={L.yAxisWidth - L.tickSize - L.tickMargin} y={L.top + t.y} dy="0.355em" textAnchor="end" {...TICK_TEXT}>
              {compact.format(t.value)}
            </text>
          </g>
        ))}
        <line x1={L.yAxisWidth} x2={L.yAxisWidth} y1={L.top} y2={L.top + g.plotHeight} stroke={AXIS_STROKE} />
      </svg>
      <div className="absolute" style={{ left: L.yAxisWidth, right: L.right, top: L.top, height: g.plotHeight + L.xAxisHeight }}>
        <svg viewBox={`0 0 ${PLOT_VIEWBOX_WIDTH} ${g.plotHeight}`} preserveAspectRatio="none" width="100%" height={g.plotHeight} className="block overflow-visible">
          {g.yTicks.map((t) => (
            <line key={t.value} x1={0} x2={PLOT_VIEWBOX_WIDTH} y1={t.y} y2={t.y} stroke="#e2e8f0" style={line} />
          ))}
          <path d={g.bandPath} fill="#6366f1" fillOpacity={0.15} stroke="none" className="expected-band" />
          <path d={g.expectedPath} stroke="#4f46e5" strokeDasharray="6 4" strokeWidth={1.5} style={line} className="expected-line" />
          <path d={g.actualPath} stroke="#0f172a" strokeWidth={2} style={line} className="actual-line" data-series="actual" />
          {marked ? <line x1={g.xAt(markIndex)} x2={g.xAt(markIndex)} y1={0} y2={g.plotHeight} stroke="#b91c1c" strokeDasharray="3 3" style={line} /> : null}
          <line x1={0} x2={PLOT_VIEWBOX_WIDTH} y1={g.plotHeight} y2={g.plotHeight} stroke={AXIS_STROKE} style={line} />
          {g.xLabels.map((label) => (
            <line key={label.x} x1={(label.left / 100) * PLOT_VIEWBOX_WIDTH} x2={(label.left / 100) * PLOT_VIEWBOX_WIDTH} y1={g.plotHeight} y2={g.plotHeight + L.tickSize} stroke={AXIS_STROKE} style={line} />
          ))}
        </svg>
        {g.xLabels.map((label) => (
          <span key={label.x} className="absolute -translate-x-1/2 whitespace-nowrap leading-none" style={{ left: `${label.left}%`, top: g.plotHeight + L.tickSize + L.tickMargin + 1, fontSize: TICK_TEXT.fontSize, color: TICK_TEXT.fill }}>
            {formatTick(label.x)}
          </span>
        ))}
        {marked ? (
          <span className="absolute -translate-x-full whitespace-nowrap leading-none" style={{ left: `calc(${markLeft} - 5px)`, top: 5, fontSize: 11, color: "#b91c1c" }}>
            Anomaly
          </span>
        ) : null}
        {marked && marked.actual !== null ? (
          <span
            className="absolute -translate-x-1/2 -translate-y-1/2 rounded-full"
            style={{ left: markLeft, top: g.yAt(marked.actual), width: 11, height: 11, background: "#b91c1c", border: "1px solid #fff" }}
          />
        ) : null}
      </div>
    </div>
  );
}

/**
 * The static chart in the chart's box, for the server to put in the first HTML while the
 * interactive chart's chunk is still on its way (the Suspense fallback of the anomaly page's chart).
 */
export function StaticBandChartFallback({ points, markX, formatTick, height }: { points: BandPoint[]; markX?: string; formatTick: (x: string) => string; height: number }) {
  return (
    <div data-testid="expected-band-chart-static" style={{ height }} className="relative w-full">
      <StaticBandChart points={points} markX={markX} formatTick={formatTick} height={height} />
    </div>
  );
}
