// Owns the Prisma client. One build of the app serves SQLite (default, embedded)
// and PostgreSQL (DATABASE_URL=postgres...), so both generated clients are bundled
// and the one matching the URL is created on first use.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "@/generated/sqlite/client";
import { PrismaClient as PgClient } from "@/generated/pg/client";
import { databaseUrl, isPostgresUrl, sqliteFileFromUrl } from "./url";

/** The app codes against the SQLite client's types; the PostgreSQL client has the same models and methods. */
export type Db = SqliteClient;
export type DbProvider = "sqlite" | "postgresql";

type Holder = { client?: Db; provider?: DbProvider; url?: string };
const globalHolder = globalThis as unknown as { __bandwatchDb?: Holder };
const holder: Holder = (globalHolder.__bandwatchDb ??= {});

function create(url: string): { client: Db; provider: DbProvider } {
  if (isPostgresUrl(url)) {
    const adapter = new PrismaPg({ connectionString: url, max: Number(process.env.DB_POOL_SIZE ?? 10) });
    return { client: new PgClient({ adapter }) as unknown as Db, provider: "postgresql" };
  }
  const adapter = new PrismaBetterSQLite3({ url: sqliteFileFromUrl(url) });
  return { client: new SqliteClient({ adapter }), provider: "sqlite" };
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
