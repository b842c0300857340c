// The organization's plan and API credits as the settings page shows them.
import { db } from "@/lib/db/client";
import type { OrgRef } from "@/lib/auth/principal";
import { notFound } from "@/lib/http/errors";
import { PLAN_CREDITS, type Plan } from "@/lib/org/organizations";

export interface OrganizationSummary {
  name: string;
  slug: string;
  plan: Plan;
  credits: { balance: number; allowance: number; period: string };
}

export async function getOrganizationSummary(org: Pick<OrgRef, "id">): Promise<OrganizationSummary> {
  const row = await db().organization.findUnique({
    where: { id: org.id },
    select: { name: true, slug: true, plan: true, creditBalance: true, creditsPeriod: true },
  });
  if (!row) throw notFound("Organization");
  return { name: row.name, slug: row.slug, plan: row.plan, credits: { balance: row.creditBalance, allowance: PLAN_CREDITS[row.plan], period: row.creditsPeriod } };
}
