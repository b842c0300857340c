// The hours around a web anomaly with what its rate was computed over. No hooks: the page renders
// it on the server and passes it to the client detail as a slot, so the table's code stays out of
// the page's first-load scripts (issue 12).
import type { WebAnomalyDetailJson } from "@/lib/web/schemas";
import { formatDateTime, formatNumber, metricLabel } from "./format";
import { Card } from "./ui/card";
import { DataTable, type Column } from "./ui/data-table";
import { formatWebValue } from "./web-format";

type Point = WebAnomalyDetailJson["series"][number];

/** The hours of the incident with what the rate was computed over, so a jump on a handful of visitors reads as such. */
export function WebAnomalyDenominators({ anomaly }: { anomaly: WebAnomalyDetailJson }) {
  if (!anomaly.denominator_label) return null;
  const start = Date.parse(anomaly.period_start);
  const end = Date.parse(anomaly.period_end);
  const rows = anomaly.series.filter((p) => Date.parse(p.hour) >= start - 3 * 3_600_000 && Date.parse(p.hour) < end + 3 * 3_600_000);
  const columns: Column<Point>[] = [
    { header: "Hour", rowHeader: true, cell: (p) => formatDateTime(p.hour) },
    { header: metricLabel(anomaly.metric_name), align: "right", cell: (p) => formatWebValue(anomaly.metric_name, p.actual) },
    { header: "Expected", align: "right", cellClassName: "text-slate-600", cell: (p) => formatWebValue(anomaly.metric_name, p.expected) },
    { header: `Out of (${anomaly.denominator_label})`, align: "right", cell: (p) => (p.denominator === null ? "—" : formatNumber(p.denominator)) },
  ];
  return (
    <Card headingId="denominators-heading" title={`Behind the rate: ${anomaly.denominator_label}`} flush>
      <DataTable columns={columns} rows={rows} rowKey={(p) => p.hour} rowAttributes={() => ({ "data-testid": "denominator-row" })} />
    </Card>
  );
}
