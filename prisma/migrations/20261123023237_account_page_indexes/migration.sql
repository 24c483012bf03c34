-- DropIndex
DROP INDEX "accounts_tenant_id_organization_id_idx";

-- DropIndex
DROP INDEX "accounts_tenant_id_parent_id_idx";

-- CreateIndex
CREATE INDEX "accounts_tenant_id_organization_id_id_idx" ON "accounts"("tenant_id", "organization_id", "id");

-- CreateIndex
CREATE INDEX "accounts_tenant_id_parent_id_id_idx" ON "accounts"("tenant_id", "parent_id", "id");
