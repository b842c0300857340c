import { expect, type APIRequestContext, type Page } from "@playwright/test";

export const DEMO_PASSWORD = process.env.BANDWATCH_DEMO_PASSWORD ?? "demo-password-123";
export const ADMIN = "admin@acme.test";
export const ANALYST = "analyst@acme.test";
export const ARTIFACTS = "e2e/artifacts";

export async function signIn(page: Page, email: string, path = "/") {
  await page.goto(`/login?callbackUrl=${encodeURIComponent(path)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === path.split("?")[0]);
  await expect(page.getByTestId("role")).toBeVisible();
}

export interface ListedAnomaly {
  id: number;
  type: string;
  status: string;
  date: string;
}

/**
 * An active anomaly of the signed-in user's organization, chosen by querying rather than
 * by a fixed id (browser tests share their database copy and may dismiss some).
 */
export async function findActiveAnomaly(request: APIRequestContext, preferType = "cost"): Promise<ListedAnomaly> {
  const res = await request.get("/api/v1/anomalies?status=active&days=3650");
  expect(res.status()).toBe(200);
  const { data } = (await res.json()) as { data: ListedAnomaly[] };
  const chosen = data.find((a) => a.type === preferType) ?? data[0];
  expect(chosen, "the demo data should have at least one active anomaly").toBeTruthy();
  return chosen;
}

export async function anyAnomaly(request: APIRequestContext): Promise<ListedAnomaly> {
  const res = await request.get("/api/v1/anomalies?days=3650&type=cost");
  expect(res.status()).toBe(200);
  const { data } = (await res.json()) as { data: ListedAnomaly[] };
  expect(data.length).toBeGreaterThan(0);
  return data[0];
}

/** Rows of a CSV file (RFC 4180: quoted cells may hold commas, quotes and line breaks). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\n" || (ch === "\r" && text[i + 1] === "\n")) {
      if (ch === "\r") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += ch;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}
