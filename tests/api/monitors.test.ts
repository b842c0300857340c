// Root causes, tags and monitors (issue 13) over real HTTP: a FOCUS export with accounts,
// regions, usage types and tags in which one combination spikes, detection at a fixed clock,
// then the anomaly's root causes, the list filters and the monitors API.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { api, BASE_URL, createTestOrg, createTestProvider, type TestOrg } from "../support/fixtures";
import { runDetection } from "@/lib/jobs/run-detection";
import { db } from "@/lib/db/client";

const FIXTURE = readFileSync(path.join(process.cwd(), "fixtures/focus/root-causes.csv"));
const SPIKE_DAY = "2026-02-20";
const NOW = new Date("2026-03-02T06:00:00Z");

type RootCause = { service: string; account_id: string; region: string; usage_type: string; amount: number; expected: number; vs_expected: number; share_of_excess: number };
type Anomaly = { id: number; date: string; monitor_id: number | null; dimension: { key: string; value: string } | null; root_causes?: RootCause[] };
type Monitor = { id: number; name: string; kind: string; provider_id: number | null; tag_key: string | null; values: string[]; created_at: string };
type ErrorBody = { error: { code: string; message: string } };

async function importFixture(org: TestOrg, providerId: number) {
  const res = await fetch(`${BASE_URL}/api/v1/providers/${providerId}/imports?detect=false`, {
    method: "POST",
    headers: { authorization: `Bearer ${org.key}`, "content-type": "text/csv" },
    body: new Uint8Array(FIXTURE),
  });
  expect(res.status, await res.clone().text()).toBe(201);
}

async function detect(org: TestOrg) {
  const summary = await runDetection({ now: NOW, orgIds: [org.id], waitForLockMs: 60_000 });
  expect(summary.status).toBe("succeeded");
}

async function list(org: TestOrg, query = "") {
  const res = await api<{ data: Anomaly[] }>(`/api/v1/anomalies?days=3650${query}`, { key: org.key });
  expect(res.status, res.text).toBe(200);
  return res.body.data;
}

async function monitors(org: TestOrg) {
  const res = await api<{ data: Monitor[] }>("/api/v1/monitors", { key: org.key });
  expect(res.status).toBe(200);
  return res.body.data;
}

