-- CreateTable
CREATE TABLE "policies" (
    "id" TEXT NOT NULL,
    "tenant_id" UUID NOT NULL,
    "organization_id" TEXT NOT NULL,
    "arn" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "policies_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "policy_attachments" (
    "tenant_id" UUID NOT NULL,
    "organization_id" TEXT NOT NULL,
    "target_id" TEXT NOT NULL,
    "target_type" TEXT NOT NULL,
    "policy_id" TEXT NOT NULL,
    "policy_type" TEXT NOT NULL,
    "attached_position" BIGINT NOT NULL,

    CONSTRAINT "policy_attachments_pkey" PRIMARY KEY ("tenant_id","target_id","policy_id")
);

-- CreateTable
CREATE TABLE "effective_policy_nodes" (
    "tenant_id" UUID NOT NULL,
    "organization_id" TEXT NOT NULL,
    "target_id" TEXT NOT NULL,
    "policy_type" TEXT NOT NULL,
    "merge_state" JSONB NOT NULL,
    "content" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "effective_policy_nodes_pkey" PRIMARY KEY ("tenant_id","target_id","policy_type")
);

-- CreateTable
CREATE TABLE "policy_versions" (
    "tenant_id" UUID NOT NULL,
    "organization_id" TEXT NOT NULL,
    "version" BIGINT NOT NULL,

    CONSTRAINT "policy_versions_pkey" PRIMARY KEY ("tenant_id","organization_id")
);

-- CreateTable
CREATE TABLE "access_samples" (
    "id" TEXT NOT NULL,
    "tenant_id" UUID NOT NULL,
    "organization_id" TEXT NOT NULL,
    "request" JSONB NOT NULL,
    "recorded_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "access_samples_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "policies_tenant_id_organization_id_type_id_idx" ON "policies"("tenant_id", "organization_id", "type", "id");

-- CreateIndex
CREATE INDEX "policy_attachments_tenant_id_policy_id_target_id_idx" ON "policy_attachments"("tenant_id", "policy_id", "target_id");

-- CreateIndex
CREATE INDEX "policy_attachments_tenant_id_organization_id_policy_type_idx" ON "policy_attachments"("tenant_id", "organization_id", "policy_type");

-- CreateIndex
CREATE INDEX "effective_policy_nodes_tenant_id_organization_id_policy_typ_idx" ON "effective_policy_nodes"("tenant_id", "organization_id", "policy_type");

-- CreateIndex
CREATE INDEX "access_samples_tenant_id_organization_id_id_idx" ON "access_samples"("tenant_id", "organization_id", "id");

-- Hand-written: the policy tables behind row-level security, like every tenant-owned table.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['policies', 'policy_attachments', 'effective_policy_nodes', 'policy_versions', 'access_samples'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %I', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = orgs_current_tenant())', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO orgs_app', t);
  END LOOP;
END $$;
