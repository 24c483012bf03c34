-- CreateTable
CREATE TABLE "historical_snapshots" (
    "tenant_id" UUID NOT NULL,
    "stream_id" TEXT NOT NULL,
    "state_version" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "state" JSONB NOT NULL,
    "recorded_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "historical_snapshots_pkey" PRIMARY KEY ("tenant_id","stream_id","state_version","version")
);

-- Hand-written: row-level security and the functions of reads as of a past point (time travel).
ALTER TABLE "historical_snapshots" ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS tenant_isolation ON "historical_snapshots";
CREATE POLICY tenant_isolation ON "historical_snapshots" USING (tenant_id = orgs_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON "historical_snapshots" TO orgs_app;

-- The stream's version as of a log position and/or a time: its last event at or before both (0 if
-- none), and where the whole log stands (so a position ahead of it can be refused). Within one
-- stream, positions grow with versions (an append holds the stream's row while it draws them), so
-- the events up to that version are exactly the stream's events up to the point.
CREATE OR REPLACE FUNCTION orgs_stream_version_at(p_tenant uuid, p_stream text, p_position bigint, p_time timestamptz)
RETURNS TABLE (version int, log_position bigint) LANGUAGE plpgsql STABLE AS $$
DECLARE
  v_log bigint;
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant::text, true);
  EXECUTE format('SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM %s', pg_get_serial_sequence('events', 'position')) INTO v_log;
  RETURN QUERY SELECT coalesce(max(e.stream_version), 0)::int, v_log FROM events e
    WHERE e.tenant_id = p_tenant AND e.stream_id = p_stream
      AND (p_position IS NULL OR e.position <= p_position)
      AND (p_time IS NULL OR e.recorded_at <= p_time);
END $$;

-- The newest state of the stream at or before p_max_version: the latest snapshot if it is not
-- newer, else the nearest historical one.
CREATE OR REPLACE FUNCTION orgs_read_snapshot_at(p_tenant uuid, p_stream text, p_state_version int, p_max_version int)
RETURNS TABLE (version int, state jsonb) LANGUAGE plpgsql STABLE AS $$
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant::text, true);
  RETURN QUERY SELECT s.version, s.state FROM (
      (SELECT l.version, l.state FROM snapshots l
        WHERE l.tenant_id = p_tenant AND l.stream_id = p_stream AND l.state_version = p_state_version AND l.version <= p_max_version)
      UNION ALL
      (SELECT h.version, h.state FROM historical_snapshots h
        WHERE h.tenant_id = p_tenant AND h.stream_id = p_stream AND h.state_version = p_state_version AND h.version <= p_max_version
        ORDER BY h.version DESC LIMIT 1)
    ) s ORDER BY s.version DESC LIMIT 1;
END $$;

-- A state once written for a version never changes: a second writer of the same one changes nothing.
CREATE OR REPLACE FUNCTION orgs_write_historical_snapshot(p_tenant uuid, p_stream text, p_state_version int, p_version int, p_state jsonb)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant::text, true);
  INSERT INTO historical_snapshots (tenant_id, stream_id, state_version, version, state)
  VALUES (p_tenant, p_stream, p_state_version, p_version, p_state)
  ON CONFLICT DO NOTHING;
END $$;

-- Reads the versions p_from..p_to of one stream (a past state is built from them).
CREATE OR REPLACE FUNCTION orgs_read_stream_range(p_tenant uuid, p_stream text, p_from_version int, p_to_version int)
RETURNS SETOF events LANGUAGE plpgsql STABLE AS $$
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant::text, true);
  RETURN QUERY SELECT * FROM events e
    WHERE e.tenant_id = p_tenant AND e.stream_id = p_stream AND e.stream_version BETWEEN p_from_version AND p_to_version
    ORDER BY e.stream_version;
END $$;
