// A lease in the JobLock table: works the same on SQLite and PostgreSQL and across
// app instances. A crashed holder's lease simply expires.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";

/** The run's lease was taken over (it expired and another run holds it): stop writing. */
export class LeaseLostError extends Error {
  constructor(name: string) {
    super(`lost the "${name}" lease to another run; stopped before writing`);
    this.name = "LeaseLostError";
  }
}

export interface Lease {
  name: string;
  holder: string;
  renew(): Promise<boolean>;
  release(): Promise<void>;
}

export async function tryAcquire(name: string, ttlMs: number): Promise<Lease | null> {
  const holder = randomUUID();
  const now = new Date();
  const until = new Date(now.getTime() + ttlMs);
  // Take an expired lease atomically; create the row if it never existed.
  const taken = await db().jobLock.updateMany({ where: { name, lockedUntil: { lt: now } }, data: { holder, lockedUntil: until } });
  if (taken.count === 0) {
    try {
      await db().jobLock.create({ data: { name, holder, lockedUntil: until } });
    } catch {
      return null; // someone else holds it (or created it a moment ago)
    }
  }
  return {
    name,
    holder,
    async renew() {
      const r = await db().jobLock.updateMany({ where: { name, holder }, data: { lockedUntil: new Date(Date.now() + ttlMs) } });
      return r.count === 1;
    },
    async release() {
      await db().jobLock.updateMany({ where: { name, holder }, data: { lockedUntil: new Date(0) } });
    },
  };
}

export async function acquire(name: string, ttlMs: number, waitMs: number): Promise<Lease | null> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const lease = await tryAcquire(name, ttlMs);
    if (lease || Date.now() >= deadline) return lease;
    await new Promise((r) => setTimeout(r, 250));
  }
}
