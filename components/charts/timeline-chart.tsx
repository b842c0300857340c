"use client";
// Anomalies per day, stacked by type (overview page).
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { TIMELINE_HEIGHT_PX } from "./sizes";
import { formatDay, formatShortDay } from "../format";

export interface TimelineDay {
  day: string;
  cost: number;
  performance: number;
  web: number;
}


export default function TimelineChart({ days }: { days: TimelineDay[] }) {
  return (
    <div data-testid="timeline-chart" style={{ height: TIMELINE_HEIGHT_PX }} className="w-full">
      <ResponsiveContainer width="100%" height={TIMELINE_HEIGHT_PX}>
        <BarChart data={days} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="day" tickFormatter={formatShortDay} tick={{ fontSize: 11, fill: "#475569" }} minTickGap={28} />
          <YAxis allowDecimals={false} width={32} tick={{ fontSize: 11, fill: "#475569" }} />
          <Tooltip labelFormatter={(label) => formatDay(String(label))} />
          <Legend wrapperStyle={{ fontSize: 12 }} formatter={(value) => <span style={{ color: "#334155" }}>{value}</span>} />
          <Bar dataKey="cost" name="Cost" stackId="type" fill="#4f46e5" isAnimationActive={false} />
          <Bar dataKey="performance" name="Performance" stackId="type" fill="#8b5cf6" isAnimationActive={false} />
          <Bar dataKey="web" name="Web" stackId="type" fill="#0d9488" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
