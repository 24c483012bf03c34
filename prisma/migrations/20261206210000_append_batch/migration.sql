-- Group commit: the appends that a process has waiting go to Postgres as one call and commit
-- together, so they share one round trip, one transaction and one WAL flush. Each append keeps its
-- own outcome: it runs in its own subtransaction (the exception block), so one append's refusal
-- (a wrong expected version, a taken reservation, a command appended before) undoes only that
-- append. Item i's events are p_types[p_event_ends[i-1]+1 .. p_event_ends[i]] (likewise for its
-- reservations and releases), so the rows stay flat arrays that bind as cheaply as one append's.
CREATE OR REPLACE FUNCTION orgs_append_batch(
  p_tenants uuid[], p_streams text[], p_expected_kinds text[], p_expected int[],
  p_metadata jsonb[], p_command_ids text[],
  p_event_ends int[], p_types text[], p_schema_versions int[], p_data jsonb[],
  p_reservation_ends int[], p_reservation_namespaces text[], p_reservation_values text[],
  p_release_ends int[], p_release_namespaces text[], p_release_values text[]
) RETURNS TABLE (
  item int, duplicate boolean, first_version int, last_version int, last_position bigint, last_transaction_id bigint,
  error_code text, error_constraint text, error_detail text, error_message text
)
LANGUAGE plpgsql AS $$
DECLARE
  v_event_from int := 1;
  v_reservation_from int := 1;
  v_release_from int := 1;
  r record;
BEGIN
  FOR i IN 1 .. cardinality(p_streams) LOOP
    item := i;
    BEGIN
      SELECT * INTO r FROM orgs_append(
        p_tenants[i], p_streams[i], p_expected_kinds[i], p_expected[i],
        p_types[v_event_from : p_event_ends[i]], p_schema_versions[v_event_from : p_event_ends[i]],
        p_data[v_event_from : p_event_ends[i]], p_metadata[i], p_command_ids[i],
        coalesce(p_reservation_namespaces[v_reservation_from : p_reservation_ends[i]], '{}'),
        coalesce(p_reservation_values[v_reservation_from : p_reservation_ends[i]], '{}'),
        coalesce(p_release_namespaces[v_release_from : p_release_ends[i]], '{}'),
        coalesce(p_release_values[v_release_from : p_release_ends[i]], '{}'));
      duplicate := r.duplicate; first_version := r.first_version; last_version := r.last_version;
      last_position := r.last_position; last_transaction_id := r.last_transaction_id;
      error_code := NULL; error_constraint := NULL; error_detail := NULL; error_message := NULL;
    EXCEPTION WHEN OTHERS THEN
      GET STACKED DIAGNOSTICS error_code = RETURNED_SQLSTATE, error_constraint = CONSTRAINT_NAME,
        error_detail = PG_EXCEPTION_DETAIL, error_message = MESSAGE_TEXT;
      duplicate := NULL; first_version := NULL; last_version := NULL; last_position := NULL; last_transaction_id := NULL;
    END;
    RETURN NEXT;
    v_event_from := p_event_ends[i] + 1;
    v_reservation_from := p_reservation_ends[i] + 1;
    v_release_from := p_release_ends[i] + 1;
  END LOOP;
END $$;
