-- Access tokens for NEX7's MCP endpoint: personal (every project of the user) or bound to one project.
-- Only a SHA-256 hash of the token is stored (tokens are 256-bit random, so a fast hash is enough);
-- `prefix` is the token's first characters, shown so people can tell their tokens apart.
-- Users and projects belong to other modules: referenced by id only, no cross-module foreign keys.
CREATE TABLE mcp_tokens
(
  id           UUID PRIMARY KEY,
  user_id      UUID NOT NULL,
  project_id   UUID,
  name         VARCHAR(100) NOT NULL,
  token_hash   CHAR(64) NOT NULL UNIQUE,
  prefix       VARCHAR(20) NOT NULL,
  created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at   TIMESTAMP WITH TIME ZONE,
  last_used_at TIMESTAMP WITH TIME ZONE
);

CREATE INDEX mcp_tokens_user ON mcp_tokens (user_id);
CREATE INDEX mcp_tokens_project ON mcp_tokens (project_id) WHERE project_id IS NOT NULL;
