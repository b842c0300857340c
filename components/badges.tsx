// Small status labels. Colours always come with text, never colour alone.
const SEVERITY_STYLES: Record<string, string> = {
  critical: "bg-red-100 text-red-800 ring-red-200",
  warning: "bg-amber-100 text-amber-900 ring-amber-200",
  info: "bg-sky-100 text-sky-900 ring-sky-200",
};

const badge = "inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset whitespace-nowrap";

export function SeverityBadge({ severity }: { severity: string }) {
  return <span className={`${badge} ${SEVERITY_STYLES[severity] ?? SEVERITY_STYLES.info}`}>{severity}</span>;
}

export function StatusBadge({ status }: { status: string }) {
  const style =
    status === "dismissed" ? "bg-slate-100 text-slate-700 ring-slate-200" : status === "resolved" ? "bg-emerald-100 text-emerald-800 ring-emerald-200" : "bg-rose-50 text-rose-800 ring-rose-200";
  return <span className={`${badge} ${style}`}>{status}</span>;
}

export function TypeBadge({ type }: { type: string }) {
  const style =
    type === "cost" ? "bg-indigo-50 text-indigo-800 ring-indigo-200" : type === "performance" ? "bg-violet-50 text-violet-800 ring-violet-200" : "bg-teal-50 text-teal-800 ring-teal-200";
  return <span className={`${badge} ${style}`}>{type}</span>;
}
