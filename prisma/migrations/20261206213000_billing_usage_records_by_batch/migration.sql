-- Hand-written: raw usage records name their series (the 64-bit id of account, product code,
-- usage type and tag set, as the monthly sums do) instead of carrying the account, product code,
-- usage type, unit and tags on every row, and are keyed by their batch. Inserting the raw
-- records was some 40% of an upload's Postgres time, and grew with the table: a key led by the
-- account put each upload's entries all over an index larger than shared buffers (every page
-- evicted, read back and logged in full after each checkpoint). Led by the batch, an upload fills
-- a range of its own: new pages, few enough to stay in memory. The names are in the monthly sums
-- (one row per series and month); which batches hold a series' records in a month is in the sums
-- per day (billing_usage_daily, next migration), so the readers of raw records still look them
-- up by key. The unit is the price's (a record with another unit is refused).

CREATE TABLE billing_usage_records_by_batch (
    "tenant_id" UUID NOT NULL,
    "batch_id" TEXT COLLATE "C" NOT NULL,
    "series_id" BIGINT NOT NULL,
    "usage_start" TIMESTAMPTZ(6) NOT NULL,
    "line_number" INTEGER NOT NULL,
    "usage_end" TIMESTAMPTZ(6) NOT NULL,
    "quantity" DECIMAL(30,10) NOT NULL,
    "region" TEXT NOT NULL
);

-- Every raw record has the monthly sum of its series and month: that row has the series' id.
INSERT INTO billing_usage_records_by_batch
SELECT r.tenant_id, r.batch_id, m.series_id, r.usage_start, r.line_number, r.usage_end, r.quantity, r.region
  FROM billing_usage_records r
  JOIN billing_usage_monthly m ON m.tenant_id = r.tenant_id AND m.month = date_trunc('month', r.usage_start AT TIME ZONE 'UTC')::date
   AND m.account_id = r.account_id AND m.product_code = r.product_code AND m.usage_type = r.usage_type AND m.tags = r.tags;

DROP TABLE billing_usage_records;
ALTER TABLE billing_usage_records_by_batch RENAME TO billing_usage_records;
ALTER TABLE billing_usage_records ADD CONSTRAINT "billing_usage_records_pkey" PRIMARY KEY ("tenant_id", "batch_id", "series_id", "usage_start", "line_number");

ALTER TABLE billing_usage_records ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS tenant_isolation ON billing_usage_records;
CREATE POLICY tenant_isolation ON billing_usage_records USING (tenant_id = orgs_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON billing_usage_records TO orgs_app;
