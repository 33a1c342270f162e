-- Every deployment of a project, whichever target built it (the local builder, or Vercel as observed through its
-- API and webhooks). The log is kept as text (capped by the builder), its analysis as the findings JSON.
CREATE TABLE deployments
(
  id             UUID PRIMARY KEY,
  project_id     UUID         NOT NULL,
  target         VARCHAR(16)  NOT NULL,
  external_id    VARCHAR(200),
  status         VARCHAR(16)  NOT NULL,
  trigger        VARCHAR(32)  NOT NULL,
  environment    VARCHAR(16)  NOT NULL,
  url            VARCHAR(2000),
  commit_sha     VARCHAR(64),
  commit_message TEXT,
  branch         VARCHAR(255),
  build_log      TEXT,
  findings       JSONB,
  root_category  VARCHAR(64),
  root_message   TEXT,
  created_by     UUID,
  created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  started_at     TIMESTAMP WITH TIME ZONE,
  finished_at    TIMESTAMP WITH TIME ZONE,
  -- the local builder's claim on a queued deployment: who builds it and until when the claim holds
  claimed_by     VARCHAR(100),
  lease_until    TIMESTAMP WITH TIME ZONE,
  attempts       INT          NOT NULL DEFAULT 0
);

CREATE INDEX deployments_project ON deployments (project_id, created_at DESC);
CREATE UNIQUE INDEX deployments_external ON deployments (project_id, target, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX deployments_local_queue ON deployments (created_at) WHERE target = 'local' AND status IN ('queued', 'building');

-- A project's local deployment target: a git repository (a path on this machine or a URL) whose branch NEX7 builds
-- with the project's own install and build commands.
CREATE TABLE deployment_local_targets
(
  project_id      UUID PRIMARY KEY,
  repository      VARCHAR(2000) NOT NULL,
  branch          VARCHAR(255)  NOT NULL,
  install_command VARCHAR(2000),
  build_command   VARCHAR(2000) NOT NULL,
  watch           BOOLEAN       NOT NULL,
  last_seen_sha   VARCHAR(64),
  -- a fix NEX7 is pushing to the branch: the watcher leaves that commit to the recovery, which deploys it
  fix_sha         VARCHAR(64),
  created_by      UUID          NOT NULL,
  created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

-- How NEX7 recovers a project's failed deployments.
CREATE TABLE deployment_recovery_policies
(
  project_id     UUID PRIMARY KEY,
  enabled        BOOLEAN       NOT NULL,
  threshold      NUMERIC(3, 2) NOT NULL,
  model_fixes    BOOLEAN       NOT NULL,
  auto_rollback  BOOLEAN       NOT NULL,
  max_attempts   INT           NOT NULL,
  updated_by     UUID          NOT NULL,
  updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Every fix NEX7 tried on a failed deployment, with its proof and what became of it: the calibration record.
CREATE TABLE deployment_recovery_attempts
(
  id                UUID PRIMARY KEY,
  deployment_id     UUID          NOT NULL REFERENCES deployments (id) ON DELETE CASCADE,
  project_id        UUID          NOT NULL,
  strategy          VARCHAR(64)   NOT NULL,
  source            VARCHAR(16)   NOT NULL,
  confidence        NUMERIC(4, 3) NOT NULL,
  rationale         TEXT          NOT NULL,
  finding           JSONB,
  status            VARCHAR(16)   NOT NULL,
  diff              TEXT,
  build_output      TEXT,
  build_millis      BIGINT,
  proof_millis      BIGINT,
  detail            TEXT,
  branch            VARCHAR(255),
  commit_sha        VARCHAR(64),
  pull_request_url  VARCHAR(2000),
  pull_request_number INT,
  merged            BOOLEAN       NOT NULL DEFAULT FALSE,
  redeployment_id   UUID,
  created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
  finished_at       TIMESTAMP WITH TIME ZONE
);

CREATE INDEX deployment_recovery_attempts_deployment ON deployment_recovery_attempts (deployment_id, created_at);
CREATE INDEX deployment_recovery_attempts_project ON deployment_recovery_attempts (project_id, strategy);
