-- AlterTable
ALTER TABLE "ImportRun" ADD COLUMN     "heartbeatAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "ImportRun_status_idx" ON "ImportRun"("status");

