"use client";
// Spend (bars, left axis) and visitors (line, right axis) on the same days, so a rise in spend
// can be read against the traffic that drives it (issue 14). Loaded lazily like the other charts.
import { Bar, CartesianGrid, ComposedChart, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { BAND_CHART_HEIGHT_PX } from "./sizes";
import { formatNumber, formatShortDay } from "../format";

export interface CostTrafficPoint {
  date: string;
  cost: number;
  visitors: number;
}

export default function CostTrafficChart({ points, markDate, formatCost }: { points: CostTrafficPoint[]; markDate?: string; formatCost: (n: number | null) => string }) {
  return (
    <div style={{ height: BAND_CHART_HEIGHT_PX }}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="date" tickFormatter={formatShortDay} tick={{ fontSize: 12 }} minTickGap={24} />
          <YAxis yAxisId="cost" tickFormatter={(n: number) => formatCost(n)} tick={{ fontSize: 12 }} width={72} />
          <YAxis yAxisId="visitors" orientation="right" tickFormatter={(n: number) => formatNumber(n)} tick={{ fontSize: 12 }} width={56} />
          <Tooltip formatter={(value, name) => (name === "Spend" ? formatCost(Number(value)) : formatNumber(Number(value)))} labelFormatter={(label) => String(label)} />
          <Bar yAxisId="cost" dataKey="cost" name="Spend" fill="#a5b4fc" isAnimationActive={false} />
          <Line yAxisId="visitors" dataKey="visitors" name="Visitors" stroke="#0f766e" strokeWidth={2} dot={false} isAnimationActive={false} />
          {markDate ? <ReferenceLine yAxisId="cost" x={markDate} stroke="#dc2626" strokeDasharray="4 2" /> : null}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
