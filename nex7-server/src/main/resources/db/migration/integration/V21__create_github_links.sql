-- A project's linked GitHub repository: the token is a credential of the project's vault (referenced by id),
-- the webhook secret is sealed with the master key (AES-256-GCM, see SecretBox).
CREATE TABLE integration_github_links
(
  project_id    UUID PRIMARY KEY,
  owner         VARCHAR(100) NOT NULL,
  repo          VARCHAR(100) NOT NULL,
  credential_id UUID,
  key_id        VARCHAR(32) NOT NULL,
  sealed_secret BYTEA NOT NULL,
  created_by    UUID NOT NULL,
  created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX integration_github_links_repository ON integration_github_links (lower(owner), lower(repo));

-- Every delivery GitHub made to NEX7, stored before it is answered; the delivery id makes a redelivery a no-op.
CREATE TABLE integration_github_deliveries
(
  delivery_id VARCHAR(100) PRIMARY KEY,
  project_id  UUID NOT NULL,
  event       VARCHAR(100) NOT NULL,
  action      VARCHAR(100),
  payload     JSONB NOT NULL,
  received_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX integration_github_deliveries_project ON integration_github_deliveries (project_id, received_at DESC);
