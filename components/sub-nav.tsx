"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

export function SubNav({ label, links }: { label: string; links: Array<{ href: string; label: string }> }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="flex gap-1 overflow-x-auto border-b border-slate-200">
      {links.map((link) => {
        const active = pathname === link.href;
        return (
          <Link
            key={link.href}
            href={link.href}
            aria-current={active ? "page" : undefined}
            className={`-mb-px whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium ${active ? "border-indigo-600 text-indigo-800" : "border-transparent text-slate-700 hover:border-slate-300"}`}
          >
            {link.label}
          </Link>
        );
      })}
    </nav>
  );
}
