-- CreateEnum
CREATE TYPE "MonitorKind" AS ENUM ('services', 'accounts', 'tag');

-- AlterTable
ALTER TABLE "Anomaly" ADD COLUMN     "causeAccounts" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "causeRegions" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "dimensionKey" TEXT,
ADD COLUMN     "dimensionValue" TEXT,
ADD COLUMN     "monitorId" INTEGER,
ADD COLUMN     "rootCauses" JSONB NOT NULL DEFAULT '[]';

-- CreateTable
CREATE TABLE "CostMonitor" (
    "id" SERIAL NOT NULL,
    "orgId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "MonitorKind" NOT NULL,
    "providerId" INTEGER,
    "tagKey" TEXT,
    "values" JSONB NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "CostMonitor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CostEntryTag" (
    "id" SERIAL NOT NULL,
    "orgId" TEXT NOT NULL,
    "providerId" INTEGER NOT NULL,
    "day" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "subAccount" TEXT NOT NULL DEFAULT '',
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'api',
    "amount" DOUBLE PRECISION NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CostEntryTag_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CostMonitor_orgId_deletedAt_idx" ON "CostMonitor"("orgId", "deletedAt");

-- CreateIndex
CREATE INDEX "CostEntryTag_orgId_providerId_key_day_idx" ON "CostEntryTag"("orgId", "providerId", "key", "day");

-- CreateIndex
CREATE UNIQUE INDEX "CostEntryTag_providerId_day_service_subAccount_key_value_so_key" ON "CostEntryTag"("providerId", "day", "service", "subAccount", "key", "value", "source");

-- CreateIndex
CREATE INDEX "Anomaly_orgId_monitorId_day_idx" ON "Anomaly"("orgId", "monitorId", "day");

-- AddForeignKey
ALTER TABLE "Anomaly" ADD CONSTRAINT "Anomaly_monitorId_fkey" FOREIGN KEY ("monitorId") REFERENCES "CostMonitor"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CostMonitor" ADD CONSTRAINT "CostMonitor_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CostEntryTag" ADD CONSTRAINT "CostEntryTag_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider"("id") ON DELETE CASCADE ON UPDATE CASCADE;

