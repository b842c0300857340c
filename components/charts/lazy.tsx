"use client";
// Charts stay out of every page's first-load scripts (recharts is the heaviest library),
// but are not a waterfall either: with SSR left on, next/dynamic renders the chart's
// fixed-height box on the server and puts a <link rel="preload"> for the chart chunk in
// the HTML, so the browser fetches it alongside the page's own scripts instead of after
// hydration. (Recharts draws nothing on the server: its SVG needs the measured width.)
// The box and the skeleton have the chart's exact height, so the layout does not shift.
import dynamic from "next/dynamic";
import { Component, type ReactNode } from "react";
import { ChartSkeleton } from "../feedback";
import { BAND_CHART_HEIGHT_PX, TIMELINE_HEIGHT_PX } from "./sizes";

export const LazyExpectedBandChart = dynamic(() => import("./expected-band-chart"), {
  loading: () => <ChartSkeleton height={BAND_CHART_HEIGHT_PX} />,
});

/**
 * The same chart without a loading skeleton of its own: it suspends to the caller's Suspense
 * boundary, whose fallback the caller provides (the anomaly page: the server-drawn static chart,
 * so the chart is in the first paint instead of a skeleton).
 */
export const LazyExpectedBandChartInSuspense = dynamic(() => import("./expected-band-chart"));

export const LazyServiceBreakdownChart = dynamic(() => import("./service-breakdown-chart"), {
  // The real height depends on the number of services; the caller wraps this in a box of that height.
  loading: () => <ChartSkeleton height={104} />,
});

export const LazyTimelineChart = dynamic(() => import("./timeline-chart"), {
  loading: () => <ChartSkeleton height={TIMELINE_HEIGHT_PX} />,
});

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
