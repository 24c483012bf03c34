-- The followers read the log in (transaction id, position) order, so what a projection has not
-- applied is what follows its checkpoint in that order. Counted by position alone, an event of an
-- earlier transaction with a higher position looked unapplied for ever once it was applied.
-- The count stops at a million: past that, the figure is "a lot" and must stay cheap to read.
DROP FUNCTION IF EXISTS orgs_consistency();
CREATE FUNCTION orgs_consistency()
RETURNS TABLE (name text, log_position bigint, applied_position bigint, lag_events bigint, lag_ms float8)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  WITH log AS (SELECT coalesce(max(e.position), 0) AS last FROM events e)
  SELECT c.name, log.last, c.last_position,
         (SELECT count(*) FROM (
            SELECT 1 FROM events e
             WHERE (e.transaction_id, e.position) > (c.last_transaction_id::text::xid8, c.last_position)
             LIMIT 1000000) unapplied),
         (SELECT greatest(0, extract(epoch FROM clock_timestamp() - e.recorded_at) * 1000)::float8
            FROM events e
           WHERE (e.transaction_id, e.position) > (c.last_transaction_id::text::xid8, c.last_position)
           ORDER BY e.transaction_id, e.position LIMIT 1)
    FROM log LEFT JOIN projection_checkpoints c ON true
   ORDER BY c.name
$$;
GRANT EXECUTE ON FUNCTION orgs_consistency() TO orgs_app;
