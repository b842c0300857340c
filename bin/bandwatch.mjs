#!/usr/bin/env node
// `npx bandwatch <command>`: runs the TypeScript CLI through tsx.
import { register } from "tsx/esm/api";
import path from "node:path";
import { fileURLToPath } from "node:url";

process.env.CHECKPOINT_DISABLE ??= "1";
register({ tsconfig: path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "tsconfig.json") });
const args = process.argv.slice(2);
// The stateless scorer needs no database: skip loading the rest of the CLI (and Prisma).
if (args[0] === "detect-series") {
  const { runDetectSeries } = await import("../lib/cli/detect-series.ts");
  process.exit(await runDetectSeries(args.slice(1)));
}
const { main } = await import("../lib/cli/main.ts");
process.exit(await main(args));
