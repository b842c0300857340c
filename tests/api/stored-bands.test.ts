// Issue 12, stored bands: the cloud job stores each series' bands and its breakdown days
// (lib/cloud/bands.ts), the anomaly detail reads them instead of re-running detection, and
// answers exactly what the computation it replaces answered.
import { beforeAll, describe, expect, it } from "vitest";
import { api, createTestOrg, createTestProvider, type TestOrg } from "../support/fixtures";
import { writeSyntheticCosts, type SyntheticService } from "../support/cloud-fixtures";
import { runDetection } from "@/lib/jobs/run-detection";
import { db } from "@/lib/db/client";
import { addDays, todayUtc } from "@/lib/time";
import { BAND_DAYS } from "@/lib/cloud/bands";
import { costSeriesKey } from "@/lib/cloud/job";

type Detail = {
  id: number;
  date: string;
  series: Array<{ date: string; actual: number | null; expected: number | null; lower: number | null; upper: number | null }>;
  services: Array<{ service: string; amount: number; expected: number | null; vs_expected: number | null; share: number }>;
};

/** A fixed clock: nothing here depends on today's date or weekday. */
const NOW = new Date("2026-06-17T09:00:00Z");
const TODAY = todayUtc(NOW);
const SPIKE_DAY = addDays(TODAY, -6);
const SERVICES: SyntheticService[] = [
  { service: "EC2", base: 500, incidents: { 6: 3 } },
  { service: "S3", base: 120 },
  { service: "Lambda", base: 40, incidents: { 6: 4 } },
  { service: "Route53", base: 0.4 },
];

/** Two services' p95 latency; "api" is 4× on day −6. */
async function writeLatency(orgId: string, providerId: number) {
  const data = [];
  for (let ago = 90; ago >= 1; ago--) {
    for (const [service, base] of [["api", 200], ["worker", 350]] as const) {
      const wobble = 1 + 0.03 * Math.sin(ago * 2.3 + base);
      data.push({ orgId, providerId, service, metric: "p95_latency_ms", day: addDays(TODAY, -ago), value: Math.round(base * wobble * (service === "api" && ago === 6 ? 4 : 1)), samples: 24 });
    }
  }
  await db().metricDaily.createMany({ data });
}

async function detect(orgId: string, now = NOW, rebuild = false) {
  const summary = await runDetection({ now, orgIds: [orgId], waitForLockMs: 60_000, rebuild });
  expect(summary.status).toBe("succeeded");
}

async function spikeOf(orgId: string) {
  const row = await db().anomaly.findFirst({ where: { orgId, day: SPIKE_DAY, type: "cost" } });
  expect(row, "the injected spike is detected").not.toBeNull();
  return row!;
}

async function detail(org: TestOrg, id: number): Promise<Detail> {
  const res = await api<{ data: Detail }>(`/api/v1/anomalies/${id}`, { key: org.key });
  expect(res.status).toBe(200);
  return res.body.data;
}

