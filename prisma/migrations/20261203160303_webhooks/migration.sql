-- CreateTable
CREATE TABLE "webhook_endpoints" (
    "tenant_id" UUID NOT NULL,
    "id" TEXT NOT NULL,
    "owner_account_id" TEXT NOT NULL,
    "organization_id" TEXT,
    "account_id" TEXT,
    "url" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "event_types" TEXT[],
    "status" TEXT NOT NULL,
    "disabled_reason" TEXT,
    "encrypted_secret" TEXT NOT NULL,
    "previous_encrypted_secret" TEXT,
    "previous_valid_until" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "webhook_endpoints_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "webhook_deliveries" (
    "seq" BIGSERIAL NOT NULL,
    "tenant_id" UUID NOT NULL,
    "endpoint_id" TEXT NOT NULL,
    "message_id" TEXT NOT NULL,
    "event_type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "event_recorded_at" TIMESTAMPTZ(6) NOT NULL,
    "delivered_at" TIMESTAMPTZ(6),
    "last_status" INTEGER,

    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "webhook_delivery_attempts" (
    "id" BIGSERIAL NOT NULL,
    "tenant_id" UUID NOT NULL,
    "endpoint_id" TEXT NOT NULL,
    "delivery_seq" BIGINT NOT NULL,
    "message_id" TEXT NOT NULL,
    "attempted_at" TIMESTAMPTZ(6) NOT NULL,
    "http_status" INTEGER,
    "duration_ms" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "error" TEXT,
    "response_excerpt" TEXT NOT NULL,

    CONSTRAINT "webhook_delivery_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "webhook_endpoints_tenant_id_organization_id_idx" ON "webhook_endpoints"("tenant_id", "organization_id");

-- CreateIndex
CREATE INDEX "webhook_endpoints_tenant_id_owner_account_id_idx" ON "webhook_endpoints"("tenant_id", "owner_account_id");

-- CreateIndex
CREATE INDEX "webhook_deliveries_endpoint_id_seq_idx" ON "webhook_deliveries"("endpoint_id", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "webhook_deliveries_tenant_id_endpoint_id_message_id_key" ON "webhook_deliveries"("tenant_id", "endpoint_id", "message_id");

-- CreateIndex
CREATE INDEX "webhook_delivery_attempts_tenant_id_endpoint_id_id_idx" ON "webhook_delivery_attempts"("tenant_id", "endpoint_id", "id");

-- CreateIndex
CREATE INDEX "webhook_delivery_attempts_delivery_seq_idx" ON "webhook_delivery_attempts"("delivery_seq");

-- Hand-written: what the delivery looks for, each endpoint's oldest pending delivery.
CREATE INDEX "webhook_deliveries_pending_idx" ON "webhook_deliveries"("endpoint_id", "seq") WHERE status = 'PENDING';

-- Hand-written: the webhook tables behind row-level security, like every tenant-owned table.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['webhook_endpoints', 'webhook_deliveries', 'webhook_delivery_attempts'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %I', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = orgs_current_tenant())', t);
  END LOOP;
END $$;
