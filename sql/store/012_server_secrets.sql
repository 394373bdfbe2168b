-- Server mode: secrets every server process must share, e.g. the key that signs session cookies.
-- Made once, at random, by the first process that needs one (src/serve/auth/session.ts).
CREATE TABLE server_secrets (
  name text PRIMARY KEY,
  value text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
