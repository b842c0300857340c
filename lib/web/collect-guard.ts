// Guards of the public collector that run before any database work: per-IP and per-site
// rate limits and each site's optional list of allowed page origins. The limits are counted
// in memory per instance (a database counter would cost a write per event on the hottest
// path); with N instances the effective limit is up to N times the setting.
import { HttpError } from "@/lib/http/errors";
import { z } from "zod";

export interface CollectLimits {
  /** Requests per IP per minute (BANDWATCH_COLLECT_IP_LIMIT, default 1200; 0 turns it off). */
  perIp: number;
  /** Events per site per minute (BANDWATCH_COLLECT_SITE_LIMIT, default 60000; 0 turns it off). */
  perSite: number;
}

function setting(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? Math.floor(n) : fallback;
}

export function collectLimits(): CollectLimits {
  return { perIp: setting("BANDWATCH_COLLECT_IP_LIMIT", 1200), perSite: setting("BANDWATCH_COLLECT_SITE_LIMIT", 60_000) };
}

const WINDOW_MS = 60_000;
const MAX_KEYS = 100_000;

/** Fixed one-minute windows; the whole map is dropped when the window turns. */
class MinuteCounter {
  private windowStart = 0;
  private counts = new Map<string, number>();

  hit(key: string, amount: number, limit: number, now: number): number | null {
    const start = now - (now % WINDOW_MS);
    if (start !== this.windowStart || this.counts.size > MAX_KEYS) {
      this.windowStart = start;
      this.counts = new Map();
    }
    const count = (this.counts.get(key) ?? 0) + amount;
    this.counts.set(key, count);
    return count > limit ? Math.max(1, Math.ceil((start + WINDOW_MS - now) / 1000)) : null;
  }
}

const holder = globalThis as unknown as { __bandwatchCollectCounters?: { ip: MinuteCounter; site: MinuteCounter } };
const counters = (holder.__bandwatchCollectCounters ??= { ip: new MinuteCounter(), site: new MinuteCounter() });

function limited(what: string, retryAfter: number): HttpError {
  return new HttpError("rate_limited", `Too many ${what}; retry after ${retryAfter} s`, undefined, { "Retry-After": String(retryAfter) });
}

export function checkIpLimit(ip: string, now = Date.now()): void {
  const { perIp } = collectLimits();
  if (perIp === 0) return;
  const wait = counters.ip.hit(ip, 1, perIp, now);
  if (wait !== null) throw limited("requests from this address", wait);
}

export function checkSiteLimit(websiteId: string, events: number, now = Date.now()): void {
  const { perSite } = collectLimits();
  if (perSite === 0) return;
  const wait = counters.site.hit(websiteId, events, perSite, now);
  if (wait !== null) throw limited("events for this website", wait);
}

// ---------- allowed origins ----------

export const allowedOriginsSchema = z
  .array(
    z
      .string()
      .trim()
      .max(300)
      .refine((o) => {
        try {
          const url = new URL(o);
          return (url.protocol === "https:" || url.protocol === "http:") && url.origin === o.replace(/\/+$/, "");
        } catch {
          return false;
        }
      }, { message: "must be an origin like https://www.example.com" }),
  )
  .max(50);

const settingsWithOrigins = z.object({ allowed_origins: allowedOriginsSchema.optional() });

/** The settings JSON as an object (anything else, or unparsable text, is an empty object). */
export function settingsObject(settingsJson: string): Record<string, unknown> {
  try {
    const parsed = z.record(z.string(), z.unknown()).safeParse(JSON.parse(settingsJson || "{}"));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** The site's allowed origins from its settings JSON; empty means any origin. */
export function allowedOriginsOf(settingsJson: string): string[] {
  const parsed = settingsWithOrigins.safeParse(settingsObject(settingsJson));
  return parsed.success ? (parsed.data.allowed_origins ?? []).map((o) => new URL(o).origin) : [];
}

/**
 * When a site lists origins, browser events (which always carry Origin) must come from one of
 * them; requests without Origin (server-side senders) are not affected.
 */
export function checkOrigin(allowed: string[], origin: string | null): void {
  if (!allowed.length || origin === null) return;
  if (!allowed.includes(origin)) throw new HttpError("forbidden", "Events for this website are not accepted from this origin");
}
