// Demo websites with 90 days of hourly history (stored as imported metrics) and the
// incidents a site owner meets: a viral spike, a tracking outage, an error-rate jump,
// slow pages and a broken checkout. Plus one site for the free `hobby` organization.
import { db } from "@/lib/db/client";
import { generateSiteHistory, type SiteProfile } from "@/lib/seed/web-history";
import { lastCompleteHour } from "@/lib/web/series";

export const DEMO_WEB_DAYS = 90;

export interface DemoSite {
  domain: string;
  name: string;
  timezone: string;
  profile: SiteProfile;
}

export const ACME_SITES: DemoSite[] = [
  {
    domain: "shop.acme.example",
    name: "Acme Shop",
    timezone: "Europe/Berlin",
    profile: {
      peakVisitors: 2500,
      pagesPerVisit: 4.2,
      bounceRate: 38,
      conversionRate: 2.8,
      errorRate: 0.6,
      loadTimeSeconds: 1.2,
      peakHourUtc: 14,
      weekendFactor: 0.75,
      incidents: [
        { kind: "broken_checkout", startsHoursAgo: 300, durationHours: 9 },
        { kind: "slow_pages", startsHoursAgo: 130, durationHours: 5, factor: 2.1 },
        { kind: "error_jump", startsHoursAgo: 50, durationHours: 4, factor: 7 },
      ],
    },
  },
  {
    domain: "blog.acme.example",
    name: "Acme Engineering Blog",
    timezone: "America/New_York",
    profile: {
      peakVisitors: 120,
      pagesPerVisit: 1.6,
      bounceRate: 68,
      conversionRate: 0,
      errorRate: 0.3,
      loadTimeSeconds: 0.9,
      peakHourUtc: 10,
      weekendFactor: 0.6,
      incidents: [
        { kind: "tracking_outage", startsHoursAgo: 480, durationHours: 10 },
        // Still going on at seed time: shows as unresolved.
        { kind: "viral_spike", startsHoursAgo: 0, durationHours: 5, factor: 4 },
      ],
    },
  },
  {
    domain: "status.acme.example",
    name: "Acme Status Page",
    timezone: "UTC",
    // A few visitors an hour: noise only, and no anomaly should come of it.
    profile: { peakVisitors: 4, pagesPerVisit: 2, bounceRate: 55, conversionRate: 0, errorRate: 0.5, loadTimeSeconds: 1.6, peakHourUtc: 16, weekendFactor: 0.8, incidents: [] },
  },
];

export const HOBBY_SITE: DemoSite = {
  domain: "hobby.example",
  name: "Hobby Garden Journal",
  timezone: "UTC",
  profile: {
    peakVisitors: 40,
    pagesPerVisit: 2.5,
    bounceRate: 50,
    conversionRate: 0,
    errorRate: 0.4,
    loadTimeSeconds: 1.1,
    peakHourUtc: 18,
    weekendFactor: 1.3,
    incidents: [{ kind: "viral_spike", startsHoursAgo: 30, durationHours: 6, factor: 5 }],
  },
};

async function seedSite(orgId: string, site: DemoSite, lastHour: number, seed: number) {
  const existing = await db().website.findUnique({ where: { domain: site.domain }, select: { id: true } });
  if (existing) return existing.id;
  const website = await db().website.create({ data: { orgId, domain: site.domain, name: site.name, timezone: site.timezone } });
  const points = generateSiteHistory(site.profile, lastHour, DEMO_WEB_DAYS * 24, seed);
  const BATCH = 2000;
  for (let i = 0; i < points.length; i += BATCH) {
    await db().webMetricHour.createMany({
      data: points.slice(i, i + BATCH).map((p) => ({ websiteId: website.id, metric: p.metric, hour: new Date(p.hour), value: p.value, denominator: p.denominator, source: "import" })),
    });
  }
  return website.id;
}

export async function seedDemoWebsites(opts: { acmeOrgId: string | null; hobbyOrgId: string | null; now: Date }): Promise<void> {
  const lastHour = lastCompleteHour(opts.now);
  if (opts.acmeOrgId) {
    let seed = 5000;
    for (const site of ACME_SITES) await seedSite(opts.acmeOrgId, site, lastHour, seed++);
  }
  if (opts.hobbyOrgId) await seedSite(opts.hobbyOrgId, HOBBY_SITE, lastHour, 6000);
}
