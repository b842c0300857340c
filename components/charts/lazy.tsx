"use client";
// Charts stay out of every page's first-load scripts (recharts is the heaviest library): each
// loads as its own chunk when it first renders. The box and the skeleton have the chart's exact
// height, so the layout does not shift. (Recharts draws nothing on the server: its SVG needs the
// measured width; the anomaly page shows a server-drawn static chart meanwhile.) These are used
// inside the React Query islands, hence lazyComponent rather than next/dynamic (lazy-component.tsx).
import { Component, type ReactNode } from "react";
import { lazyComponent } from "@/lib/client/lazy-component";
import { ChartSkeleton } from "../feedback";
import { BAND_CHART_HEIGHT_PX } from "./sizes";

export const LazyExpectedBandChart = lazyComponent(() => import("./expected-band-chart").then((m) => m.default), <ChartSkeleton height={BAND_CHART_HEIGHT_PX} />);

/**
 * The same chart without a loading skeleton of its own: it suspends to the caller's Suspense
 * boundary, whose fallback the caller provides (the anomaly page: the server-drawn static chart,
 * so the chart is in the first paint instead of a skeleton).
 */
export const LazyExpectedBandChartInSuspense = lazyComponent(() => import("./expected-band-chart").then((m) => m.default));

// The real height depends on the number of services; the caller wraps this in a box of that height.
export const LazyServiceBreakdownChart = lazyComponent(() => import("./service-breakdown-chart").then((m) => m.default), <ChartSkeleton height={104} />);

/** A chart that throws (bad data, failed chunk load) leaves the rest of the page usable. */
export class ChartBoundary extends Component<{ height: number; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    if (this.state.failed) {
      return (
        <div role="alert" style={{ height: this.props.height }} className="flex items-center justify-center rounded bg-slate-50 text-sm text-slate-600">
          The chart could not be drawn. Reload the page to try again.
        </div>
      );
    }
    return this.props.children;
  }
}
