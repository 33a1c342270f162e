-- How NEX7 polls each linked Vercel project's deployments. A poller claims a due row by moving next_poll_at past its lease
-- (SELECT … FOR UPDATE SKIP LOCKED), so one instance polls a project at a time; the ETag is that of the last list applied whole,
-- so an unchanged list costs one 304; failures counts the failed polls since the last success, which the backoff grows with.
CREATE TABLE deployment_vercel_polls
(
  project_id     UUID PRIMARY KEY,
  etag           VARCHAR(500),
  next_poll_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  failures       INT NOT NULL DEFAULT 0,
  last_error     VARCHAR(1000),
  last_polled_at TIMESTAMP WITH TIME ZONE
);

CREATE INDEX deployment_vercel_polls_due ON deployment_vercel_polls (next_poll_at);
