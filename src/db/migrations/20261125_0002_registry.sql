-- The registry of institutions and services, modelled on Open Referral HSDS 3.0. Column names follow HSDS;
-- the columns after "-- mission:" are what Reentry Atlas adds (exported as HSDS attributes, see docs/hsds-profile.md).
-- HSDS date-like fields stay text so an import exports again exactly as it came.

CREATE TABLE organization (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  alternate_name text,
  description text NOT NULL DEFAULT '',
  email text,
  website text,
  tax_status text,
  tax_id text,
  year_incorporated double precision,
  legal_status text,
  logo text,
  uri text,
  parent_organization_id uuid REFERENCES organization (id) ON DELETE SET NULL,
  -- mission:
  institution_type text CHECK (institution_type IN ('municipal_social_service', 'municipal_other', 'state', 'ngo', 'religious', 'private', 'prison')),
  is_demo boolean NOT NULL DEFAULT false,
  last_verified_on date,
  search_name text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX organization_search_name_idx ON organization (search_name);
CREATE INDEX organization_institution_type_idx ON organization (institution_type);

CREATE TABLE organization_identifier (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  identifier_scheme text,
  identifier_type text NOT NULL,
  identifier text NOT NULL
);
CREATE INDEX organization_identifier_organization_id_idx ON organization_identifier (organization_id);

CREATE TABLE program (
  id uuid PRIMARY KEY,
  organization_id uuid REFERENCES organization (id) ON DELETE CASCADE,
  name text NOT NULL,
  alternate_name text,
  description text NOT NULL DEFAULT ''
);

CREATE TABLE service (
  id uuid PRIMARY KEY,
  organization_id uuid REFERENCES organization (id) ON DELETE CASCADE,
  program_id uuid REFERENCES program (id) ON DELETE SET NULL,
  name text NOT NULL,
  alternate_name text,
  description text,
  url text,
  email text,
  status text NOT NULL CHECK (status IN ('active', 'inactive', 'defunct', 'temporarily closed')),
  interpretation_services text,
  application_process text,
  fees_description text,
  wait_time text,
  fees text,
  accreditations text,
  eligibility_description text,
  minimum_age double precision,
  maximum_age double precision,
  assured_date text,
  assurer_email text,
  licenses text,
  alert text,
  last_modified timestamptz,
  -- mission: structured eligibility, capacity, verification
  residency_rule text NOT NULL DEFAULT 'none' CHECK (residency_rule IN ('none', 'last_declared_residence')),
  eligible_sex text NOT NULL DEFAULT 'any' CHECK (eligible_sex IN ('any', 'female', 'male')),
  capacity_beds integer CHECK (capacity_beds >= 0),
  is_statewide boolean NOT NULL DEFAULT false,
  last_verified_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX service_organization_id_idx ON service (organization_id);

-- mission: "only for people whose last declared residence was in …" — one row per accepted territory.
CREATE TABLE service_residency_territory (
  service_id uuid NOT NULL REFERENCES service (id) ON DELETE CASCADE,
  territory_code varchar(7) NOT NULL REFERENCES territory (code),
  PRIMARY KEY (service_id, territory_code)
);

CREATE TABLE location (
  id uuid PRIMARY KEY,
  location_type text NOT NULL CHECK (location_type IN ('physical', 'postal', 'virtual')),
  url text,
  organization_id uuid REFERENCES organization (id) ON DELETE CASCADE,
  name text,
  alternate_name text,
  description text,
  transportation text,
  latitude double precision,
  longitude double precision,
  external_identifier text,
  external_identifier_type text,
  -- mission: the ATVK territory (town, parish or municipality) the location is in
  territory_code varchar(7) REFERENCES territory (code)
);
CREATE INDEX location_organization_id_idx ON location (organization_id);

CREATE TABLE service_at_location (
  id uuid PRIMARY KEY,
  service_id uuid NOT NULL REFERENCES service (id) ON DELETE CASCADE,
  location_id uuid NOT NULL REFERENCES location (id) ON DELETE CASCADE,
  description text
);
CREATE INDEX service_at_location_service_id_idx ON service_at_location (service_id);
CREATE INDEX service_at_location_location_id_idx ON service_at_location (location_id);

CREATE TABLE address (
  id uuid PRIMARY KEY,
  location_id uuid REFERENCES location (id) ON DELETE CASCADE,
  attention text,
  address_1 text NOT NULL,
  address_2 text,
  city text NOT NULL,
  region text,
  state_province text NOT NULL,
  postal_code text NOT NULL,
  country text NOT NULL,
  address_type text NOT NULL CHECK (address_type IN ('physical', 'postal', 'virtual'))
);
CREATE INDEX address_location_id_idx ON address (location_id);

CREATE TABLE contact (
  id uuid PRIMARY KEY,
  organization_id uuid REFERENCES organization (id) ON DELETE CASCADE,
  service_id uuid REFERENCES service (id) ON DELETE CASCADE,
  service_at_location_id uuid REFERENCES service_at_location (id) ON DELETE CASCADE,
  location_id uuid REFERENCES location (id) ON DELETE CASCADE,
  name text,
  title text,
  department text,
  email text
);
CREATE INDEX contact_organization_id_idx ON contact (organization_id);
CREATE INDEX contact_service_id_idx ON contact (service_id);
CREATE INDEX contact_location_id_idx ON contact (location_id);

CREATE TABLE phone (
  id uuid PRIMARY KEY,
  location_id uuid REFERENCES location (id) ON DELETE CASCADE,
  service_id uuid REFERENCES service (id) ON DELETE CASCADE,
  organization_id uuid REFERENCES organization (id) ON DELETE CASCADE,
  contact_id uuid REFERENCES contact (id) ON DELETE CASCADE,
  service_at_location_id uuid REFERENCES service_at_location (id) ON DELETE CASCADE,
  number text NOT NULL,
  extension double precision,
  type text,
  description text
);
CREATE INDEX phone_organization_id_idx ON phone (organization_id);
CREATE INDEX phone_service_id_idx ON phone (service_id);
CREATE INDEX phone_location_id_idx ON phone (location_id);
CREATE INDEX phone_contact_id_idx ON phone (contact_id);

CREATE TABLE schedule (
  id uuid PRIMARY KEY,
  service_id uuid REFERENCES service (id) ON DELETE CASCADE,
  location_id uuid REFERENCES location (id) ON DELETE CASCADE,
  service_at_location_id uuid REFERENCES service_at_location (id) ON DELETE CASCADE,
  valid_from text,
  valid_to text,
  dtstart text,
  timezone double precision,
  until text,
  count double precision,
  wkst text CHECK (wkst IN ('MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU')),
  freq text CHECK (freq IN ('WEEKLY', 'MONTHLY')),
  interval double precision,
  byday text,
  byweekno text,
  bymonthday text,
  byyearday text,
  description text,
  opens_at text,
  closes_at text,
  schedule_link text,
  attending_type text,
  notes text
);
CREATE INDEX schedule_service_id_idx ON schedule (service_id);
CREATE INDEX schedule_location_id_idx ON schedule (location_id);

CREATE TABLE service_area (
  id uuid PRIMARY KEY,
  service_id uuid REFERENCES service (id) ON DELETE CASCADE,
  name text,
  description text,
  extent text,
  extent_type text,
  uri text,
  -- mission: the ATVK territory this area means, when it is one
  territory_code varchar(7) REFERENCES territory (code)
);
CREATE INDEX service_area_service_id_idx ON service_area (service_id);

CREATE TABLE language (
  id uuid PRIMARY KEY,
  service_id uuid REFERENCES service (id) ON DELETE CASCADE,
  location_id uuid REFERENCES location (id) ON DELETE CASCADE,
  phone_id uuid REFERENCES phone (id) ON DELETE CASCADE,
  name text,
  code text,
  note text
);
CREATE INDEX language_service_id_idx ON language (service_id);

CREATE TABLE required_document (
  id uuid PRIMARY KEY,
  service_id uuid REFERENCES service (id) ON DELETE CASCADE,
  document text,
  uri text
);
CREATE INDEX required_document_service_id_idx ON required_document (service_id);

CREATE TABLE cost_option (
  id uuid PRIMARY KEY,
  service_id uuid REFERENCES service (id) ON DELETE CASCADE,
  valid_from text,
  valid_to text,
  option text,
  currency text,
  amount double precision,
  amount_description text
);

CREATE TABLE funding (
  id uuid PRIMARY KEY,
  organization_id uuid REFERENCES organization (id) ON DELETE CASCADE,
  service_id uuid REFERENCES service (id) ON DELETE CASCADE,
  source text
);

CREATE TABLE accessibility (
  id uuid PRIMARY KEY,
  location_id uuid REFERENCES location (id) ON DELETE CASCADE,
  description text,
  details text,
  url text
);

CREATE TABLE taxonomy (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  uri text,
  version text
);

CREATE TABLE taxonomy_term (
  id uuid PRIMARY KEY,
  code text,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  parent_id uuid REFERENCES taxonomy_term (id) ON DELETE SET NULL,
  taxonomy text,
  taxonomy_id uuid REFERENCES taxonomy (id) ON DELETE SET NULL,
  language text,
  term_uri text
);
CREATE INDEX taxonomy_term_code_idx ON taxonomy_term (code);

-- mission: lv/ru/en labels of a term (HSDS holds one language per term row).
CREATE TABLE taxonomy_term_translation (
  taxonomy_term_id uuid NOT NULL REFERENCES taxonomy_term (id) ON DELETE CASCADE,
  language text NOT NULL CHECK (language IN ('lv', 'ru', 'en')),
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  PRIMARY KEY (taxonomy_term_id, language)
);

-- HSDS links taxonomy terms (help types among them) to any object through attributes.
CREATE TABLE attribute (
  id uuid PRIMARY KEY,
  link_id uuid NOT NULL,
  taxonomy_term_id uuid REFERENCES taxonomy_term (id) ON DELETE CASCADE,
  link_type text,
  link_entity text NOT NULL,
  value text
);
CREATE INDEX attribute_link_id_idx ON attribute (link_id);
CREATE INDEX attribute_taxonomy_term_id_idx ON attribute (taxonomy_term_id);

-- HSDS metadata: who changed which field when; also our change history of the registry.
CREATE TABLE metadata (
  id uuid PRIMARY KEY,
  resource_id uuid NOT NULL,
  resource_type text NOT NULL,
  last_action_date text NOT NULL,
  last_action_type text NOT NULL,
  field_name text NOT NULL DEFAULT '',
  previous_value text NOT NULL DEFAULT '',
  replacement_value text NOT NULL DEFAULT '',
  updated_by text NOT NULL DEFAULT ''
);
CREATE INDEX metadata_resource_id_idx ON metadata (resource_id);

-- One row: bumped in every transaction that changes the registry, so every app process can see that its
-- in-memory finder index is stale without any message between processes.
CREATE TABLE registry_revision (
  id smallint PRIMARY KEY CHECK (id = 1),
  revision bigint NOT NULL,
  changed_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO registry_revision (id, revision) VALUES (1, 0);
