"use client";
// Actual vs expected per contributing service on the anomaly day (horizontal bars).
import { MAX_SERVICE_BARS, serviceChartHeight } from "./sizes";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface ServiceBar {
  service: string;
  amount: number;
  expected: number | null;
}


export default function ServiceBreakdownChart({ services, format }: { services: ServiceBar[]; format: (n: number) => string }) {
  const rows = services.slice(0, MAX_SERVICE_BARS).map((s) => ({ service: s.service, Actual: s.amount, Expected: s.expected ?? 0 }));
  const height = serviceChartHeight(services.length);
  return (
    <div data-testid="service-breakdown-chart" style={{ height }} className="w-full">
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 4 }} barGap={2}>
          <CartesianGrid stroke="#e2e8f0" horizontal={false} />
          <XAxis type="number" tickFormatter={(n: number) => new Intl.NumberFormat("en-US", { notation: "compact" }).format(n)} tick={{ fontSize: 11, fill: "#475569" }} />
          <YAxis type="category" dataKey="service" width={110} tick={{ fontSize: 11, fill: "#334155" }} />
          <Tooltip formatter={(value) => (typeof value === "number" ? format(value) : String(value))} />
          <Legend wrapperStyle={{ fontSize: 12 }} formatter={(value) => <span style={{ color: "#334155" }}>{value}</span>} />
          <Bar dataKey="Actual" fill="#0f172a" isAnimationActive={false} barSize={12} />
          <Bar dataKey="Expected" fill="#a5b4fc" isAnimationActive={false} barSize={12} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
