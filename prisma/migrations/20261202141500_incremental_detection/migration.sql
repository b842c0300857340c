-- CreateTable
CREATE TABLE "SeriesCheckpoint" (
    "orgId" TEXT NOT NULL,
    "providerId" INTEGER NOT NULL,
    "seriesKey" TEXT NOT NULL,
    "throughDay" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("orgId", "seriesKey"),
    CONSTRAINT "SeriesCheckpoint_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DetectionChange" (
    "providerId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "fromDay" TEXT NOT NULL,
    "seq" INTEGER NOT NULL DEFAULT 1
);

-- CreateIndex
CREATE INDEX "SeriesCheckpoint_providerId_idx" ON "SeriesCheckpoint"("providerId");


-- Hand-written (scripts/make-migration.mjs does not know triggers): every row written to the
-- daily rollups lowers its provider's DetectionChange."fromDay" to the row's day, whoever writes
-- it (lib/cloud/resume.ts reads and clears it). No INSERT OR IGNORE: a trigger's conflict clause
-- gives way to the firing statement's, and Prisma's upserts (INSERT … ON CONFLICT DO UPDATE on
-- MetricDaily) would then fail on the existing DetectionChange row.
CREATE TRIGGER "DetectionChange_CostDaily_insert" AFTER INSERT ON "CostDaily" BEGIN
  INSERT INTO "DetectionChange" ("providerId", "fromDay", "seq") SELECT NEW."providerId", NEW."day", 0 WHERE NOT EXISTS (SELECT 1 FROM "DetectionChange" WHERE "providerId" = NEW."providerId");
  UPDATE "DetectionChange" SET "fromDay" = min("fromDay", NEW."day"), "seq" = "seq" + 1 WHERE "providerId" = NEW."providerId";
END;
CREATE TRIGGER "DetectionChange_CostDaily_update" AFTER UPDATE ON "CostDaily" BEGIN
  INSERT INTO "DetectionChange" ("providerId", "fromDay", "seq") SELECT NEW."providerId", min(OLD."day", NEW."day"), 0 WHERE NOT EXISTS (SELECT 1 FROM "DetectionChange" WHERE "providerId" = NEW."providerId");
  UPDATE "DetectionChange" SET "fromDay" = min("fromDay", OLD."day", NEW."day"), "seq" = "seq" + 1 WHERE "providerId" = NEW."providerId";
END;
CREATE TRIGGER "DetectionChange_CostDaily_delete" AFTER DELETE ON "CostDaily" BEGIN
  INSERT INTO "DetectionChange" ("providerId", "fromDay", "seq") SELECT OLD."providerId", OLD."day", 0 WHERE NOT EXISTS (SELECT 1 FROM "DetectionChange" WHERE "providerId" = OLD."providerId");
  UPDATE "DetectionChange" SET "fromDay" = min("fromDay", OLD."day"), "seq" = "seq" + 1 WHERE "providerId" = OLD."providerId";
END;
CREATE TRIGGER "DetectionChange_MetricDaily_insert" AFTER INSERT ON "MetricDaily" BEGIN
  INSERT INTO "DetectionChange" ("providerId", "fromDay", "seq") SELECT NEW."providerId", NEW."day", 0 WHERE NOT EXISTS (SELECT 1 FROM "DetectionChange" WHERE "providerId" = NEW."providerId");
  UPDATE "DetectionChange" SET "fromDay" = min("fromDay", NEW."day"), "seq" = "seq" + 1 WHERE "providerId" = NEW."providerId";
END;
CREATE TRIGGER "DetectionChange_MetricDaily_update" AFTER UPDATE ON "MetricDaily" BEGIN
  INSERT INTO "DetectionChange" ("providerId", "fromDay", "seq") SELECT NEW."providerId", min(OLD."day", NEW."day"), 0 WHERE NOT EXISTS (SELECT 1 FROM "DetectionChange" WHERE "providerId" = NEW."providerId");
  UPDATE "DetectionChange" SET "fromDay" = min("fromDay", OLD."day", NEW."day"), "seq" = "seq" + 1 WHERE "providerId" = NEW."providerId";
END;
CREATE TRIGGER "DetectionChange_MetricDaily_delete" AFTER DELETE ON "MetricDaily" BEGIN
  INSERT INTO "DetectionChange" ("providerId", "fromDay", "seq") SELECT OLD."providerId", OLD."day", 0 WHERE NOT EXISTS (SELECT 1 FROM "DetectionChange" WHERE "providerId" = OLD."providerId");
  UPDATE "DetectionChange" SET "fromDay" = min("fromDay", OLD."day"), "seq" = "seq" + 1 WHERE "providerId" = OLD."providerId";
END;
