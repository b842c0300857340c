// Settings → the plan section (admins): every plan with its monthly API credits, the
// organization's own marked. No billing: an operator changes plans with the CLI.
import { Card } from "./ui/card";

export function PlanSection({ plan, slug, plans }: { plan: string; slug: string; plans: ReadonlyArray<{ name: string; credits: number }> }) {
  return (
    <Card headingId="plans-heading" title="Plans">
      <ul className="space-y-1 text-sm" data-testid="plans">
        {plans.map(({ name, credits }) => (
          <li key={name} className={name === plan ? "font-semibold text-indigo-700" : "text-slate-700"} aria-current={name === plan ? "true" : undefined}>
            <span className="capitalize">{name}</span>: {credits.toLocaleString("en-US")} API credits a month{name === plan ? " (current)" : ""}
          </li>
        ))}
      </ul>
      <p className="mt-2 text-sm text-slate-600">
        There is no billing integration: an operator changes the plan with <code>bandwatch orgs set-plan {slug} free|pro|business</code>, and the change is written to the audit
        log.
      </p>
    </Card>
  );
}
