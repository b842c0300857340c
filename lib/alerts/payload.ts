// What a notification says. The generic JSON payload is built when the delivery is
// queued and stored on the AlertDelivery row (so a retry sends the same bytes); the
// Slack and email renderings are derived from it at send time.
import { z } from "zod";
import { topServices } from "@/lib/anomalies/top-services";
import { ANOMALY_TYPES, DIRECTIONS, readStored, SEVERITIES, type AnomalyType, type Direction, type Severity } from "@/lib/vocabulary";
import { alertConfig } from "@/lib/config";

type AnomalyRow = {
  id: number;
  publicId: string;
  type: AnomalyType;
  metric: string;
  providerId: number | null;
  websiteId: string | null;
  day: string;
  periodStart: Date;
  actual: number;
  expected: number;
  expectedUpper: number;
  deviationPercent: number;
  severity: Severity;
  direction: Direction;
  topServices: unknown;
  detectedAt: Date;
};

// Key order here is the order receivers see: PostgreSQL's jsonb reorders the stored keys and
// parsing through these schemas puts them back.
const anomalyPayloadSchema = z.object({
  id: z.number(),
  public_id: z.string(),
  type: z.enum(ANOMALY_TYPES),
  metric: z.string(),
  provider_id: z.number().nullable(),
  website_id: z.string().nullable(),
  date: z.string(),
  period_start: z.string(),
  actual: z.number(),
  expected: z.number(),
  expected_upper: z.number(),
  deviation_percent: z.number(),
  severity: z.enum(SEVERITIES),
  direction: z.enum(DIRECTIONS),
  /** Spend above expectation (cost anomalies only), in the provider's currency. */
  impact: z.number().nullable(),
  top_services: topServices,
  detected_at: z.string(),
  url: z.string(),
  dismiss_url: z.string(),
});
export type AnomalyPayload = z.infer<typeof anomalyPayloadSchema>;

/** Issue 13: a provider's month-end forecast that exceeds its budget. */
const forecastPayloadSchema = z.object({
  provider_id: z.number(),
  provider_name: z.string(),
  month: z.string(),
  currency: z.string(),
  forecast_total: z.number(),
  budget: z.number(),
  spent_to_date: z.number(),
  url: z.string(),
});
export type ForecastPayload = z.infer<typeof forecastPayloadSchema>;

const alertPayloadSchema = z.object({
  event: z.enum(["anomaly.created", "anomaly.escalated", "test", "digest", "forecast.exceeded"]),
  organization: z.string(),
  sent_at: z.string().optional(),
  delivery_id: z.string().optional(),
  anomaly: anomalyPayloadSchema.optional(),
  anomalies: z.array(anomalyPayloadSchema).optional(),
  message: z.string().optional(),
  forecast: forecastPayloadSchema.optional(),
});
export type AlertPayload = z.infer<typeof alertPayloadSchema>;

/** The AlertDelivery.payload Json column; throws StoredValueError for anything this app did not write. */
export function readAlertPayload(row: { payload: unknown }): AlertPayload {
  return readStored("AlertDelivery.payload", alertPayloadSchema, row.payload);
}

const r2 = (n: number) => Math.round(n * 100) / 100;

export function dollarImpact(a: Pick<AnomalyRow, "type" | "actual" | "expected">): number | null {
  return a.type === "cost" ? r2(Math.max(0, a.actual - a.expected)) : null;
}

export function anomalyLink(a: Pick<AnomalyRow, "id" | "type" | "websiteId" | "publicId">): string {
  const base = alertConfig.publicUrl;
  return a.type === "web" && a.websiteId ? `${base}/websites/${a.websiteId}/anomalies/${a.publicId}` : `${base}/anomalies/${a.id}`;
}

