-- Agents an admin defined. The built-ins ship as definition files and plugins register theirs in
-- memory, so only these live in the database. The lists (tools, models, hands_off_to) are JSON
-- arrays kept as text: they are read and written whole, never searched.
CREATE TABLE agent_custom_agents
(
  id            VARCHAR(32) PRIMARY KEY,
  name          VARCHAR(40) NOT NULL,
  persona       VARCHAR(200) NOT NULL,
  system_prompt TEXT NOT NULL,
  tools         TEXT NOT NULL,
  models        TEXT NOT NULL,
  avatar        VARCHAR(16) NOT NULL,
  color         CHAR(7) NOT NULL,
  hands_off_to  TEXT NOT NULL,
  created_by    UUID NOT NULL,
  created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_by    UUID NOT NULL,
  updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Agents switched off in a project. Every agent is on unless a row here says otherwise, so an agent
-- added later is available in every project at once. Projects belong to another module: referenced
-- by id only; the rows go when the agent module hears ProjectDeleted.
CREATE TABLE agent_disabled_agents
(
  project_id  UUID NOT NULL,
  agent_id    VARCHAR(32) NOT NULL,
  disabled_by UUID NOT NULL,
  disabled_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (project_id, agent_id)
);
