-- Listings in the reader's language (issue 14 item 1; docs/decisions/021-lang-listing-translations.md). The
-- registry's own columns keep the Latvian text, as HSDS exports it; these tables hold the same texts in Russian and
-- English, one row per record and language, like taxonomy_term_translation. A null column means "no text in this
-- language": readers then fall back to Latvian and say so.
CREATE TABLE organization_translation (
  organization_id uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  language text NOT NULL CHECK (language IN ('ru', 'en')),
  name text,
  description text,
  PRIMARY KEY (organization_id, language)
);

CREATE TABLE service_translation (
  service_id uuid NOT NULL REFERENCES service (id) ON DELETE CASCADE,
  language text NOT NULL CHECK (language IN ('ru', 'en')),
  name text,
  description text,
  eligibility_description text,
  -- What to bring: one document a line, in the order of the service's required_document rows.
  required_documents text,
  application_process text,
  fees_description text,
  -- Notes on opening hours (the Latvian ones are schedule.description).
  hours_note text,
  PRIMARY KEY (service_id, language)
);
