-- Hand-written: the append function of 20261123013500_lean_append, with the events' position
-- sequence named directly (measured by `npm run bench:append`).
CREATE OR REPLACE FUNCTION orgs_append(
  p_tenant uuid, p_stream text, p_expected_kind text, p_expected int,
  p_types text[], p_schema_versions int[], p_data jsonb[], p_metadata jsonb,
  p_command_id text, p_reservation_namespaces text[], p_reservation_values text[],
  p_release_namespaces text[], p_release_values text[]
) RETURNS TABLE (duplicate boolean, first_version int, last_version int, last_position bigint, last_transaction_id bigint)
LANGUAGE plpgsql AS $$
DECLARE
  n int := cardinality(p_types);
  v_current int;
  v_last_position bigint;
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant::text, true);

  IF p_expected_kind = 'any' THEN
    SELECT coalesce(max(e.stream_version), 0) INTO v_current FROM events e
     WHERE e.tenant_id = p_tenant AND e.stream_id = p_stream;
  ELSIF p_expected_kind = 'no_stream' OR p_expected = 0 THEN
    v_current := 0;
  ELSE
    PERFORM 1 FROM events e WHERE e.tenant_id = p_tenant AND e.stream_id = p_stream AND e.stream_version = p_expected;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'stream % is not at version %', p_stream, p_expected USING ERRCODE = 'ORG01';
    END IF;
    v_current := p_expected;
  END IF;

  INSERT INTO events (tenant_id, stream_id, stream_version, event_type, schema_version, data, metadata)
  SELECT p_tenant, p_stream, v_current + e.i::int, e.t, e.sv, e.d, p_metadata
  FROM unnest(p_types, p_schema_versions, p_data) WITH ORDINALITY AS e(t, sv, d, i);
  -- Positions come from one sequence, drawn in row order by this statement. Named directly:
  -- looking the sequence up (pg_get_serial_sequence) on every append costs catalog reads.
  v_last_position := currval('events_position_seq'::regclass);

  IF cardinality(p_reservation_values) > 0 THEN
    INSERT INTO unique_reservations (namespace, value, tenant_id, stream_id)
    SELECT ns, v, p_tenant, p_stream FROM unnest(p_reservation_namespaces, p_reservation_values) AS r(ns, v);
  END IF;
  IF cardinality(p_release_values) > 0 THEN
    DELETE FROM unique_reservations u
    USING unnest(p_release_namespaces, p_release_values) AS r(ns, v)
    WHERE u.namespace = r.ns AND u.value = r.v AND u.tenant_id = p_tenant AND u.stream_id = p_stream;
  END IF;

  IF p_command_id IS NOT NULL THEN
    INSERT INTO processed_commands (tenant_id, command_id, stream_id, first_version, last_version, last_position, last_transaction_id)
    VALUES (p_tenant, p_command_id, p_stream, v_current + 1, v_current + n, v_last_position, pg_current_xact_id()::text::bigint)
    ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'command % was appended before', p_command_id USING ERRCODE = 'ORG02';
    END IF;
  END IF;

  RETURN QUERY SELECT false, v_current + 1, v_current + n, v_last_position, pg_current_xact_id()::text::bigint;
END $$;
