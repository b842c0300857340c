// Transports: one HTTP POST (generic webhook or Slack) or one email, with a timeout.
// Generic webhooks carry an HMAC-SHA256 signature over "<timestamp>.<body>":
//   X-Bandwatch-Timestamp: 1700000000
//   X-Bandwatch-Signature: sha256=<hex>
// A receiver recomputes it with the destination's secret and rejects old timestamps.
import { createHmac } from "node:crypto";
import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import { openSecret } from "@/lib/auth/secret-box";
import { BlockedDestinationError, guardedLookup, resolvePermitted, urlHostname } from "./net-guard";
import { alertConfig } from "@/lib/config";
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

/** The text stored in the delivery log: generic, so the log cannot be used to probe a network. */
function publicError(error: unknown): string {
  if (error instanceof BlockedDestinationError) return "destination address is not allowed";
  const name = (error as { name?: string }).name;
  if (name === "TimeoutError" || name === "AbortError") return `timed out after ${alertConfig.timeoutMs} ms`;
  return "could not connect to the destination";
}

function request(url: URL, body: string, headers: Record<string, string>): Promise<number> {
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)), "user-agent": "Bandwatch-Alerts/1", ...headers },
        // Every connection goes to an address that passed the check (no rebinding between check and connect).
        lookup: guardedLookup(),
        signal: AbortSignal.timeout(alertConfig.timeoutMs),
      },
      (res) => {
        res.resume(); // the body is not needed; drain it so the socket is released
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function post(raw: string, body: string, headers: Record<string, string>): Promise<SendOutcome> {
  try {
    const url = new URL(raw);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new BlockedDestinationError();
    // IP literals never reach the lookup hook, so they are checked here.
    if (isIP(urlHostname(url))) await resolvePermitted(urlHostname(url));
    const status = await request(url, body, headers);
    if (status >= 200 && status < 300) return { ok: true, status, error: null };
    return { ok: false, status, error: `HTTP ${status}` };
  } catch (error) {
    console.warn("[bandwatch] alert delivery failed:", error instanceof Error ? error.message : String(error));
    return { ok: false, status: null, error: publicError(error) };
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
    console.warn("[bandwatch] alert email failed:", error instanceof Error ? error.message : String(error));
    return { ok: false, status: null, error: "could not send the email" };
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
  if (target.secret) {
    const secret = openSecret(target.secret);
    // Never send unsigned to a receiver that expects a signature.
    if (!secret) return { ok: false, status: null, error: "the signing secret cannot be read (the encryption key changed): rotate it" };
    headers["x-bandwatch-signature"] = signatureFor(secret, timestamp, body);
  }
  return post(target.url, body, headers);
}
