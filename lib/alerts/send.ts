// Transports: one HTTP POST (generic webhook or Slack) or one email, with a timeout.
// Generic webhooks carry an HMAC-SHA256 signature over "<timestamp>.<body>":
//   X-Bandwatch-Timestamp: 1700000000
//   X-Bandwatch-Signature: sha256=<hex>
// A receiver recomputes it with the destination's secret and rejects old timestamps.
import { createHmac } from "node:crypto";
import { alertConfig } from "./config";
import { plainText, slackBody, type AlertPayload } from "./payload";

export interface SendTarget {
  kind: string;
  url: string | null;
  email: string | null;
  secret: string | null;
}

export interface SendOutcome {
  ok: boolean;
  status: number | null;
  error: string | null;
}

export function signatureFor(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

async function post(url: string, body: string, headers: Record<string, string>): Promise<SendOutcome> {
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "Bandwatch-Alerts/1", ...headers },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(alertConfig.timeoutMs),
    });
    await res.arrayBuffer().catch(() => undefined);
    if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status, error: null };
    return { ok: false, status: res.status, error: `HTTP ${res.status}` };
  } catch (error) {
    const name = (error as { name?: string }).name;
    const message = name === "TimeoutError" || name === "AbortError" ? `timed out after ${alertConfig.timeoutMs} ms` : error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    return { ok: false, status: null, error: message.slice(0, 500) };
  }
}

async function sendEmail(to: string, payload: AlertPayload): Promise<SendOutcome> {
  if (!alertConfig.smtpUrl) return { ok: false, status: null, error: "email is not configured (set BANDWATCH_SMTP_URL)" };
  try {
    const nodemailer = await import("nodemailer");
    const transport = nodemailer.createTransport(alertConfig.smtpUrl, { connectionTimeout: alertConfig.timeoutMs, socketTimeout: alertConfig.timeoutMs });
    const text = plainText(payload);
    await transport.sendMail({ from: alertConfig.emailFrom, to, subject: text.split("\n")[0].slice(0, 200), text });
    return { ok: true, status: null, error: null };
  } catch (error) {
    return { ok: false, status: null, error: (error instanceof Error ? error.message : String(error)).slice(0, 500) };
  }
}

export async function sendAlert(target: SendTarget, payload: AlertPayload, deliveryId: string): Promise<SendOutcome> {
  const stamped: AlertPayload = { ...payload, delivery_id: deliveryId, sent_at: new Date().toISOString() };
  if (target.kind === "email") return target.email ? sendEmail(target.email, stamped) : { ok: false, status: null, error: "no email address" };
  if (!target.url) return { ok: false, status: null, error: "no URL" };
  if (target.kind === "slack") return post(target.url, JSON.stringify(slackBody(stamped)), {});
  const body = JSON.stringify(stamped);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const headers: Record<string, string> = {
    "x-bandwatch-event": payload.event,
    "x-bandwatch-delivery": deliveryId,
    "x-bandwatch-timestamp": timestamp,
  };
  if (target.secret) headers["x-bandwatch-signature"] = signatureFor(target.secret, timestamp, body);
  return post(target.url, body, headers);
}
