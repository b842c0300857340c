import type { ReactNode } from "react";
import { SubNav } from "@/components/sub-nav";

const LINKS = [
  { href: "/settings", label: "Plan & credits" },
  { href: "/settings/api-keys", label: "API keys" },
  { href: "/settings/providers", label: "Providers" },
  { href: "/settings/monitors", label: "Monitors" },
  { href: "/settings/websites", label: "Websites" },
  { href: "/settings/alerts", label: "Alerts" },
  { href: "/settings/members", label: "Members" },
  { href: "/settings/audit", label: "Audit log" },
];

export default function SettingsLayout({ children }: { children: ReactNode }) {
  return (
    <div className="space-y-6">
      <div className="space-y-3">
        <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
        <SubNav label="Settings" links={LINKS} />
      </div>
      {children}
    </div>
  );
}
