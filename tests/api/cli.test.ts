// The `bandwatch` CLI against the same database as the running app.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { api, createTestOrg } from "../support/fixtures";

function bandwatch(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [path.resolve("bin/bandwatch.mjs"), ...args], { env: process.env, encoding: "utf8", input });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("bandwatch CLI", () => {
  it("keys create --json prints only {key, org}, and the key works over HTTP", async () => {
    const org = await createTestOrg("free");
    const out = bandwatch(["keys", "create", "--org", org.slug, "--name", "ci", "--json"]);
    expect(out.code, out.stderr).toBe(0);
    const parsed = JSON.parse(out.stdout) as { key: string; org: string };
    expect(Object.keys(parsed).sort()).toEqual(["key", "org"]);
    expect(parsed.org).toBe(org.slug);
    expect((await api("/api/v1/anomalies", { key: parsed.key })).status).toBe(200);

    const revoke = bandwatch(["keys", "revoke", parsed.key.slice(0, 12)]);
    expect(revoke.code, revoke.stderr).toBe(0);
    expect((await api("/api/v1/anomalies", { key: parsed.key })).status).toBe(401);
    const again = bandwatch(["keys", "revoke", parsed.key.slice(0, 12)]);
    expect(again.code).not.toBe(0);
    // Both are in the organization's audit log, by the command line; the failed revoke is not.
    const audit = await db().auditEntry.findMany({ where: { orgId: org.id }, orderBy: { at: "asc" } });
    expect(audit.map((e) => [e.action, e.actor])).toEqual([
      ["api_key.create", "cli"],
      ["api_key.revoke", "cli"],
    ]);
  });

  it("providers create/list --json print JSON only, with integer ids the API knows", async () => {
    const org = await createTestOrg();
    const created = bandwatch(["providers", "create", "--org", org.slug, "--kind", "gcp", "--name", "GCP prod", "--account-id", "proj-1", "--json"]);
    expect(created.code, created.stderr).toBe(0);
    const provider = JSON.parse(created.stdout) as { id: number; kind: string; name: string; account_id: string };
    expect(Number.isInteger(provider.id)).toBe(true);
    expect(provider).toMatchObject({ kind: "gcp", name: "GCP prod", account_id: "proj-1" });
    const listed = bandwatch(["providers", "list", "--org", org.slug, "--json"]);
    // The list adds whether the provider's daily data is arriving (none yet).
    expect(JSON.parse(listed.stdout)).toEqual([{ ...provider, data_status: "no_data", last_data_date: null }]);
    const viaApi = await api<{ data: Array<{ id: number }> }>("/api/v1/providers", { key: org.key });
    expect(viaApi.body.data.map((p) => p.id)).toEqual([provider.id]);
  });

  it("users create takes the password from --password or standard input", async () => {
    const org = await createTestOrg();
    const email = `u-${Date.now()}@example.test`;
    const a = bandwatch(["users", "create", "--org", org.slug, "--email", email, "--role", "analyst", "--password", "long-enough-1", "--json"]);
    expect(a.code, a.stderr).toBe(0);
    expect(JSON.parse(a.stdout)).toMatchObject({ email, role: "analyst", org: org.slug });
    const b = bandwatch(["users", "create", "--org", org.slug, "--email", `s-${email}`, "--role", "admin"], "from-stdin-pw\n");
    expect(b.code, b.stderr).toBe(0);
    const short = bandwatch(["users", "create", "--org", org.slug, "--email", `x-${email}`, "--role", "admin", "--password", "short"]);
    expect(short.code).not.toBe(0);
  });

  it.each([
    [["keys", "create", "--org", "no-such-org"], /no organization/],
    [["providers", "create", "--org", "no-such-org", "--kind", "aws", "--name", "x"], /no organization/],
    [["users", "create", "--org", "acme", "--email", "x@y.z", "--role", "owner", "--password", "long-enough-1"], /role/],
    [["keys", "create"], /--org/],
    [["keys", "create", "--org", "acme", "--bogus"], /bogus/],
    [["no-such-command"], /usage/],
  ])("%j fails with a one-line message and a non-zero exit", (args, pattern) => {
    const out = bandwatch(args as string[]);
    expect(out.code).not.toBe(0);
    expect(out.stdout).toBe("");
    expect(out.stderr).toMatch(pattern as RegExp);
    if (!(args as string[]).includes("no-such-command")) expect(out.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("providers create rejects an unknown kind", async () => {
    const org = await createTestOrg();
    const out = bandwatch(["providers", "create", "--org", org.slug, "--kind", "oracle", "--name", "x", "--json"]);
    expect(out.code).not.toBe(0);
    expect(out.stdout).toBe("");
    expect(out.stderr).toMatch(/--kind/);
  });

  it("seed --demo is idempotent: a second run adds no data and reissues credentials", async () => {
    const first = bandwatch(["seed", "--demo", "--json"]);
    expect(first.code, first.stderr).toBe(0);
    const second = bandwatch(["seed", "--demo", "--json"]);
    const a = JSON.parse(first.stdout) as { seeded: boolean; anomalies: number; apiKey: { key: string } };
    const b = JSON.parse(second.stdout) as { seeded: boolean; anomalies: number; apiKey: { key: string } };
    expect(b.seeded).toBe(false);
    expect(b.anomalies).toBe(a.anomalies);
    expect(b.apiKey.key).not.toBe(a.apiKey.key);
    expect((await api("/api/v1/providers", { key: b.apiKey.key })).status).toBe(200);
  });
});
