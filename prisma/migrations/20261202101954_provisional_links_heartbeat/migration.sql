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

-- AlterTable (hand-written: ADD COLUMN instead of rebuilding the table, so the columns that
-- migrations of the same release added to it in between are kept)
ALTER TABLE "Provider" ADD COLUMN "settlementDays" INTEGER NOT NULL DEFAULT 2;
ALTER TABLE "Anomaly" ADD COLUMN "provisional" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Anomaly" ADD COLUMN "provisionalSeverity" TEXT;
ALTER TABLE "Anomaly" ADD COLUMN "explainedBy" JSONB;

-- CreateIndex
CREATE INDEX "ProviderWebsiteLink_orgId_idx" ON "ProviderWebsiteLink"("orgId");

-- CreateIndex
CREATE UNIQUE INDEX "ProviderWebsiteLink_providerId_websiteId_key" ON "ProviderWebsiteLink"("providerId", "websiteId");

