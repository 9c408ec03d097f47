-- Analysis: how many complete responses of each wave gave each answer, kept up to date as answers are written,
-- so that a wave's analysis reads a few thousand counts instead of parsing a million JSON documents
-- (docs/decisions/006-analysis-reads-survey-tables.md). Only the analysis module reads this table; only these
-- triggers write it (and analysis.repository.ts's recount, which rebuilds a wave from scratch).

CREATE TABLE analysis_answer_count (
  wave_id uuid NOT NULL REFERENCES wave (id) ON DELETE CASCADE,
  -- A question id, or an item derived from several answers of one response:
  --   respondents            value ''                      one per complete response
  --   <block>_cell           value 'provides|could'        each 'yes', 'no' or '' (not answered): the 3 × 3 table
  --   <block>_funding        value 'amount|currency|basis' a named sum with what it is in and for
  --   without_help           value ''                      said yes to no "do you provide", and no to at least one
  item text NOT NULL,
  -- The answer, trimmed; never empty (an empty answer is "not answered" and is not counted).
  value text NOT NULL,
  count bigint NOT NULL,
  PRIMARY KEY (wave_id, item, value)
);

-- 'yes' or 'no' as given; anything else (absent, empty, other) is '' = not answered, never "no".
CREATE FUNCTION analysis_yes_no(answer text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN answer IN ('yes', 'no') THEN answer ELSE '' END
$$;

-- A named sum with its currency and basis, 'amount|currency|basis'; NULL when no amount was given.
CREATE FUNCTION analysis_funding(amount text, currency text, basis text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN coalesce(btrim(amount), '') = '' THEN NULL
              ELSE btrim(amount) || '|' || coalesce(btrim(currency), '') || '|' || coalesce(btrim(basis), '') END
$$;

-- The items one response counts towards. Blocks and question ids are the 2004 questionnaire's contract (issue 3).
CREATE FUNCTION analysis_answer_items(answers jsonb) RETURNS TABLE (item text, value text)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT e.key, btrim(e.value)
  FROM jsonb_each_text(CASE WHEN jsonb_typeof(answers) = 'object' THEN answers ELSE '{}'::jsonb END) AS e
  WHERE btrim(e.value) <> ''
  UNION ALL
  SELECT 'respondents', ''
  UNION ALL
  SELECT d.item, d.value
  FROM jsonb_to_record(CASE WHEN jsonb_typeof(answers) = 'object' THEN answers ELSE '{}'::jsonb END) AS x(
    documents_provides text, documents_could_with_support text, documents_needs_funding_amount text, documents_needs_funding_currency text, documents_needs_funding_basis text,
    legal_provides text, legal_could_with_support text, legal_needs_funding_amount text, legal_needs_funding_currency text, legal_needs_funding_basis text,
    employment_provides text, employment_could_with_support text, employment_needs_funding_amount text, employment_needs_funding_currency text, employment_needs_funding_basis text,
    material_provides text, material_could_with_support text, material_needs_funding_amount text, material_needs_funding_currency text, material_needs_funding_basis text,
    housing_provides text, housing_could_with_support text, housing_needs_funding_amount text, housing_needs_funding_currency text, housing_needs_funding_basis text,
    drugs_provides text, drugs_could_with_support text, drugs_needs_funding_amount text, drugs_needs_funding_currency text, drugs_needs_funding_basis text,
    alcohol_provides text, alcohol_could_with_support text, alcohol_needs_funding_amount text, alcohol_needs_funding_currency text, alcohol_needs_funding_basis text,
    shelter_provides text, shelter_could_with_support text, shelter_needs_funding_amount text, shelter_needs_funding_currency text, shelter_needs_funding_basis text,
    psychological_provides text, psychological_could_with_support text, psychological_needs_funding_amount text, psychological_needs_funding_currency text, psychological_needs_funding_basis text,
    other_provides text, programme_provides text)
  CROSS JOIN LATERAL (VALUES
    ('documents_cell', analysis_yes_no(x.documents_provides) || '|' || analysis_yes_no(x.documents_could_with_support)),
    ('legal_cell', analysis_yes_no(x.legal_provides) || '|' || analysis_yes_no(x.legal_could_with_support)),
    ('employment_cell', analysis_yes_no(x.employment_provides) || '|' || analysis_yes_no(x.employment_could_with_support)),
    ('material_cell', analysis_yes_no(x.material_provides) || '|' || analysis_yes_no(x.material_could_with_support)),
    ('housing_cell', analysis_yes_no(x.housing_provides) || '|' || analysis_yes_no(x.housing_could_with_support)),
    ('drugs_cell', analysis_yes_no(x.drugs_provides) || '|' || analysis_yes_no(x.drugs_could_with_support)),
    ('alcohol_cell', analysis_yes_no(x.alcohol_provides) || '|' || analysis_yes_no(x.alcohol_could_with_support)),
    ('shelter_cell', analysis_yes_no(x.shelter_provides) || '|' || analysis_yes_no(x.shelter_could_with_support)),
    ('psychological_cell', analysis_yes_no(x.psychological_provides) || '|' || analysis_yes_no(x.psychological_could_with_support)),
    ('documents_funding', analysis_funding(x.documents_needs_funding_amount, x.documents_needs_funding_currency, x.documents_needs_funding_basis)),
    ('legal_funding', analysis_funding(x.legal_needs_funding_amount, x.legal_needs_funding_currency, x.legal_needs_funding_basis)),
    ('employment_funding', analysis_funding(x.employment_needs_funding_amount, x.employment_needs_funding_currency, x.employment_needs_funding_basis)),
    ('material_funding', analysis_funding(x.material_needs_funding_amount, x.material_needs_funding_currency, x.material_needs_funding_basis)),
    ('housing_funding', analysis_funding(x.housing_needs_funding_amount, x.housing_needs_funding_currency, x.housing_needs_funding_basis)),
    ('drugs_funding', analysis_funding(x.drugs_needs_funding_amount, x.drugs_needs_funding_currency, x.drugs_needs_funding_basis)),
    ('alcohol_funding', analysis_funding(x.alcohol_needs_funding_amount, x.alcohol_needs_funding_currency, x.alcohol_needs_funding_basis)),
    ('shelter_funding', analysis_funding(x.shelter_needs_funding_amount, x.shelter_needs_funding_currency, x.shelter_needs_funding_basis)),
    ('psychological_funding', analysis_funding(x.psychological_needs_funding_amount, x.psychological_needs_funding_currency, x.psychological_needs_funding_basis)),
    ('without_help', CASE
      WHEN 'yes' NOT IN (coalesce(x.documents_provides, ''), coalesce(x.legal_provides, ''), coalesce(x.employment_provides, ''), coalesce(x.material_provides, ''),
                         coalesce(x.housing_provides, ''), coalesce(x.drugs_provides, ''), coalesce(x.alcohol_provides, ''), coalesce(x.shelter_provides, ''),
                         coalesce(x.psychological_provides, ''), coalesce(x.other_provides, ''), coalesce(x.programme_provides, ''))
       AND 'no' IN (coalesce(x.documents_provides, ''), coalesce(x.legal_provides, ''), coalesce(x.employment_provides, ''), coalesce(x.material_provides, ''),
                    coalesce(x.housing_provides, ''), coalesce(x.drugs_provides, ''), coalesce(x.alcohol_provides, ''), coalesce(x.shelter_provides, ''),
                    coalesce(x.psychological_provides, ''), coalesce(x.other_provides, ''), coalesce(x.programme_provides, ''))
      THEN '' END)
  ) AS d(item, value)
  WHERE d.value IS NOT NULL
$$;

-- Keeps the counts in step with survey_response, one statement at a time (a bulk import is one aggregated upsert).
-- Only complete responses count. Rows are only added for a wave that exists; subtractions only update existing
-- rows, so a wave deleted with its responses (ON DELETE CASCADE) leaves nothing behind.
CREATE FUNCTION analysis_answer_count_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE analysis_answer_count AS c
    SET count = c.count - d.count
    FROM (
      SELECT o.wave_id, i.item, i.value, count(*) AS count
      FROM old_rows AS o CROSS JOIN LATERAL analysis_answer_items(o.answers) AS i
      WHERE o.status = 'complete'
      GROUP BY 1, 2, 3
    ) AS d
    WHERE c.wave_id = d.wave_id AND c.item = d.item AND c.value = d.value;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO analysis_answer_count AS c (wave_id, item, value, count)
    SELECT n.wave_id, i.item, i.value, count(*)
    FROM new_rows AS n CROSS JOIN LATERAL analysis_answer_items(n.answers) AS i
    WHERE n.status = 'complete'
    GROUP BY 1, 2, 3
    -- One order for every writer, so two imports into one wave wait for each other instead of deadlocking.
    ORDER BY 1, 2, 3
    ON CONFLICT (wave_id, item, value) DO UPDATE SET count = c.count + EXCLUDED.count;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM analysis_answer_count AS c
    WHERE c.count <= 0 AND c.wave_id IN (SELECT DISTINCT o.wave_id FROM old_rows AS o WHERE o.status = 'complete');
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER analysis_answer_count_insert AFTER INSERT ON survey_response
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analysis_answer_count_changed();
CREATE TRIGGER analysis_answer_count_update AFTER UPDATE ON survey_response
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analysis_answer_count_changed();
CREATE TRIGGER analysis_answer_count_delete AFTER DELETE ON survey_response
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION analysis_answer_count_changed();

-- Responses written before this migration.
INSERT INTO analysis_answer_count (wave_id, item, value, count)
SELECT r.wave_id, i.item, i.value, count(*)
FROM survey_response AS r CROSS JOIN LATERAL analysis_answer_items(r.answers) AS i
WHERE r.status = 'complete'
GROUP BY 1, 2, 3;
