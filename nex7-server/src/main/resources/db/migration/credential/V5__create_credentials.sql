-- A project's credentials. Non-secret fields (host, port, username...) are plain JSON; the secret
-- fields are one JSON object sealed with the master key (AES-256-GCM, see SecretBox): key_id names
-- the key, secrets holds nonce, ciphertext and tag. The sealed value is bound to the row's id,
-- project, kind, fields and secret_fields, so none of them can be changed without it failing to open.
-- Deleting a project deletes its credentials with it.
CREATE TABLE credential_credentials
(
  id            UUID PRIMARY KEY,
  project_id    UUID NOT NULL REFERENCES project_projects (id) ON DELETE CASCADE,
  kind          VARCHAR(32) NOT NULL,
  name          VARCHAR(100) NOT NULL,
  fields        TEXT NOT NULL,
  secret_fields VARCHAR(255) NOT NULL,
  key_id        VARCHAR(32) NOT NULL,
  secrets       BYTEA NOT NULL,
  created_by    UUID NOT NULL,
  created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX credential_credentials_name_key ON credential_credentials (project_id, lower(name));
CREATE INDEX credential_credentials_key_idx ON credential_credentials (key_id);
