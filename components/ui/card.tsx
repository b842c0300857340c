// A titled card section: the heading names the region (aria-labelledby), optional
// actions sit at the heading's right. `flush` cards hold lists and tables edge to edge
// under a ruled header; the others pad their content.
import type { ReactNode } from "react";
import { cardClass } from "../styles";

export function Card({
  headingId,
  title,
  actions,
  flush = false,
  children,
}: {
  headingId: string;
  title: ReactNode;
  actions?: ReactNode;
  flush?: boolean;
  children: ReactNode;
}) {
  return (
    <section className={flush ? cardClass : `${cardClass} p-4`} aria-labelledby={headingId}>
      <div className={flush ? "flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 px-4 py-3" : "mb-3 flex flex-wrap items-end justify-between gap-3"}>
        <h2 id={headingId} className="font-semibold">
          {title}
        </h2>
        {actions}
      </div>
      {children}
    </section>
  );
}
