// The per-service table of a cloud anomaly's day. No hooks: the anomaly page renders it on the
// server and hands it to the client detail as a slot, so the table's code is not in the page's
// first-load scripts (issue 12). The services of a day do not change when the anomaly is dismissed.
import type { CloudAnomalyDetailJson } from "@/lib/cloud/schemas";
import { formatAmount } from "./format";
import { DataTable, type Column } from "./ui/data-table";

type ServiceRow = CloudAnomalyDetailJson["services"][number];
type Money = (n: number | null) => string;

function serviceColumns(anomaly: CloudAnomalyDetailJson, money: Money): Column<ServiceRow>[] {
  return [
    { header: "Service", rowHeader: true, cell: (s) => s.service },
    { header: "Actual", align: "right", cell: (s) => money(s.amount) },
    {
      header: "vs expected",
      align: "right",
      cell: (s) =>
        s.vs_expected === null ? (
          "—"
        ) : (
          <span className={s.vs_expected > 0 ? "text-red-700" : "text-slate-700"}>{`${s.vs_expected > 0 ? "+" : ""}${money(s.vs_expected)}`}</span>
        ),
    },
    { header: "Share", align: "right", cell: (s) => (anomaly.type === "cost" ? `${(s.share * 100).toFixed(1)}%` : "—") },
  ];
}

export function AnomalyServicesTable({ anomaly }: { anomaly: CloudAnomalyDetailJson }) {
  const money = (n: number | null) => formatAmount(n, anomaly.type);
  return (
    <DataTable
      columns={serviceColumns(anomaly, money)}
      rows={anomaly.services}
      rowKey={(s) => s.service}
      caption="Every service on the anomaly day with its share of the total"
      testId="services-table"
    />
  );
}
