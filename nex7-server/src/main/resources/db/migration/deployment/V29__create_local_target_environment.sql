-- The environment variables of a local target, passed to its install and build commands in the sandbox.
-- A value is a secret: sealed with the master key (AES-GCM), its row's identity as the additional data.
CREATE TABLE deployment_local_environment
(
  project_id   UUID         NOT NULL REFERENCES deployment_local_targets (project_id) ON DELETE CASCADE,
  name         VARCHAR(255) NOT NULL,
  key_id       VARCHAR(64)  NOT NULL,
  sealed_value BYTEA        NOT NULL,
  updated_by   UUID,
  updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (project_id, name)
);
