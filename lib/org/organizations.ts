import { db } from "@/lib/db/client";

import type { Plan } from "@/lib/vocabulary";

export { PLANS, type Plan } from "@/lib/vocabulary";

/** Monthly API credit allowance per plan (documented in README). */
export const PLAN_CREDITS: Record<Plan, number> = { free: 1_000, pro: 10_000, business: 100_000 };

export async function findOrgBySlug(slug: string) {
  return db().organization.findUnique({ where: { slug }, select: { id: true, slug: true, name: true, plan: true } });
}

export async function createOrganization(input: { slug: string; name: string; plan: Plan }) {
  const period = new Date().toISOString().slice(0, 7);
  return db().organization.create({
    data: { slug: input.slug, name: input.name, plan: input.plan, creditBalance: PLAN_CREDITS[input.plan], creditsPeriod: period },
    select: { id: true, slug: true, name: true, plan: true, creditBalance: true },
  });
}
