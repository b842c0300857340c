import { ChartSkeleton, Skeleton } from "@/components/feedback";
import { BAND_CHART_HEIGHT_PX } from "@/components/charts/sizes";

export default function Loading() {
  return (
    <div className="space-y-6" aria-busy="true">
      <Skeleton className="h-8 w-2/3" />
      <Skeleton className="h-28 w-full" />
      <div className="rounded-lg border border-slate-200 bg-white p-4">
        <ChartSkeleton height={BAND_CHART_HEIGHT_PX} label="Loading anomaly" />
      </div>
    </div>
  );
}
