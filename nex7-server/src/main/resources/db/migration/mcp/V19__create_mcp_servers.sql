-- MCP servers an administrator registered (HTTP transports only), and which of their tools each agent may use.
-- An optional header (Authorization, X-API-Key, ...) is sent with every request; its value is sealed with the
-- master key (AES-256-GCM, see SecretBox): key_id names the master key, sealed_auth holds nonce, ciphertext and tag.
-- tools caches the server's last tools/list answer (names, descriptions, input schemas), refreshed on demand.
CREATE TABLE mcp_servers
(
  id          UUID PRIMARY KEY,
  name        VARCHAR(40) NOT NULL UNIQUE,
  url         VARCHAR(2000) NOT NULL,
  auth_header VARCHAR(100),
  key_id      VARCHAR(32),
  sealed_auth BYTEA,
  created_by  UUID NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  tools       JSONB,
  tools_at    TIMESTAMP WITH TIME ZONE,
  CONSTRAINT mcp_servers_auth_check CHECK ((auth_header IS NULL) = (sealed_auth IS NULL) AND (key_id IS NULL) = (sealed_auth IS NULL))
);

CREATE TABLE mcp_agent_tools
(
  server_id UUID NOT NULL REFERENCES mcp_servers (id) ON DELETE CASCADE,
  agent_id  VARCHAR(64) NOT NULL,
  tool_name VARCHAR(200) NOT NULL,
  PRIMARY KEY (server_id, agent_id, tool_name)
);
