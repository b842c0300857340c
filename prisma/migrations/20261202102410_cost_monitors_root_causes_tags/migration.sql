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

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Anomaly" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "publicId" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "providerId" INTEGER,
    "websiteId" TEXT,
    "metric" TEXT NOT NULL,
    "seriesKey" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "periodStart" DATETIME NOT NULL,
    "periodEnd" DATETIME NOT NULL,
    "peakAt" DATETIME NOT NULL,
    "actual" REAL NOT NULL,
    "expected" REAL NOT NULL,
    "expectedLower" REAL NOT NULL,
    "expectedUpper" REAL NOT NULL,
    "deviationPercent" REAL NOT NULL,
    "severity" TEXT NOT NULL,
    "direction" TEXT NOT NULL DEFAULT 'up',
    "score" REAL NOT NULL DEFAULT 0,
    "topServices" JSONB NOT NULL DEFAULT '[]',
    "status" TEXT NOT NULL DEFAULT 'active',
    "isResolved" BOOLEAN NOT NULL DEFAULT false,
    "resolvedAt" DATETIME,
    "lastDay" TEXT,
    "days" INTEGER NOT NULL DEFAULT 1,
    "impact" REAL NOT NULL DEFAULT 0,
    "withdrawnAt" DATETIME,
    "dismissReason" TEXT,
    "dismissedBy" TEXT,
    "dismissedAt" DATETIME,
    "detectedAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "monitorId" INTEGER,
    "dimensionKey" TEXT,
    "dimensionValue" TEXT,
    "rootCauses" JSONB NOT NULL DEFAULT '[]',
    "causeAccounts" TEXT NOT NULL DEFAULT '',
    "causeRegions" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "Anomaly_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Anomaly_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Anomaly_websiteId_fkey" FOREIGN KEY ("websiteId") REFERENCES "Website" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Anomaly_monitorId_fkey" FOREIGN KEY ("monitorId") REFERENCES "CostMonitor" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Anomaly" ("actual", "createdAt", "day", "days", "detectedAt", "deviationPercent", "direction", "dismissReason", "dismissedAt", "dismissedBy", "expected", "expectedLower", "expectedUpper", "id", "impact", "isResolved", "lastDay", "metric", "orgId", "peakAt", "periodEnd", "periodStart", "providerId", "publicId", "resolvedAt", "score", "seriesKey", "severity", "status", "topServices", "type", "updatedAt", "websiteId", "withdrawnAt") SELECT "actual", "createdAt", "day", "days", "detectedAt", "deviationPercent", "direction", "dismissReason", "dismissedAt", "dismissedBy", "expected", "expectedLower", "expectedUpper", "id", "impact", "isResolved", "lastDay", "metric", "orgId", "peakAt", "periodEnd", "periodStart", "providerId", "publicId", "resolvedAt", "score", "seriesKey", "severity", "status", "topServices", "type", "updatedAt", "websiteId", "withdrawnAt" FROM "Anomaly";
DROP TABLE "Anomaly";
ALTER TABLE "new_Anomaly" RENAME TO "Anomaly";
CREATE UNIQUE INDEX "Anomaly_publicId_key" ON "Anomaly"("publicId");
CREATE INDEX "Anomaly_orgId_type_day_idx" ON "Anomaly"("orgId", "type", "day");
CREATE INDEX "Anomaly_orgId_type_lastDay_idx" ON "Anomaly"("orgId", "type", "lastDay");
CREATE INDEX "Anomaly_orgId_status_day_idx" ON "Anomaly"("orgId", "status", "day");
CREATE INDEX "Anomaly_websiteId_detectedAt_idx" ON "Anomaly"("websiteId", "detectedAt");
CREATE INDEX "Anomaly_orgId_monitorId_day_idx" ON "Anomaly"("orgId", "monitorId", "day");
CREATE UNIQUE INDEX "Anomaly_seriesKey_periodStart_key" ON "Anomaly"("seriesKey", "periodStart");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "CostMonitor_orgId_deletedAt_idx" ON "CostMonitor"("orgId", "deletedAt");

-- CreateIndex
CREATE INDEX "CostEntryTag_orgId_providerId_key_day_idx" ON "CostEntryTag"("orgId", "providerId", "key", "day");

-- CreateIndex
CREATE UNIQUE INDEX "CostEntryTag_providerId_day_service_subAccount_key_value_source_key" ON "CostEntryTag"("providerId", "day", "service", "subAccount", "key", "value", "source");

