-- CreateTable
CREATE TABLE "service_access" (
    "tenant_id" UUID NOT NULL,
    "organization_id" TEXT NOT NULL,
    "service_principal" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "enabled_at" TIMESTAMPTZ(6) NOT NULL,
    "disabled_at" TIMESTAMPTZ(6),

    CONSTRAINT "service_access_pkey" PRIMARY KEY ("tenant_id","organization_id","service_principal")
);

-- CreateTable
CREATE TABLE "iam_roles" (
    "tenant_id" UUID NOT NULL,
    "account_id" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "role_name" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "arn" TEXT NOT NULL,
    "service_principal" TEXT,
    "trusted_principal" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "failure_reason" TEXT,
    "failure_message" TEXT,
    "created_at" TIMESTAMPTZ(6),
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "iam_roles_pkey" PRIMARY KEY ("tenant_id","account_id","path","role_name")
);

-- CreateTable
CREATE TABLE "delegated_administrators" (
    "tenant_id" UUID NOT NULL,
    "organization_id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "service_principal" TEXT NOT NULL,
    "delegation_enabled_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "delegated_administrators_pkey" PRIMARY KEY ("tenant_id","organization_id","account_id","service_principal")
);

-- CreateTable
CREATE TABLE "resource_policies" (
    "tenant_id" UUID NOT NULL,
    "organization_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "arn" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "resource_policies_pkey" PRIMARY KEY ("tenant_id","organization_id")
);

-- CreateIndex
CREATE INDEX "iam_roles_tenant_id_organization_id_service_principal_statu_idx" ON "iam_roles"("tenant_id", "organization_id", "service_principal", "status");

-- CreateIndex
CREATE INDEX "delegated_administrators_tenant_id_organization_id_service__idx" ON "delegated_administrators"("tenant_id", "organization_id", "service_principal");

-- Hand-written: the new tenant-owned tables behind row-level security, like the others.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['service_access', 'iam_roles', 'delegated_administrators', 'resource_policies'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %I', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = orgs_current_tenant())', t);
  END LOOP;
END $$;
