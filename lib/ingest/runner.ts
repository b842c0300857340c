// Imports a cost export (FOCUS 1.x or AWS CUR 2.0) into CostEntry and the CostDaily rollup.
//
// 1. Stream the file once: parse, map, validate and aggregate lines to the CostEntry
//    grain (day x service x region x account x SKU x charge category). Nothing is
//    written while reading, so a bad header or an aborted upload changes nothing.
// 2. Write whole days, each batch of days in one transaction together with its rollup:
//    a killed import leaves every day either as it was or fully imported.
// Idempotency: a file whose hash already has a succeeded ImportRun for the provider is
// skipped. Otherwise the file replaces, for each (day, account) it contains, the rows
// an earlier import of the same format wrote, so a corrected re-export of a period
// overwrites it instead of adding to it. FOCUS correction rows (ChargeClass=Correction)
// are deltas to earlier days, kept under their own source per billing period so that
// the regular rows of that day are not replaced by them.
import { db, dbProvider } from "@/lib/db/client";
import { openCsvSource, readCsvRecords, CsvFormatError, CsvInputError } from "./csv";
import { detectFormat, FORMATS, MissingColumnsError, type CostLine, type ImportFormat } from "./formats";
import { CostAggregates, PENDING_CORRECTION, regularSource, type Aggregate } from "./cost-entries";
import type { Readable } from "node:stream";
import { dataDayBounds } from "@/lib/time";
import { HttpError } from "@/lib/http/errors";
import { HEARTBEAT_MS } from "./sweeper";
import { writeSqliteDays } from "./sqlite-writer";
import { importTagScopes, replaceCostTags } from "./tags";
import { writePgBatches, type DayRows } from "./pg-writer";

export const MAX_REJECTIONS_LISTED = 100;
const MAX_ENTRIES_PER_TRANSACTION = 5000;

export interface ImportProgress {
  rowsRead: number;
  bytesRead: number;
  phase: "reading" | "writing";
  daysWritten: number;
  daysTotal: number;
}

export interface ImportOptions {
  orgId: string;
  providerId: number;
  /** "auto": chosen from the header row (a multipart form's `format` field may come after the file). */
  format: ImportFormat | "auto";
  input: string | AsyncIterable<Uint8Array> | Readable;
  fileName: string;
  /** Import even when this exact file was imported before. */
  force?: boolean;
  onProgress?: (progress: ImportProgress) => void;
  /** Most CSV bytes after gunzip (uploads: BANDWATCH_MAX_DECOMPRESSED_MB); unlimited when absent. */
  maxCsvBytes?: number;
  /** The clock rows' days are checked against (accepted: BANDWATCH_MIN_DATA_DAY to today + BANDWATCH_MAX_FUTURE_DAYS). */
  now?: Date;
}

// Type aliases, not interfaces: the summary is stored in a Json column, and TypeScript only
// accepts object types without an index signature as JSON values when they are aliases.
export type RejectedRow = {
  line: number;
  reason: string;
};

export type ImportSummary = {
  importRunId: string;
  status: "succeeded" | "unchanged";
  format: ImportFormat;
  fileName: string;
  fileHash: string;
  currency: string;
  rowsRead: number;
  rowsImported: number;
  rowsRejected: number;
  rejected: RejectedRow[];
  correctionRows: number;
  entriesWritten: number;
  days: string[];
  correctedDays: string[];
  services: string[];
  totals: { usage: number; other: number };
  durationMs: number;
};

export type ImportErrorCode = "missing_columns" | "empty_file" | "malformed_csv" | "provider_not_found" | "corrupt_gzip" | "too_large";

