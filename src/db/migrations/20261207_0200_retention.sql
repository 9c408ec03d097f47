-- Retention of the audit trail (docs/privacy/retention.md, docs/privacy/audit.md). The retention job deletes the
-- oldest events of each hash chain (a prefix, never a gap) and keeps here, per chain, the place and hash of the
-- last event it deleted: `atlas audit verify` starts each chain from its checkpoint instead of from 'genesis', so
-- the chain stays verifiable after its beginning is gone. The job also records each checkpoint in an
-- 'audit.prune' event, so a checkpoint written by anyone else does not match.
CREATE TABLE audit_chain_checkpoint (
  chain_partition smallint PRIMARY KEY,
  chain_sequence bigint NOT NULL,
  hash text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);

-- Like the events, checkpoints change only under the retention job's (or a restore's) own flag:
-- SET LOCAL atlas.audit_retention = 'on' inside the transaction that deletes (or loads) audit events.
CREATE FUNCTION audit_checkpoint_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('atlas.audit_retention', true) = 'on' THEN
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_chain_checkpoint changes only under atlas.audit_retention: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_chain_checkpoint_guard BEFORE INSERT OR UPDATE OR DELETE ON audit_chain_checkpoint
  FOR EACH ROW EXECUTE FUNCTION audit_checkpoint_guard();

-- The deletion the retention job does is the only one the trail allows (unchanged from 20261206_0600); a TRUNCATE
-- stays refused even under the flag: the job deletes a counted prefix, row by row.
CREATE OR REPLACE FUNCTION audit_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('atlas.audit_retention', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

-- Finding a chain's oldest events that are still within their period.
CREATE INDEX audit_event_occurred_idx ON audit_event (chain_partition, occurred_at);
