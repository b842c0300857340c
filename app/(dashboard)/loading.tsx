import { ChartSkeleton, Skeleton } from "@/components/feedback";
import { TIMELINE_HEIGHT_PX } from "@/components/charts/sizes";

export default function Loading() {
  return (
    <div className="space-y-6" aria-busy="true">
      <Skeleton className="h-8 w-48" />
      <div className="grid gap-4 md:grid-cols-3">
        <Skeleton className="h-28" />
        <Skeleton className="h-28" />
        <Skeleton className="h-28" />
      </div>
      <div className="rounded-lg border border-slate-200 bg-white p-4">
        <ChartSkeleton height={TIMELINE_HEIGHT_PX} label="Loading overview" />
      </div>
    </div>
  );
}
