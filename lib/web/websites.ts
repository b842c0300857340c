// Websites of an organization and their hourly metrics. Every query is scoped by org.
import { db } from "@/lib/db/client";
import type { OrgRef } from "@/lib/auth/principal";
import { HttpError, notFound } from "@/lib/http/errors";
import type { MetricImportRow, WebsiteJson } from "@/lib/web/schemas";
import { HOUR_MS } from "@/lib/time";
import { isWebMetric, type WebMetric } from "@/lib/web/metrics";

type Org = Pick<OrgRef, "id">;

export interface WebsiteRecord {
  id: string;
  orgId: string;
  domain: string;
  name: string;
  timezone: string;
  settings: string;
  createdAt: Date;
}

export function toWebsiteJson(w: WebsiteRecord): WebsiteJson {
  return { id: w.id, domain: w.domain, name: w.name, timezone: w.timezone, created_at: w.createdAt.toISOString() };
}

/** "https://www.Example.com/path" -> "www.example.com"; null when it is not a host name. */
export function normalizeDomain(input: string): string | null {
  let host = input.trim().toLowerCase();
  host = host.replace(/^[a-z][a-z0-9+.-]*:\/\//, "").split(/[/?#]/)[0].replace(/:\d+$/, "").replace(/\.$/, "");
  if (!/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/.test(host)) return null;
  return host;
}

export function isValidTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export async function createWebsite(org: Org, input: { domain: string; name?: string | null; timezone?: string | null; settings?: Record<string, unknown> }): Promise<WebsiteRecord> {
  const domain = normalizeDomain(input.domain);
  if (!domain) throw new HttpError("invalid_body", `'${input.domain}' is not a valid domain`, [{ field: "domain", message: "must be a host name like example.com" }]);
  const timezone = input.timezone?.trim() || "UTC";
  if (!isValidTimezone(timezone)) throw new HttpError("invalid_body", `'${timezone}' is not a known IANA time zone`, [{ field: "timezone", message: "unknown time zone" }]);
  if (await db().website.findUnique({ where: { domain }, select: { id: true } })) throw new HttpError("conflict", `A website with domain '${domain}' already exists`);
  return db().website.create({
    data: { orgId: org.id, domain, name: input.name?.trim() || domain, timezone, settings: JSON.stringify(input.settings ?? {}) },
  });
}

export async function listWebsiteRecords(org: Org): Promise<WebsiteRecord[]> {
  return db().website.findMany({ where: { orgId: org.id }, orderBy: [{ createdAt: "asc" }, { domain: "asc" }] });
}

/** The organization's website, or a 404 (also for another organization's website). */
export async function findWebsite(org: Org, websiteId: string): Promise<WebsiteRecord> {
  const website = await db().website.findFirst({ where: { id: websiteId, orgId: org.id } });
  if (!website) throw notFound("Website");
  return website;
}

/**
 * Bulk load of hourly history ("source: import"). Hours are truncated to the UTC hour;
 * a later row for the same hour and metric replaces the earlier one.
 */
export async function importWebMetrics(org: Org, websiteId: string, rows: MetricImportRow[]): Promise<{ imported: number; hours: number; from: string | null; to: string | null }> {
  await findWebsite(org, websiteId);
  const latest = new Map<string, { metric: WebMetric; hour: Date; value: number; denominator: number | null }>();
  for (const row of rows) {
    const t = row.hour.getTime();
    const hour = new Date(t - (((t % HOUR_MS) + HOUR_MS) % HOUR_MS));
    latest.set(`${row.metric}|${hour.getTime()}`, { metric: row.metric, hour, value: row.value, denominator: row.denominator ?? null });
  }
  const items = [...latest.values()];
  const CHUNK = 500;
  for (let i = 0; i < items.length; i += CHUNK) {
    const chunk = items.slice(i, i + CHUNK);
    await db().$transaction(
      chunk.map((r) =>
        db().webMetricHour.upsert({
          where: { websiteId_metric_hour: { websiteId, metric: r.metric, hour: r.hour } },
          update: { value: r.value, denominator: r.denominator, source: "import" },
          create: { websiteId, metric: r.metric, hour: r.hour, value: r.value, denominator: r.denominator, source: "import" },
        }),
      ),
    );
  }
  const times = items.map((r) => r.hour.getTime());
  return {
    imported: items.length,
    hours: new Set(times).size,
    from: times.length ? new Date(Math.min(...times)).toISOString() : null,
    to: times.length ? new Date(Math.max(...times)).toISOString() : null,
  };
}

export interface HourlyMetricsJson {
  hour: string;
  metrics: Partial<Record<WebMetric, number>>;
}

/** Stored hourly metrics of the last `hours` hours, oldest first. */
export async function readWebMetrics(org: Org, websiteId: string, opts: { hours: number; metric?: WebMetric }, now = new Date()): Promise<HourlyMetricsJson[]> {
  await findWebsite(org, websiteId);
  const since = new Date(now.getTime() - (now.getTime() % HOUR_MS) - (opts.hours - 1) * HOUR_MS);
  const rows = await db().webMetricHour.findMany({
    where: { websiteId, hour: { gte: since }, ...(opts.metric ? { metric: opts.metric } : {}) },
    orderBy: { hour: "asc" },
  });
  const byHour = new Map<number, HourlyMetricsJson>();
  for (const r of rows) {
    if (!isWebMetric(r.metric)) continue;
    const t = r.hour.getTime();
    let entry = byHour.get(t);
    if (!entry) byHour.set(t, (entry = { hour: r.hour.toISOString(), metrics: {} }));
    entry.metrics[r.metric] = r.value;
  }
  return [...byHour.values()];
}

/** Parses `hour,metric,value[,denominator]` CSV (header optional) for `metrics import`. */
export function parseMetricsCsv(text: string): { rows: Array<{ hour: string; metric: string; value: number; denominator?: number }>; errors: string[] } {
  const rows: Array<{ hour: string; metric: string; value: number; denominator?: number }> = [];
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith("#")) return;
    const cells = trimmed.split(",").map((c) => c.trim().replace(/^"|"$/g, ""));
    if (i === 0 && cells[0].toLowerCase() === "hour") return;
    const [hour, metric, value, denominator] = cells;
    const n = Number(value);
    if (!hour || !metric || value === undefined || value === "" || !Number.isFinite(n)) {
      errors.push(`line ${i + 1}: expected hour,metric,value`);
      return;
    }
    rows.push({ hour, metric, value: n, ...(denominator !== undefined && denominator !== "" ? { denominator: Number(denominator) } : {}) });
  });
  return { rows, errors };
}
