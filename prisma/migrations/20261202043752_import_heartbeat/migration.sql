-- AlterTable
ALTER TABLE "ImportRun" ADD COLUMN "heartbeatAt" DATETIME;

-- CreateIndex
CREATE INDEX "ImportRun_status_idx" ON "ImportRun"("status");

