// Loading skeletons, empty states and inline errors used across pages.
import type { ReactNode } from "react";

export function Skeleton({ className = "" }: { className?: string }) {
  return <div aria-hidden="true" className={`animate-pulse rounded bg-slate-200 ${className}`} />;
}

/** A placeholder exactly as tall as the chart it stands for, so nothing moves when the chart arrives. */
export function ChartSkeleton({ height, label = "Loading chart" }: { height: number; label?: string }) {
  return (
    <div role="status" aria-label={label} style={{ height }} className="w-full animate-pulse rounded bg-slate-100">
      <span className="sr-only">{label}…</span>
    </div>
  );
}

export function TableSkeleton({ rows = 6 }: { rows?: number }) {
  return (
    <div role="status" aria-label="Loading" className="space-y-2 p-4">
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} className="h-8 w-full" />
      ))}
      <span className="sr-only">Loading…</span>
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="px-6 py-10 text-center">
      <p className="font-medium text-slate-800">{title}</p>
      {children ? <div className="mt-1 text-sm text-slate-600">{children}</div> : null}
    </div>
  );
}

export function InlineError({ children }: { children: ReactNode }) {
  return (
    <p role="alert" className="rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      {children}
    </p>
  );
}

/** A route's loading screen: a title bar, then placeholders shaped like the page's sections. */
export function PageSkeleton({ titleClassName, className = "space-y-6", children }: { titleClassName: string; className?: string; children: ReactNode }) {
  return (
    <div className={className} aria-busy="true">
      <Skeleton className={`h-8 ${titleClassName}`} />
      {children}
    </div>
  );
}

/** An empty card frame around a placeholder, so the layout does not jump when the card arrives. */
export function SkeletonCard({ padded = true, children }: { padded?: boolean; children: ReactNode }) {
  return <div className={`rounded-lg border border-slate-200 bg-white ${padded ? "p-4" : ""}`}>{children}</div>;
}
