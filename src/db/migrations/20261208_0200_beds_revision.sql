-- A change counter for beds (decision 017): each app process keeps every place's capacity in memory and, at most
-- twice a second, reads one cheap row — `count(*)` and `sum(revision)` of bed_capacity — to see whether anything
-- changed. Every change that moves a figure gives the service's capacity row a new revision from one sequence:
-- the row itself (a figure, a touch) and its holds, blocks and stays (triggers below, so no writer can forget it).
-- Revisions only grow and deletions lower the count, so any committed change moves the pair, in whatever order
-- transactions commit (a max() would miss a smaller revision committed late).
CREATE SEQUENCE bed_capacity_revision_seq;
ALTER TABLE bed_capacity ADD COLUMN revision bigint NOT NULL DEFAULT nextval('bed_capacity_revision_seq');
ALTER SEQUENCE bed_capacity_revision_seq OWNED BY bed_capacity.revision;

CREATE FUNCTION bed_capacity_next_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.revision := nextval('bed_capacity_revision_seq');
  RETURN NEW;
END;
$$;
CREATE TRIGGER bed_capacity_revision BEFORE INSERT OR UPDATE ON bed_capacity
  FOR EACH ROW EXECUTE FUNCTION bed_capacity_next_revision();

-- A hold, block or stay of a service changed: its capacity row gets a new revision (the trigger above sets it).
-- Writers lock the capacity row first (SELECT … FOR UPDATE), so this takes no lock they do not already hold.
CREATE FUNCTION bed_capacity_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE bed_capacity SET revision = 0
    WHERE service_id IN (CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE OLD.service_id END,
                         CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE NEW.service_id END);
  RETURN NULL;
END;
$$;
CREATE TRIGGER bed_hold_moves_capacity AFTER INSERT OR DELETE OR UPDATE OF service_id, state, held_until ON bed_hold
  FOR EACH ROW EXECUTE FUNCTION bed_capacity_moved();
CREATE TRIGGER bed_block_moves_capacity AFTER INSERT OR DELETE OR UPDATE OF service_id, places, starts_at, ends_at
  ON bed_block FOR EACH ROW EXECUTE FUNCTION bed_capacity_moved();
CREATE TRIGGER bed_movement_moves_capacity AFTER INSERT OR DELETE OR UPDATE OF service_id, kind, occurred_at
  ON bed_movement FOR EACH ROW EXECUTE FUNCTION bed_capacity_moved();
