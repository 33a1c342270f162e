-- One row per provider a model call went to (a call that fell back from one provider to another
-- has two): who it was for, what it used and cost, and how it ended. Budgets sum cost_usd over a
-- calendar month (UTC); usage reports group these rows. Users, projects and agents belong to other
-- modules: referenced by id only, and a deleted project's history stays.
-- outcome: ok | failed (gave up on this provider) | rejected (the provider refused the request)
--          | broken (failed after the answer had started) | cancelled
CREATE TABLE llm_calls
(
  id            UUID PRIMARY KEY,
  user_id       UUID NOT NULL,
  project_id    UUID,
  agent_id      VARCHAR(100),
  purpose       VARCHAR(50) NOT NULL,
  provider      VARCHAR(20) NOT NULL,
  model         VARCHAR(200) NOT NULL,
  input_tokens  BIGINT NOT NULL,
  output_tokens BIGINT NOT NULL,
  cost_usd      NUMERIC(18, 8) NOT NULL,
  outcome       VARCHAR(20) NOT NULL,
  ttft_ms       INTEGER,
  duration_ms   INTEGER NOT NULL,
  created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX llm_calls_user_time_idx ON llm_calls (user_id, created_at);
CREATE INDEX llm_calls_project_time_idx ON llm_calls (project_id, created_at);
CREATE INDEX llm_calls_time_idx ON llm_calls (created_at);
