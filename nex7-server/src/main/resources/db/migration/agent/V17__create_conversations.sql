-- A person's conversations with the agents. Users and projects belong to other modules: referenced
-- by id only. A conversation bound to a deleted project is unbound (ProjectDeleted), not deleted.
-- last_seq numbers the messages: appending increments it in the row, so two appends to one
-- conversation queue on the row lock and never share a seq. The summary covers the messages up to
-- summary_through_seq (0: no summary yet).
CREATE TABLE agent_conversations
(
  id                  UUID PRIMARY KEY,
  user_id             UUID NOT NULL,
  project_id          UUID,
  title               VARCHAR(1000) NOT NULL,
  current_agent_id    VARCHAR(32) NOT NULL,
  summary             TEXT,
  summary_through_seq BIGINT NOT NULL DEFAULT 0,
  last_seq            BIGINT NOT NULL DEFAULT 0,
  created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at          TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX agent_conversations_user_idx ON agent_conversations (user_id, updated_at DESC);
CREATE INDEX agent_conversations_project_idx ON agent_conversations (project_id) WHERE project_id IS NOT NULL;
-- Search: PostgreSQL full text with the 'simple' configuration (no stemming, no stop words: titles and
-- chat text mix languages and code), prefix-matched by the query, so "deploy" finds "deployment".
CREATE INDEX agent_conversations_title_search_idx ON agent_conversations USING GIN (to_tsvector('simple', title));

-- Content is the message's blocks as JSON (text, tool_use, tool_result: the shape the model gateway
-- sends and receives), kept as text so that a tool input's keys keep their order; text is the plain
-- rendering used for search and export. A consultation's inner messages point at the consultation
-- message through parent_id. The usage columns are set when a model produced the message.
CREATE TABLE agent_messages
(
  id              UUID PRIMARY KEY,
  conversation_id UUID NOT NULL REFERENCES agent_conversations (id) ON DELETE CASCADE,
  seq             BIGINT NOT NULL,
  parent_id       UUID REFERENCES agent_messages (id) ON DELETE CASCADE,
  role            VARCHAR(16) NOT NULL CHECK (role IN ('user', 'assistant', 'tool')),
  agent_id        VARCHAR(32),
  target_agent_id VARCHAR(32),
  kind            VARCHAR(16) NOT NULL
                  CHECK (kind IN ('message', 'handoff', 'consultation', 'tool-call', 'tool-result', 'notice', 'error')),
  content         TEXT NOT NULL,
  text            TEXT NOT NULL,
  status          VARCHAR(16) NOT NULL CHECK (status IN ('streaming', 'complete', 'stopped', 'failed')),
  input_tokens    BIGINT,
  output_tokens   BIGINT,
  cost_usd        NUMERIC(14, 6),
  provider        VARCHAR(64),
  model           VARCHAR(128),
  created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  completed_at    TIMESTAMP WITH TIME ZONE,
  -- A tsvector holds at most 1 MB; the first 100,000 characters are what search sees of a long message.
  search          TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', left(text, 100000))) STORED,
  UNIQUE (conversation_id, seq)
);
CREATE INDEX agent_messages_search_idx ON agent_messages USING GIN (search);
CREATE INDEX agent_messages_parent_idx ON agent_messages (parent_id) WHERE parent_id IS NOT NULL;

-- What the agents should know about a project, visible to its members and editable by its editors.
CREATE TABLE agent_memory_facts
(
  id         UUID PRIMARY KEY,
  project_id UUID NOT NULL,
  text       VARCHAR(1000) NOT NULL,
  source     VARCHAR(8) NOT NULL CHECK (source IN ('user', 'agent')),
  agent_id   VARCHAR(32),
  created_by UUID NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX agent_memory_facts_project_idx ON agent_memory_facts (project_id, created_at);
