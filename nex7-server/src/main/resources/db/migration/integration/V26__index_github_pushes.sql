-- The newest push delivery per branch of a project: reconciliation compares it with the branch's head on GitHub, and a late
-- webhook delivery of a push reconciliation already announced is recognised by it.
CREATE INDEX integration_github_deliveries_pushes
    ON integration_github_deliveries (project_id, (payload ->> 'ref'), received_at DESC)
    WHERE event = 'push';
