-- CreateIndex
CREATE INDEX "events_tenant_id_position_idx" ON "events"("tenant_id", "position");

-- CreateIndex
CREATE INDEX "events_tenant_id_event_type_position_idx" ON "events"("tenant_id", "event_type", "position");