export class ImportError extends Error {
  constructor(
    readonly code: ImportErrorCode,
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = "ImportError";
  }
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;

/** What reading the whole file found, before anything is written. */
interface ReadOutcome {
  format: ImportFormat;
  currency: string;
  rowsRead: number;
  rowsRejected: number;
  rejected: RejectedRow[];
  correctionRows: number;
  aggregates: CostAggregates;
  fileHash: string;
  bytesRead: () => number;
}

/** Streams the file once: header → format and column mapping, then each row mapped, checked and aggregated. */
async function readCostRows(options: ImportOptions, provider: { id: number; currency: string }, beat: () => void): Promise<ReadOutcome> {
  const source = openCsvSource(options.input, { maxBytes: options.maxCsvBytes });
  const out: ReadOutcome = {
    format: options.format === "auto" ? "focus" : options.format,
    currency: provider.currency,
    rowsRead: 0,
    rowsRejected: 0,
    rejected: [],
    correctionRows: 0,
    aggregates: new CostAggregates(),
    fileHash: "",
    bytesRead: source.bytesRead,
  };
  const reject = (line: number, reason: string) => {
    out.rowsRejected += 1;
    if (out.rejected.length < MAX_REJECTIONS_LISTED) out.rejected.push({ line, reason });
  };
  // A provider without data yet takes the currency of its first export. (Whether a row exists, not
  // how many: counting a provider's millions of entries would cost more than a small import.)
  let currencyDecided = (await db().costEntry.findFirst({ where: { providerId: provider.id }, select: { id: true } })) !== null;
  let mapper: ReturnType<(typeof FORMATS)[ImportFormat]["bind"]> | null = null;
  let lastProgress = 0;
  try {
    for await (const batch of readCsvRecords(source.chunks)) {
      for (const record of batch) {
        if (!mapper) {
          if (options.format === "auto") out.format = detectFormat(record.fields);
          mapper = FORMATS[out.format].bind(record.fields, dataDayBounds(options.now));
          continue;
        }
        out.rowsRead += 1;
        const line: CostLine | string = mapper.map(record.fields);
        if (typeof line === "string") {
          reject(record.line, line);
          continue;
        }
        const rowCurrency = line.currency || out.currency;
        if (rowCurrency !== out.currency && currencyDecided) {
          reject(record.line, `currency ${rowCurrency} differs from the provider's currency ${out.currency}`);
          continue;
        }
        out.currency = rowCurrency;
        currencyDecided = true;
        if (line.correction) out.correctionRows += 1;
        out.aggregates.add(line, line.correction ? PENDING_CORRECTION + line.billingPeriod : regularSource(out.format), out.currency);
      }
      beat();
      if (options.onProgress && out.rowsRead - lastProgress >= 50_000) {
        lastProgress = out.rowsRead;
        options.onProgress({ rowsRead: out.rowsRead, bytesRead: source.bytesRead(), phase: "reading", daysWritten: 0, daysTotal: 0 });
      }
    }
  } catch (error) {
    if (error instanceof MissingColumnsError) throw new ImportError("missing_columns", `${FORMATS[out.format].label} export: ${error.message}`, 1);
    if (error instanceof CsvFormatError) throw new ImportError("malformed_csv", error.message, error.line);
    if (error instanceof CsvInputError) throw new ImportError(error.code, error.message);
    throw error;
  }
  if (!mapper) throw new ImportError("empty_file", "the file is empty (no header row)");
  out.fileHash = source.hash();
  return out;
}

const sortedSet = (values: Iterable<string>) => [...new Set(values)].sort();

export async function importCostFile(options: ImportOptions): Promise<ImportSummary> {
  const started = Date.now();
  const provider = await db().provider.findFirst({ where: { id: options.providerId, orgId: options.orgId } });
  if (!provider) throw new ImportError("provider_not_found", `provider ${options.providerId} not found`);
  const run = await db().importRun.create({
    data: { orgId: options.orgId, providerId: provider.id, format: options.format === "auto" ? "focus" : options.format, heartbeatAt: new Date(), fileName: options.fileName, fileHash: "" },
  });
  try {
    const beat = heartbeat(run.id);
    const read = await readCostRows(options, provider, beat);
    const { format, fileHash, currency, rowsRead, rowsRejected } = read;
    const entries = read.aggregates.takeEntries(format, fileHash);
    const days = sortedSet(entries.map((e) => e.day));
    const previous = options.force
      ? null
      : await db().importRun.findFirst({ where: { providerId: provider.id, fileHash, status: "succeeded", id: { not: run.id } }, select: { id: true } });

    let entriesWritten = 0;
    if (!previous) {
      if (currency !== provider.currency) await db().provider.update({ where: { id: provider.id }, data: { currency } });
      entriesWritten = await writeDays(options, entries, days, (daysWritten) => {
        beat();
        options.onProgress?.({ rowsRead, bytesRead: read.bytesRead(), phase: "writing", daysWritten, daysTotal: days.length });
      });
      await replaceCostTags(options.orgId, provider.id, importTagScopes(entries), read.aggregates.tags.rows());
    }

    const { usage, other } = read.aggregates.totals;
    const summary: ImportSummary = {
      importRunId: run.id,
      status: previous ? "unchanged" : "succeeded",
      format,
      fileName: options.fileName,
      fileHash,
      currency,
      rowsRead,
      rowsImported: rowsRead - rowsRejected,
      rowsRejected,
      rejected: read.rejected,
      correctionRows: read.correctionRows,
      entriesWritten,
      days,
      correctedDays: sortedSet(entries.filter((e) => e.source.includes(":correction:")).map((e) => e.day)),
      services: sortedSet(entries.map((e) => e.service)),
      totals: { usage: round(usage), other: round(other) },
      durationMs: Date.now() - started,
    };
    await db().importRun.update({
      where: { id: run.id },
      data: { status: "succeeded", format, fileHash, rowsRead, rowsRejected, finishedAt: new Date(), summary: summaryForStorage(summary) },
    });
    return summary;
  } catch (error) {
    await markFailed(run.id, error);
    throw error;
  }
}

/**
 * What a failed run stores and shows: our own validation messages (they describe the
 * file, not the server), or a generic reason; never a driver's or library's error text.
 */
export function importFailure(error: unknown): { error_code: string; error: string } {
  if (error instanceof ImportError) return { error_code: error.code, error: error.line ? `line ${error.line}: ${error.message}` : error.message };
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  if (code === "SQLITE_BUSY" || code === "P1008" || code === "P2028") return { error_code: "database_busy", error: "the database was busy; retry the import" };
  if (error instanceof HttpError) {
    if (error.kind === "payload_too_large") return { error_code: "too_large", error: "the upload is larger than allowed" };
    return { error_code: "upload_failed", error: "the upload could not be read" };
  }
  return { error_code: "internal_error", error: "the import failed because of an internal error" };
}

async function markFailed(runId: string, error: unknown): Promise<void> {
  if (!(error instanceof ImportError)) console.error(`[bandwatch] import ${runId} failed`, error);
  const summary = importFailure(error);
  // Several attempts: a run left `running` would look alive until the sweeper expires it.
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await db().importRun.update({ where: { id: runId }, data: { status: "failed", finishedAt: new Date(), summary } });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200 * (attempt + 1)));
    }
  }
}

