// The upload side of POST /api/v1/providers/{id}/imports: picks the CSV out of a
// multipart form (streamed with busboy) or a raw body, streams it into the import runner with size caps,
// and turns import errors into 4xx answers.
import { setting } from "@/lib/config";
import { Readable, pipeline } from "node:stream";
import Busboy from "@fastify/busboy";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { db } from "@/lib/db/client";
import { HttpError } from "@/lib/http/errors";
import { importCostFile, ImportError, type ImportSummary } from "./runner";
import type { ImportFormat } from "./formats";
import type { ImportSummaryJson } from "@/lib/ingest/schemas";
import { StoredValueError } from "@/lib/vocabulary";
import { readImportSummary, type StoredImportSummary } from "./stored-summary";

const MIB = 1024 * 1024;
/** Largest upload, raw or multipart. */
const maxUploadBytes = () => setting("BANDWATCH_MAX_UPLOAD_MB") * MIB;
/** Largest CSV after gunzip: a tiny gzip can expand to gigabytes. */
const maxCsvBytes = () => setting("BANDWATCH_MAX_DECOMPRESSED_MB") * MIB;

async function* capped(source: AsyncIterable<Uint8Array>, limit: number): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const chunk of source) {
    total += chunk.length;
    if (total > limit) throw new HttpError("payload_too_large", `Upload is larger than ${Math.round(limit / 1024 / 1024)} MiB; use the CLI for bigger files`);
    yield chunk;
  }
}

function fromWeb(stream: ReadableStream<Uint8Array>): Readable {
  return Readable.fromWeb(stream as unknown as WebReadableStream<Uint8Array>);
}

interface UploadInput {
  input: AsyncIterable<Uint8Array>;
  fileName: string;
  format?: ImportFormat;
}

const missingFile = () => new HttpError("invalid_body", "Invalid request body at 'file': attach the CSV as a form field named 'file'", [{ field: "file", message: "required" }]);
const malformedMultipart = () => new HttpError("invalid_body", "Malformed multipart body");

/**
 * Streams the part named `file` of a multipart form (busboy): nothing is buffered, so the
 * size cap applies while reading. A `format` field counts when it comes before the file.
 */
function multipartUpload(request: Request, body: ReadableStream<Uint8Array>, contentType: string): Promise<UploadInput> {
  let parser: ReturnType<typeof Busboy>;
  try {
    parser = Busboy({ headers: { "content-type": contentType }, limits: { files: 1, fields: 20, fieldSize: 1024, parts: 40 } });
  } catch {
    return Promise.reject(malformedMultipart());
  }
  return new Promise((resolve, reject) => {
    let file: Readable | null = null;
    let format: ImportFormat | undefined;
    const fail = (error: unknown) => {
      // Before the file part: the request fails; after: the import reading the file fails.
      if (file) file.destroy(error instanceof Error ? error : new Error(String(error)));
      else reject(error instanceof HttpError ? error : malformedMultipart());
    };
    parser.on("field", (name: string, value: string) => {
      if (name === "format" && (value === "focus" || value === "aws-cur")) format = value;
    });
    parser.on("file", (name: string, stream: Readable, fileName: string) => {
      if (name !== "file" || file) {
        stream.resume();
        return;
      }
      file = stream;
      resolve({ input: capped(stream, maxUploadBytes()), fileName: fileName || "upload.csv", format });
    });
    parser.on("finish", () => {
      if (!file) reject(missingFile());
    });
    pipeline(fromWeb(body), parser, (error) => {
      if (error) fail(error);
    });
    request.signal?.addEventListener("abort", () => fail(new HttpError("invalid_body", "The upload was aborted")));
  });
}

