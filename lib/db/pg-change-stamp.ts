// PostgreSQL's change stamp (SQLite's is PRAGMA data_version, lib/db/data-version.ts).
//
// Every table carries a statement-level trigger that, on any INSERT, UPDATE, DELETE or
// TRUNCATE, advances the sequence `bandwatch_change_seq` and sends NOTIFY `bandwatch_change`.
// The stamp is `<sequence value>.<notifications received>`:
// - the sequence moves as soon as a writing statement runs, so once a write by any process has
//   returned, the next stamp read anywhere differs (read-after-write across instances);
// - the sequence also moves before the writer commits, so an answer computed in that window
//   could be kept under the new value; the notification, delivered when the writer commits,
//   moves the stamp again and drops it. The bound for anything kept too long is therefore the
//   notification's delivery (milliseconds on a healthy connection).
// The sequence is read over one dedicated connection, one query in flight at a time: requests
// arriving while a read is under way share the next one, so the cost is at most one short
// round trip per request and far less under load. Without a working listener (connection lost,
// triggers not installable) the stamp is null and callers keep nothing.
import pg from "pg";

const CHANNEL = "bandwatch_change";
const SEQUENCE = "bandwatch_change_seq";
const TRIGGER = "bandwatch_change_stamp";
/** Tables created after start-up (a migration while running) get their trigger within this. */
const RECHECK_TRIGGERS_MS = 60_000;
const RECONNECT_MS = 1_000;

/** Idempotent, under an advisory lock so instances starting together do not race on the DDL. */
const INSTALL_SQL = `
DO $install$
DECLARE t record;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('${TRIGGER}'));
  CREATE SEQUENCE IF NOT EXISTS ${SEQUENCE};
  IF NOT EXISTS (SELECT 1 FROM pg_proc WHERE proname = '${TRIGGER}') THEN
    CREATE FUNCTION ${TRIGGER}() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      PERFORM nextval('${SEQUENCE}');
      PERFORM pg_notify('${CHANNEL}', '');
      RETURN NULL;
    END $fn$;
  END IF;
  FOR t IN
    SELECT c.oid, c.relname FROM pg_class c
    WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')
      AND c.relname <> '_prisma_migrations'
      AND NOT EXISTS (SELECT 1 FROM pg_trigger g WHERE g.tgrelid = c.oid AND g.tgname = '${TRIGGER}')
  LOOP
    EXECUTE format('CREATE TRIGGER ${TRIGGER} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION ${TRIGGER}()', t.relname);
  END LOOP;
END
$install$;`;

const MISSING_TRIGGERS_SQL = `
SELECT count(*)::int AS missing FROM pg_class c
WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND c.relname <> '_prisma_migrations'
  AND NOT EXISTS (SELECT 1 FROM pg_trigger g WHERE g.tgrelid = c.oid AND g.tgname = '${TRIGGER}')`;

/** Installs the sequence, function and triggers (also used by tests and the CLI's migrate). */
export async function installChangeStamp(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ missing: number }>(MISSING_TRIGGERS_SQL);
  if (rows[0]?.missing === 0) return;
  await client.query(INSTALL_SQL);
}

export class PgChangeStamp {
  private client: pg.Client | null = null;
  private ready = false;
  private notifications = 0;
  private reading: Promise<string | null> | null = null;
  private queued: Promise<string | null> | null = null;
  private recheck: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(readonly url: string) {
    void this.connect();
  }

  /** The current stamp, or null while there is no listening connection. */
  read(): Promise<string | null> {
    if (!this.ready) return Promise.resolve(null);
    // A read already under way may have started before the caller's request: queue one after it.
    if (!this.reading) return (this.reading = this.query().finally(() => (this.reading = null)));
    this.queued ??= this.reading.then(() => {
      this.queued = null;
      return this.read();
    });
    return this.queued;
  }

  /** Counts a write made by this process, for callers that must not wait for the notification. */
  noteLocalWrite(): void {
    this.notifications++;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.ready = false;
    if (this.recheck) clearInterval(this.recheck);
    await this.client?.end().catch(() => undefined);
  }

  private async query(): Promise<string | null> {
    const client = this.client;
    if (!client) return null;
    try {
      const { rows } = await client.query<{ last_value: string }>(`SELECT last_value FROM ${SEQUENCE}`);
      // Read after the query: a notification that arrived meanwhile must count.
      return this.ready ? `${rows[0]?.last_value ?? "0"}.${this.notifications}` : null;
    } catch {
      this.drop(client);
      return null;
    }
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.url, application_name: "bandwatch-change-stamp" });
    this.client = client;
    client.on("error", () => this.drop(client));
    client.on("end", () => this.drop(client));
    client.on("notification", () => this.notifications++);
    try {
      await client.connect();
      await installChangeStamp(client);
      await client.query(`LISTEN ${CHANNEL}`);
      if (this.client !== client) return;
      // Anything may have changed while nobody listened.
      this.notifications++;
      this.ready = true;
      this.recheck = setInterval(() => void installChangeStamp(client).catch(() => this.drop(client)), RECHECK_TRIGGERS_MS);
      this.recheck.unref();
    } catch (error) {
      console.warn(`[bandwatch] PostgreSQL change stamp unavailable, answers are not kept in memory: ${error instanceof Error ? error.message : String(error)}`);
      this.drop(client);
    }
  }

  /** Stops using a connection (once per connection) and tries a new one shortly. */
  private drop(client: pg.Client): void {
    if (client !== this.client) return;
    this.ready = false;
    this.client = null;
    if (this.recheck) clearInterval(this.recheck);
    this.recheck = null;
    void client.end().catch(() => undefined);
    if (!this.closed) setTimeout(() => void this.connect(), RECONNECT_MS).unref();
  }
}
