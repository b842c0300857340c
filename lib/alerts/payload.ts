// What a notification says. The generic JSON payload is built when the delivery is
// queued and stored on the AlertDelivery row (so a retry sends the same bytes); the
// Slack and email renderings are derived from it at send time.
import { alertConfig } from "@/lib/config";

type AnomalyRow = {
  id: number;
  publicId: string;
  type: string;
  metric: string;
  providerId: number | null;
  websiteId: string | null;
  day: string;
  periodStart: Date;
  actual: number;
  expected: number;
  expectedUpper: number;
  deviationPercent: number;
  severity: string;
  direction: string;
  topServices: string;
  detectedAt: Date;
};

export interface AnomalyPayload {
  id: number;
  public_id: string;
  type: string;
  metric: string;
  provider_id: number | null;
  website_id: string | null;
  date: string;
  period_start: string;
  actual: number;
  expected: number;
  expected_upper: number;
  deviation_percent: number;
  severity: string;
  direction: string;
  /** Spend above expectation (cost anomalies only), in the provider's currency. */
  impact: number | null;
  top_services: Array<{ service: string; amount: number; vs_expected: number }>;
  detected_at: string;
  url: string;
  dismiss_url: string;
}

export type AlertEvent = "anomaly.created" | "anomaly.escalated" | "test" | "digest";

export interface AlertPayload {
  event: AlertEvent;
  organization: string;
  sent_at?: string;
  delivery_id?: string;
  anomaly?: AnomalyPayload;
  anomalies?: AnomalyPayload[];
  message?: string;
}

const r2 = (n: number) => Math.round(n * 100) / 100;

export function dollarImpact(a: Pick<AnomalyRow, "type" | "actual" | "expected">): number | null {
  return a.type === "cost" ? r2(Math.max(0, a.actual - a.expected)) : null;
}

export function anomalyLink(a: Pick<AnomalyRow, "id" | "type" | "websiteId" | "publicId">): string {
  const base = alertConfig.publicUrl;
  return a.type === "web" && a.websiteId ? `${base}/websites/${a.websiteId}?anomaly=${a.publicId}` : `${base}/anomalies/${a.id}`;
}

export function anomalyPayload(a: AnomalyRow): AnomalyPayload {
  const url = anomalyLink(a);
  let top: AnomalyPayload["top_services"] = [];
  try {
    top = JSON.parse(a.topServices) as AnomalyPayload["top_services"];
  } catch {
    top = [];
  }
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

export function plainText(p: AlertPayload): string {
  if (p.event === "test") return p.message ?? "Test notification from Bandwatch";
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
