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

/** The client's address (see lib/auth/client-ip.ts); used only for hashing, never stored. */
export { clientIp } from "@/lib/auth/client-ip";
