-- Analysis: the analyst's review of automatically coded free-text answers, and per-wave analysis settings.
-- Codebooks (categories and their rules) live in code (src/analysis/codebook.ts) beside the rules that apply them;
-- these tables hold only what people decide. Account ids are plain uuids, like the survey tables'.

-- One row per category an analyst has settled for one answer. Rows exist only for reviewed answers: an answer
-- without rows is coded automatically. `source` says where the category came from: 'auto' = the automatic code,
-- confirmed; 'analyst' = chosen by the analyst. `answer_text` is the answer as it was when reviewed, so a later
-- edit of the answer falls back to automatic coding instead of keeping a code for words no longer there.
CREATE TABLE answer_code (
  wave_id uuid NOT NULL REFERENCES wave (id) ON DELETE CASCADE,
  respondent_id text NOT NULL,
  question_id text NOT NULL,
  category text NOT NULL,
  source text NOT NULL CHECK (source IN ('auto', 'analyst')),
  answer_text text NOT NULL,
  account_id uuid,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (wave_id, question_id, respondent_id, category)
);

-- Choices an analyst makes for a wave's figures: AAPOR's e (share of unknown-eligibility cases taken to be
-- eligible; NULL = estimated from the dispositions) and the population size for the finite-population correction
-- of the intervals (NULL = none).
CREATE TABLE analysis_setting (
  wave_id uuid PRIMARY KEY REFERENCES wave (id) ON DELETE CASCADE,
  eligibility_rate numeric CHECK (eligibility_rate >= 0 AND eligibility_rate <= 1),
  population integer CHECK (population > 0),
  account_id uuid,
  updated_at timestamptz NOT NULL DEFAULT now()
);
