-- The audit trail becomes append-only and hash-chained (docs/privacy/audit.md).
-- Eight chains run side by side so that concurrent writers do not queue behind one global head; each event
-- names its chain, its place in it and the hash of the event before it. Events written before this migration
-- stay outside the chains (chain_partition NULL).

-- Accounts may be removed, but the trail keeps the id it recorded (a foreign key would rewrite audit rows).
ALTER TABLE audit_event DROP CONSTRAINT IF EXISTS audit_event_account_id_fkey;

ALTER TABLE audit_event ADD COLUMN chain_partition smallint;
ALTER TABLE audit_event ADD COLUMN chain_sequence bigint;
ALTER TABLE audit_event ADD COLUMN previous_hash text;
ALTER TABLE audit_event ADD COLUMN hash text;
CREATE UNIQUE INDEX audit_event_chain_idx ON audit_event (chain_partition, chain_sequence);

CREATE TABLE audit_chain_head (
  chain_partition smallint PRIMARY KEY,
  chain_sequence bigint NOT NULL,
  hash text NOT NULL
);
INSERT INTO audit_chain_head (chain_partition, chain_sequence, hash)
SELECT partition_number, 0, 'genesis' FROM generate_series(0, 7) AS partition_number;

-- The database itself refuses to change or remove audit events. The one exception is the retention job, which
-- deletes events past their retention period after saying so in the same transaction
-- (SET LOCAL atlas.audit_retention = 'on'); it records its own deletion as a new event.
CREATE FUNCTION audit_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('atlas.audit_retention', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse_change();
