CREATE TABLE project_projects
(
  id             UUID PRIMARY KEY,
  name           VARCHAR(100) NOT NULL,
  description    VARCHAR(2000),
  type           VARCHAR(16) NOT NULL CHECK (type IN ('web', 'mobile', 'api', 'desktop')),
  status         VARCHAR(16) NOT NULL CHECK (status IN ('active', 'archived', 'draft')),
  repository_url VARCHAR(2048),
  deployment_url VARCHAR(2048),
  created_by     UUID NOT NULL,
  created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Users belong to the identity module: referenced by id only, no cross-module foreign key.
CREATE TABLE project_members
(
  project_id UUID NOT NULL REFERENCES project_projects (id) ON DELETE CASCADE,
  user_id    UUID NOT NULL,
  role       VARCHAR(16) NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
  added_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (project_id, user_id)
);
CREATE INDEX project_members_user_idx ON project_members (user_id);
