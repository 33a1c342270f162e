-- Schedule triggers of active versions, kept in step with activation (in the activating transaction).
-- Any instance may fire a due schedule: it claims the row with SELECT ... FOR UPDATE SKIP LOCKED,
-- queues the execution and moves next_fire_at on in one transaction, so a time fires once.
CREATE TABLE workflow_schedules
(
  workflow_id   UUID NOT NULL REFERENCES workflow_workflows (id) ON DELETE CASCADE,
  node_id       VARCHAR(100) NOT NULL,
  project_id    UUID NOT NULL,
  version       INTEGER NOT NULL,
  cron          VARCHAR(200) NOT NULL,
  timezone      VARCHAR(64) NOT NULL,
  recover       VARCHAR(8) NOT NULL CHECK (recover IN ('none', 'last', 'all')),
  next_fire_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  last_fired_at TIMESTAMP WITH TIME ZONE,
  PRIMARY KEY (workflow_id, node_id)
);
CREATE INDEX workflow_schedules_due_idx ON workflow_schedules (next_fire_at);

-- Event and error triggers of active versions, by project: who listens when an event happens.
CREATE TABLE workflow_event_triggers
(
  workflow_id UUID NOT NULL REFERENCES workflow_workflows (id) ON DELETE CASCADE,
  node_id     VARCHAR(100) NOT NULL,
  project_id  UUID NOT NULL,
  kind        VARCHAR(8) NOT NULL CHECK (kind IN ('event', 'error')),
  event_type  VARCHAR(100) NOT NULL,
  PRIMARY KEY (workflow_id, node_id)
);
CREATE INDEX workflow_event_triggers_listening_idx ON workflow_event_triggers (project_id, kind, event_type);

-- Retention deletes finished executions by age, and snapshots no execution uses any more: both
-- need an index so that neither the age cut nor the snapshot check reads the whole table.
CREATE INDEX workflow_executions_finished_idx ON workflow_executions (finished_at) WHERE finished_at IS NOT NULL;
CREATE INDEX workflow_executions_snapshot_idx ON workflow_executions (snapshot_hash);
