-- Server mode: every password sign-in attempt, for lockout and for the data-protection officer.
-- Holds the username as typed (lower-cased) and never the password.
CREATE TABLE sign_in_attempts (
  id bigserial PRIMARY KEY,
  username text NOT NULL,
  ip text,
  succeeded boolean NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sign_in_attempts_user_idx ON sign_in_attempts (username, at);
