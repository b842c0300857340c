// Owns the Prisma client. One build of the app serves SQLite (default, embedded)
// and PostgreSQL (DATABASE_URL=postgres...), so both generated clients are bundled
// and the one matching the URL is created on first use.
import { setting } from "@/lib/config";
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "@/generated/sqlite/client";
import { PrismaClient as PgClient } from "@/generated/pg/client";
import { databaseUrl, isPostgresUrl, sqliteFileFromUrl } from "./url";
import { gatedFactory, sqliteGate } from "./gate";

/** The app codes against the SQLite client's types; the PostgreSQL client has the same models and methods. */
export type Db = SqliteClient;
export type DbProvider = "sqlite" | "postgresql";

type Holder = { client?: Db; provider?: DbProvider; url?: string };
const globalHolder = globalThis as unknown as { __bandwatchDb?: Holder };
const holder: Holder = (globalHolder.__bandwatchDb ??= {});

/** Synchronous busy timeout of the shared connection: covers another process's short write batches. */
const SQLITE_SYNC_BUSY_MS = 1_000;

function create(url: string): { client: Db; provider: DbProvider } {
  if (isPostgresUrl(url)) {
    const adapter = new PrismaPg({ connectionString: url, max: setting("DB_POOL_SIZE") });
    return { client: new PgClient({ adapter }) as unknown as Db, provider: "postgresql" };
  }
  const file = sqliteFileFromUrl(url);
  prepareSqliteFile(file);
  // busy timeout: the CLI (detect, imports) may write while the server does.
  // Short synchronous busy wait (it blocks the event loop); statements outside transactions then
  // retry asynchronously (lib/db/gate.ts), a transaction that stays blocked ends in a 503.
  const inner = new PrismaBetterSQLite3({ url: file, timeout: SQLITE_SYNC_BUSY_MS });
  // Requests share this one connection: the gate keeps one request's statements out of another's transaction.
  const client = new SqliteClient({ adapter: gatedFactory(inner, sqliteGate()) });
  // Per connection: with WAL, NORMAL is crash-safe and spares an fsync per commit.
  void client.$queryRawUnsafe("PRAGMA synchronous = NORMAL").catch(() => undefined);
  return { client, provider: "sqlite" };
}

/**
 * Write-ahead logging lets readers proceed while a writer commits (the server and the
 * CLI share the file) and makes commits cheap; the mode is stored in the file itself.
 */
function prepareSqliteFile(file: string): void {
  if (file === ":memory:") return;
  mkdirSync(path.dirname(file), { recursive: true });
  const raw = new Database(file, { timeout: 10_000 });
  try {
    if (String(raw.pragma("journal_mode", { simple: true })).toLowerCase() !== "wal") raw.pragma("journal_mode = WAL");
  } catch (error) {
    // Switching needs the file to ourselves; with another process in it, run in its current mode this time.
    console.warn(`[bandwatch] could not switch ${file} to WAL (${error instanceof Error ? error.message : String(error)}); continuing`);
  } finally {
    raw.close();
  }
}

export function db(): Db {
  const url = databaseUrl();
  if (!holder.client || holder.url !== url) {
    const created = create(url);
    holder.client = created.client;
    holder.provider = created.provider;
    holder.url = url;
  }
  return holder.client;
}

export function dbProvider(): DbProvider {
  return isPostgresUrl(databaseUrl()) ? "postgresql" : "sqlite";
}

export async function disconnectDb(): Promise<void> {
  if (holder.client) await holder.client.$disconnect();
  holder.client = undefined;
  holder.url = undefined;
}
