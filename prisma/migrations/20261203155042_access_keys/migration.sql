-- CreateTable
CREATE TABLE "access_keys" (
    "id" TEXT NOT NULL,
    "tenant_id" UUID NOT NULL,
    "account_id" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "secret_ciphertext" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL,
    "deleted_at" TIMESTAMPTZ(6),

    CONSTRAINT "access_keys_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "access_keys_tenant_id_account_id_idx" ON "access_keys"("tenant_id", "account_id");

-- Hand-written: verifying a signature happens before the tenant is known, so it reads access_keys
-- past row-level security, and only by the access key id.
CREATE OR REPLACE FUNCTION orgs_find_access_key(p_access_key_id text)
RETURNS TABLE (id text, tenant_id uuid, account_id text, role text, secret_ciphertext text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT k.id, k.tenant_id, k.account_id, k.role, k.secret_ciphertext FROM access_keys k
  WHERE k.id = p_access_key_id AND k.deleted_at IS NULL
$$;
GRANT EXECUTE ON FUNCTION orgs_find_access_key(text) TO orgs_app;

-- Hand-written: the new tenant-owned table behind row-level security, like the others.
ALTER TABLE "access_keys" ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS tenant_isolation ON "access_keys";
CREATE POLICY tenant_isolation ON "access_keys" USING (tenant_id = orgs_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON "access_keys" TO orgs_app;
