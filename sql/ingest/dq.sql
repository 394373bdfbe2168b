-- Data-quality results of import and check runs (written by ingest; read by report and dashboard). See docs/ingest.md.
CREATE TABLE IF NOT EXISTS dq_result (
  run_id VARCHAR NOT NULL,             -- one id per `tvaerblik import` / `check` run (ISO time)
  import_id INTEGER,                   -- the import the rows went into; NULL for check runs and stopped imports
  source_id VARCHAR NOT NULL,
  check_id VARCHAR NOT NULL,           -- e.g. start_date_format, person_id_valid, hours_per_day_max_24
  kind VARCHAR NOT NULL,               -- conformance, completeness, plausibility
  severity VARCHAR NOT NULL,           -- stop, warn, info
  field VARCHAR,
  threshold_pct {{ type(double) }} NOT NULL,       -- % of rows allowed to violate
  rows_checked BIGINT NOT NULL,
  rows_violated BIGINT NOT NULL,
  pct_violated {{ type(double) }} NOT NULL,
  status VARCHAR NOT NULL,             -- pass, within (violated up to the threshold), fail
  sample_rows VARCHAR,                 -- up to 5 file row numbers, comma-separated (never ids)
  checked_at TIMESTAMP NOT NULL
);

-- Local codes not found in a source's translation table, with row counts and amounts.
CREATE TABLE IF NOT EXISTS dq_unmapped_code (
  run_id VARCHAR NOT NULL,
  source_id VARCHAR NOT NULL,
  local_code VARCHAR NOT NULL,
  rows BIGINT NOT NULL,
  amount_minor BIGINT NOT NULL
);
