// API credits: each successful external-API call costs one credit from the organization's
// balance. The balance lives in the database and is changed only by conditional atomic
// updates, so concurrent requests on any number of app instances never overspend.
import { db } from "@/lib/db/client";
import { HttpError } from "@/lib/http/errors";
import { isOneOf, PLANS } from "@/lib/vocabulary";
import { PLAN_CREDITS } from "./organizations";

export function creditPeriod(now: Date): string {
  return now.toISOString().slice(0, 7);
}

function allowanceFor(plan: string): number {
  return isOneOf(PLANS, plan) ? PLAN_CREDITS[plan] : 0;
}

/**
 * Resets the balance to the plan's monthly allowance the first time it is touched in a
 * new month. The `creditsPeriod <> month` condition makes exactly one request win.
 */
export async function topUpMonthlyCredits(orgId: string, plan: string, now: Date): Promise<void> {
  const period = creditPeriod(now);
  await db().organization.updateMany({
    where: { id: orgId, creditsPeriod: { not: period } },
    data: { creditBalance: allowanceFor(plan), creditsPeriod: period },
  });
}

/** One atomic statement: charge a credit of this month's balance, returning what is left. */
async function takeCredit(orgId: string, period: string): Promise<number | null> {
  const rows = await db().$queryRaw<Array<{ creditBalance: number | bigint }>>`
    UPDATE "Organization" SET "creditBalance" = "creditBalance" - 1
    WHERE "id" = ${orgId} AND "creditBalance" > 0 AND "creditsPeriod" = ${period}
    RETURNING "creditBalance"`;
  return rows.length ? Number(rows[0].creditBalance) : null;
}

/** Takes one credit or throws 429 CREDITS_EXHAUSTED; returns the balance left. */
export async function chargeCredit(orgId: string, plan: string, now = new Date()): Promise<number> {
  const period = creditPeriod(now);
  // Common case in one statement; only a new month (or an empty balance) needs the top-up path.
  let remaining = await takeCredit(orgId, period);
  if (remaining === null) {
    await topUpMonthlyCredits(orgId, plan, now);
    remaining = await takeCredit(orgId, period);
  }
  if (remaining === null) {
    throw new HttpError("credits_exhausted", "No API credits left for this billing period", undefined, { "X-Credits-Remaining": "0" });
  }
  return remaining;
}

/**
 * Gives a credit back when the request it paid for failed. Only into the period it was
 * charged in, and never above the plan's allowance: a monthly top-up between charge and
 * refund already restored the full allowance, so that refund is void.
 */
export async function refundCredit(orgId: string, plan: string, chargedPeriod: string): Promise<void> {
  await db().organization.updateMany({
    where: { id: orgId, creditsPeriod: chargedPeriod, creditBalance: { lt: allowanceFor(plan) } },
    data: { creditBalance: { increment: 1 } },
  });
}

/** Runs `work` paid by one credit: charged first (never overspends), refunded if it throws. */
export async function withCredit<T>(orgId: string, plan: string, work: () => Promise<T>, now = new Date()): Promise<{ result: T; remaining: number }> {
  const remaining = await chargeCredit(orgId, plan, now);
  try {
    return { result: await work(), remaining };
  } catch (error) {
    await refundCredit(orgId, plan, creditPeriod(now)).catch(() => undefined);
    throw error;
  }
}
