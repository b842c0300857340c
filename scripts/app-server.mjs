// @ts-check
// Starting the built app against a throw-away database, shared by `npm test`
// (scripts/test.mjs) and the benchmarks that go through HTTP (bench/api.ts,
// bench/business-job.ts): a free port, a fresh or cloned database (SQLite file or
// PostgreSQL database), the bandwatch CLI, `next start` until /api/health answers.
// Plain Node ESM with JSDoc types, so scripts/test.mjs runs it without a compiler and
// the TypeScript benchmarks still get its types.
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

/** @typedef {"sqlite" | "postgres"} DbKind */
/** @typedef {{ kind: DbKind; url: string; cleanup: () => Promise<void> }} TestDatabase */
/** @typedef {{ base: string; port: number; pid: number | undefined; log: () => string; stop: () => Promise<void> }} RunningApp */

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const nextBin = path.join(root, "node_modules/.bin/next");
const DEFAULT_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres";
// Enough of the server's output to show why it failed, without holding a long run's log.
const LOG_TAIL_CHARS = 200_000;

/** @returns {Promise<number>} a TCP port nobody listens on right now */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * The PostgreSQL server's admin URL (TEST_DATABASE_URL or the local default) when it
 * answers, null when it does not.
 * @returns {Promise<string | null>}
 */
export async function postgresAdminUrl() {
  const url = process.env.TEST_DATABASE_URL || DEFAULT_ADMIN_URL;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return url;
  } catch {
    return null;
  }
}

/**
 * A new PostgreSQL database, empty or (with `template`) a copy of the named database,
 * which must have no open connections. Dropped by cleanup().
 * @param {string} prefix
 * @param {string | null} [template]
 * @returns {Promise<TestDatabase>}
 */
async function createPostgresDatabase(prefix, template = null) {
  const adminUrl = process.env.TEST_DATABASE_URL || DEFAULT_ADMIN_URL;
  const name = `${prefix}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await createWithRetry(admin, template ? `CREATE DATABASE "${name}" TEMPLATE "${template}"` : `CREATE DATABASE "${name}"`);
  } catch (error) {
    await admin.end();
    throw error;
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const cleanup = async () => {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch((/** @type {Error} */ e) => console.error(`could not drop ${name}: ${e.message}`));
    await admin.end();
  };
  return { kind: "postgres", url: url.toString(), cleanup };
}

/**
 * A template must have no connections; the server may still be closing those of a CLI
 * run that just exited (error 55006), so that one error is retried for a few seconds.
 * @param {pg.Client} admin
 * @param {string} sql
 */
async function createWithRetry(admin, sql) {
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.query(sql);
      return;
    } catch (error) {
      const busy = error instanceof Error && "code" in error && error.code === "55006";
      if (!busy || attempt >= 10) throw error;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/** @param {string} prefix @returns {TestDatabase} a new SQLite file in its own temporary folder */
function createSqliteDatabase(prefix) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  return { kind: "sqlite", url: `file:${path.join(dir, "app.db")}`, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * An empty database of the given kind (SQLite: a temporary file; PostgreSQL: a new
 * database on TEST_DATABASE_URL's server). `prefix` names it, for whoever finds a leftover.
 * @param {DbKind} kind
 * @param {string} prefix letters, digits and underscores
 * @returns {Promise<TestDatabase>}
 */
export async function createDatabase(kind, prefix) {
  return kind === "sqlite" ? createSqliteDatabase(prefix) : createPostgresDatabase(prefix);
}

/**
 * A copy of a database nobody is connected to (a seeded snapshot): SQLite copies the
 * file (and its write-ahead log, if one was left), PostgreSQL uses it as a template.
 * @param {TestDatabase} source
 * @param {string} prefix
 * @returns {Promise<TestDatabase>}
 */
export async function cloneDatabase(source, prefix) {
  if (source.kind === "postgres") return createPostgresDatabase(prefix, new URL(source.url).pathname.slice(1));
  const copy = createSqliteDatabase(prefix);
  const from = source.url.slice("file:".length);
  const to = copy.url.slice("file:".length);
  copyFileSync(from, to);
  if (existsSync(`${from}-wal`)) copyFileSync(`${from}-wal`, `${to}-wal`);
  return copy;
}

/**
 * Runs the bandwatch CLI and returns its standard output; throws with its standard error
 * when it fails or runs longer than timeoutMs.
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} env
 * @param {number} [timeoutMs]
 * @returns {string}
 */
export function bandwatchCli(args, env, timeoutMs = 10 * 60_000) {
  const result = spawnSync(process.execPath, [path.join(root, "bin/bandwatch.mjs"), ...args], { env, encoding: "utf8", timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw new Error(`bandwatch ${args.join(" ")}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`bandwatch ${args.join(" ")} failed (exit ${result.status}): ${result.stderr}`);
  return result.stdout;
}