describe("root causes, tags and monitors", () => {
  let org: TestOrg;
  let providerId: number;
  let spike: Anomaly;
  let servicesMonitor: Monitor;

  beforeAll(async () => {
    org = await createTestOrg("pro");
    providerId = (await createTestProvider(org.id, "Root causes")).id;
    await importFixture(org, providerId);
    await detect(org);
    const found = (await list(org, `&provider_id=${providerId}`)).find((a) => a.date === SPIKE_DAY && a.dimension === null);
    expect(found).toBeDefined();
    spike = found!;
    servicesMonitor = (await monitors(org)).find((m) => m.kind === "services")!;
  }, 120_000);

  it("ranks the planted combination first in root_causes, judged against its own history", async () => {
    const res = await api<{ data: Anomaly }>(`/api/v1/anomalies/${spike.id}`, { key: org.key });
    expect(res.status).toBe(200);
    const causes = res.body.data.root_causes!;
    expect(causes[0]).toMatchObject({ service: "AmazonEC2", account_id: "222222222222", region: "eu-west-1", usage_type: "BoxUsage:c5.xlarge" });
    expect(causes[0].expected).toBeGreaterThan(250);
    expect(causes[0].expected).toBeLessThan(350);
    expect(causes[0].vs_expected).toBeGreaterThan(800);
    expect(causes[0].share_of_excess).toBeGreaterThan(0.8);
    for (let i = 1; i < causes.length; i++) expect(causes[i].vs_expected).toBeLessThanOrEqual(causes[i - 1].vs_expected);
    expect(res.body.data.monitor_id).toBe(servicesMonitor.id);
  });

  it("filters the list by account_id, region and monitor_id, and rejects bad filters with 400", async () => {
    const ids = async (q: string) => (await list(org, `&provider_id=${providerId}${q}`)).map((a) => a.id);
    expect(await ids("&account_id=222222222222")).toContain(spike.id);
    expect(await ids("&account_id=999999999999")).toEqual([]);
    expect(await ids("&region=eu-west-1")).toContain(spike.id);
    expect(await ids("&region=eu-west")).not.toContain(spike.id);
    expect(await ids(`&monitor_id=${servicesMonitor.id}`)).toContain(spike.id);
    for (const bad of ["monitor_id=abc", "monitor_id=0", `account_id=${"x".repeat(300)}`, "region="]) {
      const res = await api<ErrorBody>(`/api/v1/anomalies?${bad}`, { key: org.key });
      expect(res.status, bad).toBe(400);
      expect(res.body.error.code).toBe("invalid_parameter");
    }
  });

  it("imports FOCUS Tags as key/value pairs with a bounded number of values per key", async () => {
    const team = await db().costEntryTag.groupBy({ by: ["value"], where: { providerId, key: "team" }, _sum: { amount: true } });
    expect(team.map((t) => t.value).sort()).toEqual(["ads", "ml", "search"]);
    const requestIds = await db().costEntryTag.groupBy({ by: ["value"], where: { providerId, key: "request_id" } });
    expect(requestIds.length).toBe(101); // 100 distinct values, the rest in "(other)"
    expect(requestIds.map((r) => r.value)).toContain("(other)");
  });

  it("runs accounts and tag monitors per account / tag value, with monitor_id and dimension", async () => {
    const accounts = await api<{ data: Monitor }>("/api/v1/monitors", { key: org.key, method: "POST", body: { name: "Per account", kind: "accounts" } });
    expect(accounts.status, accounts.text).toBe(201);
    const teams = await api<{ data: Monitor }>("/api/v1/monitors", { key: org.key, method: "POST", body: { name: "Teams", kind: "tag", tag_key: "team", values: ["ads", "search"] } });
    expect(teams.status, teams.text).toBe(201);
    expect(teams.body.data).toMatchObject({ kind: "tag", tag_key: "team", values: ["ads", "search"], provider_id: null });
    await detect(org);

    const byAccount = await list(org, `&monitor_id=${accounts.body.data.id}`);
    const accountHit = byAccount.find((a) => a.date === SPIKE_DAY);
    expect(accountHit?.dimension).toEqual({ key: "account_id", value: "222222222222" });
    expect(byAccount.every((a) => a.monitor_id === accounts.body.data.id)).toBe(true);
    const accountDetail = await api<{ data: Anomaly }>(`/api/v1/anomalies/${accountHit!.id}`, { key: org.key });
    expect(accountDetail.body.data.root_causes!.every((c) => c.account_id === "222222222222")).toBe(true);

    const byTag = await list(org, `&monitor_id=${teams.body.data.id}`);
    expect(byTag.find((a) => a.date === SPIKE_DAY)?.dimension).toEqual({ key: "team", value: "ads" });
    expect(byTag.some((a) => a.dimension?.value === "ml")).toBe(false); // only the listed values

    // Removing a monitor keeps its anomalies (and their monitor_id); it disappears from the list.
    const removed = await api(`/api/v1/monitors/${teams.body.data.id}`, { key: org.key, method: "DELETE" });
    expect(removed.status).toBe(204);
    expect((await api(`/api/v1/monitors/${teams.body.data.id}`, { key: org.key })).status).toBe(404);
    expect((await monitors(org)).map((m) => m.id)).not.toContain(teams.body.data.id);
    await detect(org);
    expect((await list(org, `&monitor_id=${teams.body.data.id}`)).length).toBe(byTag.length);
    const audit = await db().auditEntry.findMany({ where: { orgId: org.id, targetType: "monitor" }, select: { action: true } });
    expect(audit.map((a) => a.action).sort()).toEqual(["monitor.create", "monitor.create", "monitor.delete"]);
  }, 120_000);
});

