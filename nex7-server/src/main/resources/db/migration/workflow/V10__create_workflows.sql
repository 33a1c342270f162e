-- Workflows belong to a project (another module): referenced by id only; the module deletes its rows
-- when it hears ProjectDeleted.
CREATE TABLE workflow_workflows
(
  id             UUID PRIMARY KEY,
  project_id     UUID NOT NULL,
  name           VARCHAR(200) NOT NULL,
  description    VARCHAR(2000) NOT NULL DEFAULT '',
  draft          JSONB NOT NULL,
  draft_revision BIGINT NOT NULL,
  active_version INTEGER,
  webhook_token  VARCHAR(64) NOT NULL UNIQUE,
  created_by     UUID NOT NULL,
  created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_by     UUID NOT NULL,
  updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX workflow_workflows_project_idx ON workflow_workflows (project_id, updated_at DESC);

CREATE TABLE workflow_versions
(
  workflow_id UUID NOT NULL REFERENCES workflow_workflows (id) ON DELETE CASCADE,
  version     INTEGER NOT NULL,
  definition  JSONB NOT NULL,
  message     VARCHAR(500) NOT NULL DEFAULT '',
  created_by  UUID NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (workflow_id, version)
);

-- Definitions that executions ran, stored once per distinct content (sha-256 of the canonical JSON),
-- so that a thousand executions of one draft do not store it a thousand times.
CREATE TABLE workflow_snapshots
(
  hash       VARCHAR(64) PRIMARY KEY,
  definition JSONB NOT NULL
);

-- An execution is also the unit of work in the queue: an instance claims it with
-- SELECT ... FOR UPDATE SKIP LOCKED, holds a lease it renews by heartbeat, and another instance
-- takes it over when the lease runs out.
CREATE TABLE workflow_executions
(
  id               UUID PRIMARY KEY,
  workflow_id      UUID NOT NULL REFERENCES workflow_workflows (id) ON DELETE CASCADE,
  project_id       UUID NOT NULL,
  workflow_version INTEGER,
  snapshot_hash    VARCHAR(64) NOT NULL REFERENCES workflow_snapshots (hash),
  status           VARCHAR(16) NOT NULL
    CHECK (status IN ('queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled')),
  mode             VARCHAR(16) NOT NULL,
  trigger_node     VARCHAR(100) NOT NULL,
  input            JSONB,
  pinned           JSONB,
  overrides        JSONB,
  error            JSONB,
  parent_id        UUID,
  retry_of         UUID,
  depth            INTEGER NOT NULL DEFAULT 0,
  started_by       UUID,
  cancel_requested BOOLEAN NOT NULL DEFAULT FALSE,
  available_at     TIMESTAMP WITH TIME ZONE,
  lease_owner      VARCHAR(64),
  lease_until      TIMESTAMP WITH TIME ZONE,
  created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  started_at       TIMESTAMP WITH TIME ZONE,
  finished_at      TIMESTAMP WITH TIME ZONE
);
CREATE INDEX workflow_executions_workflow_idx ON workflow_executions (workflow_id, created_at DESC);
CREATE INDEX workflow_executions_project_idx ON workflow_executions (project_id, created_at DESC);
-- The queue: only unfinished executions are in this index.
CREATE INDEX workflow_executions_queue_idx ON workflow_executions (available_at)
  WHERE status IN ('queued', 'running', 'waiting');

-- One row per node run (per loop iteration: scope), written when the run reaches a state worth
-- keeping: finished (succeeded, failed, skipped) or suspended (waiting).
CREATE TABLE workflow_node_runs
(
  execution_id UUID NOT NULL REFERENCES workflow_executions (id) ON DELETE CASCADE,
  node_id      VARCHAR(100) NOT NULL,
  scope        VARCHAR(200) NOT NULL DEFAULT '',
  status       VARCHAR(16) NOT NULL CHECK (status IN ('succeeded', 'failed', 'skipped', 'waiting', 'cancelled')),
  attempts     INTEGER NOT NULL,
  output       JSONB,
  error        JSONB,
  failures     JSONB,
  state        JSONB,
  signal       JSONB,
  wake_at      TIMESTAMP WITH TIME ZONE,
  logs         JSONB,
  pinned       BOOLEAN NOT NULL DEFAULT FALSE,
  started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  finished_at  TIMESTAMP WITH TIME ZONE,
  PRIMARY KEY (execution_id, node_id, scope)
);
