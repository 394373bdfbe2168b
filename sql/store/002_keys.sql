-- Pseudonymisation keys of the operational store, one per purpose (docs/server.md, "Operational
-- store"). The case key is generated on first use unless the installation supplies its own
-- (TVAERBLIK_CASE_KEY); only its fingerprint is kept then, so a changed key is noticed before it
-- silently produces pseudonyms that match nothing. The planning key (the analysis warehouse's key)
-- is never stored here: the case store and the planning warehouse share no key.

CREATE TABLE store_key (
  purpose     text        PRIMARY KEY CHECK (purpose IN ('case', 'cluster')),
  secret      bytea       CHECK (secret IS NULL OR octet_length(secret) >= 32),
  fingerprint text        NOT NULL CHECK (fingerprint ~ '^[0-9a-f]{64}$'),
  created_at  timestamptz NOT NULL DEFAULT now()
);
