-- CreateTable
CREATE TABLE "ProviderWebsiteLink" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" TEXT NOT NULL,
    "providerId" INTEGER NOT NULL,
    "websiteId" TEXT NOT NULL,
    "services" JSONB NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ProviderWebsiteLink_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProviderWebsiteLink_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProviderWebsiteLink_websiteId_fkey" FOREIGN KEY ("websiteId") REFERENCES "Website" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CostDaySettlement" (
    "providerId" INTEGER NOT NULL,
    "day" TEXT NOT NULL,
    "firstTotal" REAL NOT NULL,
    "firstSeenAt" DATETIME NOT NULL,
    "lastTotal" REAL NOT NULL,
    "lastChangedAt" DATETIME,

    PRIMARY KEY ("providerId", "day"),
    CONSTRAINT "CostDaySettlement_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Provider" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "accountId" TEXT,
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "settlementDays" INTEGER NOT NULL DEFAULT 2,
    CONSTRAINT "Provider_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Provider" ("accountId", "createdAt", "currency", "id", "kind", "name", "orgId") SELECT "accountId", "createdAt", "currency", "id", "kind", "name", "orgId" FROM "Provider";
DROP TABLE "Provider";
ALTER TABLE "new_Provider" RENAME TO "Provider";
CREATE INDEX "Provider_orgId_idx" ON "Provider"("orgId");
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
    "provisional" BOOLEAN NOT NULL DEFAULT false,
    "provisionalSeverity" TEXT,
    "explainedBy" JSONB,
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
CREATE INDEX "Anomaly_orgId_type_lastDay_idx" ON "Anomaly"("orgId", "type", "lastDay");
CREATE INDEX "Anomaly_orgId_status_day_idx" ON "Anomaly"("orgId", "status", "day");
CREATE INDEX "Anomaly_websiteId_detectedAt_idx" ON "Anomaly"("websiteId", "detectedAt");
CREATE UNIQUE INDEX "Anomaly_seriesKey_periodStart_key" ON "Anomaly"("seriesKey", "periodStart");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ProviderWebsiteLink_orgId_idx" ON "ProviderWebsiteLink"("orgId");

-- CreateIndex
CREATE UNIQUE INDEX "ProviderWebsiteLink_providerId_websiteId_key" ON "ProviderWebsiteLink"("providerId", "websiteId");

