-- Prisma 6.19 writes the Json defaults unquoted (DEFAULT {}), which SQLite rejects; quoted here by hand.
-- The table rebuilds copy every row (INSERT ... SELECT): the stored text already is the enum
-- names and valid JSON, so values carry over unchanged.
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
    CONSTRAINT "Anomaly_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Anomaly_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Anomaly_websiteId_fkey" FOREIGN KEY ("websiteId") REFERENCES "Website" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Anomaly" ("actual", "createdAt", "day", "days", "detectedAt", "deviationPercent", "direction", "dismissReason", "dismissedAt", "dismissedBy", "expected", "expectedLower", "expectedUpper", "id", "impact", "isResolved", "lastDay", "metric", "orgId", "peakAt", "periodEnd", "periodStart", "providerId", "publicId", "resolvedAt", "score", "seriesKey", "severity", "status", "topServices", "type", "updatedAt", "websiteId", "withdrawnAt") SELECT "actual", "createdAt", "day", "days", "detectedAt", "deviationPercent", "direction", "dismissReason", "dismissedAt", "dismissedBy", "expected", "expectedLower", "expectedUpper", "id", "impact", "isResolved", "lastDay", "metric", "orgId", "peakAt", "periodEnd", "periodStart", "providerId", "publicId", "resolvedAt", "score", "seriesKey", "severity", "status", "topServices", "type", "updatedAt", "websiteId", "withdrawnAt" FROM "Anomaly";
DROP TABLE "Anomaly";
ALTER TABLE "new_Anomaly" RENAME TO "Anomaly";
CREATE UNIQUE INDEX "Anomaly_publicId_key" ON "Anomaly"("publicId");
CREATE INDEX "Anomaly_orgId_type_day_idx" ON "Anomaly"("orgId", "type", "day");
CREATE INDEX "Anomaly_orgId_status_day_idx" ON "Anomaly"("orgId", "status", "day");
CREATE INDEX "Anomaly_websiteId_detectedAt_idx" ON "Anomaly"("websiteId", "detectedAt");
CREATE UNIQUE INDEX "Anomaly_seriesKey_periodStart_key" ON "Anomaly"("seriesKey", "periodStart");
CREATE TABLE "new_ImportRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "providerId" INTEGER NOT NULL,
    "format" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "fileHash" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "rowsRead" INTEGER NOT NULL DEFAULT 0,
    "rowsRejected" INTEGER NOT NULL DEFAULT 0,
    "summary" JSONB NOT NULL DEFAULT '{}',
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "heartbeatAt" DATETIME,
    CONSTRAINT "ImportRun_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ImportRun_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ImportRun" ("fileHash", "fileName", "finishedAt", "format", "heartbeatAt", "id", "orgId", "providerId", "rowsRead", "rowsRejected", "startedAt", "status", "summary") SELECT "fileHash", "fileName", "finishedAt", "format", "heartbeatAt", "id", "orgId", "providerId", "rowsRead", "rowsRejected", "startedAt", "status", "summary" FROM "ImportRun";
DROP TABLE "ImportRun";
ALTER TABLE "new_ImportRun" RENAME TO "ImportRun";
CREATE INDEX "ImportRun_providerId_fileHash_idx" ON "ImportRun"("providerId", "fileHash");
CREATE INDEX "ImportRun_status_idx" ON "ImportRun"("status");
CREATE TABLE "new_AlertDelivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "destinationId" TEXT NOT NULL,
    "anomalyId" INTEGER,
    "event" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedAt" DATETIME,
    "claimExpiresAt" DATETIME,
    "responseStatus" INTEGER,
    "lastError" TEXT,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" DATETIME,
    CONSTRAINT "AlertDelivery_destinationId_fkey" FOREIGN KEY ("destinationId") REFERENCES "AlertDestination" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AlertDelivery_anomalyId_fkey" FOREIGN KEY ("anomalyId") REFERENCES "Anomaly" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_AlertDelivery" ("anomalyId", "attempts", "claimExpiresAt", "claimedAt", "createdAt", "deliveredAt", "destinationId", "event", "id", "lastError", "nextAttemptAt", "payload", "responseStatus", "status") SELECT "anomalyId", "attempts", "claimExpiresAt", "claimedAt", "createdAt", "deliveredAt", "destinationId", "event", "id", "lastError", "nextAttemptAt", "payload", "responseStatus", "status" FROM "AlertDelivery";
DROP TABLE "AlertDelivery";
ALTER TABLE "new_AlertDelivery" RENAME TO "AlertDelivery";
CREATE INDEX "AlertDelivery_status_nextAttemptAt_idx" ON "AlertDelivery"("status", "nextAttemptAt");
CREATE INDEX "AlertDelivery_destinationId_createdAt_idx" ON "AlertDelivery"("destinationId", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

