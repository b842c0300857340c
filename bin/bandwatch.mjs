#!/usr/bin/env node
// `npx bandwatch <command>`: runs the TypeScript CLI through tsx.
import { register } from "tsx/esm/api";
import path from "node:path";
import { fileURLToPath } from "node:url";

process.env.CHECKPOINT_DISABLE ??= "1";
register({ tsconfig: path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "tsconfig.json") });
const { main } = await import("../lib/cli/main.ts");
const code = await main(process.argv.slice(2));
process.exit(code);
