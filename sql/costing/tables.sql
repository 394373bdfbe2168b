-- Costing output tables (contract E; see docs/costing.md); cost_person is shared with trajectories (kmf rows), so no NOT NULLs. Money BIGINT øre/öre, volumes DECIMAL(18,4).

CREATE TABLE IF NOT EXISTS cost_person (
  period VARCHAR,
  municipality VARCHAR,
  person_key BIGINT,
  catalogue_code VARCHAR,
  department VARCHAR,
  sector VARCHAR,             -- municipal, regional (kmf rows from trajectories), private
  law_ref VARCHAR,
  method VARCHAR,             -- kpb, price, record_amount (costing); kmf (trajectories)
  unit VARCHAR,
  volume DECIMAL(18, 4),
  cost_minor BIGINT NOT NULL,
  service_year INTEGER        -- calendar year of the service days (costing; NULL on kmf rows)
);
-- a warehouse from before the year of service, or a cost_person that trajectories created first
ALTER TABLE cost_person ADD COLUMN IF NOT EXISTS service_year INTEGER;

-- Unit cost per intervention, municipality, period and provider (own / external).
CREATE TABLE IF NOT EXISTS cost_unit (
  period VARCHAR NOT NULL,
  municipality VARCHAR NOT NULL,
  catalogue_code VARCHAR NOT NULL,
  unit VARCHAR,                        -- the measure the cost is allocated by (måttenhet)
  volume DECIMAL(18, 4),               -- total volume in `unit`, persons and open activities
  direct_minor BIGINT NOT NULL,        -- ledger lines mapped straight to the intervention
  admin_minor BIGINT NOT NULL,         -- allocated from pools of kind administration
  other_common_minor BIGINT NOT NULL,  -- allocated from the other common pools
  total_minor BIGINT NOT NULL,         -- direct + admin + other common
  unit_cost_minor DECIMAL(18, 4),      -- total / volume (NULL without volume)
  persons BIGINT NOT NULL,
  provider VARCHAR NOT NULL,           -- own or external (purchased)
  method VARCHAR NOT NULL,             -- kpb, price, record_amount
  hours_granted DECIMAL(18, 4),        -- granted hours of the code, whatever unit allocates
  hours_performed DECIMAL(18, 4),      -- performed hours of the code
  unit_cost_granted_hour_minor DECIMAL(18, 4),
  unit_cost_performed_hour_minor DECIMAL(18, 4),
  attributed_minor BIGINT NOT NULL,    -- what reached cost_person
  nonattributable_minor BIGINT NOT NULL
);

-- Costs that cannot or should not be tied to persons; reported, never dropped.
CREATE TABLE IF NOT EXISTS cost_nonattributable (
  period VARCHAR NOT NULL,
  municipality VARCHAR NOT NULL,
  reason VARCHAR NOT NULL,             -- ledger_nonattributable, open_activity, no_volume, pool_without_base, price_difference, record_amount_difference
  label VARCHAR,                       -- the translation-table label, pool id or catalogue code
  catalogue_code VARCHAR,
  provider VARCHAR,
  amount_minor BIGINT NOT NULL
);

-- ledger = attributed + nonattributable + excluded, per municipality, period and ledger target.
CREATE TABLE IF NOT EXISTS cost_reconciliation (
  period VARCHAR NOT NULL,
  municipality VARCHAR NOT NULL,
  target_type VARCHAR NOT NULL,        -- intervention, pool, open_activity, excluded, nonattributable
  target VARCHAR NOT NULL,             -- code[@external], pool id, reason or label
  ledger_minor BIGINT NOT NULL,
  attributed_minor BIGINT NOT NULL,
  nonattributable_minor BIGINT NOT NULL,
  excluded_minor BIGINT NOT NULL,
  difference_minor BIGINT NOT NULL,    -- always 0, or the run stops
  attributed_outside_ledger_minor BIGINT NOT NULL -- price/record amounts of codes the ledger does not cover
);

-- Every step of the common-cost allocation: pool → target by the pool's key.
CREATE TABLE IF NOT EXISTS cost_pool_allocation (
  period VARCHAR NOT NULL,
  municipality VARCHAR NOT NULL,
  pool VARCHAR NOT NULL,
  pool_kind VARCHAR NOT NULL,
  step INTEGER NOT NULL,               -- position in the step-down order
  key VARCHAR NOT NULL,                -- direct_cost, volume, staff_hours, floor_area, fixed
  target_type VARCHAR NOT NULL,        -- intervention, pool, open_activity
  target VARCHAR NOT NULL,
  provider VARCHAR,
  weight VARCHAR NOT NULL,             -- the key's value for the target, exact
  amount_minor BIGINT NOT NULL
);

-- Key figures in Kolada's units for benchmarking (U21003 kr per granted home-care hour, …).
CREATE TABLE IF NOT EXISTS cost_key_figure (
  period VARCHAR NOT NULL,
  municipality VARCHAR NOT NULL,
  key_figure VARCHAR NOT NULL,
  title VARCHAR NOT NULL,
  measure VARCHAR NOT NULL,            -- the denominator: hour_granted, day, user, …
  numerator_minor BIGINT NOT NULL,
  denominator DECIMAL(18, 4) NOT NULL,
  value DECIMAL(18, 2)                 -- kr (major units) per measure
);

-- One row per `tvaerblik cost` run: a fingerprint of its inputs; a failed run keeps the previous results (marked out of date).
CREATE TABLE IF NOT EXISTS cost_run (
  run_at TIMESTAMP NOT NULL,
  status VARCHAR NOT NULL,             -- ok, failed
  inputs_hash VARCHAR NOT NULL,        -- sha256 of the ledger, services and costing setup (src/costing/freshness.ts)
  message VARCHAR                      -- the first line of the error of a failed run
);
