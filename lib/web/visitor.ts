// Unique visitors without cookies and without storing IPs: a hash of (daily salt, site,
// IP, user agent). The salt is derived from a server secret and the UTC date, so hashes
// cannot be linked across days and the IP cannot be recovered from them.
import { setting } from "@/lib/config";
import { createHash, createHmac } from "node:crypto";

function serverSecret(): string {
  return setting("BANDWATCH_VISITOR_SECRET") || setting("NEXTAUTH_SECRET") || "bandwatch-visitor-salt";
}

const saltCache = new Map<string, string>();

export function dailySalt(day: string): string {
  let salt = saltCache.get(day);
  if (!salt) {
    salt = createHmac("sha256", serverSecret()).update(`visitor-salt:${day}`).digest("hex");
    if (saltCache.size > 8) saltCache.clear();
    saltCache.set(day, salt);
  }
  return salt;
}

export function visitorHash(input: { websiteId: string; ip: string; userAgent: string; day: string }): string {
  return createHash("sha256").update(`${dailySalt(input.day)}|${input.websiteId}|${input.ip}|${input.userAgent}`).digest("hex").slice(0, 32);
}

const DAY_MS = 24 * 60 * 60 * 1000;
const rememberedHashes = new Map<string, string>();
const REMEMBERED_HASHES = 10_000;

/**
 * visitorHash on the UTC day `dayNumber` (days since the epoch), remembered: a visitor sends
 * several events a day, and each fresh hash costs a SHA-256 and a date string (together the
 * largest part of the collector's own work per single-event request in profiles). The keys hold
 * the IP and user agent in this process's memory only, as the per-IP rate limiter does; they are
 * never stored, and the map is emptied when it fills.
 */
export function visitorHashOnDay(input: { websiteId: string; ip: string; userAgent: string }, dayNumber: number): string {
  const key = `${dayNumber}|${input.websiteId}|${input.ip}|${input.userAgent}`;
  let hash = rememberedHashes.get(key);
  if (hash === undefined) {
    hash = visitorHash({ ...input, day: new Date(dayNumber * DAY_MS).toISOString().slice(0, 10) });
    if (rememberedHashes.size >= REMEMBERED_HASHES) rememberedHashes.clear();
    rememberedHashes.set(key, hash);
  }
  return hash;
}

/** The client's address (see lib/auth/client-ip.ts); used only for hashing, never stored. */
export { clientIp } from "@/lib/auth/client-ip";
