-- CreateIndex
CREATE INDEX "Anomaly_orgId_type_lastDay_idx" ON "Anomaly"("orgId", "type", "lastDay");
