import { ChartSkeleton, PageSkeleton, Skeleton, SkeletonCard } from "@/components/feedback";
import { BAND_CHART_HEIGHT_PX } from "@/components/charts/sizes";

export default function Loading() {
  return (
    <PageSkeleton titleClassName="w-2/3">
      <Skeleton className="h-28 w-full" />
      <SkeletonCard>
        <ChartSkeleton height={BAND_CHART_HEIGHT_PX} label="Loading anomaly" />
      </SkeletonCard>
    </PageSkeleton>
  );
}
