-- Where the log and each of its followers stand, for the API's `consistency` query and the lag
-- metrics. SECURITY DEFINER: the API's role sees no other tenant's events, and the figures are
-- about the log as a whole (positions and ages, no tenant's data).
CREATE OR REPLACE FUNCTION orgs_consistency()
RETURNS TABLE (name text, log_position bigint, applied_position bigint, lag_ms float8)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  WITH log AS (SELECT coalesce(max(e.position), 0) AS last FROM events e)
  SELECT c.name, log.last, c.last_position,
         (SELECT greatest(0, extract(epoch FROM clock_timestamp() - e.recorded_at) * 1000)::float8
            FROM events e WHERE e.position > c.last_position ORDER BY e.position LIMIT 1)
    FROM log LEFT JOIN projection_checkpoints c ON true
   ORDER BY c.name
$$;
GRANT EXECUTE ON FUNCTION orgs_consistency() TO orgs_app;
