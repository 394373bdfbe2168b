-- The audit trail: an append-only, hash-chained log of every access to citizen-level data, every
-- change of consent, budget or plan, every sign-in and export (docs/server.md, "Audit trail").
-- Each row's hash = SHA-256(previous row's hash || canonical content of this row); audit_head holds
-- the newest link, and an append locks it (SELECT … FOR UPDATE) so concurrent writers queue up and
-- the chain never forks. Runs identically on PostgreSQL 15 and PGlite.

CREATE TABLE audit_log (
  seq       bigint      PRIMARY KEY CHECK (seq > 0),
  at        timestamptz NOT NULL,
  actor     text,
  action    text        NOT NULL CHECK (action <> ''),
  purpose   text        NOT NULL CHECK (purpose IN ('planning', 'case', 'cluster', 'audit', 'admin')),
  subject   text,
  detail    jsonb,
  ip        text,
  prev_hash text        NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  hash      text        NOT NULL UNIQUE CHECK (hash ~ '^[0-9a-f]{64}$')
);

CREATE INDEX audit_log_subject ON audit_log (subject, seq) WHERE subject IS NOT NULL;

-- One row: the newest link of the chain (seq 0 and 64 zeros before the first entry).
CREATE TABLE audit_head (
  id   integer PRIMARY KEY CHECK (id = 1),
  seq  bigint  NOT NULL CHECK (seq >= 0),
  hash text    NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$')
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, repeat('0', 64));

-- Append only: no UPDATE, DELETE or TRUNCATE of audit rows, whoever the database role is. A trigger
-- (not only a GRANT) because the embedded store has one role, and because an installation often runs
-- the application as the owner of its tables. Disabling it takes ALTER TABLE as the owner; the hash
-- chain then still shows the change (`tvaerblik audit verify`).
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_log_no_update_delete
  BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

CREATE TRIGGER audit_log_no_truncate
  BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- The head only moves forward, one link at a time.
CREATE FUNCTION audit_head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'UPDATE' OR NEW.id <> OLD.id OR NEW.seq <> OLD.seq + 1 THEN
    RAISE EXCEPTION 'audit_head only moves one entry forward'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER audit_head_forward
  BEFORE UPDATE OR DELETE ON audit_head
  FOR EACH ROW EXECUTE FUNCTION audit_head_forward_only();

CREATE TRIGGER audit_head_no_truncate
  BEFORE TRUNCATE ON audit_head
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
