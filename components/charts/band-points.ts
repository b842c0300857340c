// The expected-band chart's input, shared by the server (its static SVG) and the client chart,
// without pulling either's code into the other's bundle.
export interface BandPoint {
  /** x-axis key: a day "YYYY-MM-DD" or an hour ISO string. */
  x: string;
  actual: number | null;
  expected: number | null;
  lower: number | null;
  upper: number | null;
}

/** A cloud anomaly's daily series as chart points. */
export function dailyBandPoints(series: ReadonlyArray<{ date: string; actual: number | null; expected: number | null; lower: number | null; upper: number | null }>): BandPoint[] {
  return series.map((p) => ({ x: p.date, actual: p.actual, expected: p.expected, lower: p.lower, upper: p.upper }));
}
