-- Hand-written: the append function, the application role and row-level security.
-- (Prisma's schema diff neither creates nor drops functions, roles or policies.)

-- The API connects through this role (SET ROLE), so row-level security applies to it even when the
-- connection's own user is a superuser. The worker reads across tenants and does not take it.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'orgs_app') THEN
    CREATE ROLE orgs_app NOLOGIN;
  END IF;
END $$;
GRANT orgs_app TO CURRENT_USER;
GRANT USAGE ON SCHEMA public TO orgs_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO orgs_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO orgs_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO orgs_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO orgs_app;

-- The tenant a transaction acts for; unset means no tenant's rows are visible.
CREATE OR REPLACE FUNCTION orgs_current_tenant() RETURNS uuid
LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;

-- Appends a command's events to one stream in one statement (one round trip, one transaction):
-- idempotency by command id, optimistic concurrency on the stream's version, unique reservations
-- claimed and released.
-- Raises SQLSTATE ORG01 when the stream is not at the expected version.
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

  IF p_command_id IS NOT NULL THEN
    INSERT INTO processed_commands (tenant_id, command_id, stream_id, first_version, last_version, last_position, last_transaction_id)
    VALUES (p_tenant, p_command_id, p_stream, 0, 0, 0, 0) ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
      RETURN QUERY SELECT true, c.first_version, c.last_version, c.last_position, c.last_transaction_id
        FROM processed_commands c WHERE c.tenant_id = p_tenant AND c.command_id = p_command_id;
      RETURN;
    END IF;
  END IF;

  IF p_expected_kind = 'any' THEN
    INSERT INTO streams AS s (tenant_id, stream_id, version) VALUES (p_tenant, p_stream, n)
    ON CONFLICT (tenant_id, stream_id) DO UPDATE SET version = s.version + n, updated_at = now()
    RETURNING s.version - n INTO v_current;
  ELSIF p_expected_kind = 'no_stream' OR p_expected = 0 THEN
    INSERT INTO streams (tenant_id, stream_id, version) VALUES (p_tenant, p_stream, n) ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'stream % already exists', p_stream USING ERRCODE = 'ORG01';
    END IF;
    v_current := 0;
  ELSE
    UPDATE streams s SET version = s.version + n, updated_at = now()
    WHERE s.tenant_id = p_tenant AND s.stream_id = p_stream AND s.version = p_expected;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'stream % is not at version %', p_stream, p_expected USING ERRCODE = 'ORG01';
    END IF;
    v_current := p_expected;
  END IF;

  IF cardinality(p_reservation_values) > 0 THEN
    INSERT INTO unique_reservations (namespace, value, tenant_id, stream_id)
    SELECT ns, v, p_tenant, p_stream FROM unnest(p_reservation_namespaces, p_reservation_values) AS r(ns, v);
  END IF;
  IF cardinality(p_release_values) > 0 THEN
    DELETE FROM unique_reservations u
    USING unnest(p_release_namespaces, p_release_values) AS r(ns, v)
    WHERE u.namespace = r.ns AND u.value = r.v AND u.tenant_id = p_tenant AND u.stream_id = p_stream;
  END IF;

  INSERT INTO events (tenant_id, stream_id, stream_version, event_type, schema_version, data, metadata)
  SELECT p_tenant, p_stream, v_current + e.i::int, e.t, e.sv, e.d, p_metadata
  FROM unnest(p_types, p_schema_versions, p_data) WITH ORDINALITY AS e(t, sv, d, i);
  -- Positions come from one sequence and this transaction holds the stream's row lock, so the
  -- highest position written by this statement is the sequence value it drew last.
  v_last_position := currval(pg_get_serial_sequence('events', 'position'));

  IF p_command_id IS NOT NULL THEN
    UPDATE processed_commands c SET first_version = v_current + 1, last_version = v_current + n,
      last_position = v_last_position, last_transaction_id = pg_current_xact_id()::text::bigint
    WHERE c.tenant_id = p_tenant AND c.command_id = p_command_id;
  END IF;

  RETURN QUERY SELECT false, v_current + 1, v_current + n, v_last_position, pg_current_xact_id()::text::bigint;
END $$;

-- Authentication happens before the tenant is known, so it reads api_keys past row-level security,
-- and only by the key's hash.
CREATE OR REPLACE FUNCTION orgs_find_api_key(p_key_hash text)
RETURNS TABLE (id text, tenant_id uuid, account_id text, role text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT k.id, k.tenant_id, k.account_id, k.role FROM api_keys k WHERE k.key_hash = p_key_hash
$$;
GRANT EXECUTE ON FUNCTION orgs_find_api_key(text) TO orgs_app;

-- The second wall behind the application's own WHERE: every tenant-owned table shows the API role
-- only the rows of the tenant its transaction acts for. The owner (migrations, the worker's
-- cross-tenant projector) is not subject to it: RLS is enabled, not forced.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['events', 'streams', 'processed_commands', 'snapshots',
                           'tenants', 'api_keys', 'accounts', 'organizations', 'roots'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %I', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (%I = orgs_current_tenant())',
                   t, CASE WHEN t = 'tenants' THEN 'id' ELSE 'tenant_id' END);
  END LOOP;
END $$;

-- Reads one stream for the tenant that the function sets, so row-level security holds in one round trip.
CREATE OR REPLACE FUNCTION orgs_read_stream(p_tenant uuid, p_stream text, p_from_version int)
RETURNS SETOF events LANGUAGE plpgsql STABLE AS $$
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant::text, true);
  RETURN QUERY SELECT * FROM events e
    WHERE e.tenant_id = p_tenant AND e.stream_id = p_stream AND e.stream_version >= p_from_version
    ORDER BY e.stream_version;
END $$;

CREATE OR REPLACE FUNCTION orgs_read_snapshot(p_tenant uuid, p_stream text, p_state_version int)
RETURNS TABLE (version int, state jsonb) LANGUAGE plpgsql STABLE AS $$
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant::text, true);
  RETURN QUERY SELECT s.version, s.state FROM snapshots s
    WHERE s.tenant_id = p_tenant AND s.stream_id = p_stream AND s.state_version = p_state_version;
