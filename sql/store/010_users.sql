-- Server mode: the people who may sign in, and their roles (src/serve/auth, docs/server.md).
-- A user signs in with a local password (argon2id hash, never the password) or through an OpenID
-- Connect provider (issuer + subject); both may be set. Usernames are unique without regard to case.
CREATE TABLE users (
  id text PRIMARY KEY DEFAULT gen_random_uuid()::text,
  username text NOT NULL,
  display_name text,
  organisation text,
  password_hash text,
  oidc_issuer text,
  oidc_subject text,
  disabled boolean NOT NULL DEFAULT false,
  failed_sign_ins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_sign_in_at timestamptz,
  CONSTRAINT users_username_shape CHECK (length(username) BETWEEN 1 AND 200)
);
CREATE UNIQUE INDEX users_username_key ON users (lower(username));
CREATE UNIQUE INDEX users_oidc_key ON users (oidc_issuer, oidc_subject) WHERE oidc_subject IS NOT NULL;

-- A user's roles (src/store/access.ts ROLES). An administrator administers users; it reads no data.
CREATE TABLE user_roles (
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (
    role IN ('analyst', 'authorised_analyst', 'caseworker', 'data_contact', 'cluster_secretariat',
             'economic_owner', 'dpo', 'admin')
  ),
  granted_at timestamptz NOT NULL DEFAULT now(),
  granted_by text,
  PRIMARY KEY (user_id, role)
);
