-- CreateTable
CREATE TABLE "CostMonitor" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "providerId" INTEGER,
    "tagKey" TEXT,
    "values" JSONB NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" DATETIME,
    CONSTRAINT "CostMonitor_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CostEntryTag" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" TEXT NOT NULL,
    "providerId" INTEGER NOT NULL,
    "day" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "subAccount" TEXT NOT NULL DEFAULT '',
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'api',
    "amount" REAL NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "CostEntryTag_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- AlterTable (hand-written: ADD COLUMN instead of rebuilding the table, so the columns that
-- migrations of the same release added to it in between are kept)
ALTER TABLE "Anomaly" ADD COLUMN "monitorId" INTEGER REFERENCES "CostMonitor" ("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Anomaly" ADD COLUMN "dimensionKey" TEXT;
ALTER TABLE "Anomaly" ADD COLUMN "dimensionValue" TEXT;
ALTER TABLE "Anomaly" ADD COLUMN "rootCauses" JSONB NOT NULL DEFAULT '[]';
ALTER TABLE "Anomaly" ADD COLUMN "causeAccounts" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Anomaly" ADD COLUMN "causeRegions" TEXT NOT NULL DEFAULT '';
CREATE INDEX "Anomaly_orgId_monitorId_day_idx" ON "Anomaly"("orgId", "monitorId", "day");

-- CreateIndex
CREATE INDEX "CostMonitor_orgId_deletedAt_idx" ON "CostMonitor"("orgId", "deletedAt");

-- CreateIndex
CREATE INDEX "CostEntryTag_orgId_providerId_key_day_idx" ON "CostEntryTag"("orgId", "providerId", "key", "day");

-- CreateIndex
CREATE UNIQUE INDEX "CostEntryTag_providerId_day_service_subAccount_key_value_source_key" ON "CostEntryTag"("providerId", "day", "service", "subAccount", "key", "value", "source");

