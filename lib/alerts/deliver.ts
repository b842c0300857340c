// The delivery loop: sends due AlertDelivery rows with bounded concurrency and a timeout
// per request, retries failures with exponential backoff, and rolls digest items into one
// message per destination and digest period. Several app instances may run it: a row is
// claimed with a conditional update (status -> sending, with a lease) before it is sent.
import { db } from "@/lib/db/client";
import { alertConfig } from "@/lib/config";
import { sendAlert } from "./send";
import { StoredValueError } from "@/lib/vocabulary";
import { readAlertPayload, type AlertPayload, type AnomalyPayload } from "./payload";
import { digestCutoff } from "./rules";

const CLAIM_LEASE_MS = 2 * 60_000;
const BATCH = 50;
const MAX_BACKOFF_MS = 6 * 3600_000;

export function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, alertConfig.retryBaseSeconds * 1000 * 2 ** Math.max(0, attempts - 1));
}

type DeliveryWithDestination = Awaited<ReturnType<typeof dueDeliveries>>[number];

function dueDeliveries(now: Date, where: { id?: string } = {}) {
  return db().alertDelivery.findMany({
    where: { status: { in: ["pending", "sending"] }, nextAttemptAt: { lte: now }, ...where },
    include: { destination: true, anomaly: { select: { withdrawnAt: true } } },
    orderBy: { nextAttemptAt: "asc" },
    take: BATCH,
  });
}

/**
 * Claims a due row for one send. The lease runs from the moment of the claim (the later of
 * the real clock and the pass's clock, which tests move forward), not from the start of the
 * pass: a long pass claiming late must not hand out a lease that has already run out, or
 * another instance would send the same delivery again.
 */
export async function claimDelivery(id: string, passNow: Date): Promise<Date | null> {
  const claimedAt = new Date(Math.max(Date.now(), passNow.getTime()));
  const claimExpiresAt = new Date(claimedAt.getTime() + CLAIM_LEASE_MS);
  const result = await db().alertDelivery.updateMany({
    where: {
      id,
      OR: [
        { status: "pending", nextAttemptAt: { lte: passNow } },
        { status: "sending", claimExpiresAt: { lte: claimedAt } },
        // Rows claimed before leases were recorded per claim.
        { status: "sending", claimExpiresAt: null, nextAttemptAt: { lte: claimedAt } },
      ],
    },
    data: { status: "sending", claimedAt, claimExpiresAt, nextAttemptAt: claimExpiresAt },
  });
  return result.count === 1 ? claimedAt : null;
}

async function finish(id: string, claimedAt: Date, data: Parameters<ReturnType<typeof db>["alertDelivery"]["updateMany"]>[0]["data"]): Promise<void> {
  // Only the holder of the claim records the outcome (a sender whose lease ran out does not).
  await db().alertDelivery.updateMany({ where: { id, claimedAt }, data: { ...data, claimExpiresAt: null } });
}

async function attempt(delivery: DeliveryWithDestination, claimedAt: Date): Promise<void> {
  const attempts = delivery.attempts + 1;
  // A later run withdrew the anomaly (the data or the settings no longer support it): telling
  // anyone about it now would be a false alarm. The row stays in the log with why it was not sent.
  if (delivery.anomaly?.withdrawnAt) {
    await finish(delivery.id, claimedAt, { status: "withdrawn", lastError: "the anomaly was withdrawn before it was sent" });
    return;
  }
  if (!delivery.destination.enabled) {
    await finish(delivery.id, claimedAt, { status: "failed", attempts, lastError: "destination is disabled" });
    return;
  }
  const payload = storedPayloadOf(delivery);
  if (!payload) {
    // Retrying cannot repair it: record why, instead of crashing the pass on every retry.
    await finish(delivery.id, claimedAt, { status: "failed", attempts, lastError: "the stored alert payload is unreadable" });
    return;
  }
  const outcome = await sendAlert(delivery.destination, payload, delivery.id);
  if (outcome.ok) {
    await finish(delivery.id, claimedAt, { status: "delivered", attempts, responseStatus: outcome.status, lastError: null, deliveredAt: new Date() });
    return;
  }
  const giveUp = attempts >= alertConfig.maxAttempts;
  await finish(delivery.id, claimedAt, {
    status: giveUp ? "failed" : "pending",
    attempts,
    responseStatus: outcome.status,
    lastError: outcome.error,
    nextAttemptAt: new Date(Date.now() + (giveUp ? 0 : backoffMs(attempts))),
  });
}

/** The row's payload, or null when it holds something this app did not write (such as the column default `{}`). */
function storedPayloadOf(delivery: { payload: unknown }): AlertPayload | null {
  try {
    return readAlertPayload(delivery);
  } catch (error) {
    if (error instanceof StoredValueError) return null;
    throw error;
  }
}

async function withConcurrency<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++];
      await work(item).catch((error: unknown) => console.error("[bandwatch] alert delivery crashed", error));
    }
  });
  await Promise.all(workers);
}

