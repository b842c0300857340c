// npm run bench:csv — our streaming CSV reader (lib/ingest/csv.ts) against csv-parse (the
// maintained streaming parser, MIT) on generated FOCUS exports: plain, every record with a
// quoted field, and a pathological file without newlines (time to refuse it). Prints a
// Markdown table for BENCHMARKS.md. BENCH_CSV_ROWS sets the size (default 500,000 rows).
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse";
import { openCsvSource, readCsvRecords, MAX_RECORD_CHARS } from "@/lib/ingest/csv";
import { writeFocusFile } from "@/tests/support/generators/cost-file";

const rows = Number(process.env.BENCH_CSV_ROWS ?? 500_000);
const RUNS = 3;

async function ours(file: string): Promise<number> {
  let records = 0;
  for await (const batch of readCsvRecords(openCsvSource(file).chunks)) records += batch.length;
  return records;
}

async function csvParse(file: string): Promise<number> {
  let records = 0;
  const parser = createReadStream(file, { highWaterMark: 1 << 20 }).pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, max_record_size: MAX_RECORD_CHARS }));
  for await (const record of parser) if (record) records += 1;
  return records;
}

async function timed(fn: () => Promise<number>): Promise<{ ms: number; outcome: string }> {
  const started = performance.now();
  let outcome: string;
  try {
    outcome = `${await fn()} records`;
  } catch (error) {
    outcome = `refused: ${(error as Error).message.slice(0, 60)}`;
  }
  return { ms: performance.now() - started, outcome };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "bench-csv-"));
  try {
    const plain = path.join(dir, "plain.csv");
    await writeFocusFile(plain, rows);
    const quoted = path.join(dir, "quoted.csv");
    // Every record gets a quoted service name with a comma and an escaped quote (the slow path).
    writeFileSync(quoted, readFileSync(plain, "utf8").replace(/,Service (\d+),/g, ',"Service $1, ""Inc""",'));
    const noNewline = path.join(dir, "no-newline.csv");
    writeFileSync(noNewline, Buffer.alloc(64 * 1024 * 1024, 0x61));
    console.log(`| input | MB | parser | median ms (${RUNS} runs) | MB/s | outcome |`);
    console.log("|---|---:|---|---:|---:|---|");
    for (const [label, file] of [["plain FOCUS", plain], ["every record quoted", quoted], ["64 MiB without a newline", noNewline]] as const) {
      const mb = statSync(file).size / 1024 / 1024;
      for (const [name, fn] of [["lib/ingest/csv.ts", ours], ["csv-parse 6", csvParse]] as const) {
        const results = [];
        for (let i = 0; i < RUNS; i++) results.push(await timed(() => fn(file)));
        const ms = median(results.map((r) => r.ms));
        console.log(`| ${label} | ${mb.toFixed(0)} | ${name} | ${ms.toFixed(0)} | ${(mb / (ms / 1000)).toFixed(0)} | ${results[0].outcome} |`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
