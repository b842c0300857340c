-- CreateTable
CREATE TABLE "SeriesCheckpoint" (
    "orgId" TEXT NOT NULL,
    "providerId" INTEGER NOT NULL,
    "seriesKey" TEXT NOT NULL,
    "throughDay" TEXT NOT NULL,
    "state" BYTEA NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SeriesCheckpoint_pkey" PRIMARY KEY ("orgId","seriesKey")
);

-- CreateTable
CREATE TABLE "DetectionChange" (
    "providerId" INTEGER NOT NULL,
    "fromDay" TEXT NOT NULL,
    "seq" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "DetectionChange_pkey" PRIMARY KEY ("providerId")
);

-- CreateIndex
CREATE INDEX "SeriesCheckpoint_providerId_idx" ON "SeriesCheckpoint"("providerId");

-- AddForeignKey
ALTER TABLE "SeriesCheckpoint" ADD CONSTRAINT "SeriesCheckpoint_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written (scripts/make-migration.mjs does not know triggers): every statement that writes
-- the daily rollups lowers each touched provider's DetectionChange."fromDay" to the earliest day
-- it wrote, whoever runs it (lib/cloud/resume.ts reads and clears it). Statement-level with
-- transition tables: one upsert per statement, not per row.
CREATE FUNCTION "bandwatch_detection_change"() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO "DetectionChange" ("providerId", "fromDay", "seq")
    SELECT "providerId", min("day"), 1 FROM changed_rows GROUP BY "providerId"
  ON CONFLICT ("providerId") DO UPDATE
    SET "fromDay" = LEAST("DetectionChange"."fromDay", excluded."fromDay"), "seq" = "DetectionChange"."seq" + 1;
  RETURN NULL;
END
$fn$;
CREATE TRIGGER "DetectionChange_CostDaily_insert" AFTER INSERT ON "CostDaily" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION "bandwatch_detection_change"();
CREATE TRIGGER "DetectionChange_CostDaily_update_old" AFTER UPDATE ON "CostDaily" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION "bandwatch_detection_change"();
CREATE TRIGGER "DetectionChange_CostDaily_update_new" AFTER UPDATE ON "CostDaily" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION "bandwatch_detection_change"();
CREATE TRIGGER "DetectionChange_CostDaily_delete" AFTER DELETE ON "CostDaily" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION "bandwatch_detection_change"();
CREATE TRIGGER "DetectionChange_MetricDaily_insert" AFTER INSERT ON "MetricDaily" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION "bandwatch_detection_change"();
CREATE TRIGGER "DetectionChange_MetricDaily_update_old" AFTER UPDATE ON "MetricDaily" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION "bandwatch_detection_change"();
CREATE TRIGGER "DetectionChange_MetricDaily_update_new" AFTER UPDATE ON "MetricDaily" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION "bandwatch_detection_change"();
CREATE TRIGGER "DetectionChange_MetricDaily_delete" AFTER DELETE ON "MetricDaily" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION "bandwatch_detection_change"();
