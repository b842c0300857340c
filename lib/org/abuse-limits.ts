// Limits against abuse of the dashboard and the public collector (sign-in attempts, "Send test",
// /api/collect per IP and per site). Same fixed-window counter table as the API-key limits in
// rate-limit.ts (so they hold across instances), but each limiter has its own size and window;
// bucket names carry a prefix so they never collide with API-key buckets.
import { db } from "@/lib/db/client";
import { HttpError } from "@/lib/http/errors";

export interface WindowLimit {
  /** Bucket prefix, e.g. "signin-ip". */
  name: string;
  limit: number;
  windowSeconds: number;
}

export interface WindowState {
  count: number;
  allowed: boolean;
  retryAfterSeconds: number;
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && (error as { code?: string }).code === "P2002";
}

/** Counts one hit in `key`'s current window of `rule` (an atomic increment). */
export async function hitWindow(rule: WindowLimit, key: string, now = new Date()): Promise<WindowState> {
  const windowMs = rule.windowSeconds * 1000;
  const windowStart = new Date(now.getTime() - (now.getTime() % windowMs));
  const bucket = `${rule.name}:${key}`.slice(0, 300);
  const where = { bucket_windowStart: { bucket, windowStart } };
  let count: number;
  try {
    count = (await db().rateLimitWindow.upsert({ where, update: { count: { increment: 1 } }, create: { bucket, windowStart, count: 1 }, select: { count: true } })).count;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    count = (await db().rateLimitWindow.update({ where, data: { count: { increment: 1 } }, select: { count: true } })).count;
  }
  const resetMs = windowStart.getTime() + windowMs;
  return { count, allowed: count <= rule.limit, retryAfterSeconds: Math.max(1, Math.ceil((resetMs - now.getTime()) / 1000)) };
}

/** How many hits `key` has in the current window, without counting one. */
export async function peekWindow(rule: WindowLimit, key: string, now = new Date()): Promise<WindowState> {
  const windowMs = rule.windowSeconds * 1000;
  const windowStart = new Date(now.getTime() - (now.getTime() % windowMs));
  const row = await db().rateLimitWindow.findUnique({ where: { bucket_windowStart: { bucket: `${rule.name}:${key}`.slice(0, 300), windowStart } }, select: { count: true } });
  const count = row?.count ?? 0;
  return { count, allowed: count < rule.limit, retryAfterSeconds: Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000)) };
}

/** Counts a hit and throws 429 (with Retry-After) once `key` is over the limit. */
export async function enforceWindow(rule: WindowLimit, key: string, message: string, now = new Date()): Promise<void> {
  const state = await hitWindow(rule, key, now);
  if (!state.allowed) throw new HttpError("rate_limited", `${message}; retry after ${state.retryAfterSeconds} s`, undefined, { "Retry-After": String(state.retryAfterSeconds) });
}

export function envLimit(name: string, fallback: number): number {
  const n = Number(process.env[name]);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : fallback;
}
