-- CreateEnum
CREATE TYPE "AnomalyAction" AS ENUM ('detected', 'escalated', 'confirmed', 'dismissed', 'reopened', 'feedback', 'resolved', 'withdrawn');

-- CreateEnum
CREATE TYPE "AnomalyFeedback" AS ENUM ('accurate', 'not_accurate', 'planned');

-- CreateTable
CREATE TABLE "AnomalyEvent" (
    "id" SERIAL NOT NULL,
    "orgId" TEXT NOT NULL,
    "anomalyId" INTEGER NOT NULL,
    "action" "AnomalyAction" NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "by" TEXT NOT NULL,
    "reason" TEXT,
    "feedback" "AnomalyFeedback",
    "details" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "AnomalyEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AnomalyEvent_anomalyId_at_idx" ON "AnomalyEvent"("anomalyId", "at");

-- CreateIndex
CREATE INDEX "AnomalyEvent_orgId_at_idx" ON "AnomalyEvent"("orgId", "at");

-- CreateIndex
CREATE INDEX "AuditEntry_orgId_at_idx" ON "AuditEntry"("orgId", "at");

-- AddForeignKey
ALTER TABLE "AnomalyEvent" ADD CONSTRAINT "AnomalyEvent_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnomalyEvent" ADD CONSTRAINT "AnomalyEvent_anomalyId_fkey" FOREIGN KEY ("anomalyId") REFERENCES "Anomaly"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEntry" ADD CONSTRAINT "AuditEntry_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

