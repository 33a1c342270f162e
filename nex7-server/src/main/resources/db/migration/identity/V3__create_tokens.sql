-- The key ring that signs access tokens. Public keys are published at /.well-known/jwks.json.
CREATE TABLE identity_signing_keys
(
  kid         VARCHAR(64) PRIMARY KEY,
  algorithm   VARCHAR(16) NOT NULL,
  private_jwk TEXT NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  retired_at  TIMESTAMP WITH TIME ZONE
);

-- Refresh tokens are stored only as SHA-256 hashes. A family is one sign-in: every rotation adds a
-- token to it, and reuse of a spent token revokes every token of the family.
CREATE TABLE identity_refresh_tokens
(
  id          UUID PRIMARY KEY,
  family_id   UUID NOT NULL,
  user_id     UUID NOT NULL REFERENCES identity_users (id) ON DELETE CASCADE,
  token_hash  CHAR(64) NOT NULL,
  issued_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  used_at     TIMESTAMP WITH TIME ZONE,
  revoked_at  TIMESTAMP WITH TIME ZONE
);
CREATE UNIQUE INDEX identity_refresh_tokens_hash_key ON identity_refresh_tokens (token_hash);
CREATE INDEX identity_refresh_tokens_family_idx ON identity_refresh_tokens (family_id);
CREATE INDEX identity_refresh_tokens_expiry_idx ON identity_refresh_tokens (expires_at);
