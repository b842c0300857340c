// Guards of the public collector that run before any database work: per-IP and per-site
// rate limits and each site's optional list of allowed page origins. The limits are counted
// in memory per instance (a database counter would cost a write per event on the hottest
// path); with N instances the effective limit is up to N times the setting.
import { HttpError } from "@/lib/http/errors";
import { enforceWindow, limits } from "@/lib/org/rate-limit";
import { z } from "zod";

/** Requests per client IP per minute; a limit of 0 turns the check off. */
export async function checkIpLimit(ip: string, now = new Date()): Promise<void> {
  const rule = limits.collectIp();
  if (rule.limit > 0) await enforceWindow(rule, ip, "Too many requests from this address", { now });
}

/** Events per website per minute; a limit of 0 turns the check off. */
export async function checkSiteLimit(websiteId: string, events: number, now = new Date()): Promise<void> {
  const rule = limits.collectSite();
  if (rule.limit > 0) await enforceWindow(rule, websiteId, "Too many events for this website", { now, amount: events });
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
