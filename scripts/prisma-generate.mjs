// Derives the PostgreSQL schema from the SQLite source schema and generates
// both Prisma clients, so one build of the app can run on either database.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const source = readFileSync(path.join(root, "prisma/schema.prisma"), "utf8");
const pg = source
  .replace('output     = "../generated/sqlite"', 'output     = "../../generated/pg"')
  .replace('provider = "sqlite"', 'provider = "postgresql"')
  .replace('url      = "file:./placeholder.db"', 'url      = env("DATABASE_URL")')
  .replace(/^\/\/ Source schema[\s\S]*?edit only this one\.\n/m, "// GENERATED from prisma/schema.prisma by scripts/prisma-generate.mjs. Do not edit.\n");
if (pg === source || !pg.includes('provider = "postgresql"')) throw new Error("could not derive the PostgreSQL schema");
mkdirSync(path.join(root, "prisma/pg"), { recursive: true });
writeFileSync(path.join(root, "prisma/pg/schema.prisma"), pg);

if (process.argv.includes("--schema-only")) process.exit(0);
const prismaBin = path.join(root, "node_modules/.bin/prisma");
const env = { ...process.env, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" };
for (const schema of ["prisma/schema.prisma", "prisma/pg/schema.prisma"]) {
  execFileSync(prismaBin, ["generate", "--no-hints", "--schema", schema], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...env, DATABASE_URL: env.DATABASE_URL?.startsWith("postgres") ? env.DATABASE_URL : "postgresql://localhost/placeholder" },
  });
}