async function uploadFrom(request: Request): Promise<UploadInput> {
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxUploadBytes()) throw new HttpError("payload_too_large", "Upload is too large");
  if (!request.body) throw new HttpError("invalid_body", "The request has no body: send the CSV export", [{ field: "file", message: "required" }]);
  if (type.startsWith("multipart/form-data")) return multipartUpload(request, request.body, request.headers.get("content-type") ?? "");
  if (type && !/^(text\/csv|text\/plain|application\/(gzip|x-gzip|octet-stream|csv))/.test(type)) {
    throw new HttpError("unsupported_media_type", "Send the export as multipart/form-data (field 'file') or as a raw text/csv or application/gzip body");
  }
  const name = request.headers.get("x-file-name")?.trim();
  return { input: capped(fromWeb(request.body), maxUploadBytes()), fileName: name && name.length <= 255 ? name : "upload.csv" };
}

/** Import errors describe the file: a 400 naming the line, 413 for size, `corrupt_gzip` for broken compression. */
function importHttpError(error: ImportError): HttpError {
  if (error.code === "too_large") return new HttpError("payload_too_large", `Upload is too large: ${error.message}`);
  if (error.code === "corrupt_gzip") return new HttpError("corrupt_gzip", `The upload is not valid gzip: ${error.message}`, [{ field: "file", message: error.message }]);
  return new HttpError("invalid_body", `${error.code}: ${error.message}`, [{ field: error.line ? `file:line ${error.line}` : "file", message: error.message }]);
}

export async function importUpload(
  request: Request,
  orgId: string,
  providerId: number,
  options: { format?: ImportFormat; force?: boolean },
): Promise<ImportSummary> {
  const provider = await db().provider.findFirst({ where: { id: providerId, orgId }, select: { id: true } });
  if (!provider) throw new HttpError("not_found", "Provider not found");
  const upload = await uploadFrom(request);
  try {
    return await importCostFile({
      orgId,
      providerId,
      format: options.format ?? upload.format ?? "auto",
      input: upload.input,
      fileName: upload.fileName,
      force: options.force,
      maxCsvBytes: maxCsvBytes(),
    });
  } catch (error) {
    if (error instanceof ImportError) throw importHttpError(error);
    throw error;
  }
}

export function importSummaryJson(s: ImportSummary, detection: ImportSummaryJson["detection"]): ImportSummaryJson {
  return {
    import_id: s.importRunId,
    status: s.status,
    format: s.format,
    file_name: s.fileName,
    file_hash: s.fileHash,
    currency: s.currency,
    rows_read: s.rowsRead,
    rows_imported: s.rowsImported,
    rows_rejected: s.rowsRejected,
    rejected: s.rejected,
    correction_rows: s.correctionRows,
    days: s.days,
    corrected_days: s.correctedDays,
    services: s.services,
    totals: s.totals,
    duration_ms: s.durationMs,
    detection,
  };
}

/** A run's stored reason; a summary this app cannot read just has none (the list still shows the run). */
function storedFailureOf(run: { summary: unknown }): StoredImportSummary {
  try {
    return readImportSummary(run);
  } catch (error) {
    if (error instanceof StoredValueError) return {};
    throw error;
  }
}

export async function listImportRuns(orgId: string, providerId: number) {
  const provider = await db().provider.findFirst({ where: { id: providerId, orgId }, select: { id: true } });
  if (!provider) throw new HttpError("not_found", "Provider not found");
  const runs = await db().importRun.findMany({ where: { orgId, providerId }, orderBy: { startedAt: "desc" }, take: 50 });
  return runs.map((r) => {
    const stored = storedFailureOf(r);
    const errorCode = stored.error_code ?? null;
    // Runs stored before error codes existed may hold raw internal text: show only a generic reason then.
    const error = stored.error === undefined ? null : errorCode ? stored.error : "the import failed";
    return {
      id: r.id,
      format: r.format,
      file_name: r.fileName,
      file_hash: r.fileHash,
      status: r.status,
      rows_read: r.rowsRead,
      rows_rejected: r.rowsRejected,
      started_at: r.startedAt.toISOString(),
      finished_at: r.finishedAt ? r.finishedAt.toISOString() : null,
      error,
      error_code: errorCode,
    };
  });
}
