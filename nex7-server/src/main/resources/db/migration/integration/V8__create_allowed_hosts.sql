-- Hosts an administrator opened for outbound HTTP at run time (besides nex7.integration.allowed-hosts).
-- The entry is stored in canonical form (host or host:port, IPv6 in brackets), so it is unique as written.
-- Users belong to the identity module: referenced by id only, no cross-module foreign key.
CREATE TABLE integration_allowed_hosts
(
  id         UUID PRIMARY KEY,
  entry      VARCHAR(300) NOT NULL UNIQUE,
  created_by UUID NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
