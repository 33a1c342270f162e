-- Low-latency executions keep their node runs in memory and are written once, when they end, as one
-- row: the node runs travel in run_summary (a JSON array) instead of workflow_node_runs.
ALTER TABLE workflow_executions ADD COLUMN run_summary JSONB;
