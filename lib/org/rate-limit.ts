// Fixed-window rate limiting per API key, counted in the RateLimitWindow table so the
// limit holds across every app instance sharing one database.
import { db } from "@/lib/db/client";
import { HttpError } from "@/lib/http/errors";

function envInt(name: string, fallback: number): number {
  const n = Number(process.env[name]);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : fallback;
}

export const rateLimitConfig = {
  /** Requests per window per API key (BANDWATCH_API_RATE_LIMIT, default 100). */
  get limit() {
    return envInt("BANDWATCH_API_RATE_LIMIT", 100);
  },
  /** Window length in seconds (BANDWATCH_API_RATE_WINDOW_SECONDS, default 60). */
  get windowSeconds() {
    return envInt("BANDWATCH_API_RATE_WINDOW_SECONDS", 60);
  },
};

export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Unix seconds when the window ends. */
  reset: number;
  allowed: boolean;
  retryAfterSeconds: number;
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && (error as { code?: string }).code === "P2002";
}

/** Counts one request in the bucket's current window (one atomic increment). */
export async function hitRateLimit(bucket: string, now = new Date(), settings: { limit: number; windowSeconds: number } = rateLimitConfig): Promise<RateLimitState> {
  const limit = settings.limit;
  const windowMs = settings.windowSeconds * 1000;
  const windowStart = new Date(now.getTime() - (now.getTime() % windowMs));
  const key = { bucket_windowStart: { bucket, windowStart } };
  let count: number;
  try {
    count = (await db().rateLimitWindow.upsert({ where: key, update: { count: { increment: 1 } }, create: { bucket, windowStart, count: 1 }, select: { count: true } })).count;
  } catch (error) {
    // Two first requests of a window raced to create the row: the loser increments it.
    if (!isUniqueViolation(error)) throw error;
    count = (await db().rateLimitWindow.update({ where: key, data: { count: { increment: 1 } }, select: { count: true } })).count;
  }
  // Old windows are only clutter; sweep now and then rather than on every request.
  if (count === 1 && Math.random() < 0.05) {
    void db().rateLimitWindow.deleteMany({ where: { windowStart: { lt: new Date(now.getTime() - 10 * windowMs) } } }).catch(() => undefined);
  }
  const resetMs = windowStart.getTime() + windowMs;
  return {
    limit,
    remaining: Math.max(0, limit - count),
    reset: Math.ceil(resetMs / 1000),
    allowed: count <= limit,
    retryAfterSeconds: Math.max(1, Math.ceil((resetMs - now.getTime()) / 1000)),
  };
}

export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    "X-RateLimit-Limit": String(state.limit),
    "X-RateLimit-Remaining": String(state.remaining),
    "X-RateLimit-Reset": String(state.reset),
  };
}

/** Counts the request; throws 429 RATE_LIMIT_EXCEEDED (with Retry-After) when over the limit. */
export async function enforceRateLimit(bucket: string): Promise<Record<string, string>> {
  const state = await hitRateLimit(bucket);
  const headers = rateLimitHeaders(state);
  if (!state.allowed) {
    throw new HttpError("rate_limited", `Rate limit exceeded: ${state.limit} requests per ${rateLimitConfig.windowSeconds} seconds; retry after ${state.retryAfterSeconds} s`, undefined, {
      ...headers,
      "Retry-After": String(state.retryAfterSeconds),
    });
  }
  return headers;
}

// ---------- /api/v1 writes, per organization ----------
// Keys are unlimited in number, so a per-key limit alone does not bound what one tenant
// can write: ingest, imports and dismissals are counted per organization.

export const writeRateLimitConfig = {
  /** Write requests per window per organization (BANDWATCH_V1_WRITE_RATE_LIMIT, default 120). */
  get limit() {
    return envInt("BANDWATCH_V1_WRITE_RATE_LIMIT", 120);
  },
  /** Window length in seconds (BANDWATCH_V1_WRITE_RATE_WINDOW_SECONDS, default 60). */
  get windowSeconds() {
    return envInt("BANDWATCH_V1_WRITE_RATE_WINDOW_SECONDS", 60);
  },
};

export const orgWriteBucket = (orgId: string) => `v1write:org:${orgId}`;

/** `before` hook of /api/v1 write routes: 429 `rate_limited` (cloud error shape) with Retry-After over the limit. */
export async function enforceOrgWriteLimit({ principal }: { principal: { org: { id: string } } }): Promise<Record<string, string>> {
  const state = await hitRateLimit(orgWriteBucket(principal.org.id), new Date(), writeRateLimitConfig);
  const headers = rateLimitHeaders(state);
  if (!state.allowed) {
    throw new HttpError("rate_limited", `Write rate limit exceeded: ${state.limit} write requests per ${writeRateLimitConfig.windowSeconds} seconds per organization; retry after ${state.retryAfterSeconds} s`, undefined, {
      ...headers,
      "Retry-After": String(state.retryAfterSeconds),
    });
  }
  return headers;
}
