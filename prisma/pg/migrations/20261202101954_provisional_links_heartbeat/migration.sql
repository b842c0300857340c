-- AlterTable
ALTER TABLE "Provider" ADD COLUMN     "settlementDays" INTEGER NOT NULL DEFAULT 2;

-- AlterTable
ALTER TABLE "Anomaly" ADD COLUMN     "explainedBy" JSONB,
ADD COLUMN     "provisional" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "provisionalSeverity" "Severity";

-- CreateTable
CREATE TABLE "ProviderWebsiteLink" (
    "id" SERIAL NOT NULL,
    "orgId" TEXT NOT NULL,
    "providerId" INTEGER NOT NULL,
    "websiteId" TEXT NOT NULL,
    "services" JSONB NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProviderWebsiteLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CostDaySettlement" (
    "providerId" INTEGER NOT NULL,
    "day" TEXT NOT NULL,
    "firstTotal" DOUBLE PRECISION NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "lastTotal" DOUBLE PRECISION NOT NULL,
    "lastChangedAt" TIMESTAMP(3),

    CONSTRAINT "CostDaySettlement_pkey" PRIMARY KEY ("providerId","day")
);

-- CreateIndex
CREATE INDEX "ProviderWebsiteLink_orgId_idx" ON "ProviderWebsiteLink"("orgId");

-- CreateIndex
CREATE UNIQUE INDEX "ProviderWebsiteLink_providerId_websiteId_key" ON "ProviderWebsiteLink"("providerId", "websiteId");

-- AddForeignKey
ALTER TABLE "ProviderWebsiteLink" ADD CONSTRAINT "ProviderWebsiteLink_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProviderWebsiteLink" ADD CONSTRAINT "ProviderWebsiteLink_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProviderWebsiteLink" ADD CONSTRAINT "ProviderWebsiteLink_websiteId_fkey" FOREIGN KEY ("websiteId") REFERENCES "Website"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CostDaySettlement" ADD CONSTRAINT "CostDaySettlement_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider"("id") ON DELETE CASCADE ON UPDATE CASCADE;

