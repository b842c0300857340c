// Every environment variable Bandwatch reads, in one place: its type, bounds, default and
// description. The README's settings table is checked against SETTINGS by tests/unit/config.test.ts,
// so the documentation cannot drift from the code.
//
// Invalid values: the server (instrumentation.ts) and the CLI refuse to start and name every
// invalid variable (configError). Values are still read lazily, on every use, because
// tests and benchmarks change process.env at runtime; a value that turns invalid after start-up
// falls back to the default with a warning rather than failing a request.
// Read only on the server; scripts/*.mjs keep their own reads (they run before TypeScript does).
import { z } from "zod";

type Parse<T> = z.ZodType<T, string>;

interface SettingSpec<T> {
  /** Parses the trimmed, non-empty raw value (empty counts as unset). */
  schema: Parse<T>;
  default: T;
  /** What a valid value looks like, for start-up errors. */
  expected: string;
  /** The default as the README shows it (Markdown); numbers and strings show themselves. */
  shown?: string;
  description: string;
}

type Check<T> = { ok: true; value: T } | { ok: false; problem: string };

class Setting<T> {
  private cached: { raw: string | undefined; value: T } | null = null;
  private warned: string | undefined;

  constructor(readonly spec: SettingSpec<T>) {}

  get shownDefault(): string {
    if (this.spec.shown !== undefined) return this.spec.shown;
    return `\`${String(this.spec.default)}\``;
  }

  check(raw: string | undefined): Check<T> {
    const trimmed = raw?.trim();
    if (trimmed === undefined || trimmed === "") return { ok: true, value: this.spec.default };
    const parsed = this.spec.schema.safeParse(trimmed);
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problem: `expected ${this.spec.expected}` };
  }

  /** The current value; re-parsed only when the raw value changed since the last read. */
  read(name: string): T {
    const raw = process.env[name];
    if (this.cached && this.cached.raw === raw) return this.cached.value;
    const result = this.check(raw);
    if (!result.ok && this.warned !== raw) {
      this.warned = raw;
      console.warn(`[bandwatch] ${name}=${JSON.stringify(raw)} is not valid (${result.problem}); using the default ${this.shownDefault}`);
    }
    const value = result.ok ? result.value : this.spec.default;
    this.cached = { raw, value };
    return value;
  }
}

const define = <T>(spec: SettingSpec<T>) => new Setting(spec);

// ---------- value kinds ----------

const asNumber = (check: z.ZodNumber = z.number()) => z.string().transform(Number).pipe(check);

/** A count or size: a number > 0, rounded down (a limit of 2.5 requests means 2). */
const positiveCount = (def: number, description: string) =>
  define({ schema: asNumber(z.number().gt(0)).transform(Math.floor), default: def, expected: "a number > 0", description });

/** A limit where 0 turns the check off. */
const countOrOff = (def: number, description: string) =>
  define({ schema: asNumber(z.number().min(0)).transform(Math.floor), default: def, expected: "a number >= 0 (0 turns it off)", description });

const positiveNumber = (def: number, description: string) => define({ schema: asNumber(z.number().gt(0)), default: def, expected: "a number > 0", description });

const milliseconds = (def: number, description: string) => define({ schema: asNumber(z.number().min(0)), default: def, expected: "a number of milliseconds >= 0", description });

/** Any finite number; the reader may clamp it (documented with the setting). */
const anyNumber = (def: number, description: string) => define({ schema: asNumber(), default: def, expected: "a number", description });

const optionalText = (shown: string, description: string) =>
  define<string | undefined>({ schema: z.string(), default: undefined, expected: "text", shown, description });

const optionalUrl = (shown: string, description: string) =>
  define<string | undefined>({ schema: z.url({ protocol: /^https?$/ }), default: undefined, expected: "an http(s) URL", shown, description });

/** "true"/"yes" mean one proxy; a whole number is the number of proxies (at most 10). */
const proxyHops = z
  .string()
  .transform((raw) => raw.toLowerCase())
  .pipe(z.union([z.enum(["true", "yes"]).transform(() => 1), z.enum(["false", "no"]).transform(() => 0), asNumber(z.number().int().min(0)).transform((n) => Math.min(n, 10))]));

// ---------- the settings ----------

