-- "No suitable service found", recorded from the referral form for the planners (src/planning/): a help type, a
-- territory and a day only. Nothing links a row to a person, a referral or an account, on purpose.
CREATE TABLE unmet_need_record (
  id uuid PRIMARY KEY,
  help_type text NOT NULL,
  territory_code text NOT NULL REFERENCES territory (code),
  recorded_on date NOT NULL,
  source text NOT NULL
);
CREATE INDEX unmet_need_record_recorded_on_idx ON unmet_need_record (recorded_on, help_type);
