-- A re-import that would change what the registry already holds (a person renamed, a household
-- moved, a phone or label added to someone registered) stops before writing: the job ends
-- 'awaiting_confirmation' with every change listed field by field in import_change, and nothing
-- written. Confirming runs the same file again as a new job (confirms_job_id) that writes only
-- if its changes are exactly those previewed (changes_digest) from the same bytes (file_sha256);
-- the preview then becomes 'confirmed', or 'expired' when it can no longer be confirmed.
ALTER TABLE import_job DROP CONSTRAINT import_job_status_check;
ALTER TABLE import_job ADD CONSTRAINT import_job_status_check
  CHECK (status IN ('running', 'succeeded', 'rejected', 'failed', 'awaiting_confirmation', 'confirmed', 'expired'));
ALTER TABLE import_job ADD COLUMN file_sha256 text;
ALTER TABLE import_job ADD COLUMN changes_digest text;
ALTER TABLE import_job ADD COLUMN change_count integer NOT NULL DEFAULT 0;
ALTER TABLE import_job ADD COLUMN confirms_job_id text REFERENCES import_job (id);
CREATE UNIQUE INDEX import_job_confirms_uq ON import_job (confirms_job_id) WHERE confirms_job_id IS NOT NULL;

-- One changed field of an existing household or person (or a member added to an existing
-- household), as a re-import found it. Phones masked; ID numbers never change (they are the key).
CREATE TABLE import_change (
  id            bigserial PRIMARY KEY,
  job_id        text NOT NULL REFERENCES import_job (id),
  county_code   text NOT NULL,
  row_no        integer NOT NULL,                      -- the person's row; a household's first row
  household_no  text NOT NULL,
  resident_id   bigint,                                -- null for a household's own fields and added members
  person        text NOT NULL DEFAULT '',              -- the person as registered (or added), '' for household fields
  field         text NOT NULL,
  old_value     text NOT NULL,
  new_value     text NOT NULL
);
CREATE INDEX import_change_job_idx ON import_change (job_id, row_no);
