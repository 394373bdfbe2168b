-- The caseworker overview (issue 15): where data about a citizen lives, consents, cases, requests to data contacts, the shared plan.
-- Metadata only, never documents. `citizen` is the case-handling purpose's pseudonym, never a raw CPR.
-- Runs identically on PostgreSQL 15 and PGlite. docs/overview.md describes every table.

-- Per municipality: show index entries a consent does not cover as "exists, not covered" or hide them.
CREATE TABLE overview_setting (
  organisation text PRIMARY KEY,
  uncovered_display text NOT NULL DEFAULT 'exists' CHECK (uncovered_display IN ('exists', 'hidden'))
);

-- The directory of data contact persons per department and sector.
CREATE TABLE overview_data_contact (
  id text PRIMARY KEY,
  organisation text NOT NULL,
  department text NOT NULL,
  sector text NOT NULL,
  areas text[] NOT NULL,
  name text NOT NULL,
  email text,
  phone text,
  user_id text,
  active boolean NOT NULL DEFAULT true
);
CREATE INDEX overview_data_contact_department ON overview_data_contact (organisation, department);

-- The index of where data lives: one row per item in a source system.
CREATE TABLE overview_index_entry (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organisation text NOT NULL,
  citizen text NOT NULL,
  area text NOT NULL,
  data_type text NOT NULL,
  source_system text NOT NULL,
  department text NOT NULL,
  sector text NOT NULL,
  provider text,
  item_date date NOT NULL,
  title text NOT NULL,
  contact_id text REFERENCES overview_data_contact (id),
  item_ref text NOT NULL,
  category_version text NOT NULL,
  batch_id text NOT NULL,
  loaded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organisation, source_system, item_ref)
);
CREATE INDEX overview_index_entry_citizen ON overview_index_entry (organisation, citizen);

-- One load of index entries (file or API push): atomic, with its data-quality findings.
CREATE TABLE overview_index_batch (
  id text PRIMARY KEY,
  organisation text NOT NULL,
  source_system text NOT NULL,
  loaded_by text NOT NULL,
  loaded_at timestamptz NOT NULL DEFAULT now(),
  rows_in integer NOT NULL,
  rows_loaded integer NOT NULL,
  findings jsonb NOT NULL
);

-- A case (e.g. a rehabilitation case) and the caseworkers assigned to it.
CREATE TABLE overview_case (
  id text PRIMARY KEY,
  organisation text NOT NULL,
  citizen text NOT NULL,
  purpose text NOT NULL,
  phase text NOT NULL,
  title text NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed', 'handed_over')),
  opened_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz
);
CREATE INDEX overview_case_citizen ON overview_case (organisation, citizen);

CREATE TABLE overview_case_assignment (
  case_id text NOT NULL REFERENCES overview_case (id),
  user_id text NOT NULL,
  assigned_at timestamptz NOT NULL DEFAULT now(),
  ended_at timestamptz,
  PRIMARY KEY (case_id, user_id, assigned_at)
);
CREATE INDEX overview_case_assignment_user ON overview_case_assignment (user_id);

-- Rows of these tables are history: never changed, never deleted (a withdrawal is a new version).
CREATE FUNCTION overview_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME;
END
$$;

-- Consents, versioned: the newest version of a consent id is the one in force.
CREATE TABLE overview_consent_version (
  consent_id text NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  case_id text NOT NULL REFERENCES overview_case (id),
  citizen text NOT NULL,
  purpose text NOT NULL,
  areas text[] NOT NULL,
  data_types text[] NOT NULL,
  sectors text[] NOT NULL,
  departments text[] NOT NULL,
  providers text[] NOT NULL,
  phases text[] NOT NULL,
  valid_from date NOT NULL,
  valid_to date NOT NULL,
  given_how text NOT NULL CHECK (given_how IN ('signed_form', 'digital', 'oral_recorded')),
  withdrawn_at timestamptz,
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consent_id, version),
  CHECK (valid_to >= valid_from)
);
CREATE INDEX overview_consent_version_case ON overview_consent_version (case_id);
CREATE TRIGGER overview_consent_version_append_only BEFORE UPDATE OR DELETE ON overview_consent_version
  FOR EACH ROW EXECUTE FUNCTION overview_append_only();

-- Requests to data contacts instead of the snowball.
CREATE TABLE overview_request (
  id text PRIMARY KEY,
  case_id text NOT NULL REFERENCES overview_case (id),
  contact_id text NOT NULL REFERENCES overview_data_contact (id),
  area text NOT NULL,
  data_types text[] NOT NULL,
  message text NOT NULL,
  due_date date NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered', 'declined', 'cancelled')),
  consent_id text NOT NULL,
  consent_version integer NOT NULL,
  requested_by text NOT NULL,
  requested_at timestamptz NOT NULL DEFAULT now(),
  reminded_at timestamptz,
  answered_by text,
  answered_at timestamptz,
  answer_kind text CHECK (answer_kind IN ('document', 'summary')),
  answer_text text,
  answer_ref text,
  decline_reason text
);
CREATE INDEX overview_request_contact ON overview_request (contact_id, status);
CREATE INDEX overview_request_case ON overview_request (case_id);

-- The shared plan: one section per actor, every save a new version (optimistic: a save names the version it edited).
CREATE TABLE overview_plan_version (
  case_id text NOT NULL REFERENCES overview_case (id),
  section text NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  goals text NOT NULL,
  activities text NOT NULL,
  responsible text NOT NULL,
  deadline date,
  author text NOT NULL,
  written_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, section, version)
);
CREATE TRIGGER overview_plan_version_append_only BEFORE UPDATE OR DELETE ON overview_plan_version
  FOR EACH ROW EXECUTE FUNCTION overview_append_only();
