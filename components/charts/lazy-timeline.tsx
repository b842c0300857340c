"use client";
// The overview's timeline, outside any React Query island, keeps next/dynamic: with SSR on it
// renders the chart's fixed-height box on the server and preloads the chart chunk from the HTML,
// so the browser fetches it alongside the page's own scripts instead of after hydration.
import dynamic from "next/dynamic";
import { ChartSkeleton } from "../feedback";
import { TIMELINE_HEIGHT_PX } from "./sizes";

export const LazyTimelineChart = dynamic(() => import("./timeline-chart"), {
  loading: () => <ChartSkeleton height={TIMELINE_HEIGHT_PX} />,
});
