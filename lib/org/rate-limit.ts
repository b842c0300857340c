// Every rate limit in one place: a rule (bucket prefix, size, window) counted in fixed windows
// aligned to the epoch, so all instances agree on where a window starts.
// Counts live in the RateLimitWindow table (the limit holds across every instance sharing the
// database) unless a rule brings its own counter: the public collector counts in memory per
// instance, because a database counter would cost a write per event on the hottest path.
//
// Kept our own rather than rate-limiter-flexible: its Prisma store needs its own table and
// anchors each key's window at its first hit, while these limits promise epoch-aligned windows
// (X-RateLimit-Reset) in the existing RateLimitWindow table.
import { db } from "@/lib/db/client";
import { HttpError } from "@/lib/http/errors";
import { alertConfig, setting } from "@/lib/config";

/** Where a rule's hits are counted. */
export interface WindowCounter {
  /** Adds `amount` to the bucket's count in the window starting at `windowStart`; returns the new count. */
  add(rule: WindowLimit, bucket: string, windowStart: Date, amount: number): Promise<number>;
  /** The bucket's count in that window, without adding to it. */
  count(bucket: string, windowStart: Date): Promise<number>;
}

export interface WindowLimit {
  /** Bucket prefix, e.g. "signin-ip"; buckets are `${name}:${key}`. */
  name: string;
  limit: number;
  windowSeconds: number;
  /** Default: the shared database table. */
  counter?: WindowCounter;
}

export interface WindowState {
  limit: number;
  count: number;
  remaining: number;
  /** Unix seconds when the window ends. */
  reset: number;
  allowed: boolean;
  retryAfterSeconds: number;
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}

/** The RateLimitWindow table: one row per bucket and window, incremented atomically. */
export const databaseCounter: WindowCounter = {
  async add(rule, bucket, windowStart, amount) {
    const where = { bucket_windowStart: { bucket, windowStart } };
    let count: number;
    try {
      count = (await db().rateLimitWindow.upsert({ where, update: { count: { increment: amount } }, create: { bucket, windowStart, count: amount }, select: { count: true } })).count;
    } catch (error) {
      // Two first hits of a window raced to create the row: the loser increments it.
      if (!isUniqueViolation(error)) throw error;
      count = (await db().rateLimitWindow.update({ where, data: { count: { increment: amount } }, select: { count: true } })).count;
    }
    // Old windows are only clutter; sweep this rule's now and then rather than on every hit
    // (only its own buckets: another rule's current window may be older than ten of these).
    if (count === amount && Math.random() < 0.05) {
      const before = new Date(windowStart.getTime() - 10 * rule.windowSeconds * 1000);
      void db().rateLimitWindow.deleteMany({ where: { bucket: { startsWith: `${rule.name}:` }, windowStart: { lt: before } } }).catch(() => undefined);
    }
    return count;
  },
  async count(bucket, windowStart) {
    const row = await db().rateLimitWindow.findUnique({ where: { bucket_windowStart: { bucket, windowStart } }, select: { count: true } });
    return row?.count ?? 0;
  },
};

/** Counts of one rule in this process only; the whole map is dropped when the window turns. */
export class MemoryCounter implements WindowCounter {
  private windowStart = 0;
  private counts = new Map<string, number>();

  constructor(private readonly maxKeys = 100_000) {}

  async add(_rule: WindowLimit, bucket: string, windowStart: Date, amount: number): Promise<number> {
    if (windowStart.getTime() !== this.windowStart || this.counts.size > this.maxKeys) {
      this.windowStart = windowStart.getTime();
      this.counts = new Map();
    }
    const count = (this.counts.get(bucket) ?? 0) + amount;
    this.counts.set(bucket, count);
    return count;
  }

  async count(bucket: string, windowStart: Date): Promise<number> {
    return windowStart.getTime() === this.windowStart ? (this.counts.get(bucket) ?? 0) : 0;
  }
}

function windowOf(rule: WindowLimit, key: string, now: Date) {
  const ms = rule.windowSeconds * 1000;
  const start = new Date(now.getTime() - (now.getTime() % ms));
  return { bucket: `${rule.name}:${key}`.slice(0, 300), start, endMs: start.getTime() + ms };
}

function stateOf(rule: WindowLimit, count: number, allowed: boolean, endMs: number, now: Date): WindowState {
  return {
    limit: rule.limit,
    count,
    remaining: Math.max(0, rule.limit - count),
    reset: Math.ceil(endMs / 1000),
    allowed,
    retryAfterSeconds: Math.max(1, Math.ceil((endMs - now.getTime()) / 1000)),
  };
}

/** Counts `amount` hits (default 1) for `key`; allowed while the count stays within the limit. */
export async function hitWindow(rule: WindowLimit, key: string, now = new Date(), amount = 1): Promise<WindowState> {
  const window = windowOf(rule, key, now);
  const count = await (rule.counter ?? databaseCounter).add(rule, window.bucket, window.start, amount);
  return stateOf(rule, count, count <= rule.limit, window.endMs, now);
}

/** Whether one more hit would be allowed, without counting one. */
export async function peekWindow(rule: WindowLimit, key: string, now = new Date()): Promise<WindowState> {
  const window = windowOf(rule, key, now);
  const count = await (rule.counter ?? databaseCounter).count(window.bucket, window.start);
  return stateOf(rule, count, count < rule.limit, window.endMs, now);
}

