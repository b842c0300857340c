// `bandwatch seed --demo`: organizations acme (pro) and hobby (free), demo users, a
// demo API key, 180 days of cloud data, then a detection run and a few dismissals.
// Idempotent: data is created once; users' passwords and the demo key are reissued.
import { setting } from "@/lib/config";
import { db } from "@/lib/db/client";
import { createApiKey } from "@/lib/auth/api-keys";
import { generatePassword, hashPassword } from "@/lib/auth/passwords";
import { createOrganization, findOrgBySlug, type Plan } from "@/lib/org/organizations";
import { rollupCostDays } from "@/lib/cloud/rollup";
import { runDetection } from "@/lib/jobs/run-detection";
import { costSeriesKey } from "@/lib/cloud/job";
import { addDays, dayStart, todayUtc } from "@/lib/time";
import { ACME_PROVIDERS, HOBBY_PROVIDER, generateCosts, generatePerformance, type ProviderProfile } from "./demo-cloud";
import { seedDemoWebsites } from "./demo-web";

export const DEMO_DAYS = 180;

export interface DemoSeedResult {
  seeded: boolean;
  organizations: string[];
  users: Array<{ email: string; role: string; password: string }>;
  apiKey: { key: string; org: string };
  freeApiKey: { key: string; org: string };
  anomalies: number;
}

async function ensureOrg(slug: string, name: string, plan: Plan) {
  const existing = await findOrgBySlug(slug);
  if (existing) return { org: existing, created: false };
  return { org: await createOrganization({ slug, name, plan }), created: true };
}

async function seedProvider(orgId: string, profile: ProviderProfile, today: string, seed: number) {
  const provider = await db().provider.create({ data: { orgId, kind: profile.kind, name: profile.name, accountId: profile.accountId } });
  const costs = generateCosts(profile, today, DEMO_DAYS, seed);
  const BATCH = 2000;
  for (let i = 0; i < costs.length; i += BATCH) {
    await db().costEntry.createMany({
      data: costs.slice(i, i + BATCH).map((c) => ({ orgId, providerId: provider.id, day: c.day, service: c.service, region: c.region, usageType: c.usageType, amount: c.amount, source: "seed" })),
    });
  }
  await rollupCostDays(orgId, provider.id, costs.map((c) => c.day));
  const perf = generatePerformance(profile, today, DEMO_DAYS, seed + 1);
  for (let i = 0; i < perf.length; i += BATCH) {
    await db().metricDaily.createMany({ data: perf.slice(i, i + BATCH).map((p) => ({ ...p, orgId, providerId: provider.id, samples: 24 })) });
  }
  return provider;
}

async function upsertDemoUser(orgId: string, email: string, role: "admin" | "analyst", password: string) {
  const passwordHash = await hashPassword(password);
  const user = await db().user.upsert({ where: { email }, update: { passwordHash }, create: { email, passwordHash, name: email.split("@")[0] } });
  await db().membership.upsert({ where: { orgId_userId: { orgId, userId: user.id } }, update: { role }, create: { orgId, userId: user.id, role } });
}

async function reissueKey(orgId: string, slug: string) {
  await db().apiKey.updateMany({ where: { orgId, name: "demo", revokedAt: null }, data: { revokedAt: new Date() } });
  const { key } = await createApiKey(orgId, "demo");
  return { key, org: slug };
}

/** Dismisses the anomalies of incidents the demo marks as planned, as an admin would. */
async function dismissPlannedIncidents(orgId: string, providers: Array<{ id: number; profile: ProviderProfile }>, today: string) {
  for (const { id, profile } of providers) {
    for (const incident of profile.incidents) {
      if (!incident.dismissReason) continue;
      const day = addDays(today, -incident.startsDaysAgo);
      await db().anomaly.updateMany({
        where: { orgId, seriesKey: costSeriesKey(id), periodStart: dayStart(day), status: "active" },
        data: { status: "dismissed", dismissReason: incident.dismissReason, dismissedBy: "admin@acme.test", dismissedAt: new Date(dayStart(day).getTime() + 36 * 3600_000) },
      });
    }
  }
}

export async function seedDemo(now = new Date()): Promise<DemoSeedResult> {
  const today = todayUtc(now);
  const acme = await ensureOrg("acme", "Acme Corp", "pro");
  const hobby = await ensureOrg("hobby", "Hobby Projects", "free");
  const seededProviders: Array<{ id: number; profile: ProviderProfile }> = [];
  if (acme.created) {
    let seed = 1000;
    for (const profile of ACME_PROVIDERS) seededProviders.push({ id: (await seedProvider(acme.org.id, profile, today, seed++)).id, profile });
  }
  if (hobby.created) await seedProvider(hobby.org.id, HOBBY_PROVIDER, today, 7);
  if (acme.created || hobby.created) {
    await seedDemoWebsites({ acmeOrgId: acme.created ? acme.org.id : null, hobbyOrgId: hobby.created ? hobby.org.id : null, now });
  }

  const envPassword = setting("BANDWATCH_DEMO_PASSWORD");
  const users: DemoSeedResult["users"] = [];
  for (const [email, role] of [["admin@acme.test", "admin"], ["analyst@acme.test", "analyst"]] as const) {
    const password = envPassword || generatePassword();
    await upsertDemoUser(acme.org.id, email, role, password);
    users.push({ email, role, password });
  }
  const apiKey = await reissueKey(acme.org.id, "acme");
  const freeApiKey = await reissueKey(hobby.org.id, "hobby");

  if (acme.created || hobby.created) {
    const summary = await runDetection({ now, waitForLockMs: 120_000 });
    if (summary.status !== "succeeded") throw new Error(`demo detection ${summary.status}: ${summary.error ?? ""}`);
    if (seededProviders.length) await dismissPlannedIncidents(acme.org.id, seededProviders, today);
  }
  const anomalies = await db().anomaly.count({ where: { orgId: { in: [acme.org.id, hobby.org.id] } } });
  return { seeded: acme.created || hobby.created, organizations: ["acme", "hobby"], users, apiKey, freeApiKey, anomalies };
}

export function printDemoCredentials(result: DemoSeedResult): void {
  const lines = [
    "",
    result.seeded ? "Demo data loaded (organizations acme [pro] and hobby [free])." : "Demo data already present; credentials reissued.",
    `Anomalies in the demo organizations: ${result.anomalies}`,
    "",
    "Demo logins:",
    ...result.users.map((u) => `  ${u.email.padEnd(20)} ${u.password}   (${u.role})`),
    "",
    `Demo API key (acme, pro):   ${result.apiKey.key}`,
    `Demo API key (hobby, free): ${result.freeApiKey.key}`,
    "",
  ];
  process.stdout.write(lines.join("\n") + "\n");
}
