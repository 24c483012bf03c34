-- CreateTable
CREATE TABLE "billing_usage_batches" (
    "tenant_id" UUID NOT NULL,
    "batch_id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "record_count" INTEGER NOT NULL,
    "accepted_by" TEXT NOT NULL,
    "accepted_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "billing_usage_batches_pkey" PRIMARY KEY ("tenant_id","batch_id")
);

-- CreateTable
CREATE TABLE "billing_usage_records" (
    "tenant_id" UUID NOT NULL,
    "account_id" TEXT NOT NULL,
    "usage_start" TIMESTAMPTZ(6) NOT NULL,
    "batch_id" TEXT NOT NULL,
    "line_number" INTEGER NOT NULL,
    "usage_end" TIMESTAMPTZ(6) NOT NULL,
    "product_code" TEXT NOT NULL,
    "usage_type" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "quantity" DECIMAL(30,10) NOT NULL,
    "tags" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "billing_usage_records_pkey" PRIMARY KEY ("tenant_id","account_id","usage_start","batch_id","line_number")
);

-- CreateTable
CREATE TABLE "billing_usage_daily" (
    "tenant_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "account_id" TEXT NOT NULL,
    "product_code" TEXT NOT NULL,
    "usage_type" TEXT NOT NULL,
    "tags_key" TEXT NOT NULL,
    "tags" JSONB NOT NULL DEFAULT '{}',
    "quantity" DECIMAL(30,10) NOT NULL,

    CONSTRAINT "billing_usage_daily_pkey" PRIMARY KEY ("tenant_id","day","account_id","product_code","usage_type","tags_key")
);

-- CreateTable
CREATE TABLE "billing_usage_monthly" (
    "tenant_id" UUID NOT NULL,
    "month" DATE NOT NULL,
    "account_id" TEXT NOT NULL,
    "product_code" TEXT NOT NULL,
    "usage_type" TEXT NOT NULL,
    "tags_key" TEXT NOT NULL,
    "tags" JSONB NOT NULL DEFAULT '{}',
    "quantity" DECIMAL(30,10) NOT NULL,

    CONSTRAINT "billing_usage_monthly_pkey" PRIMARY KEY ("tenant_id","month","account_id","product_code","usage_type","tags_key")
);

-- CreateTable
CREATE TABLE "billing_usage_revisions" (
    "tenant_id" UUID NOT NULL,
    "month" DATE NOT NULL,
    "revision" INTEGER NOT NULL,

    CONSTRAINT "billing_usage_revisions_pkey" PRIMARY KEY ("tenant_id","month")
);

-- CreateTable
CREATE TABLE "billing_memberships" (
    "tenant_id" UUID NOT NULL,
    "organization_id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "valid_from" TIMESTAMPTZ(6) NOT NULL,
    "valid_to" TIMESTAMPTZ(6),
    "parent_id" TEXT NOT NULL,
    "account_name" TEXT NOT NULL,

    CONSTRAINT "billing_memberships_pkey" PRIMARY KEY ("tenant_id","account_id","valid_from")
);

-- CreateTable
CREATE TABLE "billing_structure_nodes" (
    "tenant_id" UUID NOT NULL,
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "parent_id" TEXT,
    "deleted" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "billing_structure_nodes_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "billing_periods" (
    "tenant_id" UUID NOT NULL,
    "organization_id" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "closed_at" TIMESTAMPTZ(6) NOT NULL,
    "closed_by" TEXT NOT NULL,
    "usage_revisions" JSONB NOT NULL,
    "accounts" JSONB NOT NULL,
    "total" DECIMAL(20,2) NOT NULL,
    "standalone" DECIMAL(20,2) NOT NULL,
    "savings" DECIMAL(20,2) NOT NULL,

    CONSTRAINT "billing_periods_pkey" PRIMARY KEY ("tenant_id","organization_id","period")
);

-- CreateTable
CREATE TABLE "billing_invoice_lines" (
    "tenant_id" UUID NOT NULL,
    "organization_id" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "line_number" INTEGER NOT NULL,
    "adjusted_period" TEXT,
    "account_id" TEXT NOT NULL,
    "parent_id" TEXT NOT NULL,
    "product_code" TEXT NOT NULL,
    "usage_type" TEXT NOT NULL,
    "tags" JSONB NOT NULL,
    "quantity" DECIMAL(30,10) NOT NULL,
    "cost" DECIMAL(20,2) NOT NULL,

    CONSTRAINT "billing_invoice_lines_pkey" PRIMARY KEY ("tenant_id","organization_id","period","line_number")
);

-- CreateIndex
CREATE INDEX "billing_memberships_tenant_id_organization_id_valid_from_idx" ON "billing_memberships"("tenant_id", "organization_id", "valid_from");

-- CreateIndex
CREATE INDEX "billing_structure_nodes_tenant_id_organization_id_idx" ON "billing_structure_nodes"("tenant_id", "organization_id");

-- CreateIndex
CREATE INDEX "billing_invoice_lines_tenant_id_organization_id_adjusted_pe_idx" ON "billing_invoice_lines"("tenant_id", "organization_id", "adjusted_period");

-- Hand-written: the billing tables behind row-level security, like every tenant-owned table.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['billing_usage_batches', 'billing_usage_records', 'billing_usage_daily', 'billing_usage_monthly',
                           'billing_usage_revisions', 'billing_memberships', 'billing_structure_nodes', 'billing_periods',
                           'billing_invoice_lines'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %I', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = orgs_current_tenant())', t);
  END LOOP;
END $$;
