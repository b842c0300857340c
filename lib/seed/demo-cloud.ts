// Demo cloud spend and performance: 180 days up to yesterday, weekly pattern, growth,
// a monthly charge on the 1st, and injected incidents for the detector to find.
// The demo organizations' providers are data (demo-cloud-providers.json), read through the
// schemas below so a wrong field fails at load, not as odd numbers in the demo.
import { z } from "zod";
import { gaussian, seededRandom } from "./random";
import { addDays, dayStart } from "@/lib/time";
import { PROVIDER_KINDS } from "@/lib/vocabulary";
import demoProviders from "./demo-cloud-providers.json";

const serviceProfile = z.strictObject({
  service: z.string(),
  /** $/day at the start of the window. */
  base: z.number().nonnegative(),
  /** Multiplier on Saturday and Sunday. */
  weekend: z.number().positive(),
  /** Daily compound growth. */
  growth: z.number(),
  /** Relative standard deviation. */
  noise: z.number().nonnegative(),
  region: z.string().optional(),
  usageType: z.string().optional(),
  /** Extra spend on the 1st of each month. */
  monthlyCharge: z.number().positive().optional(),
});

const incident = z.strictObject({
  service: z.string(),
  /** Days before today (1 = yesterday) at which it starts. */
  startsDaysAgo: z.number().int().positive(),
  /** null in the data: a level shift that stays (Infinity days). */
  durationDays: z
    .number()
    .positive()
    .nullable()
    .transform((days) => days ?? Infinity),
  factor: z.number().positive(),
  note: z.string(),
  dismissReason: z.string().optional(),
});

const providerProfile = z.strictObject({
  kind: z.enum(PROVIDER_KINDS),
  name: z.string(),
  accountId: z.string(),
  services: z.array(serviceProfile),
  incidents: z.array(incident),
  performance: z.array(z.strictObject({ service: z.string(), metric: z.string(), base: z.number().positive(), noise: z.number().nonnegative(), incidents: z.array(incident) })),
});

export type ServiceProfile = z.output<typeof serviceProfile>;
export type Incident = z.output<typeof incident>;
export type ProviderProfile = z.output<typeof providerProfile>;

const DEMO_PROVIDERS = z.strictObject({ acme: z.array(providerProfile), hobby: providerProfile }).parse(demoProviders);

/** The Acme demo organization's AWS, GCP and Azure accounts. */
export const ACME_PROVIDERS: ProviderProfile[] = DEMO_PROVIDERS.acme;

/** The hobby organization's one small AWS account. */
export const HOBBY_PROVIDER: ProviderProfile = DEMO_PROVIDERS.hobby;

function incidentFactor(incidents: Incident[], service: string, daysAgo: number): number {
  let factor = 1;
  for (const inc of incidents) {
    if (inc.service !== service) continue;
    if (daysAgo <= inc.startsDaysAgo && daysAgo > inc.startsDaysAgo - inc.durationDays) factor *= inc.factor;
  }
  return factor;
}

export interface GeneratedCost {
  day: string;
  service: string;
  region: string;
  usageType: string;
  amount: number;
}

interface DemoDay {
  day: string;
  /** Days before today (1 = yesterday). */
  ago: number;
  /** Days since the window started. */
  t: number;
  weekend: boolean;
  firstOfMonth: boolean;
}

/** The `days` days ending yesterday (relative to `today`), oldest first. */
function demoDays(today: string, days: number): DemoDay[] {
  return Array.from({ length: days }, (_, i) => {
    const ago = days - i;
    const day = addDays(today, -ago);
    const date = dayStart(day);
    return { day, ago, t: i, weekend: date.getUTCDay() === 0 || date.getUTCDay() === 6, firstOfMonth: date.getUTCDate() === 1 };
  });
}

/** Daily spend per service. */
export function generateCosts(profile: ProviderProfile, today: string, days: number, seed: number): GeneratedCost[] {
  const rand = seededRandom(seed);
  return demoDays(today, days).flatMap(({ day, ago, t, weekend, firstOfMonth }) =>
    profile.services.flatMap((s) => {
      let amount = s.base * Math.pow(1 + s.growth, t) * (weekend ? s.weekend : 1) * Math.exp(s.noise * gaussian(rand));
      amount *= incidentFactor(profile.incidents, s.service, ago);
      if (s.monthlyCharge && firstOfMonth) amount += s.monthlyCharge;
      return amount > 0 ? [{ day, service: s.service, region: s.region ?? "", usageType: s.usageType ?? "", amount: Math.round(amount * 100) / 100 }] : [];
    }),
  );
}

/** Daily performance metrics (CPU is lower at weekends; percentages are capped at 100). */
export function generatePerformance(profile: ProviderProfile, today: string, days: number, seed: number) {
  const rand = seededRandom(seed);
  return demoDays(today, days).flatMap(({ day, ago, weekend }) =>
    profile.performance.map((p) => {
      const load = p.metric === "cpu_utilization" && weekend ? 0.8 : 1;
      let value = p.base * load * Math.exp(p.noise * gaussian(rand)) * incidentFactor(p.incidents, p.service, ago);
      if (p.metric === "cpu_utilization" || p.metric === "error_rate") value = Math.min(100, value);
      return { day, service: p.service, metric: p.metric, value: Math.round(value * 1000) / 1000 };
    }),
  );
}
