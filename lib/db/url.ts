import path from "node:path";
// Relative, not "@/": prisma.config.ts loads this file outside the app's path aliases.
import { setting } from "../config";

export function databaseUrl(): string {
  return setting("DATABASE_URL");
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/** `file:./data/x.db` → absolute path, resolved against the working directory (not the schema folder). */
export function sqliteFileFromUrl(url: string): string {
  const raw = url.replace(/^file:/, "");
  if (raw === ":memory:") return raw;
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), raw);
}
