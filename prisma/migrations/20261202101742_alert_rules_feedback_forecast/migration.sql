-- AlterTable
ALTER TABLE "Provider" ADD COLUMN "budget" REAL;

-- AlterTable
ALTER TABLE "AlertDelivery" ADD COLUMN "matchedRule" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AlertDestination" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "url" TEXT,
    "email" TEXT,
    "secret" TEXT,
    "types" TEXT NOT NULL DEFAULT '',
    "minSeverity" TEXT NOT NULL DEFAULT 'info',
    "minImpact" REAL NOT NULL DEFAULT 0,
    "mode" TEXT NOT NULL DEFAULT 'immediate',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "monitorIds" TEXT NOT NULL DEFAULT '',
    "minImpactPercent" REAL NOT NULL DEFAULT 0,
    "thresholdMode" TEXT NOT NULL DEFAULT 'any',
    "frequency" TEXT NOT NULL DEFAULT 'immediate',
    "forecastAlerts" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "AlertDestination_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_AlertDestination" ("createdAt", "email", "enabled", "id", "kind", "minImpact", "minSeverity", "mode", "name", "orgId", "secret", "types", "url") SELECT "createdAt", "email", "enabled", "id", "kind", "minImpact", "minSeverity", "mode", "name", "orgId", "secret", "types", "url" FROM "AlertDestination";
DROP TABLE "AlertDestination";
ALTER TABLE "new_AlertDestination" RENAME TO "AlertDestination";
CREATE INDEX "AlertDestination_orgId_idx" ON "AlertDestination"("orgId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