const definitions = {
  DATABASE_URL: define({
    // Not checked further: anything but postgres(ql):// is a SQLite file path, with or without `file:`.
    schema: z.string(),
    default: "file:./data/bandwatch.db",
    expected: "file:<path> or postgresql://…",
    description: "`postgresql://…` switches to PostgreSQL; anything else is a SQLite file",
  }),
  DB_POOL_SIZE: positiveCount(10, "PostgreSQL: connections per app process"),
  PORT: define({ schema: asNumber(z.number().int().min(1).max(65535)), default: 3000, expected: "a TCP port", description: "port of `npm start`" }),
  NEXTAUTH_SECRET: optionalText("generated into `data/.nextauth-secret`", "signs sessions; set it when running several instances"),
  NEXTAUTH_URL: optionalUrl("`http://localhost:PORT` (`npm start`)", "the dashboard's own URL (sign-in redirects, same-site checks)"),
  SESSION_MAX_AGE_SECONDS: positiveNumber(8 * 60 * 60, "dashboard session lifetime"),
  BANDWATCH_DEMO_PASSWORD: optionalText("generated", "demo users' password"),
  BANDWATCH_SKIP_DEMO: define({
    schema: z.enum(["0", "1"]).transform((v) => v === "1"),
    default: false,
    expected: "0 or 1",
    shown: "`0`",
    description: "`1`: the first `npm start` leaves the database empty instead of loading the demo data",
  }),
  BANDWATCH_DEBUG: define({
    schema: z.string().transform(() => true),
    default: false,
    expected: "any value",
    shown: "unset",
    description: "any value: the CLI prints the stack of unexpected errors",
  }),
  BANDWATCH_DETECT_INTERVAL_MINUTES: anyNumber(60, "schedule inside the server; `0` disables it"),
  BANDWATCH_COST_FLOOR: anyNumber(10, "a cost day is an anomaly only if it exceeds the upper bound by at least this much"),
  BANDWATCH_SERVICE_FLOOR: anyNumber(1, "smallest excess for a service to be listed as a contributor"),
  BANDWATCH_SENSITIVITY: anyNumber(0.5, "detector sensitivity in [0, 1] (values outside are clamped)"),
  BANDWATCH_WEB_RESOLVE_HOURS: anyNumber(2, "consecutive in-band hours before a web anomaly is resolved (at least 1)"),
  BANDWATCH_API_RATE_LIMIT: positiveCount(100, "website API requests per key and window (shared by all instances through the database)"),
  BANDWATCH_API_RATE_WINDOW_SECONDS: positiveCount(60, "window of `BANDWATCH_API_RATE_LIMIT`"),
  BANDWATCH_TRUST_PROXY: define({
    schema: proxyHops,
    default: 0,
    expected: "true, false or a number of proxies",
    shown: "unset",
    description:
      "number of reverse proxies in front of the app (`true` = 1): only then is `X-Forwarded-For` believed for the client address (rate limits, visitor hash); otherwise the socket address is used. Behind a reverse proxy, set it: without it every client shares the proxy's address (sign-in and collector limits, unique visitors)",
  }),
  BANDWATCH_SIGNIN_IP_LIMIT: positiveCount(30, "sign-in attempts per IP and window; more get 429 (\"Too many sign-in attempts\")"),
  BANDWATCH_SIGNIN_ACCOUNT_LIMIT: positiveCount(10, "failed sign-in attempts per account and window; more get 429. Passwords use scrypt N=2^17 (older hashes are upgraded at the next sign-in)"),
  BANDWATCH_SIGNIN_WINDOW_SECONDS: positiveCount(900, "window of the two sign-in limits"),
  BANDWATCH_V1_WRITE_RATE_LIMIT: positiveCount(
    120,
    "`/api/v1` write requests (cost/metric ingest, imports, dismissals) per organization and window, whatever the number of keys → 429 `rate_limited` with `Retry-After`",
  ),
  BANDWATCH_V1_WRITE_RATE_WINDOW_SECONDS: positiveCount(60, "window of `BANDWATCH_V1_WRITE_RATE_LIMIT`"),
  BANDWATCH_COLLECT_IP_LIMIT: countOrOff(
    1200,
    "`/api/collect`: requests per client IP per minute, counted per instance (`0` turns it off; raise it for `npm run bench:collect`, which sends from one address); more get 429 with `Retry-After`",
  ),
  BANDWATCH_COLLECT_SITE_LIMIT: countOrOff(60_000, "`/api/collect`: events per website per minute, counted per instance (`0` turns it off); more get 429 with `Retry-After`"),
  BANDWATCH_COLLECT_MAX_PENDING: positiveCount(20_000, "events waiting for a database commit at most; when full, `/api/collect` answers 503 with `Retry-After`"),
  BANDWATCH_COLLECT_MAX_AGE_HOURS: positiveNumber(6, "oldest `ts` a public event may carry, at most 720 (older history goes through the authenticated bulk API)"),
  BANDWATCH_VISITOR_SECRET: optionalText("`NEXTAUTH_SECRET`", "secret behind the daily visitor-hash salt (no IPs are stored)"),
  BANDWATCH_PUBLIC_URL: optionalUrl("`NEXTAUTH_URL`", "base URL for links in alert messages"),
  BANDWATCH_SMTP_URL: optionalText("unset", "e-mail alerts through SMTP (nodemailer), e.g. `smtp://user:pass@host:587`; e-mail is off without it"),
  BANDWATCH_ALERT_FROM: define({ schema: z.string(), default: "Bandwatch <alerts@localhost>", expected: "text", description: "sender of e-mail alerts" }),
  BANDWATCH_ALERT_RETRY_BASE_SECONDS: anyNumber(30, "first webhook retry after this many seconds (at least 0.05), doubling each time up to 6 hours"),
  BANDWATCH_ALERT_MAX_ATTEMPTS: anyNumber(6, "delivery attempts before a delivery is given up (at least 1)"),
  BANDWATCH_ALERT_TIMEOUT_MS: anyNumber(10_000, "timeout of one webhook, Slack or SMTP attempt (at least 500)"),
  BANDWATCH_ALERT_POLL_SECONDS: anyNumber(5, "how often the delivery loop looks for due deliveries; `0` disables the loop"),
  BANDWATCH_ALERT_DIGEST_MINUTES: anyNumber(60, "digest period of destinations that collect alerts (at least 1)"),
  BANDWATCH_ALERT_ALLOW_HOSTS: define({
    schema: z.string().transform((list) => list.split(",").map((entry) => entry.trim()).filter(Boolean)),
    default: [],
    expected: "a comma list",
    shown: "unset",
    description:
      "comma list of hostnames, IPs or CIDRs that webhook/Slack alerts may reach although they are internal; otherwise loopback, private, link-local, CGNAT, multicast and metadata addresses are refused when a destination is saved and again at send time (the connection goes to the checked address)",
  }),
  BANDWATCH_SECRET_KEY: optionalText(
    "derived from `NEXTAUTH_SECRET` (HKDF)",
    "key for webhook signing secrets encrypted at rest (AES-256-GCM): 64 hex chars, 32 bytes of base64, or a passphrase. Plain-text secrets from older versions are encrypted at start-up. Changing the key (or `NEXTAUTH_SECRET` without this set) makes stored secrets unreadable: deliveries then fail until the secret is rotated",
  ),
  BANDWATCH_ALERT_TEST_LIMIT: anyNumber(5, "\"Send test\" messages per destination per minute, at least 1 (five times that per organization); more get 429"),
  BANDWATCH_ALERT_MAX_AGE_DAYS: anyNumber(3, "anomalies of periods older than this, at least 1 (backfills, imports) are not alerted"),
  BANDWATCH_MAX_UPLOAD_MB: positiveNumber(2048, "largest upload of the import route, raw or multipart (both are streamed; the limit applies while reading → 413)"),
  BANDWATCH_MAX_DECOMPRESSED_MB: positiveNumber(8192, "largest CSV after gunzip of an upload (a tiny gzip can expand to gigabytes) → 413"),
  BANDWATCH_IMPORT_STALE_SECONDS: positiveNumber(
    120,
    "an import still `running` without a heartbeat this long (crash, restart) is marked `failed` (`error_code: expired`), at start-up and every minute",
  ),
  BANDWATCH_IDEMPOTENCY_INFLIGHT_SECONDS: positiveNumber(600, "an Idempotency-Key claim still in flight this long belongs to a request that died: it is released so the retry runs"),
  BANDWATCH_MIGRATE_BUSY_MS: milliseconds(
    60_000,
    "SQLite: `npm start` / `bandwatch db migrate` apply migrations through the driver and wait this long for another process's write lock (readers never block them)",
  ),
  BANDWATCH_SQLITE_BUSY_WAIT_MS: milliseconds(
    10_000,
    "SQLite: a statement blocked by another process's write lock is retried asynchronously this long (the synchronous wait is 1 s), then the request gets 503 `service_unavailable` with `Retry-After`",
  ),
  BANDWATCH_SQLITE_WRITE_WAIT_MS: milliseconds(30_000, "SQLite: how long an import batch waits (asynchronously) for another process's write lock before failing with 503 `service_unavailable`"),
  BANDWATCH_MIN_DATA_DAY: define({
    schema: z.iso.date(),
    default: "2000-01-01",
    expected: "a day YYYY-MM-DD",
    description: "first day any input may carry (cost rows, metric points, FOCUS/CUR rows, web history); others are a 400 naming the row and field (imports: a rejected row with its line)",
  }),
  BANDWATCH_MAX_FUTURE_DAYS: define({
    schema: z.string().regex(/^\d{1,4}$/).transform(Number),
    default: 2,
    expected: "a whole number of days (0-9999)",
    description: "last day any input may carry: today + this many days",
  }),
  BANDWATCH_AUDIT_RETENTION_DAYS: define({
    schema: z.string().regex(/^\d{1,4}$/).transform(Number).refine((days) => days >= 1, "must be at least 1"),
    default: 400,
    expected: "a whole number of days (1-9999)",
    description: "audit log entries older than this are pruned by the detection run",
  }),
};

