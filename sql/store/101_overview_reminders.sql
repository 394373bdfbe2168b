-- Reminders for the caseworker (issue 15): a consent in force that ends within the reminder window, and
-- a request to a data contact still unanswered after its due date. Each reminder is issued once per
-- caseworker assigned to the case (and audited then); the caseworker's page and `tvaerblik overview
-- reminders` list them. No e-mail is sent: docs/overview.md, "Reminders", says why and how to forward them.
CREATE TABLE overview_reminder (
  id text PRIMARY KEY,
  organisation text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('consent_expiring', 'request_overdue')),
  case_id text NOT NULL REFERENCES overview_case (id),
  -- the consent (id:version) or the request the reminder is about
  ref text NOT NULL,
  -- the consent's last valid day, or the request's due date
  due date NOT NULL,
  user_id text NOT NULL,
  issued_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (kind, ref, due, user_id)
);
CREATE INDEX overview_reminder_user ON overview_reminder (user_id, issued_at);
