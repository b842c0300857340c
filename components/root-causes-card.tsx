// The root causes of a cost anomaly (issue 13): the service × account × region × usage type
// combinations that explain its excess, ranked by how far each left its own expectation, as a
// table and a small bar chart of each one's share of the excess.
import type { CloudAnomalyDetailJson } from "@/lib/cloud/schemas";
import { EmptyState } from "./feedback";
import { formatDay } from "./format";
import { Card } from "./ui/card";
import { DataTable, type Column } from "./ui/data-table";

type RootCauseRow = CloudAnomalyDetailJson["root_causes"][number];
type Money = (n: number | null) => string;

const dash = (s: string) => s || "—";
const pct = (share: number) => `${(share * 100).toFixed(1)}%`;

function columns(money: Money): Column<RootCauseRow>[] {
  return [
    { header: "Service", rowHeader: true, cell: (c) => c.service },
    { header: "Account", cell: (c) => dash(c.account_id) },
    { header: "Region", cell: (c) => dash(c.region) },
    { header: "Usage type", cellClassName: "break-all", cell: (c) => dash(c.usage_type) },
    { header: "Actual", align: "right", cell: (c) => money(c.amount) },
    { header: "Expected", align: "right", cell: (c) => money(c.expected) },
    {
      header: "vs expected",
      align: "right",
      cell: (c) => <span className={c.vs_expected > 0 ? "text-red-700" : "text-slate-700"}>{`${c.vs_expected > 0 ? "+" : ""}${money(c.vs_expected)}`}</span>,
    },
    { header: "Share of excess", align: "right", cell: (c) => pct(c.share_of_excess) },
  ];
}

const rowKey = (c: RootCauseRow) => [c.service, c.account_id, c.region, c.usage_type].join("|");

/** Horizontal bars of each combination's share of the excess (decorative: the table carries the figures). */
function ShareBars({ causes }: { causes: RootCauseRow[] }) {
  return (
    <ol className="space-y-1.5" aria-hidden="true" data-testid="root-cause-bars">
      {causes.map((c) => (
        <li key={rowKey(c)} className="text-xs">
          <div className="flex justify-between gap-2 text-slate-700">
            <span className="truncate">{[c.service, c.account_id, c.region, c.usage_type].filter(Boolean).join(" · ")}</span>
            <span className="tabular-nums">{pct(c.share_of_excess)}</span>
          </div>
          <div className="mt-0.5 h-2 rounded bg-slate-100">
            <div className="h-2 rounded bg-red-500/70" style={{ width: `${Math.max(1, Math.min(100, c.share_of_excess * 100))}%` }} />
          </div>
        </li>
      ))}
    </ol>
  );
}

export function RootCausesCard({ anomaly, money }: { anomaly: CloudAnomalyDetailJson; money: Money }) {
  if (anomaly.type !== "cost") return null;
  const causes = anomaly.root_causes;
  return (
    <Card headingId="root-causes-heading" title={`Root causes on ${formatDay(anomaly.date)}`}>
      {causes.length === 0 ? (
        <EmptyState title="No root causes for this anomaly">No combination of service, account, region and usage type stood out on this day.</EmptyState>
      ) : (
        <div className="grid gap-6 lg:grid-cols-3">
          <ShareBars causes={causes} />
          <div className="lg:col-span-2">
            <DataTable
              columns={columns(money)}
              rows={causes}
              rowKey={rowKey}
              caption="Combinations of service, account, region and usage type that explain the anomaly, ranked by how far each left its own expected spend"
              testId="root-causes-table"
            />
          </div>
        </div>
      )}
    </Card>
  );
}
