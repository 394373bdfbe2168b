-- The canonical model, schema version 2. Every column is explained in docs/data-model.md.
-- Money is BIGINT minor units (øre/öre); volumes are exact DECIMAL; dates are inclusive.

CREATE TABLE IF NOT EXISTS warehouse_meta (
  key VARCHAR PRIMARY KEY,
  value VARCHAR NOT NULL
);

-- One row per import run that loaded (or replaced) data; rows of the data tables carry its import_id.
CREATE TABLE IF NOT EXISTS import_log (
  import_id INTEGER PRIMARY KEY,
  source_id VARCHAR NOT NULL,
  file VARCHAR NOT NULL,
  file_hash VARCHAR NOT NULL,         -- sha256 of the file's bytes
  period VARCHAR,                      -- analysis period id the extract covers
  target VARCHAR NOT NULL,             -- canonical table loaded
  rows_read BIGINT NOT NULL,
  rows_loaded BIGINT NOT NULL,
  rows_rejected BIGINT NOT NULL,
  config_hash VARCHAR NOT NULL,        -- sha256 of the source's config block
  imported_at TIMESTAMP NOT NULL,
  replaced_import_id INTEGER           -- the earlier import this one replaced, if any
);

CREATE TABLE IF NOT EXISTS person (
  person_key BIGINT PRIMARY KEY,       -- the workspace's number for the person (given at its first import)
  pseudonym VARCHAR NOT NULL UNIQUE,   -- HMAC-SHA-256 (hex) of the normalised id under the workspace key, kept once
  birth_year SMALLINT,
  birth_month {{ type(tinyint) }},                 -- 1-12
  sex VARCHAR,                         -- 'F', 'M' or 'U' (unknown)
  country VARCHAR NOT NULL,            -- 'DK' or 'SE'
  id_scheme VARCHAR NOT NULL,          -- cpr, ecpr, personnummer, samordningsnummer, opaque (UUID, patient number)
  death_date DATE
);

CREATE TABLE IF NOT EXISTS residence (
  import_id INTEGER NOT NULL,
  person_key BIGINT NOT NULL,
  municipality VARCHAR NOT NULL,
  from_date DATE NOT NULL,
  to_date DATE                         -- inclusive; NULL while still living there
);

-- Time-varying characteristics: target group, housing form, benefit status, chronic condition …
CREATE TABLE IF NOT EXISTS person_attribute (
  import_id INTEGER NOT NULL,
  person_key BIGINT NOT NULL,
  attribute VARCHAR NOT NULL,          -- target_group, housing, benefit_status, chronic_condition, …
  value VARCHAR NOT NULL,
  from_date DATE,
  to_date DATE
);

CREATE TABLE IF NOT EXISTS service (
  import_id INTEGER NOT NULL,
  row_no BIGINT NOT NULL,              -- row in the source file (for data-quality samples)
  person_key BIGINT,                   -- NULL for open activities without individual decisions
  source_id VARCHAR NOT NULL,
  period VARCHAR,
  municipality VARCHAR NOT NULL,
  department VARCHAR,
  sector VARCHAR NOT NULL,             -- municipal, regional, private
  local_code VARCHAR,                  -- the code in the department's own system
  catalogue_code VARCHAR,              -- the common catalogue code (NULL when unmapped)
  law_ref VARCHAR,                     -- e.g. 'Serviceloven § 96'
  provider VARCHAR NOT NULL DEFAULT 'own', -- own or external
  provider_unit VARCHAR,               -- organisational unit or supplier, for productivity
  start_date DATE NOT NULL,
  end_date DATE,                       -- inclusive; NULL = open / single day
  volume DECIMAL(18, 4),               -- in `unit`
  unit VARCHAR NOT NULL,               -- hour_granted, hour_performed, day, place, visit, item, month, amount …
  amount_minor BIGINT                  -- an amount carried by the record itself (benefit, grant, invoice)
);

CREATE TABLE IF NOT EXISTS ledger (
  import_id INTEGER NOT NULL,
  row_no BIGINT NOT NULL,
  period VARCHAR NOT NULL,
  municipality VARCHAR NOT NULL,
  account VARCHAR NOT NULL,            -- art / konto
  activity VARCHAR,                    -- funktion / verksamhet
  responsibility VARCHAR,              -- omkostningssted / ansvar
  project VARCHAR,
  counterpart VARCHAR,                 -- motpart (internal, other provider, …)
  text VARCHAR,
  amount_minor BIGINT NOT NULL         -- + cost, − income
);

CREATE TABLE IF NOT EXISTS hospital_contact (
  import_id INTEGER NOT NULL,
  row_no BIGINT NOT NULL,
  contact_id VARCHAR NOT NULL,
  person_key BIGINT NOT NULL,
  region VARCHAR,
  municipality VARCHAR,
  hospital VARCHAR NOT NULL,
  hospital_unit VARCHAR,
  acute BOOLEAN NOT NULL,
  psychiatric BOOLEAN NOT NULL DEFAULT false,
  admit_time TIMESTAMP NOT NULL,
  discharge_time TIMESTAMP,            -- NULL while still admitted
  primary_diagnosis VARCHAR,           -- ICD-10 (SKS, e.g. DJ441)
  discharge_status VARCHAR,            -- home, transfer, dead, other
  drg_code VARCHAR,                    -- DRG (inpatient) or DAGS (outpatient) group
  tariff_minor BIGINT,                 -- DRG/DAGS tariff of the contact
  kmf_minor BIGINT                     -- municipal co-financing invoiced by the region, when supplied
);

CREATE TABLE IF NOT EXISTS gp_contact (
  import_id INTEGER NOT NULL,
  row_no BIGINT NOT NULL,
  person_key BIGINT NOT NULL,
  municipality VARCHAR,
  contact_date DATE NOT NULL,
  provider_type VARCHAR NOT NULL DEFAULT 'gp', -- gp or specialist
  service_code VARCHAR,                -- fee code (ydelseskode)
  fee_minor BIGINT,
  kmf_minor BIGINT
);

CREATE TABLE IF NOT EXISTS population (
  import_id INTEGER NOT NULL,
  municipality VARCHAR NOT NULL,
  year SMALLINT NOT NULL,
  age SMALLINT NOT NULL,               -- completed years; the top band is its lower bound (e.g. 100)
  sex VARCHAR NOT NULL,
  count INTEGER NOT NULL
);
