-- Every personal survey link a case was given, kept as the SHA-256 of its token (issue: links survive reminders and
-- letters). A reminder or a printed letter adds a link; the earlier ones keep working until the wave closes, so a
-- person halfway through never loses the way back. survey_case.token_hash stays the newest link's hash.
CREATE TABLE survey_link (
  token_hash text PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES survey_case (id) ON DELETE CASCADE,
  issued_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX survey_link_case_idx ON survey_link (case_id);
-- Links issued before this migration: the current one of each case.
INSERT INTO survey_link (token_hash, case_id) SELECT token_hash, id FROM survey_case WHERE token_hash IS NOT NULL;
