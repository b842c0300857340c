// Alert settings from the environment (README: Configuration).
function num(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const n = Number(raw);
  return Number.isFinite(n) ? n : fallback;
}

export const alertConfig = {
  /** Base URL of the dashboard, for links in messages. */
  get publicUrl() {
    return (process.env.BANDWATCH_PUBLIC_URL || process.env.NEXTAUTH_URL || "http://localhost:3000").replace(/\/+$/, "");
  },
  /** SMTP connection URL for email destinations (smtp://user:pass@host:587); email is off without it. */
  get smtpUrl() {
    return process.env.BANDWATCH_SMTP_URL?.trim() || "";
  },
  get emailFrom() {
    return process.env.BANDWATCH_ALERT_FROM?.trim() || "Bandwatch <alerts@localhost>";
  },
  /** First retry after this many seconds, doubling each time (capped at 6 hours). */
  get retryBaseSeconds() {
    return Math.max(0.05, num("BANDWATCH_ALERT_RETRY_BASE_SECONDS", 30));
  },
  get maxAttempts() {
    return Math.max(1, Math.round(num("BANDWATCH_ALERT_MAX_ATTEMPTS", 6)));
  },
  /** How often the delivery loop looks for due deliveries; 0 disables the loop. */
  get pollSeconds() {
    return num("BANDWATCH_ALERT_POLL_SECONDS", 5);
  },
  get digestMinutes() {
    return Math.max(1, num("BANDWATCH_ALERT_DIGEST_MINUTES", 60));
  },
  get timeoutMs() {
    return Math.max(500, num("BANDWATCH_ALERT_TIMEOUT_MS", 10_000));
  },
  /** Anomalies about periods older than this (backfills, imports of last year) are not alerted. */
  get maxAgeDays() {
    return Math.max(1, num("BANDWATCH_ALERT_MAX_AGE_DAYS", 3));
  },
  concurrency: 4,
};

/** "Send test" throttles (BANDWATCH_ALERT_TEST_LIMIT per destination, five times that per organization, per minute). */
export const sendTestLimits = {
  perDestination: () => ({ name: "alert-test-dest", limit: Math.max(1, Math.round(num("BANDWATCH_ALERT_TEST_LIMIT", 5))), windowSeconds: 60 }),
  perOrganization: () => ({ name: "alert-test-org", limit: 5 * Math.max(1, Math.round(num("BANDWATCH_ALERT_TEST_LIMIT", 5))), windowSeconds: 60 }),
};