export function rateLimitHeaders(state: WindowState): Record<string, string> {
  return {
    "X-RateLimit-Limit": String(state.limit),
    "X-RateLimit-Remaining": String(state.remaining),
    "X-RateLimit-Reset": String(state.reset),
  };
}

interface EnforceOptions {
  now?: Date;
  amount?: number;
  /** Send X-RateLimit-* headers (the APIs whose contracts promise them). */
  withHeaders?: boolean;
}

/**
 * Counts the hit; over the limit, throws 429 `rate_limited` ("<message>; retry after N s") with
 * Retry-After. Returns the X-RateLimit-* headers for the answer when asked for them.
 */
export async function enforceWindow(rule: WindowLimit, key: string, message: string, options: EnforceOptions = {}): Promise<Record<string, string>> {
  const state = await hitWindow(rule, key, options.now, options.amount);
  const headers = options.withHeaders ? rateLimitHeaders(state) : {};
  if (!state.allowed) {
    throw new HttpError("rate_limited", `${message}; retry after ${state.retryAfterSeconds} s`, undefined, { ...headers, "Retry-After": String(state.retryAfterSeconds) });
  }
  return headers;
}

// ---------- the limits ----------

const collectCounters = ((globalThis as { __bandwatchCollectCounters?: { ip: MemoryCounter; site: MemoryCounter } }).__bandwatchCollectCounters ??= {
  ip: new MemoryCounter(),
  site: new MemoryCounter(),
});

/** Every limit's rule, read from the settings at each use (tests change them at runtime). */
export const limits = {
  /** External API requests per key (or signed-in user). */
  api: (): WindowLimit => ({ name: "api", limit: setting("BANDWATCH_API_RATE_LIMIT"), windowSeconds: setting("BANDWATCH_API_RATE_WINDOW_SECONDS") }),
  /** /api/v1 writes per organization: keys are unlimited in number, so a per-key limit alone does not bound a tenant. */
  v1Write: (): WindowLimit => ({ name: "v1write:org", limit: setting("BANDWATCH_V1_WRITE_RATE_LIMIT"), windowSeconds: setting("BANDWATCH_V1_WRITE_RATE_WINDOW_SECONDS") }),
  /** Sign-in attempts per IP. */
  signInIp: (): WindowLimit => ({ name: "signin-ip", limit: setting("BANDWATCH_SIGNIN_IP_LIMIT"), windowSeconds: setting("BANDWATCH_SIGNIN_WINDOW_SECONDS") }),
  /** Failed sign-in attempts per account. */
  signInAccount: (): WindowLimit => ({ name: "signin-account", limit: setting("BANDWATCH_SIGNIN_ACCOUNT_LIMIT"), windowSeconds: setting("BANDWATCH_SIGNIN_WINDOW_SECONDS") }),
  /** /api/collect requests per client IP, per instance (0 turns it off). */
  collectIp: (): WindowLimit => ({ name: "collect-ip", limit: setting("BANDWATCH_COLLECT_IP_LIMIT"), windowSeconds: 60, counter: collectCounters.ip }),
  /** /api/collect events per website, per instance (0 turns it off). */
  collectSite: (): WindowLimit => ({ name: "collect-site", limit: setting("BANDWATCH_COLLECT_SITE_LIMIT"), windowSeconds: 60, counter: collectCounters.site }),
};

/** "Send test" per destination, and five times that per organization. */
export const sendTestLimits = {
  perDestination: (): WindowLimit => ({ name: "alert-test-dest", limit: alertConfig.testLimit, windowSeconds: 60 }),
  perOrganization: (): WindowLimit => ({ name: "alert-test-org", limit: 5 * alertConfig.testLimit, windowSeconds: 60 }),
};

/** The API-key limit's settings (the test suite reads them to stay away from a window's edge). */
export const rateLimitConfig = {
  get limit() {
    return limits.api().limit;
  },
  get windowSeconds() {
    return limits.api().windowSeconds;
  },
};

export const writeRateLimitConfig = {
  get limit() {
    return limits.v1Write().limit;
  },
  get windowSeconds() {
    return limits.v1Write().windowSeconds;
  },
};

export const orgWriteBucket = (orgId: string) => `${limits.v1Write().name}:${orgId}`;

/** Counts an external API request; throws 429 RATE_LIMIT_EXCEEDED (with Retry-After) over the limit. */
export async function enforceRateLimit(bucket: string): Promise<Record<string, string>> {
  const rule = limits.api();
  return enforceWindow(rule, bucket, `Rate limit exceeded: ${rule.limit} requests per ${rule.windowSeconds} seconds`, { withHeaders: true });
}

/** `before` hook of /api/v1 write routes: 429 `rate_limited` (cloud error shape) with Retry-After over the limit. */
export async function enforceOrgWriteLimit({ principal }: { principal: { org: { id: string } } }): Promise<Record<string, string>> {
  const rule = limits.v1Write();
  const message = `Write rate limit exceeded: ${rule.limit} write requests per ${rule.windowSeconds} seconds per organization`;
  return enforceWindow(rule, principal.org.id, message, { withHeaders: true });
}
