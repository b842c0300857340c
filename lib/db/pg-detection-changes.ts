// PostgreSQL's half of the DetectionChange triggers (SQLite's are in its migration
// 20261202141500_incremental_detection). Every statement that writes a daily rollup
// (CostDaily, MetricDaily) lowers each touched provider's "fromDay" to the earliest day it
// wrote; the incremental cloud job (lib/cloud/resume.ts) rebuilds a provider whose change
// reaches back to its checkpoint. Installed here, not in the migration, because Prisma's schema
// engine splits a migration at every semicolon and cannot carry a PL/pgSQL body.
import { db } from "./client";

const FUNCTION = "bandwatch_detection_change";

/** [trigger, table, event, transition table]: statement-level, one upsert per statement. */
const TRIGGERS = (["CostDaily", "MetricDaily"] as const).flatMap((table) => [
  [`DetectionChange_${table}_insert`, table, "INSERT", "NEW"],
  [`DetectionChange_${table}_update_old`, table, "UPDATE", "OLD"],
  [`DetectionChange_${table}_update_new`, table, "UPDATE", "NEW"],
  [`DetectionChange_${table}_delete`, table, "DELETE", "OLD"],
]);

/** Idempotent, under an advisory lock so instances starting together do not race on the DDL. */
const INSTALL_SQL = `
DO $install$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('${FUNCTION}'));
  CREATE OR REPLACE FUNCTION "${FUNCTION}"() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    INSERT INTO "DetectionChange" ("providerId", "fromDay", "seq")
      SELECT "providerId", min("day"), 1 FROM changed_rows GROUP BY "providerId"
    ON CONFLICT ("providerId") DO UPDATE
      SET "fromDay" = LEAST("DetectionChange"."fromDay", excluded."fromDay"), "seq" = "DetectionChange"."seq" + 1;
    RETURN NULL;
  END $fn$;
${TRIGGERS.map(
  ([name, table, event, transition]) => `  IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = '${name}') THEN
    CREATE TRIGGER "${name}" AFTER ${event} ON "${table}" REFERENCING ${transition} TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION "${FUNCTION}"();
  END IF;`,
).join("\n")}
END
$install$;`;

const COUNT_SQL = `SELECT count(*)::int AS n FROM pg_trigger WHERE tgname IN (${TRIGGERS.map(([name]) => `'${name}'`).join(", ")})`;

/**
 * Installs the triggers when any is missing. Returns true when it had to: rollup writes may
 * have gone unrecorded before, so the caller must not trust existing checkpoints.
 */
export async function ensureDetectionChangeTriggers(): Promise<boolean> {
  const rows = await db().$queryRawUnsafe<Array<{ n: number }>>(COUNT_SQL);
  if (rows[0]?.n === TRIGGERS.length) return false;
  await db().$executeRawUnsafe(INSTALL_SQL);
  return true;
}
