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
    "topServices" TEXT NOT NULL DEFAULT '[]',
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
INSERT INTO "new_Anomaly" ("actual", "createdAt", "day", "detectedAt", "deviationPercent", "direction", "dismissReason", "dismissedAt", "dismissedBy", "expected", "expectedLower", "expectedUpper", "id", "isResolved", "metric", "orgId", "peakAt", "periodEnd", "periodStart", "providerId", "publicId", "resolvedAt", "score", "seriesKey", "severity", "status", "topServices", "type", "updatedAt", "websiteId") SELECT "actual", "createdAt", "day", "detectedAt", "deviationPercent", "direction", "dismissReason", "dismissedAt", "dismissedBy", "expected", "expectedLower", "expectedUpper", "id", "isResolved", "metric", "orgId", "peakAt", "periodEnd", "periodStart", "providerId", "publicId", "resolvedAt", "score", "seriesKey", "severity", "status", "topServices", "type", "updatedAt", "websiteId" FROM "Anomaly";
DROP TABLE "Anomaly";
ALTER TABLE "new_Anomaly" RENAME TO "Anomaly";
CREATE UNIQUE INDEX "Anomaly_publicId_key" ON "Anomaly"("publicId");
CREATE INDEX "Anomaly_orgId_type_day_idx" ON "Anomaly"("orgId", "type", "day");
CREATE INDEX "Anomaly_orgId_status_day_idx" ON "Anomaly"("orgId", "status", "day");
CREATE INDEX "Anomaly_websiteId_detectedAt_idx" ON "Anomaly"("websiteId", "detectedAt");
CREATE UNIQUE INDEX "Anomaly_seriesKey_periodStart_key" ON "Anomaly"("seriesKey", "periodStart");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