describe("stored bands: the job writes them, the detail reads them", () => {
  // Two organizations with the same spend: one detail is read from stored bands, the other
  // (its bands' state removed, as before the upgrade) is computed; both must agree. 90 days
  // of history are less than either path's look-back, so both see the same history.
  let stored: TestOrg;
  let computed: TestOrg;
  let storedProvider: number;
  const TAMPERED_DAY = addDays(SPIKE_DAY, -3);

  beforeAll(async () => {
    stored = await createTestOrg("pro");
    computed = await createTestOrg("pro");
    storedProvider = (await createTestProvider(stored.id, "Stored bands")).id;
    const computedProvider = (await createTestProvider(computed.id, "Computed bands")).id;
    await writeSyntheticCosts(stored.id, storedProvider, SERVICES, { now: NOW });
    await writeSyntheticCosts(computed.id, computedProvider, SERVICES, { now: NOW });
    await writeLatency(stored.id, storedProvider);
    await writeLatency(computed.id, computedProvider);
    await detect(stored.id);
    await detect(computed.id);
    await db().seriesBandState.deleteMany({ where: { orgId: computed.id } });
  });

  it("stores one total row per day of data and every service's figure on the anomaly's day", async () => {
    const key = costSeriesKey(storedProvider);
    const totals = await db().seriesBand.findMany({ where: { orgId: stored.id, seriesKey: key, service: "" }, orderBy: { day: "asc" } });
    expect(totals).toHaveLength(90);
    expect(totals[0].day).toBe(addDays(TODAY, -90));
    expect(totals.at(-1)!.day).toBe(addDays(TODAY, -1));
    const spike = totals.find((r) => r.day === SPIKE_DAY)!;
    expect(spike.breakdown).toBe(true);
    expect(spike.actual!).toBeGreaterThan(spike.upper!);
    const services = await db().seriesBand.findMany({ where: { orgId: stored.id, seriesKey: key, day: SPIKE_DAY, NOT: { service: "" } } });
    expect(services.map((s) => s.service).sort()).toEqual(["EC2", "Lambda", "Route53", "S3"]);
    const state = await db().seriesBandState.findUnique({ where: { orgId_seriesKey: { orgId: stored.id, seriesKey: key } } });
    expect(state).toMatchObject({ fromDay: addDays(TODAY, -BAND_DAYS), providerId: storedProvider });
  });

  it("the detail reads the stored rows (a changed row shows) and otherwise equals the computed detail", async () => {
    const key = costSeriesKey(storedProvider);
    // Changed behind the job's back before the first detail request: only a read shows it.
    await db().seriesBand.updateMany({ where: { orgId: stored.id, seriesKey: key, day: TAMPERED_DAY, service: "" }, data: { upper: 12345.678 } });
    const fromStore = await detail(stored, (await spikeOf(stored.id)).id);
    const fromRollups = await detail(computed, (await spikeOf(computed.id)).id);
    expect(fromStore.series.find((p) => p.date === TAMPERED_DAY)!.upper).toBe(12345.68);
    const others = (d: Detail) => d.series.filter((p) => p.date !== TAMPERED_DAY);
    expect(fromStore.series).toHaveLength(fromRollups.series.length);
    expect(others(fromStore)).toEqual(others(fromRollups));
    expect(fromStore.series[0].date).toBe(addDays(SPIKE_DAY, -30));
    expect(fromStore.services).toEqual(fromRollups.services);
    expect(fromStore.services.map((s) => s.service)).toEqual(["EC2", "Lambda", "S3", "Route53"]);
  });

  it("performance series: stored and read the same way", async () => {
    const latencyOf = async (orgId: string) => {
      const row = await db().anomaly.findFirst({ where: { orgId, day: SPIKE_DAY, type: "performance", metric: "p95_latency_ms" } });
      expect(row, "the latency spike is detected").not.toBeNull();
      return row!;
    };
    const own = await latencyOf(stored.id);
    expect(await db().seriesBand.count({ where: { orgId: stored.id, seriesKey: own.seriesKey, service: "" } })).toBe(90);
    const fromStore = await detail(stored, own.id);
    const fromRollups = await detail(computed, (await latencyOf(computed.id)).id);
    expect(fromStore.series).toEqual(fromRollups.series);
    expect(fromStore.services).toEqual(fromRollups.services);
    expect(fromStore.services.map((s) => s.service)).toEqual(["api", "worker"]);
  });

  it("a later run follows a correction of the data; a rebuild repairs a row changed behind the job", async () => {
    const key = costSeriesKey(storedProvider);
    const corrected = addDays(TODAY, -2);
    const s3 = await db().costDaily.findFirstOrThrow({ where: { orgId: stored.id, providerId: storedProvider, day: corrected, service: "S3" } });
    const before = await db().seriesBand.findUnique({ where: { orgId_seriesKey_day_service: { orgId: stored.id, seriesKey: key, day: corrected, service: "" } } });
    await db().costDaily.updateMany({ where: { orgId: stored.id, providerId: storedProvider, day: corrected, service: "S3" }, data: { amount: 150 } });
    await detect(stored.id);
    const tampered = () => db().seriesBand.findUnique({ where: { orgId_seriesKey_day_service: { orgId: stored.id, seriesKey: key, day: TAMPERED_DAY, service: "" } } });
    // An incremental run re-judges only the days after its checkpoint (lib/cloud/resume.ts) ...
    expect((await tampered())!.upper).toBe(12345.678);
    // ... a rebuild (`bandwatch detect --rebuild`) all of them.
    await detect(stored.id, NOW, true);
    expect((await tampered())!.upper).not.toBe(12345.678);
    const after = await db().seriesBand.findUnique({ where: { orgId_seriesKey_day_service: { orgId: stored.id, seriesKey: key, day: corrected, service: "" } } });
    expect(after!.actual! - before!.actual!).toBeCloseTo(150 - s3.amount, 6);
  });

  it("keeps BAND_DAYS of bands; an older anomaly's detail is computed", async () => {
    const org = await createTestOrg("pro");
    const provider = (await createTestProvider(org.id, "Long history")).id;
    await writeSyntheticCosts(org.id, provider, [{ service: "EC2", base: 200, incidents: { 420: 5 } }, { service: "S3", base: 50 }], { now: NOW, days: 450 });
    await detect(org.id);
    const totals = await db().seriesBand.count({ where: { orgId: org.id, service: "" } });
    expect(totals).toBe(BAND_DAYS);
    const old = await db().anomaly.findFirst({ where: { orgId: org.id, day: addDays(TODAY, -420) } });
    expect(old, "the old spike is detected").not.toBeNull();
    const d = await detail(org, old!.id);
    expect(d.series[0].date).toBe(addDays(old!.day, -30));
    expect(d.series.length).toBe(38);
    expect(d.services.map((s) => s.service).sort()).toEqual(["EC2", "S3"]);
  });
});
