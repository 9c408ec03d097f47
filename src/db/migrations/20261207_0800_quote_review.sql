-- Respondents' own words are published only after review (issue 15, item 6): one row per distinct free-text
-- answer an analyst approved for the public report, or rejected. The answer is named by the SHA-256 of its text
-- (the text itself stays in survey_response), so an answer edited after review is unreviewed again. Without a
-- row an answer is pending: the public report shows codes and counts, never its words.
CREATE TABLE quote_review (
  wave_id uuid NOT NULL REFERENCES wave (id) ON DELETE CASCADE,
  question_id text NOT NULL,
  text_hash text NOT NULL,
  decision text NOT NULL CHECK (decision IN ('approved', 'rejected')),
  account_id uuid,
  decided_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (wave_id, question_id, text_hash)
);
