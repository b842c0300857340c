import { ChartSkeleton, PageSkeleton, Skeleton, SkeletonCard } from "@/components/feedback";
import { TIMELINE_HEIGHT_PX } from "@/components/charts/sizes";

export default function Loading() {
  return (
    <PageSkeleton titleClassName="w-48">
      <div className="grid gap-4 md:grid-cols-3">
        <Skeleton className="h-28" />
        <Skeleton className="h-28" />
        <Skeleton className="h-28" />
      </div>
      <SkeletonCard>
        <ChartSkeleton height={TIMELINE_HEIGHT_PX} label="Loading overview" />
      </SkeletonCard>
    </PageSkeleton>
  );
}
