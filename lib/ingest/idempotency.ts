// Idempotency-Key for the ingest APIs: the first request with a key claims it (a row
// with status 0), runs, and stores its response; a retry with the same key and the same
// body gets the stored response back (header Idempotent-Replayed: true); the same key
// with a different body, or while the first request is still running, is a 409.
import { createHash } from "node:crypto";
import { db } from "@/lib/db/client";
import { HttpError } from "@/lib/http/errors";
import { sweeperConfig } from "./sweeper";

export const IDEMPOTENCY_HEADER = "idempotency-key";
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
/** Keys are remembered this long; an older record is treated as absent. */
const RETENTION_MS = 24 * 3600_000;
const IN_FLIGHT = 0;

export interface StoredResponse {
  status: number;
  body: unknown;
}

function requestHash(route: string, body: unknown): string {
  return createHash("sha256").update(route).update("\n").update(JSON.stringify(body)).digest("hex");
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === "P2002" || /unique constraint/i.test(error instanceof Error ? error.message : "");
}

function replay(stored: StoredResponse): Response {
  return Response.json(stored.body, { status: stored.status, headers: { "idempotent-replayed": "true" } });
}

export async function withIdempotency(
  request: Request,
  orgId: string,
  route: string,
  body: unknown,
  run: () => Promise<StoredResponse>,
): Promise<Response> {
  const key = request.headers.get(IDEMPOTENCY_HEADER);
  if (key === null) {
    const result = await run();
    return Response.json(result.body, { status: result.status });
  }
  if (!KEY_PATTERN.test(key)) {
    throw new HttpError("invalid_parameter", "Invalid header 'Idempotency-Key': must be 1 to 255 printable ASCII characters", [
      { field: "Idempotency-Key", message: "must be 1 to 255 printable ASCII characters" },
    ]);
  }
  const hash = requestHash(route, body);
  const where = { orgId_key: { orgId, key } };
  const claim = () => db().idempotencyRecord.create({ data: { orgId, key, route, requestHash: hash, status: IN_FLIGHT, body: "" } });
  try {
    await claim();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = await db().idempotencyRecord.findUnique({ where });
    if (!existing) throw new HttpError("conflict", "A request with this Idempotency-Key is being processed; retry shortly");
    const age = Date.now() - existing.createdAt.getTime();
    // An in-flight claim this old belongs to a request that died (crash, restart): release it.
    const expired = age > RETENTION_MS || (existing.status === IN_FLIGHT && age > sweeperConfig.idempotencyInFlightMs);
    if (expired) {
      await db().idempotencyRecord.deleteMany({ where: { orgId, key, createdAt: existing.createdAt } });
      return withIdempotency(request, orgId, route, body, run);
    }
    if (existing.route !== route || existing.requestHash !== hash) {
      throw new HttpError("conflict", "This Idempotency-Key was already used with a different request", [
        { field: "Idempotency-Key", message: "reused with a different body or endpoint" },
      ]);
    }
    if (existing.status === IN_FLIGHT) throw new HttpError("conflict", "A request with this Idempotency-Key is being processed; retry shortly");
    return replay({ status: existing.status, body: JSON.parse(existing.body) as unknown });
  }
  let result: StoredResponse;
  try {
    result = await run();
  } catch (error) {
    // A failed request did not happen: release the key so the client can retry it.
    await db().idempotencyRecord.delete({ where }).catch(() => undefined);
    throw error;
  }
  await db().idempotencyRecord.update({ where, data: { status: result.status, body: JSON.stringify(result.body) } });
  return Response.json(result.body, { status: result.status });
}
