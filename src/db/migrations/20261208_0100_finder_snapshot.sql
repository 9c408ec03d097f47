-- The finder's source rows kept per registry revision (issue 16, item 9; docs/decisions/005-finder-index.md): a
-- restarted process whose revision has a snapshot builds its index from one compressed value instead of reading
-- every registry table. Derived data, public listings only: any process that reads the tables for a revision
-- without a snapshot writes one (ON CONFLICT DO NOTHING, several processes may race) and deletes older ones.
-- source_format names the row shape (the finder's column lists): a snapshot written by another version of the
-- code is ignored.
CREATE TABLE finder_snapshot (
  revision bigint NOT NULL,
  source_format text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  content bytea NOT NULL,
  PRIMARY KEY (revision, source_format)
);
-- Already gzip'd: stored out of line without PostgreSQL's own compression trying again.
ALTER TABLE finder_snapshot ALTER COLUMN content SET STORAGE EXTERNAL;