export function anomalyPayload(a: AnomalyRow): AnomalyPayload {
  const url = anomalyLink(a);
  // An unreadable list only costs the message its "top services" line, not the alert.
  const stored = topServices.safeParse(a.topServices);
  const top = stored.success ? stored.data : [];
  return {
    id: a.id,
    public_id: a.publicId,
    type: a.type,
    metric: a.metric,
    provider_id: a.providerId,
    website_id: a.websiteId,
    date: a.day,
    period_start: a.periodStart.toISOString(),
    actual: r2(a.actual),
    expected: r2(a.expected),
    expected_upper: r2(a.expectedUpper),
    deviation_percent: Math.round(a.deviationPercent * 10) / 10,
    severity: a.severity,
    direction: a.direction,
    impact: dollarImpact(a),
    top_services: top.slice(0, 5),
    detected_at: a.detectedAt.toISOString(),
    url,
    // The dashboard's detail page opens its dismiss dialog for ?dismiss=1 (a link cannot POST).
    dismiss_url: `${url}${url.includes("?") ? "&" : "?"}dismiss=1`,
  };
}

function headline(a: AnomalyPayload): string {
  const what = a.type === "cost" ? "Cost" : a.type === "performance" ? `Performance (${a.metric})` : `Website ${a.metric}`;
  const change = `${a.deviation_percent > 0 ? "+" : ""}${a.deviation_percent}%`;
  const amounts = a.type === "cost" ? `${a.actual.toFixed(2)} vs expected ${a.expected.toFixed(2)}` : `${a.actual} vs expected ${a.expected}`;
  return `${what} anomaly on ${a.date}: ${amounts} (${change}, ${a.severity})`;
}

function forecastText(f: ForecastPayload, organization: string): string {
  return `Budget alert (${organization}): ${f.provider_name} is forecast to spend ${f.forecast_total.toFixed(2)} ${f.currency} in ${f.month}, over its budget of ${f.budget.toFixed(2)} (spent so far ${f.spent_to_date.toFixed(2)})\n  ${f.url}`;
}

export function plainText(p: AlertPayload): string {
  if (p.event === "test") return p.message ?? "Test notification from Bandwatch";
  if (p.forecast) return forecastText(p.forecast, p.organization);
  const list = p.anomaly ? [p.anomaly] : (p.anomalies ?? []);
  const prefix = p.event === "digest" ? `Bandwatch digest: ${list.length} anomal${list.length === 1 ? "y" : "ies"}` : p.event === "anomaly.escalated" ? "Anomaly escalated" : "New anomaly";
  const lines = list.map((a) => {
    const services = a.top_services.length ? `\n  top: ${a.top_services.map((s) => `${s.service} (+${s.vs_expected})`).join(", ")}` : "";
    return `- ${headline(a)}${services}\n  ${a.url}`;
  });
  return `${prefix} (${p.organization})\n${lines.join("\n")}`;
}

/** Slack incoming-webhook body: a text fallback plus blocks with Open and Dismiss buttons. */
export function slackBody(p: AlertPayload): Record<string, unknown> {
  const list = p.anomaly ? [p.anomaly] : (p.anomalies ?? []);
  if (p.event === "test" || list.length === 0) return { text: plainText(p) };
  const title = p.event === "digest" ? `*Bandwatch digest* — ${list.length} anomalies` : p.event === "anomaly.escalated" ? "*Anomaly escalated*" : "*New anomaly*";
  const blocks: Array<Record<string, unknown>> = [{ type: "section", text: { type: "mrkdwn", text: `${title} (${p.organization})` } }];
  for (const a of list.slice(0, 20)) {
    const services = a.top_services.length ? `\nTop: ${a.top_services.map((s) => `${s.service} (+${s.vs_expected})`).join(", ")}` : "";
    blocks.push({ type: "section", text: { type: "mrkdwn", text: `<${a.url}|${headline(a)}>${services}` } });
    blocks.push({
      type: "actions",
      elements: [
        { type: "button", text: { type: "plain_text", text: "Open" }, url: a.url },
        { type: "button", text: { type: "plain_text", text: "Dismiss…" }, url: a.dismiss_url },
      ],
    });
  }
  return { text: plainText(p), blocks };
}
