// A stamp that changes whenever anything is committed to the database, cheap enough to read
// on every request: what lets the hot path keep answers (and authenticated keys) in memory
// without ever serving one that a write — by this process, the CLI, the job or another
// instance on the same file — has made stale.
//
// SQLite: `PRAGMA data_version` on a connection of our own changes whenever another
// connection commits to the file (https://sqlite.org/pragma.html#pragma_data_version). The
// probe connection only reads, so every commit counts, including this process's own; the
// read is a synchronous check of the WAL index, microseconds. PostgreSQL has no such
// counter: there, triggers advance a sequence and send a notification (lib/db/pg-change-stamp.ts).
import Database from "better-sqlite3";
import { PgChangeStamp } from "./pg-change-stamp";
import { databaseUrl, isPostgresUrl, sqliteFileFromUrl } from "./url";

type Probe = { url: string; read: () => string };
const holder = globalThis as unknown as { __bandwatchDataVersion?: Probe | null; __bandwatchPgStamp?: PgChangeStamp };

function openProbe(url: string): Probe | null {
  const file = sqliteFileFromUrl(url);
  if (file === ":memory:") return null;
  try {
    const connection = new Database(file, { readonly: true, fileMustExist: true });
    const statement = connection.prepare("PRAGMA data_version").pluck();
    return { url, read: () => String(statement.get()) };
  } catch {
    // No file yet (before the first migration): no stamp, nothing is cached.
    return null;
  }
}

/**
 * The database's change stamp: equal stamps mean nothing was committed in between, by any
 * process. Null where there is none (in-memory SQLite, PostgreSQL while its listener is down):
 * callers then keep nothing.
 */
export async function changeStamp(): Promise<string | null> {
  const url = databaseUrl();
  if (!isPostgresUrl(url)) return dataVersion();
  let stamp = holder.__bandwatchPgStamp;
  if (!stamp || stamp.url !== url) {
    void stamp?.close();
    stamp = holder.__bandwatchPgStamp = new PgChangeStamp(url);
  }
  const value = await stamp.read();
  return value === null ? null : `${url}#${value}`;
}

/** The SQLite stamp, read synchronously; null on PostgreSQL (use changeStamp) and in-memory SQLite. */
export function dataVersion(): string | null {
  const url = databaseUrl();
  if (isPostgresUrl(url)) return null;
  let probe = holder.__bandwatchDataVersion;
  if (!probe || probe.url !== url) probe = holder.__bandwatchDataVersion = openProbe(url);
  return probe ? `${url}#${probe.read()}` : null;
}
