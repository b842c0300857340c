// npm run bench:import — rows/s and peak RSS importing generated FOCUS exports into SQLite and
// PostgreSQL: 250,000 and 1,000,000 rows by default, BENCH_IMPORT_SIZES=250000,1000000,4000000 for
// the flat-memory check (BENCH_IMPORT_ROWS=N alone: N/4 and N). Each database run happens in a
// child process so its peak RSS is its own; the table goes into BENCHMARKS.md.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { writeFocusFile } from "@/tests/support/generators/cost-file";
import { writeBenchSection } from "./report";

const ROOT = path.resolve(import.meta.dirname, "..");
const rowsWanted = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
const sizes = process.env.BENCH_IMPORT_SIZES ? process.env.BENCH_IMPORT_SIZES.split(",").map(Number) : [...new Set([Math.round(rowsWanted / 4), rowsWanted])];

async function child() {
  const [file, label] = process.argv.slice(3);
  const { migrateDatabase } = await import("@/lib/db/migrate");
  const { db, disconnectDb } = await import("@/lib/db/client");
  const { importCostFile } = await import("@/lib/ingest/runner");
  await migrateDatabase();
  const org = await db().organization.create({ data: { slug: `bench-${Date.now()}`, name: "bench" } });
  const provider = await db().provider.create({ data: { orgId: org.id, kind: "aws", name: "bench" } });
  let peak = process.memoryUsage().rss;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  let readDone = 0;
  const started = performance.now();
  const summary = await importCostFile({
    orgId: org.id,
    providerId: provider.id,
    format: "focus",
    input: file,
    fileName: path.basename(file),
    onProgress: (p) => {
      if (p.phase === "writing" && !readDone) readDone = performance.now();
    },
  });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sample);
  peak = Math.max(peak, process.memoryUsage().rss);
  const daily = await db().costDaily.count({ where: { providerId: provider.id } });
  await disconnectDb();
  process.stdout.write(
    JSON.stringify({ label, rows: summary.rowsRead, entries: summary.entriesWritten, daily, seconds, readSeconds: readDone ? (readDone - started) / 1000 : null, rowsPerSecond: Math.round(summary.rowsRead / seconds), peakRssMb: Math.round(peak / 1024 / 1024) }) + "\n",
  );
}

type ChildResult = { label: string; rows: number; entries: number; seconds: number; readSeconds: number | null; rowsPerSecond: number; peakRssMb: number };

function runChild(file: string, label: string, databaseUrl: string): ChildResult {
  const result = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "bench/import.ts"), "--child", file, label], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, CHECKPOINT_DISABLE: "1" },
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  if (result.status !== 0) throw new Error(`${label} failed: ${result.stderr.slice(-2000)}`);
  return JSON.parse(result.stdout.trim().split("\n").at(-1)!) as ChildResult;
}

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "bandwatch-bench-import-"));
  const results: Array<ChildResult & { fileMb: number }> = [];
  try {
    for (const rows of sizes) {
      const file = path.join(dir, `focus-${rows}.csv`);
      const t = performance.now();
      await writeFocusFile(file, rows);
      const mb = statSync(file).size / 1024 / 1024;
      console.error(`generated ${rows.toLocaleString("en-US")} rows (${mb.toFixed(0)} MB) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      results.push({ ...runChild(file, `sqlite ${rows}`, `file:${path.join(dir, `bench-${rows}.db`)}`), fileMb: Math.round(mb) });
      console.error(JSON.stringify(results.at(-1)));
      {
        const admin = new pg.Client({ connectionString: process.env.BENCH_PG_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres" });
        const name = `bandwatch_bench_${Date.now()}`;
        try {
          await admin.connect();
          await admin.query(`CREATE DATABASE ${name}`);
          results.push({ ...runChild(file, `postgresql ${rows}`, `postgresql://postgres@127.0.0.1:5432/${name}`), fileMb: Math.round(mb) });
          console.error(JSON.stringify(results.at(-1)));
        } catch (error) {
          console.error(`PostgreSQL run skipped: ${error instanceof Error ? error.message : String(error)}`);
        } finally {
          await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
          await admin.end().catch(() => undefined);
        }
      }
      rmSync(file);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const lines = [
    "| database | rows | file MB | seconds | rows/s | parse-only s | CostEntry rows | peak RSS MB |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
    ...results.map((r) => `| ${r.label.split(" ")[0]} | ${r.rows.toLocaleString("en-US")} | ${r.fileMb} | ${r.seconds.toFixed(1)} | ${r.rowsPerSecond.toLocaleString("en-US")} | ${r.readSeconds?.toFixed(1) ?? "-"} | ${r.entries.toLocaleString("en-US")} | ${r.peakRssMb} |`),
  ];
  console.log(lines.join("\n"));
  const spread = (db: string) => {
    const peaks = results.filter((r) => r.label.startsWith(db)).map((r) => r.peakRssMb);
    return peaks.length > 1 ? `${db}: peak RSS ${Math.min(...peaks)}–${Math.max(...peaks)} MB, the largest ${Math.round((Math.max(...peaks) / Math.min(...peaks) - 1) * 100)} % above the smallest` : "";
  };
  const note = ["sqlite", "postgresql"].map(spread).filter(Boolean).join("; ");
  writeBenchSection("import", "FOCUS imports, generated by `npm run bench:import`", `${lines.join("\n")}\n\nTargets: ≥ 200,000 rows/s on both databases; peak RSS within 10 % from the smallest to the largest file. ${note}.`);
}

if (process.argv[2] === "--child") await child();
else await main();
