-- AlterTable
ALTER TABLE "Anomaly" ADD COLUMN "suppressedBy" INTEGER;

-- CreateTable
CREATE TABLE "SuppressionRule" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" TEXT NOT NULL,
    "providerId" INTEGER,
    "service" TEXT,
    "accountId" TEXT,
    "metric" TEXT,
    "websiteId" TEXT,
    "until" DATETIME NOT NULL,
    "reason" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" DATETIME,
    CONSTRAINT "SuppressionRule_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "SuppressionRule_orgId_until_idx" ON "SuppressionRule"("orgId", "until");

