-- Hand-written: the monthly usage sums keyed by a series id (a 64-bit hash of account, product
-- code, usage type and tag set) instead of those four text columns. Every batch upserts one sum
-- per series and month: with the wide text key, comparing keys in the B-tree was most of an
-- upload's time. The names stay in the row (written once, compared on each addition), so the bill
-- reads one table.
-- The daily sums go: they were an index entry per record for what only a month with a price
-- change reads (the bill then sums that month's raw records by day).

-- A series' id. Unit separators between the parts: no part can hold one (names are validated,
-- the tag key is JSON text), so different series never join into the same text.
CREATE FUNCTION orgs_billing_series_id(account_id text, product_code text, usage_type text, tags_key text) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ('x' || left(md5(account_id || chr(31) || product_code || chr(31) || usage_type || chr(31) || tags_key), 16))::bit(64)::bigint
$$;

-- Two series with one id (a hash collision, never seen in practice): the batch is refused rather
-- than its usage summed into another series.
CREATE FUNCTION orgs_billing_series_collision(series_id bigint) RETURNS numeric
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'usage series id % names two different series', series_id USING ERRCODE = 'ORG02';
END $$;

CREATE TABLE billing_usage_monthly_by_series AS
SELECT tenant_id, month, orgs_billing_series_id(account_id, product_code, usage_type, tags_key) AS series_id,
       account_id, product_code, usage_type, tags_key, tags, quantity
  FROM billing_usage_monthly;
DROP TABLE billing_usage_daily;
DROP TABLE billing_usage_monthly;

-- Every batch adds to the month's sum of most series it has: room on each page keeps those
-- updates HOT (no new index entry, the old version pruned in place).
CREATE TABLE "billing_usage_monthly" (
    "tenant_id" UUID NOT NULL,
    "month" DATE NOT NULL,
    "series_id" BIGINT NOT NULL,
    "account_id" TEXT NOT NULL,
    "product_code" TEXT NOT NULL,
    "usage_type" TEXT NOT NULL,
    "tags_key" TEXT NOT NULL,
    "tags" JSONB NOT NULL DEFAULT '{}',
    "quantity" DECIMAL(30,10) NOT NULL,

    CONSTRAINT "billing_usage_monthly_pkey" PRIMARY KEY ("tenant_id","month","series_id")
) WITH (fillfactor = 50);

INSERT INTO billing_usage_monthly SELECT * FROM billing_usage_monthly_by_series;
DROP TABLE billing_usage_monthly_by_series;

ALTER TABLE billing_usage_monthly ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS tenant_isolation ON billing_usage_monthly;
CREATE POLICY tenant_isolation ON billing_usage_monthly USING (tenant_id = orgs_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON billing_usage_monthly TO orgs_app;
