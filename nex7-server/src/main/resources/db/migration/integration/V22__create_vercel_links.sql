-- A project's Vercel deployment target: the Vercel project (and team), the token (a credential of the project's vault,
-- referenced by id) and the webhook secret Vercel showed when the webhook was made (sealed with the master key).
CREATE TABLE integration_vercel_links
(
  project_id        UUID PRIMARY KEY,
  vercel_project_id VARCHAR(100) NOT NULL,
  team_id           VARCHAR(100),
  credential_id     UUID,
  key_id            VARCHAR(32),
  sealed_secret     BYTEA,
  created_by        UUID NOT NULL,
  created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT integration_vercel_links_secret_check CHECK ((key_id IS NULL) = (sealed_secret IS NULL))
);

CREATE INDEX integration_vercel_links_vercel_project ON integration_vercel_links (vercel_project_id);

-- Every Vercel webhook event received, stored before it is answered; the event id makes a redelivery a no-op.
CREATE TABLE integration_vercel_events
(
  event_id    VARCHAR(100) PRIMARY KEY,
  project_id  UUID NOT NULL,
  type        VARCHAR(100) NOT NULL,
  payload     JSONB NOT NULL,
  received_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX integration_vercel_events_project ON integration_vercel_events (project_id, received_at DESC);
