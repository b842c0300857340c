// Chart heights, importable without pulling recharts into a page's bundle.
export const BAND_CHART_HEIGHT_PX = 320;
export const TIMELINE_HEIGHT_PX = 240;
export const MAX_SERVICE_BARS = 8;

export function serviceChartHeight(count: number): number {
  return Math.min(count, MAX_SERVICE_BARS) * 40 + 64;
}
