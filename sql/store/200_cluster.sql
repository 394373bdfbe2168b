-- A health cluster's shared economy (issue 16, docs/cluster.md): members, funds and their rules, grants
-- per member and year, projects with budgets and decisions, expected-spend reports (history kept),
-- reported costs and a-conto payments for the annual settlement, initiative forecasts.
-- Amounts are øre (bigint). Runs identically on PostgreSQL 15 and PGlite.

CREATE TABLE cluster_org (
  id text PRIMARY KEY,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('municipality', 'region', 'hospital', 'general_practice')),
  chair boolean NOT NULL DEFAULT false
);

CREATE TABLE cluster_fund (
  id text PRIMARY KEY,
  name text NOT NULL,
  allows text[] NOT NULL,
  carry_over boolean NOT NULL DEFAULT true
);

CREATE TABLE cluster_grant (
  fund text NOT NULL REFERENCES cluster_fund (id),
  year integer NOT NULL,
  member text NOT NULL REFERENCES cluster_org (id),
  amount_ore bigint NOT NULL,
  PRIMARY KEY (fund, year, member)
);

CREATE TABLE cluster_project (
  id text PRIMARY KEY,
  title text NOT NULL,
  fund text NOT NULL REFERENCES cluster_fund (id),
  owner text NOT NULL REFERENCES cluster_org (id),
  leader text,
  sponsor text,
  participants text,
  description text,
  focus text,
  cross_sector text,
  starts date,
  ends date,
  status text NOT NULL DEFAULT 'applied' CHECK (status IN ('applied', 'approved', 'rejected', 'postponed')),
  frame_ore bigint,
  -- a skewed split decided by the steering group: {"member": weight, …}; null = the fund's key
  split jsonb
);

CREATE TABLE cluster_budget_line (
  project text NOT NULL REFERENCES cluster_project (id) ON DELETE CASCADE,
  year integer NOT NULL,
  category text NOT NULL CHECK (category IN ('development', 'secretariat', 'operation', 'administration', 'equipment')),
  amount_ore bigint NOT NULL CHECK (amount_ore >= 0),
  PRIMARY KEY (project, year, category)
);

-- Decisions at dated meetings; the project's status and frame follow the latest.
CREATE TABLE cluster_decision (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project text NOT NULL REFERENCES cluster_project (id),
  meeting date NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('approved', 'rejected', 'postponed')),
  frame_ore bigint,
  note text,
  decided_by text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);

-- Expected spend reported by the economic owner before each meeting; every report is kept.
CREATE TABLE cluster_expected_spend (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project text NOT NULL REFERENCES cluster_project (id),
  org text NOT NULL REFERENCES cluster_org (id),
  year integer NOT NULL,
  amount_ore bigint NOT NULL CHECK (amount_ore >= 0),
  reported_by text NOT NULL,
  reported_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cluster_expected_spend_latest ON cluster_expected_spend (project, org, year, id);

-- Costs each organisation paid on a project in a year (the basis of the settlement).
CREATE TABLE cluster_cost (
  project text NOT NULL REFERENCES cluster_project (id),
  org text NOT NULL REFERENCES cluster_org (id),
  year integer NOT NULL,
  amount_ore bigint NOT NULL CHECK (amount_ore >= 0),
  reported_by text NOT NULL,
  reported_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project, org, year)
);

CREATE TABLE cluster_on_account (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  fund text NOT NULL REFERENCES cluster_fund (id),
  year integer NOT NULL,
  from_org text NOT NULL REFERENCES cluster_org (id),
  to_org text NOT NULL REFERENCES cluster_org (id),
  amount_ore bigint NOT NULL CHECK (amount_ore > 0),
  note text
);

CREATE TABLE cluster_forecast (
  id text PRIMARY KEY,
  title text NOT NULL,
  -- the ForecastInput of src/cluster/forecast.ts, amounts in øre as text
  spec jsonb NOT NULL
);

CREATE TABLE cluster_forecast_actual (
  forecast text NOT NULL REFERENCES cluster_forecast (id) ON DELETE CASCADE,
  month text NOT NULL,
  org text NOT NULL,
  included integer NOT NULL CHECK (included >= 0),
  PRIMARY KEY (forecast, month, org)
);
