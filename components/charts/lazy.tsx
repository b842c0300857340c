"use client";
// Charts load after the page (recharts stays out of every page's first-load JS); the
// skeleton has the chart's exact height so the layout does not shift.
import dynamic from "next/dynamic";
import { Component, type ReactNode } from "react";
import { ChartSkeleton } from "../feedback";
import { BAND_CHART_HEIGHT_PX, TIMELINE_HEIGHT_PX } from "./sizes";

export const LazyExpectedBandChart = dynamic(() => import("./expected-band-chart"), {
  ssr: false,
  loading: () => <ChartSkeleton height={BAND_CHART_HEIGHT_PX} />,
});

export const LazyServiceBreakdownChart = dynamic(() => import("./service-breakdown-chart"), {
  ssr: false,
  // The real height depends on the number of services; the caller wraps this in a box of that height.
  loading: () => <ChartSkeleton height={104} />,
});

export const LazyTimelineChart = dynamic(() => import("./timeline-chart"), {
  ssr: false,
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
