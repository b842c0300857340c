import { Skeleton, TableSkeleton } from "@/components/feedback";

export default function Loading() {
  return (
    <div className="space-y-4" aria-busy="true">
      <Skeleton className="h-8 w-64" />
      <Skeleton className="h-24 w-full" />
      <div className="rounded-lg border border-slate-200 bg-white">
        <TableSkeleton rows={8} />
      </div>
    </div>
  );
}
