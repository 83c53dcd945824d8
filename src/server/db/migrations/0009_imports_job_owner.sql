-- Who runs an import, so that a job whose process is gone stops showing 'running' without
-- waiting for a server restart: a CLI import killed next to a running server (both on one
-- PostgreSQL), or a server killed while another keeps serving the same database. owner_host and
-- owner_pid say which process; heartbeat_at is refreshed while it works. Older rows have none.
ALTER TABLE import_job ADD COLUMN owner_host text;
ALTER TABLE import_job ADD COLUMN owner_pid integer;
ALTER TABLE import_job ADD COLUMN heartbeat_at timestamptz;
CREATE INDEX import_job_running_idx ON import_job (created_at) WHERE status = 'running';
