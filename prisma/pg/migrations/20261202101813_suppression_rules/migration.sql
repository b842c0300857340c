-- AlterTable
ALTER TABLE "Anomaly" ADD COLUMN     "suppressedBy" INTEGER;

-- CreateTable
CREATE TABLE "SuppressionRule" (
    "id" SERIAL NOT NULL,
    "orgId" TEXT NOT NULL,
    "providerId" INTEGER,
    "service" TEXT,
    "accountId" TEXT,
    "metric" TEXT,
    "websiteId" TEXT,
    "until" TIMESTAMP(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "SuppressionRule_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SuppressionRule_orgId_until_idx" ON "SuppressionRule"("orgId", "until");

-- AddForeignKey
ALTER TABLE "SuppressionRule" ADD CONSTRAINT "SuppressionRule_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

