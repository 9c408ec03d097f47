-- Latvia's administrative territories (ATVK 2021) and the 2004-era division the first survey wave used.
CREATE TABLE territory (
  code varchar(7) PRIMARY KEY,
  name_lv text NOT NULL,
  name_en text,
  kind text NOT NULL CHECK (kind IN ('state_city', 'municipality', 'town', 'parish')),
  level smallint NOT NULL CHECK (level IN (1, 2)),
  parent_code varchar(7) REFERENCES territory (code),
  iso_code text,
  centre_name text,
  centre_latitude double precision,
  centre_longitude double precision,
  planning_region text,
  valid_from date,
  valid_to date,
  -- the name lower-cased and without diacritics, so "rezekne" finds "Rēzekne"
  search_name text NOT NULL
);
CREATE INDEX territory_parent_code_idx ON territory (parent_code);
CREATE INDEX territory_search_name_idx ON territory (search_name);

CREATE TABLE region_2004 (
  code varchar(7) PRIMARY KEY,
  name_lv text NOT NULL,
  name_en text NOT NULL,
  kind text NOT NULL,
  centre_name text,
  centre_latitude double precision,
  centre_longitude double precision,
  -- approximate successors among today's municipalities, as names (see territories/data/README.md)
  successor_names text NOT NULL DEFAULT '',
  search_name text NOT NULL
);
