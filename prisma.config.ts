// Prisma CLI configuration. The JavaScript schema engine runs offline; the driver
// adapter (SQLite or PostgreSQL, chosen by DATABASE_URL) is what migrate talks to.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { databaseUrl, isPostgresUrl, sqliteFileFromUrl } from "./lib/db/url";

const url = databaseUrl();
const postgres = isPostgresUrl(url);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: postgres ? path.join("prisma", "pg", "schema.prisma") : path.join("prisma", "schema.prisma"),
  migrations: { path: postgres ? path.join("prisma", "pg", "migrations") : path.join("prisma", "migrations") },
  async adapter() {
    if (postgres) {
      await import("./prisma/pg/name-oid-workaround");
      const { PrismaPg } = await import("@prisma/adapter-pg");
      return new PrismaPg({ connectionString: url });
    }
    const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
    return new PrismaBetterSQLite3({ url: sqliteFileFromUrl(url) });
  },
});
