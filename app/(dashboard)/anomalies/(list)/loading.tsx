import { PageSkeleton, Skeleton, SkeletonCard, TableSkeleton } from "@/components/feedback";

export default function Loading() {
  return (
    <PageSkeleton titleClassName="w-64" className="space-y-4">
      <Skeleton className="h-24 w-full" />
      <SkeletonCard padded={false}>
        <TableSkeleton rows={8} />
      </SkeletonCard>
    </PageSkeleton>
  );
}