type SettingValues = { [N in keyof typeof definitions]: (typeof definitions)[N] extends Setting<infer T> ? T : never };
export type SettingName = keyof SettingValues;

/** Every setting by variable name (typed so that `SETTINGS[name]` keeps its value type). */
export const SETTINGS: { [N in SettingName]: Setting<SettingValues[N]> } = definitions;

/** The current value of one environment variable, parsed and defaulted. */
export function setting<N extends SettingName>(name: N): SettingValues[N] {
  return SETTINGS[name].read(name);
}

/** One line per variable, for the README's settings table. */
export function settingsTable(): { name: string; shownDefault: string; description: string }[] {
  return Object.entries(SETTINGS).map(([name, entry]) => ({ name, shownDefault: entry.shownDefault, description: entry.spec.description }));
}

/** Every variable in `env` that is set but invalid, as "NAME=value: expected …". */
export function configProblems(env: Record<string, string | undefined> = process.env): string[] {
  return Object.entries(SETTINGS).flatMap(([name, entry]) => {
    const result = entry.check(env[name]);
    return result.ok ? [] : [`${name}=${JSON.stringify(env[name])}: ${result.problem}`];
  });
}

/** What is wrong with the configuration, naming every invalid variable; null when nothing is. Checked at server and CLI start. */
export function configError(env: Record<string, string | undefined> = process.env): string | null {
  const problems = configProblems(env);
  return problems.length ? `invalid configuration (see README: Configuration):\n  ${problems.join("\n  ")}` : null;
}

