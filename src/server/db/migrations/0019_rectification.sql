-- Rectification (整改, issue 12 points 1–2): what only the rectification module needs beside the
-- shared tables of 0018.

-- The county's thresholds for proposing tasks from a closed wave, and the rule for a case
-- category piling up. Edited by the county admin (audited as rectification_setting.update); a
-- county without a row uses the defaults below.
CREATE TABLE rectification_setting (
  county_code                text PRIMARY KEY,
  -- A township's index (0–100) below this is weak …
  index_threshold            numeric(6, 2) NOT NULL DEFAULT 80 CHECK (index_threshold BETWEEN 0 AND 100),
  -- … a domain's mean score below this …
  domain_score_threshold     numeric(6, 2) NOT NULL DEFAULT 75 CHECK (domain_score_threshold BETWEEN 0 AND 100),
  -- … a dissatisfaction rate (0–1) above this.
  dissatisfaction_threshold  numeric(5, 4) NOT NULL DEFAULT 0.15 CHECK (dissatisfaction_threshold BETWEEN 0 AND 1),
  -- A case category piles up when a township registered at least this many in the last 30 days …
  case_min_count             integer NOT NULL DEFAULT 5 CHECK (case_min_count >= 1),
  -- … and significantly more than in the 30 days before (one-sided exact conditional test at this level).
  case_alpha                 numeric(5, 4) NOT NULL DEFAULT 0.05 CHECK (case_alpha > 0 AND case_alpha < 0.5),
  updated_by                 bigint REFERENCES app_user (id),
  updated_at                 timestamptz NOT NULL DEFAULT now()
);

-- The files (photos) of a task's progress reports: stored through the visit-files pipeline
-- (stored_file, metadata stripped) and named by the task, so only those who see the task read
-- them. update_id is the progress report that names it (null while uploaded but not yet reported).
CREATE TABLE rectification_file (
  task_id      bigint NOT NULL REFERENCES rectification_task (id),
  sha256       text NOT NULL REFERENCES stored_file (sha256),
  county_code  text NOT NULL,
  update_id    bigint REFERENCES rectification_update (id),
  added_by     bigint REFERENCES app_user (id),
  added_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (task_id, sha256)
);
CREATE INDEX rectification_file_update_idx ON rectification_file (update_id);
