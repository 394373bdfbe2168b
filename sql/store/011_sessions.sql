-- Server mode: sign-in sessions, shared by every server process on the same database (no session
-- lives in a process's memory). The cookie holds only the signed id. A row past expires_at is dead:
-- it is never read back and is swept on the next write.
CREATE TABLE sessions (
  id text PRIMARY KEY,
  data jsonb NOT NULL,
  user_id text REFERENCES users (id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);
CREATE INDEX sessions_user_idx ON sessions (user_id);
