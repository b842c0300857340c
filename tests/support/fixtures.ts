// Helpers for API tests: they write fixtures straight into the same database the
// running app uses (DATABASE_URL), then talk to the app over real HTTP (BASE_URL).
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { createApiKey } from "@/lib/auth/api-keys";
import { createOrganization, type Plan } from "@/lib/org/organizations";
import type { ProviderKind } from "@/lib/vocabulary";
import { rollupCostDays } from "@/lib/cloud/rollup";

// Not BASE_URL: Vite (and so vitest) reserves that name and sets it to "/".
export const BASE_URL = process.env.APP_URL ?? "http://127.0.0.1:3000";

export interface TestOrg {
  id: string;
  slug: string;
  key: string;
}

export async function createTestOrg(plan: Plan = "pro"): Promise<TestOrg> {
  const slug = `t-${randomUUID().slice(0, 12)}`;
  const org = await createOrganization({ slug, name: `Test ${slug}`, plan });
  const { key } = await createApiKey(org.id, "test");
  return { id: org.id, slug, key };
}

export async function createTestProvider(orgId: string, name = "Test provider", kind: ProviderKind = "aws") {
  return db().provider.create({ data: { orgId, kind, name } });
}

/** Writes daily spend per service and rolls it up, as an ingest would. */
export async function writeCosts(orgId: string, providerId: number, rows: Array<{ day: string; service: string; amount: number }>) {
  await db().costEntry.createMany({ data: rows.map((r) => ({ orgId, providerId, day: r.day, service: r.service, amount: r.amount, source: "test" })) });
  await rollupCostDays(orgId, providerId, rows.map((r) => r.day));
}

export interface ApiResult<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/**
 * A kept-alive socket the server closed (while idle, as tests pause to run CLI commands,
 * or after answering 413/400 before reading the body) fails the next request before it
 * is sent; one retry on a fresh socket is safe then.
 */
export async function fetchWithRetry(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const cause = error instanceof Error ? error.cause : undefined;
    const code = typeof cause === "object" && cause !== null && "code" in cause ? cause.code : undefined;
    if (code !== "UND_ERR_SOCKET" && code !== "ECONNRESET") throw error;
    return fetch(url, init);
  }
}

export async function api<T = Record<string, unknown>>(
  pathname: string,
  init: { method?: string; key?: string | null; headers?: Record<string, string>; body?: unknown; rawBody?: string } = {},
): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.key) headers.authorization = `Bearer ${init.key}`;
  let body: string | undefined = init.rawBody;
  if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers["content-type"] ??= "application/json";
  }
  const res = await fetchWithRetry(`${BASE_URL}${pathname}`, { method: init.method ?? "GET", headers, body, redirect: "manual" });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  return { status: res.status, headers: res.headers, body: parsed as T, text };
}
