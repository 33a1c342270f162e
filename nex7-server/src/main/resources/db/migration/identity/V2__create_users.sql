CREATE TABLE identity_users
(
  id            UUID PRIMARY KEY,
  email         VARCHAR(254) NOT NULL,
  name          VARCHAR(100) NOT NULL,
  avatar_url    VARCHAR(2048),
  password_hash VARCHAR(255) NOT NULL,
  role          VARCHAR(16) NOT NULL CHECK (role IN ('user', 'admin')),
  created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  last_login_at TIMESTAMP WITH TIME ZONE
);
-- Emails are stored normalised (trimmed, lower case), so a plain unique index is the uniqueness rule.
CREATE UNIQUE INDEX identity_users_email_key ON identity_users (email);