/** Refreshes the run's heartbeat at most every HEARTBEAT_MS, without waiting (the sweeper expires runs whose beat stops). */
function heartbeat(runId: string): () => void {
  let last = Date.now();
  return () => {
    if (Date.now() - last < HEARTBEAT_MS) return;
    last = Date.now();
    void db().importRun.updateMany({ where: { id: runId, status: "running" }, data: { heartbeatAt: new Date() } }).catch(() => undefined);
  };
}

/** Stored summary: lists capped so a year-long export does not make a megabyte row. */
function summaryForStorage({ days, ...summary }: ImportSummary) {
  return { ...summary, dayCount: days.length, firstDay: days[0] ?? null, lastDay: days.at(-1) ?? null, services: summary.services.slice(0, 200) };
}

/** Batches of whole days, each at most MAX_ENTRIES_PER_TRANSACTION entries (unless one day alone is larger). */
function dayBatches(entries: Aggregate[], days: string[]): DayRows[][] {
  const byDay = new Map<string, Aggregate[]>();
  for (const e of entries) {
    let list = byDay.get(e.day);
    if (!list) byDay.set(e.day, (list = []));
    list.push(e);
  }
  const batches: DayRows[][] = [];
  let batch: DayRows[] = [];
  let batchSize = 0;
  for (const day of days) {
    const rows = byDay.get(day) ?? [];
    if (batch.length && batchSize + rows.length > MAX_ENTRIES_PER_TRANSACTION) {
      batches.push(batch);
      batch = [];
      batchSize = 0;
    }
    batch.push({ day, rows });
    batchSize += rows.length;
  }
  if (batch.length) batches.push(batch);
  return batches;
}

/** Writes the entries in transactions of whole days; returns how many were written. */
async function writeDays(options: ImportOptions, entries: Aggregate[], days: string[], progress: (daysWritten: number) => void): Promise<number> {
  let written = 0;
  let daysWritten = 0;
  const done = (batch: DayRows[]) => {
    for (const { rows } of batch) written += rows.length;
    daysWritten += batch.length;
    progress(daysWritten);
  };
  const batches = dayBatches(entries, days);
  if (dbProvider() === "sqlite") {
    for (const batch of batches) {
      await writeSqliteDays(options.orgId, options.providerId, batch);
      done(batch);
    }
  } else {
    await writePgBatches(options.orgId, options.providerId, batches, done);
  }
  return written;
}