END $$;

-- Keeps the newest snapshot: a slower writer with an older version changes nothing.
CREATE OR REPLACE FUNCTION orgs_write_snapshot(p_tenant uuid, p_stream text, p_version int, p_state_version int, p_state jsonb)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant::text, true);
  INSERT INTO snapshots AS s (tenant_id, stream_id, version, state_version, state)
  VALUES (p_tenant, p_stream, p_version, p_state_version, p_state)
  ON CONFLICT (tenant_id, stream_id) DO UPDATE
    SET version = excluded.version, state_version = excluded.state_version, state = excluded.state, updated_at = now()
    WHERE s.version < excluded.version OR s.state_version <> excluded.state_version;
END $$;

-- Which stream holds a claim (e.g. which organization an account belongs to), read from the write
-- side so that commands never decide on a lagging read model.
CREATE OR REPLACE FUNCTION orgs_find_reservation(p_tenant uuid, p_namespace text, p_value text)
RETURNS text LANGUAGE sql STABLE AS $$
  SELECT u.stream_id FROM unique_reservations u
  WHERE u.namespace = p_namespace AND u.value = p_value AND u.tenant_id = p_tenant
$$;

CREATE OR REPLACE FUNCTION orgs_find_processed_command(p_tenant uuid, p_command_id text)
RETURNS TABLE (stream_id text, first_version int, last_version int, last_position bigint, last_transaction_id bigint)
LANGUAGE plpgsql STABLE AS $$
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant::text, true);
  RETURN QUERY SELECT c.stream_id, c.first_version, c.last_version, c.last_position, c.last_transaction_id FROM processed_commands c
    WHERE c.tenant_id = p_tenant AND c.command_id = p_command_id;
END $$;
