import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { getOrganizationSummary } from "@/lib/org/summary";
import { requireUser } from "@/lib/auth/session";
import { PlanSection } from "@/components/plan-section";
import { PLAN_CREDITS, PLANS } from "@/lib/org/organizations";

export const metadata: Metadata = { title: "Plan & credits" };
export const dynamic = "force-dynamic";

export default async function SettingsPage() {
  const user = await requireUser("/settings");
  const org = await getOrganizationSummary(user.org);
  const { balance, allowance, period } = org.credits;
  const used = Math.max(0, allowance - balance);
  const percentLeft = allowance > 0 ? Math.max(0, Math.min(100, Math.round((balance / allowance) * 100))) : 0;
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <Card headingId="org-heading" title="Organization">
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
          <dt className="text-slate-600">Name</dt>
          <dd>{org.name}</dd>
          <dt className="text-slate-600">Slug</dt>
          <dd>
            <code>{org.slug}</code>
          </dd>
          <dt className="text-slate-600">Plan</dt>
          <dd className="font-medium capitalize" data-testid="plan">
            {org.plan}
          </dd>
          <dt className="text-slate-600">Your role</dt>
          <dd className="capitalize">{user.role}</dd>
        </dl>
      </Card>
      <Card headingId="credits-heading" title="API credits">
        <p className="text-3xl font-semibold tabular-nums" data-testid="credits-remaining">
          {balance.toLocaleString("en-US")}
          <span className="text-base font-normal text-slate-600"> of {allowance.toLocaleString("en-US")} left</span>
        </p>
        <div
          className="mt-3 h-2 w-full overflow-hidden rounded bg-slate-200"
          role="progressbar"
          aria-label="Credits left"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percentLeft}
        >
          <div className="h-full bg-indigo-600" style={{ width: `${percentLeft}%` }} />
        </div>
        <p className="mt-2 text-sm text-slate-600">
          {used.toLocaleString("en-US")} used {period ? `in ${period}` : "this month"}. Each website-analytics API call costs one credit; the balance resets to the plan&apos;s
          allowance every month.
        </p>
      </Card>
      {user.role === "admin" ? <PlanSection plan={org.plan} slug={org.slug} plans={PLANS.map((name) => ({ name, credits: PLAN_CREDITS[name] }))} /> : null}
    </div>
  );
}
