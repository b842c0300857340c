// The upload side of POST /api/v1/providers/{id}/imports: picks the CSV out of a
// multipart form or a raw body, streams it into the import runner with a size cap,
// and turns import errors into 4xx answers.
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { db } from "@/lib/db/client";
import { HttpError } from "@/lib/http/errors";
import { importCostFile, ImportError, type ImportSummary } from "./runner";
import type { ImportFormat } from "./formats";
import type { ImportSummaryJson } from "@/lib/schemas/ingest";

/** Multipart bodies are buffered by the platform, so they get a lower cap than streamed raw bodies. */
const MAX_MULTIPART_BYTES = 100 * 1024 * 1024;

function maxRawBytes(): number {
  const mb = Number(process.env.BANDWATCH_MAX_UPLOAD_MB ?? "2048");
  return (Number.isFinite(mb) && mb > 0 ? mb : 2048) * 1024 * 1024;
}

async function* capped(source: AsyncIterable<Uint8Array>, limit: number): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const chunk of source) {
    total += chunk.length;
    if (total > limit) throw new HttpError("payload_too_large", `Upload is larger than ${Math.round(limit / 1024 / 1024)} MiB; use the CLI for bigger files`);
    yield chunk;
  }
}

function fromWeb(stream: ReadableStream<Uint8Array>): AsyncIterable<Uint8Array> {
  return Readable.fromWeb(stream as unknown as WebReadableStream<Uint8Array>);
}

interface UploadInput {
  input: AsyncIterable<Uint8Array>;
  fileName: string;
  format?: ImportFormat;
}

async function uploadFrom(request: Request): Promise<UploadInput> {
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (type.startsWith("multipart/form-data")) {
    if (declared > MAX_MULTIPART_BYTES) throw new HttpError("payload_too_large", "Multipart uploads are limited to 100 MiB; send the CSV as the raw body (Content-Type: text/csv) for bigger files");
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      throw new HttpError("invalid_body", "Malformed multipart body");
    }
    const file = form.get("file");
    if (!file || typeof file === "string") throw new HttpError("invalid_body", "Invalid request body at 'file': attach the CSV as a form field named 'file'", [{ field: "file", message: "required" }]);
    const formFormat = form.get("format");
    return {
      input: fromWeb(file.stream()),
      fileName: file.name || "upload.csv",
      format: formFormat === "focus" || formFormat === "aws-cur" ? formFormat : undefined,
    };
  }
  if (type && !/^(text\/csv|text\/plain|application\/(gzip|x-gzip|octet-stream|csv))/.test(type)) {
    throw new HttpError("unsupported_media_type", "Send the export as multipart/form-data (field 'file') or as a raw text/csv or application/gzip body");
  }
  if (declared > maxRawBytes()) throw new HttpError("payload_too_large", "Upload is too large");
  if (!request.body) throw new HttpError("invalid_body", "The request has no body: send the CSV export", [{ field: "file", message: "required" }]);
  const name = request.headers.get("x-file-name")?.trim();
  return { input: capped(fromWeb(request.body), maxRawBytes()), fileName: name && name.length <= 255 ? name : "upload.csv" };
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
    return await importCostFile({ orgId, providerId, format: options.format ?? upload.format ?? "focus", input: upload.input, fileName: upload.fileName, force: options.force });
  } catch (error) {
    if (error instanceof ImportError) {
      throw new HttpError("invalid_body", `${error.code}: ${error.message}`, [{ field: error.line ? `file:line ${error.line}` : "file", message: error.message }]);
    }
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

export async function listImportRuns(orgId: string, providerId: number) {
  const provider = await db().provider.findFirst({ where: { id: providerId, orgId }, select: { id: true } });
  if (!provider) throw new HttpError("not_found", "Provider not found");
  const runs = await db().importRun.findMany({ where: { orgId, providerId }, orderBy: { startedAt: "desc" }, take: 50 });
  return runs.map((r) => {
    let error: string | null = null;
    try {
      error = (JSON.parse(r.summary) as { error?: string }).error ?? null;
    } catch {
      /* summary is ours; a broken one just has no error text */
    }
    return {
      id: r.id,
      format: r.format,
      file_name: r.fileName,
      file_hash: r.fileHash,
      status: r.status as "running" | "succeeded" | "failed",
      rows_read: r.rowsRead,
      rows_rejected: r.rowsRejected,
      started_at: r.startedAt.toISOString(),
      finished_at: r.finishedAt ? r.finishedAt.toISOString() : null,
      error,
    };
  });
}