describe("monitors API", () => {
  it("every organization has one services monitor that cannot be removed", async () => {
    const org = await createTestOrg("pro");
    const first = await monitors(org);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ kind: "services", provider_id: null, tag_key: null, values: [] });
    expect((await monitors(org)).map((m) => m.id)).toEqual([first[0].id]);
    const del = await api<ErrorBody>(`/api/v1/monitors/${first[0].id}`, { key: org.key, method: "DELETE" });
    expect(del.status).toBe(409);
    expect(del.body.error.code).toBe("conflict");
    const rename = await api<{ data: Monitor }>(`/api/v1/monitors/${first[0].id}`, { key: org.key, method: "PATCH", body: { name: "Everything" } });
    expect(rename.status).toBe(200);
    expect(rename.body.data.name).toBe("Everything");
    const retarget = await api<ErrorBody>(`/api/v1/monitors/${first[0].id}`, { key: org.key, method: "PATCH", body: { values: ["a"] } });
    expect(retarget.status).toBe(400);
  });

  it("rejects bad bodies with 400 in the cloud error shape", async () => {
    const org = await createTestOrg("pro");
    const bodies: unknown[] = [
      {},
      { name: "x", kind: "services" },
      { name: "x", kind: "cost_category" },
      { name: "x", kind: "tag" },
      { name: "x", kind: "accounts", tag_key: "team" },
      { name: "", kind: "accounts" },
      { name: "x".repeat(101), kind: "accounts" },
      { name: "x", kind: "accounts", values: Array.from({ length: 101 }, (_, i) => `a${i}`) },
      { name: "x", kind: "accounts", values: [1] },
      { name: "x", kind: "tag", tag_key: "k".repeat(129) },
      { name: "x", kind: "accounts", provider_id: "1" },
      { name: "x", kind: "accounts", extra: true },
      [],
    ];
    for (const body of bodies) {
      const res = await api<ErrorBody>("/api/v1/monitors", { key: org.key, method: "POST", body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe("invalid_body");
    }
    const notJson = await api<ErrorBody>("/api/v1/monitors", { key: org.key, method: "POST", rawBody: "{", headers: { "content-type": "application/json" } });
    expect(notJson.status).toBe(400);
    const emptyPatch = await api<ErrorBody>(`/api/v1/monitors/${(await monitors(org))[0].id}`, { key: org.key, method: "PATCH", body: {} });
    expect(emptyPatch.status).toBe(400);
    expect((await api<ErrorBody>("/api/v1/monitors/abc", { key: org.key })).status).toBe(400);
    expect((await api("/api/v1/monitors", { key: null })).status).toBe(401);
  });

  it("another organization's monitor or provider is not found", async () => {
    const a = await createTestOrg("pro");
    const b = await createTestOrg("pro");
    const providerOfB = (await createTestProvider(b.id, "B")).id;
    const created = await api<{ data: Monitor }>("/api/v1/monitors", { key: a.key, method: "POST", body: { name: "Accounts", kind: "accounts" } });
    expect(created.status).toBe(201);
    const id = created.body.data.id;
    expect((await api(`/api/v1/monitors/${id}`, { key: b.key })).status).toBe(404);
    expect((await api(`/api/v1/monitors/${id}`, { key: b.key, method: "PATCH", body: { name: "mine" } })).status).toBe(404);
    expect((await api(`/api/v1/monitors/${id}`, { key: b.key, method: "DELETE" })).status).toBe(404);
    expect((await api(`/api/v1/monitors/${id}`, { key: a.key })).status).toBe(200);
    const foreign = await api<ErrorBody>("/api/v1/monitors", { key: a.key, method: "POST", body: { name: "x", kind: "accounts", provider_id: providerOfB } });
    expect(foreign.status).toBe(404);
    expect((await monitors(b)).map((m) => m.kind)).toEqual(["services"]);
  });

  it("updates name, provider and values; the JSON ingest accepts tags and rejects bad ones", async () => {
    const org = await createTestOrg("pro");
    const providerId = (await createTestProvider(org.id, "P")).id;
    const created = await api<{ data: Monitor }>("/api/v1/monitors", { key: org.key, method: "POST", body: { name: "Teams", kind: "tag", tag_key: "team" } });
    const patched = await api<{ data: Monitor }>(`/api/v1/monitors/${created.body.data.id}`, {
      key: org.key,
      method: "PATCH",
      body: { name: "Search team", provider_id: providerId, values: ["search", "search"] },
    });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body.data).toMatchObject({ name: "Search team", provider_id: providerId, values: ["search"], tag_key: "team" });

    const rows = [
      { date: "2026-01-05", service: "EC2", amount: 10, account_id: "1", tags: { team: "search", env: "prod" } },
      { date: "2026-01-05", service: "EC2", amount: 5, account_id: "1", region: "eu-west-1", tags: { team: "search" } },
    ];
    const ok = await api(`/api/v1/providers/${providerId}/costs`, { key: org.key, method: "POST", body: rows });
    expect(ok.status, ok.text).toBeLessThan(300);
    const stored = await db().costEntryTag.findMany({ where: { providerId }, orderBy: { key: "asc" } });
    expect(stored.map((t) => [t.key, t.value, t.amount])).toEqual([
      ["env", "prod", 10],
      ["team", "search", 15],
    ]);
    // Re-sending the day replaces its tags, never adds.
    await api(`/api/v1/providers/${providerId}/costs`, { key: org.key, method: "POST", body: rows });
    expect((await db().costEntryTag.findMany({ where: { providerId, key: "team" } })).map((t) => t.amount)).toEqual([15]);
    for (const tags of [{ team: 1 }, ["search"], { "": "x" }, { team: "x".repeat(257) }, Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]))]) {
      const bad = await api<ErrorBody>(`/api/v1/providers/${providerId}/costs`, { key: org.key, method: "POST", body: [{ date: "2026-01-05", service: "EC2", amount: 1, tags }] });
      expect(bad.status, JSON.stringify(tags)).toBe(400);
    }
  });
});