// ---------- derived settings, as the code uses them ----------

export const config = {
  /** Minutes between scheduled detection runs inside the server; 0 disables the schedule. */
  get detectIntervalMinutes() {
    return setting("BANDWATCH_DETECT_INTERVAL_MINUTES");
  },
  /** A cost day is only an anomaly when spend exceeds the upper bound by at least this many currency units. */
  get costFloor() {
    return setting("BANDWATCH_COST_FLOOR");
  },
  /** A service only counts as a contributor when it is at least this far above its own expectation. */
  get serviceFloor() {
    return setting("BANDWATCH_SERVICE_FLOOR");
  },
  /** Detector sensitivity in [0,1] (0.5 is the product default). */
  get sensitivity() {
    return Math.min(1, Math.max(0, setting("BANDWATCH_SENSITIVITY")));
  },
  /** Consecutive in-band hours after which a web anomaly counts as resolved. */
  get webResolveHours() {
    return Math.max(1, Math.round(setting("BANDWATCH_WEB_RESOLVE_HOURS")));
  },
};

export const alertConfig = {
  /** Base URL of the dashboard, for links in messages. */
  get publicUrl() {
    return (setting("BANDWATCH_PUBLIC_URL") || setting("NEXTAUTH_URL") || "http://localhost:3000").replace(/\/+$/, "");
  },
  /** SMTP connection URL for email destinations (smtp://user:pass@host:587); email is off without it. */
  get smtpUrl() {
    return setting("BANDWATCH_SMTP_URL") ?? "";
  },
  get emailFrom() {
    return setting("BANDWATCH_ALERT_FROM");
  },
  /** First retry after this many seconds, doubling each time (capped at 6 hours). */
  get retryBaseSeconds() {
    return Math.max(0.05, setting("BANDWATCH_ALERT_RETRY_BASE_SECONDS"));
  },
  get maxAttempts() {
    return Math.max(1, Math.round(setting("BANDWATCH_ALERT_MAX_ATTEMPTS")));
  },
  /** How often the delivery loop looks for due deliveries; 0 disables the loop. */
  get pollSeconds() {
    return setting("BANDWATCH_ALERT_POLL_SECONDS");
  },
  get digestMinutes() {
    return Math.max(1, setting("BANDWATCH_ALERT_DIGEST_MINUTES"));
  },
  get timeoutMs() {
    return Math.max(500, setting("BANDWATCH_ALERT_TIMEOUT_MS"));
  },
  /** Anomalies about periods older than this (backfills, imports of last year) are not alerted. */
  get maxAgeDays() {
    return Math.max(1, setting("BANDWATCH_ALERT_MAX_AGE_DAYS"));
  },
  /** "Send test" messages per destination per minute (five times that per organization). */
  get testLimit() {
    return Math.max(1, Math.round(setting("BANDWATCH_ALERT_TEST_LIMIT")));
  },
  concurrency: 4,
};
