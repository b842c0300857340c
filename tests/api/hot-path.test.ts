// Issue 12's hot path over real HTTP: the liveness probe, conditional list and detail
// (ETag, If-None-Match → 304), the list's limit/cursor paging, and that the in-memory
// answers and authenticated keys never outlive a write or a revocation.
import { beforeAll, describe, expect, it } from "vitest";
import { api, createTestOrg, createTestProvider, type TestOrg } from "../support/fixtures";
import { insertAnomaly } from "../support/cloud-fixtures";
import { signInNewMember } from "../support/session";
import { createApiKey, revokeApiKey } from "@/lib/auth/api-keys";

type Anomaly = { id: number; date: string; status: string };
type List = { data: Anomaly[]; next_cursor?: string | null };
type ErrorBody = { error: { code: string; message: string } };

const NOW = new Date();

describe("GET /api/health/live", () => {
  it("answers 200 without touching the database or asking for credentials", async () => {
    const res = await api<{ status: string }>("/api/health/live");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok" });
  });
});

describe("conditional requests on /api/v1/anomalies", () => {
  let org: TestOrg;
  let ids: number[];

  beforeAll(async () => {
    org = await createTestOrg("pro");
    const provider = await createTestProvider(org.id, "Conditional provider");
    ids = [];
    for (const daysAgo of [2, 4, 6]) ids.push((await insertAnomaly(org.id, provider.id, { now: NOW, daysAgo })).id);
  });

  it("the list: 200 with an ETag, then 304 with no body for the same tag, and a new tag after a dismissal", async () => {
    const first = await api<List>("/api/v1/anomalies", { key: org.key });
    expect(first.status).toBe(200);
    const tag = first.headers.get("etag");
    expect(tag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get("cache-control")).toBe("private, no-cache");
    expect(first.body.data.map((a) => a.id).sort()).toEqual([...ids].sort());

    const again = await api("/api/v1/anomalies", { key: org.key, headers: { "if-none-match": tag! } });
    expect(again.status).toBe(304);
    expect(again.text).toBe("");
    expect(again.headers.get("etag")).toBe(tag);

    expect((await api(`/api/v1/anomalies/${ids[0]}/dismiss`, { method: "POST", key: org.key, body: { reason: "known" } })).status).toBe(200);
    const changed = await api<List>("/api/v1/anomalies", { key: org.key, headers: { "if-none-match": tag! } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(tag);
    expect(changed.body.data.find((a) => a.id === ids[0])?.status).toBe("dismissed");
  });

  it("the detail: 200 with an ETag, 304 for it, and 200 again with another tag", async () => {
    const first = await api<{ data: Anomaly }>(`/api/v1/anomalies/${ids[1]}`, { key: org.key });
    expect(first.status).toBe(200);
    const tag = first.headers.get("etag")!;
    expect(tag).toBeTruthy();
    const again = await api(`/api/v1/anomalies/${ids[1]}`, { key: org.key, headers: { "if-none-match": `"other", ${tag}` } });
    expect(again.status).toBe(304);
    expect(again.text).toBe("");
    const stale = await api(`/api/v1/anomalies/${ids[1]}`, { key: org.key, headers: { "if-none-match": `"not-the-tag"` } });
    expect(stale.status).toBe(200);
    expect(stale.text).toBe(first.text);
  });

  it("a write by another process shows at once (the kept answer is dropped)", async () => {
    const before = await api<List>("/api/v1/anomalies", { key: org.key });
    const provider = await createTestProvider(org.id, "Written elsewhere");
    const added = await insertAnomaly(org.id, provider.id, { now: NOW, daysAgo: 1 });
    const after = await api<List>("/api/v1/anomalies", { key: org.key, headers: { "if-none-match": before.headers.get("etag")! } });
    expect(after.status).toBe(200);
    expect(after.body.data.map((a) => a.id)).toContain(added.id);
  });

  it("CSV answers carry no ETag", async () => {
    const csv = await api("/api/v1/anomalies", { key: org.key, headers: { accept: "text/csv" } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("etag")).toBeNull();
  });

  it("clients spelling Accept differently get the same JSON (one kept answer), CSV still gets CSV after it, and a gzip-accepting client readable JSON", async () => {
    const accepts = ["application/json", "*/*", "text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.8"];
    const answers: Array<Awaited<ReturnType<typeof api<List>>>> = [];
    for (const accept of accepts) answers.push(await api<List>("/api/v1/anomalies?days=10", { key: org.key, headers: { accept } }));
    const tags = answers.map((answer) => answer.headers.get("etag"));
    expect(tags[0]).toMatch(/^"[\w-]+"$/);
    expect(new Set(tags).size).toBe(1);
    expect(answers.map((answer) => answer.text)).toEqual(answers.map(() => answers[0].text));
    const csv = await api("/api/v1/anomalies?days=10", { key: org.key, headers: { accept: "text/csv, application/json;q=0.5" } });
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(csv.text.split("\r\n")[0]).toContain("id");
    // A client that accepts gzip gets JSON it can read: nothing compressed arrives unlabelled.
    const zipped = await api<List>("/api/v1/anomalies?days=10", { key: org.key, headers: { "accept-encoding": "gzip" } });
    expect(zipped.text).toBe(answers[0].text);
    expect(zipped.body.data.length).toBeGreaterThanOrEqual(ids.length);
  });
});

describe("paging the list with limit and cursor", () => {
  let org: TestOrg;

  beforeAll(async () => {
    org = await createTestOrg("pro");
    const provider = await createTestProvider(org.id, "Paged provider");
    // Two on one day: the cursor must split a day in the list's order (day, then id, descending).
    for (const daysAgo of [1, 3, 3, 5, 8]) await insertAnomaly(org.id, provider.id, { now: NOW, daysAgo });
  });

  it("without limit: the whole window and no next_cursor field", async () => {
    const all = await api<List>("/api/v1/anomalies", { key: org.key });
    expect(all.body.data).toHaveLength(5);
    expect("next_cursor" in all.body).toBe(false);
  });

  it("pages follow one another in the list's order, and the last has next_cursor null", async () => {
    const all = (await api<List>("/api/v1/anomalies", { key: org.key })).body.data.map((a) => a.id);
    const seen: number[] = [];
    let cursor: string | null | undefined;
    for (let page = 0; page < 3; page++) {
      const query = cursor ? `?limit=2&cursor=${encodeURIComponent(cursor)}` : "?limit=2";
      const res = await api<List>(`/api/v1/anomalies${query}`, { key: org.key });
      expect(res.status).toBe(200);
      seen.push(...res.body.data.map((a) => a.id));
      cursor = res.body.next_cursor;
      expect(cursor === null).toBe(page === 2);
    }
    expect(seen).toEqual(all);
  });

  it.each([
    ["limit=0", "limit"],
    ["limit=1001", "limit"],
    ["limit=two", "limit"],
    ["limit=2&cursor=not-a-cursor!", "cursor"],
    [`limit=2&cursor=${Buffer.from("2024-01-01~0").toString("base64url")}`, "cursor"],
  ])("400 invalid_parameter for %s", async (query, field) => {
    const res = await api<ErrorBody>(`/api/v1/anomalies?${query}`, { key: org.key });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_parameter");
    expect(res.body.error.message).toContain(`'${field}'`);
  });
});

describe("authenticated keys kept in memory", () => {
  let org: TestOrg;

  beforeAll(async () => {
    org = await createTestOrg("pro");
  });

  it("a key revoked by another process stops working on the next request", async () => {
    const { key, record } = await createApiKey(org.id, "kept then revoked elsewhere");
    for (let i = 0; i < 3; i++) expect((await api("/api/v1/anomalies", { key })).status).toBe(200);
    await revokeApiKey(org.id, record.prefix);
    expect((await api("/api/v1/anomalies", { key })).status).toBe(401);
  });

  it("a key revoked through the API stops working on the next request", async () => {
    const cookie = await signInNewMember(org.id, "admin");
    const { key, record } = await createApiKey(org.id, "kept then revoked through the API");
    for (let i = 0; i < 3; i++) expect((await api("/api/v1/anomalies", { key })).status).toBe(200);
    const revoked = await api(`/api/internal/api-keys/${record.id}`, { method: "DELETE", headers: { cookie } });
    expect(revoked.status).toBe(200);
    expect((await api("/api/v1/anomalies", { key })).status).toBe(401);
  });
});
