-- Notifications about a project's deployments. Users and projects belong to other modules: they are
-- referenced by id only, and the ProjectDeleted / MemberRemoved listeners clean up after them.

-- One in-app notification per recipient. event_key names the event it tells about, so that an event
-- delivered twice (the publication registry republishes what a crash left unfinished) adds nothing.
-- seq orders a person's notifications newest first, whatever the clock says.
CREATE TABLE notification_notifications
(
  id           UUID PRIMARY KEY,
  seq          BIGINT GENERATED ALWAYS AS IDENTITY,
  recipient_id UUID NOT NULL,
  project_id   UUID NOT NULL,
  kind         VARCHAR(32) NOT NULL,
  event_key    VARCHAR(200) NOT NULL,
  title        VARCHAR(300) NOT NULL,
  body         VARCHAR(2000) NOT NULL,
  link         VARCHAR(500) NOT NULL,
  created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  read_at      TIMESTAMP WITH TIME ZONE,
  UNIQUE (recipient_id, event_key)
);
CREATE INDEX notification_notifications_recipient_idx ON notification_notifications (recipient_id, seq DESC);
CREATE INDEX notification_notifications_unread_idx ON notification_notifications (recipient_id) WHERE read_at IS NULL;
CREATE INDEX notification_notifications_project_idx ON notification_notifications (project_id);

-- What a person chose per kind and channel; a kind without a row has the defaults (see NotificationKind).
CREATE TABLE notification_preferences
(
  user_id    UUID NOT NULL,
  kind       VARCHAR(32) NOT NULL,
  in_app     BOOLEAN NOT NULL,
  email      BOOLEAN NOT NULL,
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (user_id, kind)
);

-- A project's outgoing webhook. The signing secret is sealed with the master key (AES-256-GCM, see
-- SecretBox) and bound to the project; kinds lists the notification kinds it is sent for.
CREATE TABLE notification_webhooks
(
  project_id    UUID PRIMARY KEY,
  url           VARCHAR(2048) NOT NULL,
  enabled       BOOLEAN NOT NULL,
  kinds         TEXT[] NOT NULL,
  key_id        VARCHAR(32) NOT NULL,
  sealed_secret BYTEA NOT NULL,
  created_by    UUID NOT NULL,
  created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Emails and webhook calls still owed, and the recent history of each. A poller on any instance
-- claims due rows with FOR UPDATE SKIP LOCKED, moving next_attempt_at past the attempt (a lease: a
-- crashed attempt is due again when it runs out); a retryable failure moves it to the backoff.
-- payload is what is sent: the webhook's JSON body, or the email's address, subject and bodies.
CREATE TABLE notification_deliveries
(
  id              UUID PRIMARY KEY,
  channel         VARCHAR(8) NOT NULL CHECK (channel IN ('email', 'webhook')),
  project_id      UUID NOT NULL,
  recipient_id    UUID,
  kind            VARCHAR(32) NOT NULL,
  event_key       VARCHAR(200) NOT NULL,
  payload         TEXT NOT NULL,
  status          VARCHAR(10) NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts        INTEGER NOT NULL,
  next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
  last_status     INTEGER,
  last_error      VARCHAR(500),
  created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  finished_at     TIMESTAMP WITH TIME ZONE
);
-- One delivery per event, channel and recipient (webhook rows have none).
CREATE UNIQUE INDEX notification_deliveries_event_key
  ON notification_deliveries (channel, project_id, coalesce(recipient_id, '00000000-0000-0000-0000-000000000000'), event_key);
CREATE INDEX notification_deliveries_due_idx ON notification_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX notification_deliveries_project_idx ON notification_deliveries (project_id, channel, created_at DESC);
CREATE INDEX notification_deliveries_finished_idx ON notification_deliveries (finished_at) WHERE finished_at IS NOT NULL;
