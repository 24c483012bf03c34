-- AlterTable
ALTER TABLE "accounts" ADD COLUMN     "path" TEXT,
ADD COLUMN     "state" TEXT NOT NULL DEFAULT 'ACTIVE';

-- AlterTable
ALTER TABLE "api_keys" ADD COLUMN     "revoked_at" TIMESTAMPTZ(6);

-- CreateTable
CREATE TABLE "organizational_units" (
    "id" TEXT NOT NULL,
    "tenant_id" UUID NOT NULL,
    "organization_id" TEXT NOT NULL,
    "parent_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "arn" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "depth" INTEGER NOT NULL,

    CONSTRAINT "organizational_units_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "create_account_statuses" (
    "id" TEXT NOT NULL,
    "tenant_id" UUID NOT NULL,
    "organization_id" TEXT NOT NULL,
    "account_name" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "requested_at" TIMESTAMPTZ(6) NOT NULL,
    "completed_at" TIMESTAMPTZ(6),
    "account_id" TEXT,
    "failure_reason" TEXT,

    CONSTRAINT "create_account_statuses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "handshakes" (
    "id" TEXT NOT NULL,
    "tenant_id" UUID NOT NULL,
    "organization_id" TEXT NOT NULL,
    "arn" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "requested_at" TIMESTAMPTZ(6) NOT NULL,
    "expires_at" TIMESTAMPTZ(6) NOT NULL,
    "parties" JSONB NOT NULL,
    "resources" JSONB NOT NULL,
    "target_account_id" TEXT,
    "target_email" TEXT,
    "parent_handshake_id" TEXT,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "handshakes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "resource_tags" (
    "tenant_id" UUID NOT NULL,
    "resource_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "resource_tags_pkey" PRIMARY KEY ("tenant_id","resource_id","key")
);

-- CreateTable
CREATE TABLE "tenant_quotas" (
    "tenant_id" UUID NOT NULL,
    "max_accounts" INTEGER,
    "max_organizational_units" INTEGER,

    CONSTRAINT "tenant_quotas_pkey" PRIMARY KEY ("tenant_id")
);

-- CreateIndex
CREATE INDEX "organizational_units_tenant_id_parent_id_id_idx" ON "organizational_units"("tenant_id", "parent_id", "id");

-- CreateIndex
CREATE INDEX "organizational_units_tenant_id_organization_id_idx" ON "organizational_units"("tenant_id", "organization_id");

-- CreateIndex
CREATE INDEX "create_account_statuses_tenant_id_organization_id_state_idx" ON "create_account_statuses"("tenant_id", "organization_id", "state");

-- CreateIndex
CREATE INDEX "handshakes_tenant_id_organization_id_idx" ON "handshakes"("tenant_id", "organization_id");

-- CreateIndex
CREATE INDEX "handshakes_tenant_id_target_account_id_idx" ON "handshakes"("tenant_id", "target_account_id");

-- CreateIndex
CREATE INDEX "handshakes_tenant_id_target_email_idx" ON "handshakes"("tenant_id", "target_email");

-- Hand-written: the new tenant-owned tables behind row-level security, like the others.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['organizational_units', 'create_account_statuses', 'handshakes', 'resource_tags', 'tenant_quotas'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %I', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = orgs_current_tenant())', t);
  END LOOP;
END $$;

-- A revoked key no longer authenticates.
CREATE OR REPLACE FUNCTION orgs_find_api_key(p_key_hash text)
RETURNS TABLE (id text, tenant_id uuid, account_id text, role text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT k.id, k.tenant_id, k.account_id, k.role FROM api_keys k WHERE k.key_hash = p_key_hash AND k.revoked_at IS NULL
$$;
