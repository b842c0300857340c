-- CreateIndex
CREATE INDEX "AnomalyEvent_orgId_action_idx" ON "AnomalyEvent"("orgId", "action");