/**
 * Builds the app when there is no build yet (benchmarks run on whatever was built last).
 * @param {NodeJS.ProcessEnv} env
 */
export function buildIfMissing(env) {
  if (existsSync(path.join(root, env.NEXT_DIST_DIR ?? ".next", "BUILD_ID"))) return;
  if (spawnSync(nextBin, ["build"], { env, stdio: "inherit" }).status !== 0) throw new Error("next build failed");
}

/**
 * `next start` on a free loopback port, resolved once /api/health answers 200. The server
 * runs in its own process group so stop() also ends whatever it spawned; it is stopped
 * and the start rejected when it exits early or is not ready within readyTimeoutMs.
 * @param {NodeJS.ProcessEnv} env DATABASE_URL and the app's settings; PORT and NEXTAUTH_URL are set here
 * @param {{ readyTimeoutMs?: number }} [options]
 * @returns {Promise<RunningApp>}
 */
export async function startApp(env, { readyTimeoutMs = 60_000 } = {}) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(nextBin, ["start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...env, PORT: String(port), NEXTAUTH_URL: base, AUTH_TRUST_HOST: "true" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let log = "";
  const keep = (/** @type {Buffer} */ chunk) => (log = (log + chunk.toString()).slice(-LOG_TAIL_CHARS));
  server.stdout.on("data", keep);
  server.stderr.on("data", keep);
  let stopping = false;
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.once("exit", (code, signal) => !stopping && console.error(`next start exited (${signal ?? `code ${code}`}):\n${log.slice(-4000)}`));
  const stop = async () => {
    stopping = true;
    if (server.exitCode !== null || server.signalCode !== null) return;
    killGroup(server.pid, "SIGTERM");
    const forced = setTimeout(() => killGroup(server.pid, "SIGKILL"), 10_000);
    await exited;
    clearTimeout(forced);
  };
  const app = { base, port, pid: server.pid, log: () => log, stop };
  try {
    await waitForHealth(base, () => server.exitCode !== null || server.signalCode !== null, readyTimeoutMs);
    return app;
  } catch (error) {
    const exitedEarly = server.exitCode !== null || server.signalCode !== null;
    // An early exit has printed the log already; a server that never answered shows it here.
    if (!exitedEarly) console.error(`next start did not answer /api/health:\n${log.slice(-4000)}`);
    await stop();
    throw error;
  }
}

/**
 * @param {string} base
 * @param {() => boolean} hasExited
 * @param {number} timeoutMs
 */
async function waitForHealth(base, hasExited, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (hasExited()) throw new Error("the app exited before it was ready");
    const up = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
    if (up) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the app did not become ready in ${timeoutMs / 1000} s`);
}

/**
 * Signals a whole process group (a child spawned with `detached: true`).
 * @param {number | undefined} pid
 * @param {NodeJS.Signals} signal
 */
export function killGroup(pid, signal) {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}
