-- Hand-written: readAll bounded by the oldest transaction that may still append, not by the oldest
-- transaction of the whole server.
--
-- A follower must not read past an event while a transaction that drew a lower position may still
-- commit. Bounding by pg_snapshot_xmin() is safe but coarse: it waits for every writing transaction
-- on the server, in every database, including the projectors' own long batch transactions, so one
-- projection's batch would hold back every other. Here the bound is the oldest transaction id held
-- by a backend of this database that is not a projector (projectors never append; their
-- connections say so in application_name). With none running, it is the next transaction id.
--
-- The bound is computed by one statement and the events are read by the next: a VOLATILE function
-- takes a new snapshot for each statement, so every transaction below the bound has finished
-- before the events are read and its events are visible.
CREATE OR REPLACE FUNCTION orgs_append_bound() RETURNS xid8
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_next bigint := pg_snapshot_xmax(pg_current_snapshot())::text::bigint;
  v_oldest xid;
  v_full bigint;
BEGIN
  SELECT a.backend_xid INTO v_oldest FROM pg_stat_activity a
   WHERE a.datname = current_database() AND a.backend_xid IS NOT NULL
     AND a.application_name IS DISTINCT FROM 'orgs-projector'
   ORDER BY age(a.backend_xid) DESC LIMIT 1;
  IF v_oldest IS NULL THEN
    RETURN v_next::text::xid8;
  END IF;
  -- pg_stat_activity shows 32-bit xids: put the epoch of the next xid back on.
  v_full := (v_next & ~x'FFFFFFFF'::bigint) | v_oldest::text::bigint;
  IF v_full > v_next THEN
    v_full := v_full - x'100000000'::bigint;
  END IF;
  RETURN v_full::text::xid8;
END $$;

CREATE OR REPLACE FUNCTION orgs_read_all(p_after_tx xid8, p_after_position bigint, p_limit int)
RETURNS SETOF events LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_bound xid8 := orgs_append_bound();
BEGIN
  RETURN QUERY SELECT * FROM events e
    WHERE (e.transaction_id, e.position) > (p_after_tx, p_after_position)
      AND e.transaction_id < v_bound
    ORDER BY e.transaction_id, e.position
    LIMIT p_limit;
END $$;