/**
 * Turns each digest destination's waiting items into one digest delivery once per period: every
 * BANDWATCH_ALERT_DIGEST_MINUTES for the "digest" mode, or (issue 13) once the UTC day or ISO
 * week the items were collected in is over for a daily or weekly frequency.
 */
export async function buildDigests(now = new Date()): Promise<number> {
  const waiting = await db().alertDelivery.groupBy({ by: ["destinationId"], where: { status: "batched" } });
  let built = 0;
  for (const { destinationId } of waiting) {
    const last = await db().alertDelivery.findFirst({ where: { destinationId, event: "digest" }, orderBy: { createdAt: "desc" }, select: { createdAt: true } });
    const destination = await db().alertDestination.findUnique({ where: { id: destinationId }, include: { org: { select: { slug: true } } } });
    if (!destination) continue;
    const cutoff = digestCutoff(destination, last?.createdAt ?? null, now);
    if (!cutoff) continue;
    const rule = destination.frequency === "immediate" ? "digest" : `${destination.frequency} digest`;
    await db().$transaction(async (tx) => {
      const waitingItems = await tx.alertDelivery.findMany({
        where: { destinationId, status: "batched", ...(cutoff.itemsBefore ? { createdAt: { lt: cutoff.itemsBefore } } : {}) },
        include: { anomaly: { select: { withdrawnAt: true } } },
        orderBy: { createdAt: "asc" },
      });
      const withdrawn = waitingItems.filter((item) => item.anomaly?.withdrawnAt);
      if (withdrawn.length) {
        await tx.alertDelivery.updateMany({ where: { id: { in: withdrawn.map((i) => i.id) } }, data: { status: "withdrawn", lastError: "the anomaly was withdrawn before it was sent" } });
      }
      const items = waitingItems.filter((item) => !item.anomaly?.withdrawnAt);
      if (!items.length) return;
      const anomalies: AnomalyPayload[] = [];
      for (const item of items) {
        // An item without a readable anomaly adds nothing to the digest rather than blocking it.
        const p = storedPayloadOf(item);
        if (p?.anomaly) anomalies.push(p.anomaly);
      }
      const payload: AlertPayload = { event: "digest", organization: destination.org.slug, anomalies };
      await tx.alertDelivery.create({ data: { destinationId, event: "digest", status: "pending", payload, nextAttemptAt: now, matchedRule: `${rule} of ${items.length}` } });
      await tx.alertDelivery.updateMany({ where: { id: { in: items.map((i) => i.id) } }, data: { status: "digested" } });
    });
    built += 1;
  }
  return built;
}

/** One pass: build due digests, then send what is due. Returns the number of attempts made. */
export async function processDueDeliveries(now = new Date()): Promise<number> {
  await buildDigests(now);
  const due = await dueDeliveries(now);
  let attempted = 0;
  await withConcurrency(due, alertConfig.concurrency, async (delivery) => {
    const claimedAt = await claimDelivery(delivery.id, now);
    if (!claimedAt) return;
    attempted += 1;
    await attempt(delivery, claimedAt);
  });
  return attempted;
}

const state = globalThis as unknown as { __bandwatchAlerts?: { timer?: NodeJS.Timeout; running?: Promise<void>; again?: boolean } };
const loop = (state.__bandwatchAlerts ??= {});

/** Runs a pass soon; passes never overlap within a process (a request during a pass queues one more). */
export function kickDeliveries(): void {
  // Only where the loop runs (the server): a CLI process exits before a pass could finish.
  if (!loop.timer) return;
  if (loop.running) {
    loop.again = true;
    return;
  }
  loop.running = (async () => {
    do {
      loop.again = false;
      await processDueDeliveries().catch((error: unknown) => console.error("[bandwatch] alert delivery pass failed", error));
    } while (loop.again);
  })().finally(() => {
    loop.running = undefined;
  });
}

export function startAlertDeliveryLoop(): void {
  const seconds = alertConfig.pollSeconds;
  if (loop.timer || seconds <= 0) return;
  loop.timer = setInterval(kickDeliveries, seconds * 1000);
  loop.timer.unref();
}

/** "Send test": queues a test message and makes the first attempt right away (retries follow the loop). */
export async function sendTestAlert(orgId: string, destinationId: string): Promise<string> {
  const destination = await db().alertDestination.findFirst({ where: { id: destinationId, orgId }, include: { org: { select: { slug: true } } } });
  if (!destination) throw new Error("destination not found");
  const payload: AlertPayload = { event: "test", organization: destination.org.slug, message: `Test notification from Bandwatch to "${destination.name}"` };
  const now = new Date();
  const delivery = await db().alertDelivery.create({ data: { destinationId, event: "test", status: "pending", payload, nextAttemptAt: now } });
  const claimedAt = await claimDelivery(delivery.id, now);
  if (claimedAt) {
    const row = await db().alertDelivery.findUnique({ where: { id: delivery.id }, include: { destination: true, anomaly: { select: { withdrawnAt: true } } } });
    if (row) await attempt(row, claimedAt);
  }
  return delivery.id;
}
