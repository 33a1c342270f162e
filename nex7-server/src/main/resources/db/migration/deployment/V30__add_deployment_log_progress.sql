-- A running deployment's log grows while it builds (the local builder's output, Vercel's build events), within the
-- live-log cap: its first half is kept (log_head characters), then a line saying how many characters were dropped
-- (log_dropped), then its last part. log_version counts the times the stored text was rewritten rather than appended
-- to (the tail moved, or the final log differs), so a reader following it with a cursor knows to read it whole again.
-- log_position is the target's own place in its log (Vercel: the time of the last event appended and how many events
-- had that time), so the next read asks only for what came after.
ALTER TABLE deployments ADD COLUMN log_version INT NOT NULL DEFAULT 0;
ALTER TABLE deployments ADD COLUMN log_head INT;
ALTER TABLE deployments ADD COLUMN log_dropped BIGINT NOT NULL DEFAULT 0;
ALTER TABLE deployments ADD COLUMN log_position VARCHAR(100);
