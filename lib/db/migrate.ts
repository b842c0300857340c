// Applies committed migrations with `prisma migrate deploy` (the offline JavaScript
// schema engine). The CLI may linger ~10 s after finishing on PostgreSQL, so we stop
// it as soon as it reports success.
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { databaseUrl, isPostgresUrl, sqliteFileFromUrl } from "./url";

const SUCCESS = /successfully applied|No pending migrations to apply/i;

export async function migrateDatabase(url = databaseUrl(), root = process.cwd()): Promise<void> {
  if (!isPostgresUrl(url)) mkdirSync(path.dirname(sqliteFileFromUrl(url)), { recursive: true });
  const prisma = path.join(root, "node_modules", ".bin", "prisma");
  await new Promise<void>((resolve, reject) => {
    const child = spawn(prisma, ["migrate", "deploy"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    let succeeded = false;
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (!succeeded && SUCCESS.test(output)) {
        succeeded = true;
        setTimeout(() => child.kill("SIGTERM"), 200).unref();
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("error", reject);
    child.on("exit", (code) => {
      if (succeeded || code === 0) resolve();
      else reject(new Error(`migration failed:\n${output.split("\n").filter((l) => l.trim() && !/Prisma config|WARNING|driver adapter|will NOT be used|remove those properties/i.test(l)).join("\n")}`));
    });
  });
}
