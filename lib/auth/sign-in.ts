// Sign-in checks: throttles per IP (every attempt) and per account (failed attempts), equal
// work for unknown e-mails, and the hash upgrade at the next successful sign-in.
import { db } from "@/lib/db/client";
import { hitWindow, limits, peekWindow } from "@/lib/org/rate-limit";
import { needsRehash, hashPassword, verifyDummyPassword, verifyPassword } from "./passwords";

export const THROTTLED_ERROR = "TooManyAttempts";

/** Counts the attempt; returns the seconds to wait when the IP or the account is over its limit. */
export async function signInThrottle(ip: string, email: string): Promise<number | null> {
  const byIp = await hitWindow(limits.signInIp(), ip);
  if (!byIp.allowed) return byIp.retryAfterSeconds;
  const byAccount = await peekWindow(limits.signInAccount(), normaliseEmail(email));
  return byAccount.allowed ? null : byAccount.retryAfterSeconds;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase().slice(0, 320);
}

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  orgId: string;
  role: string;
}

/** `preferredOrgId`: the organization to open (after accepting an invitation); ignored unless the user belongs to it. */
export async function checkCredentials(rawEmail: string, password: string, preferredOrgId?: string): Promise<SignedInUser | null> {
  const email = normaliseEmail(rawEmail);
  const user = await db().user.findUnique({ where: { email }, include: { memberships: true } });
  const ok = user ? await verifyPassword(password, user.passwordHash) : await verifyDummyPassword(password);
  if (!user || !ok) {
    await hitWindow(limits.signInAccount(), email);
    return null;
  }
  if (needsRehash(user.passwordHash)) {
    // Conditional on the old hash, so a password changed meanwhile is never overwritten.
    await db().user.updateMany({ where: { id: user.id, passwordHash: user.passwordHash }, data: { passwordHash: await hashPassword(password) } });
  }
  const preferred = user.memberships.find((m) => m.orgId === preferredOrgId);
  const membership = preferred ?? [...user.memberships].sort((a, b) => (a.role === "admin" ? -1 : b.role === "admin" ? 1 : 0))[0];
  if (!membership) return null;
  await db().user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  return { id: user.id, email: user.email, name: user.name ?? user.email, orgId: membership.orgId, role: membership.role };
}
