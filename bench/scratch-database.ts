// A throw-away database for an in-process benchmark: a temporary SQLite file, or a fresh
// PostgreSQL database (TEST_DATABASE_URL or the local server) dropped afterwards.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export type BenchDbKind = "sqlite" | "postgres";

/** `postgres` on the command line selects PostgreSQL; SQLite otherwise. */
export const benchDbKind = (): BenchDbKind => (process.argv.includes("postgres") ? "postgres" : "sqlite");

export async function withScratchDatabase<T>(kind: BenchDbKind, fn: (url: string) => Promise<T>): Promise<T> {
  if (kind === "sqlite") {
    const dir = mkdtempSync(path.join(os.tmpdir(), "bw-bench-"));
    try {
      return await fn(`file:${path.join(dir, "bench.db")}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const adminUrl = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const name = `bandwatch_bench_${Date.now()}`;
  await admin.query(`CREATE DATABASE "${name}"`);
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return await fn(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}
