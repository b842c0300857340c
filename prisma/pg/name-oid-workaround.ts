// Prisma bug #27403: the wasm schema engine cannot deserialize PostgreSQL columns of
// type `name` (OID 19) or `char` (OID 18) that its introspection queries return.
// Report them as `text` (OID 25). Imported only by prisma.config.ts, never by the app.
import pg from "pg";

const TEXT_OID = 25;
type QueryResultLike = { fields?: Array<{ dataTypeID: number }> };
type Queryable = { query: (...args: unknown[]) => unknown; __bandwatchPatched?: boolean };

function relabel(result: unknown): unknown {
  for (const field of (result as QueryResultLike)?.fields ?? []) {
    if (field.dataTypeID === 18 || field.dataTypeID === 19) field.dataTypeID = TEXT_OID;
  }
  return result;
}

// Both the pool (plain queries) and its clients (transactions) are used by the adapter.
for (const proto of [pg.Pool.prototype, pg.Client.prototype] as unknown as Queryable[]) {
  if (proto.__bandwatchPatched) continue;
  const original = proto.query;
  proto.query = function patchedQuery(this: unknown, ...args: unknown[]) {
    const out = original.apply(this, args);
    if (out && typeof (out as Promise<unknown>).then === "function") return (out as Promise<unknown>).then(relabel);
    return out;
  };
  proto.__bandwatchPatched = true;
}
