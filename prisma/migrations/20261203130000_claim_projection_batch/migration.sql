-- A projection batch's first statement: takes the projection for the transaction (advisory lock,
-- so a second runner fails at once instead of waiting on the row) and moves its checkpoint by
-- compare-and-set. Raising (ORG03) rolls the whole batch back when either fails, which a batch
-- sent as one simple query needs: it cannot look at a row count between its statements.
CREATE OR REPLACE FUNCTION orgs_claim_projection_batch(
  p_name text, p_from_transaction bigint, p_from_position bigint,
  p_to_transaction bigint, p_to_position bigint, p_to_recorded_at timestamptz)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtext('projection:' || p_name)) THEN
    RAISE EXCEPTION USING ERRCODE = 'ORG03', MESSAGE = format('projection %s is held by another runner', p_name);
  END IF;
  UPDATE projection_checkpoints
     SET last_transaction_id = p_to_transaction, last_position = p_to_position,
         last_event_recorded_at = p_to_recorded_at, updated_at = now()
   WHERE name = p_name AND last_transaction_id = p_from_transaction AND last_position = p_from_position;
  IF NOT FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'ORG03', MESSAGE = format('projection %s was moved by another runner', p_name);
  END IF;
END $$;
