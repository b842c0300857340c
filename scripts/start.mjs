// `npm start`: migrate the database (embedded SQLite by default), seed the demo data
// on first start, build the app if needed, and serve it on PORT (default 3000).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync, statSync, readdirSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
const env = { ...process.env, CHECKPOINT_DISABLE: "1", NEXT_TELEMETRY_DISABLED: "1" };
env.DATABASE_URL ||= "file:./data/bandwatch.db";
const port = env.PORT || "3000";
mkdirSync(path.join(root, "data"), { recursive: true });

// A stable session secret without set-up: generated once, kept beside the database.
if (!env.NEXTAUTH_SECRET) {
  const secretFile = path.join(root, "data", ".nextauth-secret");
  if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(32).toString("base64url"), { mode: 0o600 });
  env.NEXTAUTH_SECRET = readFileSync(secretFile, "utf8").trim();
}
env.NEXTAUTH_URL ||= `http://localhost:${port}`;
env.AUTH_TRUST_HOST ||= "true";

const cli = (args, opts = {}) => spawnSync(process.execPath, [path.join(root, "bin/bandwatch.mjs"), ...args], { env, stdio: "inherit", ...opts });

function step(label, result) {
  if (result.status !== 0) {
    console.error(`bandwatch: ${label} failed (exit ${result.status})`);
    process.exit(result.status ?? 1);
  }
}

console.log(`bandwatch: database ${env.DATABASE_URL.startsWith("postgres") ? "PostgreSQL" : env.DATABASE_URL}`);
step("migration", cli(["db", "migrate"]));

// Seed on first start only (an empty database); `bandwatch seed --demo` reseeds on demand.
const probe = cli(["seed-status"], { stdio: ["ignore", "pipe", "inherit"] });
if (probe.status === 0 && probe.stdout.toString().trim() === "empty" && env.BANDWATCH_SKIP_DEMO !== "1") {
  console.log("bandwatch: first start, loading demo data…");
  step("demo seed", cli(["seed", "--demo"]));
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

const distDir = env.NEXT_DIST_DIR || ".next";
const buildId = path.join(root, distDir, "BUILD_ID");
const sources = ["app", "components", "lib", "public"].filter((d) => existsSync(d)).map((d) => newestMtime(path.join(root, d)));
if (!existsSync(buildId) || Math.max(...sources) > statSync(buildId).mtimeMs) {
  console.log("bandwatch: building the app (first start or changed sources)…");
  step("build", spawnSync(path.join(root, "node_modules/.bin/next"), ["build"], { env, stdio: "inherit" }));
}

console.log(`bandwatch: serving on http://localhost:${port}`);
const server = spawn(path.join(root, "node_modules/.bin/next"), ["start", "-p", port], { env, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
