-- The rights a person has (issue 15, item 7): a service can name its legal basis — the law or the municipality's
-- binding regulation, the article, a link to the text — and, where it is a benefit, its amount and limits. All
-- free text in the registry's language, none of it personal. The link must be http or https: it is shown as a
-- link to the public, and any other scheme (javascript:, data:) could run in the reader's browser.
ALTER TABLE service ADD COLUMN legal_basis_act text;
ALTER TABLE service ADD COLUMN legal_basis_article text;
ALTER TABLE service ADD COLUMN legal_basis_url text;
ALTER TABLE service ADD COLUMN benefit_amount text;
ALTER TABLE service ADD COLUMN benefit_limits text;
ALTER TABLE service ADD CONSTRAINT service_legal_basis_url_http
  CHECK (legal_basis_url IS NULL OR lower(legal_basis_url) LIKE 'http://%' OR lower(legal_basis_url) LIKE 'https://%');
