-- Closing the loop (issue 12): rectification tasks (整改), policy publicity (政策宣传), the
-- township assessment (考核) and its bulletin (通报), and signs of gaming (刷分迹象).
-- Instants are timestamptz (UTC); calendar dates (deadlines, periods) are Asia/Shanghai dates.
-- Each module may add its own later migration (0019_<module>.sql) for what only it needs; the
-- tables here are the ones several modules read.

-- A rectification task (整改任务). A task is proposed by the platform from a closed wave's weak
-- figure or a case category piling up (status 'proposed'), then confirmed ('open') or dropped by
-- the county admin; or created by hand ('open' at once). The owner works on it and submits it
-- ('submitted'); the county verifies: accepted ('accepted', done) or sent back ('open' again,
-- with a 'return' update). township_id is the place whose figure is weak (null: county-wide);
-- region_path is that place's path (or the county's) for scoping.
-- figure_key names the survey figure the task is about, in computeWaveResults' keys:
-- 'index', 'dissatisfaction', 'domain:<code>:score' … ; wave_id is the wave that showed it, and
-- the next closed wave is compared with it for that township ("did it work").
-- evidence is what the proposal rested on (ZRectificationEvidence): figures with n and interval.
CREATE TABLE rectification_task (
  id                   bigserial PRIMARY KEY,
  county_code          text NOT NULL,
  task_no              text NOT NULL,                    -- 整改编号, e.g. ZG2026-0001
  source               text NOT NULL CHECK (source IN ('survey', 'cases', 'manual')),
  status               text NOT NULL CHECK (status IN ('proposed', 'dropped', 'open', 'submitted', 'accepted')),
  township_id          bigint REFERENCES region (id),
  region_path          text NOT NULL,
  owner_region_id      bigint REFERENCES region (id),    -- a township owns it …
  owner_department_id  bigint REFERENCES department (id),-- … or a county department
  wave_id              bigint REFERENCES survey_wave (id),
  figure_key           text,
  domain               text CHECK (domain IN ('hardship_relief', 'environment', 'medical', 'education', 'public_security', 'culture', 'employment', 'cadre_style')),
  case_category_id     bigint REFERENCES case_category (id),
  title                text NOT NULL,
  problem              text NOT NULL,
  evidence             jsonb NOT NULL DEFAULT '{}'::jsonb,
  measures             text NOT NULL DEFAULT '',
  due_on               date,
  drop_reason          text,
  created_by           bigint REFERENCES app_user (id),  -- null for a proposal the platform made
  created_at           timestamptz NOT NULL DEFAULT now(),
  confirmed_by         bigint REFERENCES app_user (id),
  confirmed_at         timestamptz,
  submitted_at         timestamptz,                      -- the last submission for verification
  accepted_by          bigint REFERENCES app_user (id),
  accepted_at          timestamptz,
  updated_at           timestamptz NOT NULL DEFAULT now(),
  UNIQUE (county_code, task_no),
  CHECK (owner_region_id IS NULL OR owner_department_id IS NULL),
  CHECK (status IN ('proposed', 'dropped') OR (owner_region_id IS NOT NULL OR owner_department_id IS NOT NULL)),
  CHECK (status IN ('proposed', 'dropped') OR due_on IS NOT NULL),
  CHECK ((status = 'accepted') = (accepted_at IS NOT NULL))
);
CREATE INDEX rectification_task_scope_idx ON rectification_task (county_code, region_path text_pattern_ops, status);
CREATE INDEX rectification_task_due_idx ON rectification_task (county_code, due_on) WHERE status IN ('open', 'submitted');
CREATE INDEX rectification_task_owner_department_idx ON rectification_task (owner_department_id, status);
-- One proposal per wave, township and figure: proposing twice adds nothing.
CREATE UNIQUE INDEX rectification_task_proposal_idx ON rectification_task (wave_id, COALESCE(township_id, 0), figure_key) WHERE source = 'survey';

-- The history of a task: confirmation, edits, progress reports with files, submission,
-- acceptance, sending back, dropping. details holds the step's own data (an edit's before/after).
CREATE TABLE rectification_update (
  id            bigserial PRIMARY KEY,
  county_code   text NOT NULL,
  task_id       bigint NOT NULL REFERENCES rectification_task (id),
  kind          text NOT NULL CHECK (kind IN ('propose', 'create', 'confirm', 'edit', 'drop', 'progress', 'submit', 'accept', 'return')),
  note          text NOT NULL DEFAULT '',
  details       jsonb NOT NULL DEFAULT '{}'::jsonb,
  actor_id      bigint REFERENCES app_user (id),
  at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rectification_update_task_idx ON rectification_update (task_id, id);

-- A publicity activity (政策宣传活动) a township logged: a meeting, a notice, a broadcast … and
-- the policies it explained. Visits that explained a policy are counted from visit_policy, not
-- copied here. region_id is the township or village where it took place.
CREATE TABLE publicity_activity (
  id            bigserial PRIMARY KEY,
  county_code   text NOT NULL,
  region_id     bigint NOT NULL REFERENCES region (id),
  region_path   text NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('meeting', 'notice', 'broadcast', 'door_to_door', 'training', 'other')),
  held_on       date NOT NULL,
  title         text NOT NULL,
  audience      integer CHECK (audience IS NULL OR audience BETWEEN 0 AND 1000000),  -- people reached, when counted
  note          text NOT NULL DEFAULT '',
  created_by    bigint REFERENCES app_user (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  voided_at     timestamptz,                       -- a mistaken entry is voided, never deleted
  void_reason   text
);
CREATE INDEX publicity_activity_scope_idx ON publicity_activity (county_code, region_path text_pattern_ops, held_on);
CREATE TABLE publicity_activity_policy (
  activity_id   bigint NOT NULL REFERENCES publicity_activity (id),
  policy_code   text NOT NULL REFERENCES policy (code),
  PRIMARY KEY (activity_id, policy_code)
);

-- An assessment (考核) of the county's townships for a period. Its scheme (components, scaling,
-- weights) is versioned: every change makes a new assessment_scheme_version row and an audit
-- entry; the assessment points to its current version. Computing stores the result of the
-- current version (ZAssessmentResult) in assessment_result; publishing freezes one result:
-- status 'published', and nothing of the assessment can change afterwards (a correction is a
-- new assessment that names the one it supersedes).
CREATE TABLE assessment (
  id                  bigserial PRIMARY KEY,
  county_code         text NOT NULL,
  county_id           bigint NOT NULL REFERENCES region (id),
  name                text NOT NULL,
  period_start        date NOT NULL,
  period_end          date NOT NULL,
  status              text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
  current_version     integer NOT NULL DEFAULT 1,
  previous_id         bigint REFERENCES assessment (id),   -- the previous period, for the comparison
  supersedes_id       bigint REFERENCES assessment (id),   -- a correction of a published assessment
  published_result_id bigint,
  published_by        bigint REFERENCES app_user (id),
  published_at        timestamptz,
  created_by          bigint REFERENCES app_user (id),
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  CHECK (period_end >= period_start),
  CHECK ((status = 'published') = (published_at IS NOT NULL AND published_result_id IS NOT NULL))
);
CREATE INDEX assessment_county_idx ON assessment (county_code, period_end DESC);

-- Each version of an assessment's scheme: the ZAssessmentScheme JSON (components, scaling,
-- weights, the waves the survey components come from).
CREATE TABLE assessment_scheme_version (
  assessment_id  bigint NOT NULL REFERENCES assessment (id),
  version        integer NOT NULL CHECK (version >= 1),
  scheme         jsonb NOT NULL,
  note           text NOT NULL DEFAULT '',
  created_by     bigint REFERENCES app_user (id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (assessment_id, version)
);

-- Bonus and penalty items (加减分) entered by hand, each with its reason. A removed item stays,
-- with removed_at, so the history shows it.
CREATE TABLE assessment_adjustment (
  id             bigserial PRIMARY KEY,
  assessment_id  bigint NOT NULL REFERENCES assessment (id),
  township_id    bigint NOT NULL REFERENCES region (id),
  points         numeric(6, 2) NOT NULL CHECK (points BETWEEN -100 AND 100 AND points <> 0),
  reason         text NOT NULL CHECK (length(reason) >= 2),
  created_by     bigint REFERENCES app_user (id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  removed_by     bigint REFERENCES app_user (id),
  removed_at     timestamptz
);
CREATE INDEX assessment_adjustment_assessment_idx ON assessment_adjustment (assessment_id);

-- The city's own spot-check figures for the county (市级抽查), entered by hand or imported:
-- figure is 'index', 'satisfaction' or 'dissatisfaction'; estimate on the survey's scale, with
-- its n and interval when the city published them.
CREATE TABLE city_spot_check (
  id              bigserial PRIMARY KEY,
  county_code     text NOT NULL,
  period_start    date NOT NULL,
  period_end      date NOT NULL,
  figure          text NOT NULL CHECK (figure IN ('index', 'satisfaction', 'dissatisfaction')),
  estimate        numeric(10, 4) NOT NULL,
  n               integer CHECK (n IS NULL OR n > 0),
  lower_bound     numeric(10, 4),
  upper_bound     numeric(10, 4),
  source          text NOT NULL,                 -- the city's document, e.g. 市联系服务办〔2026〕12号
  city_rank       integer CHECK (city_rank IS NULL OR city_rank > 0),   -- the county's place among the city's counties
  city_counties   integer CHECK (city_counties IS NULL OR city_counties > 0),
  created_by      bigint REFERENCES app_user (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (period_end >= period_start),
  CHECK ((lower_bound IS NULL) = (upper_bound IS NULL)),
  UNIQUE (county_code, period_start, period_end, figure)
);

-- A computed result (ZAssessmentResult JSON) of one scheme version. Recomputing a draft adds a
-- row; the published one is referenced by assessment.published_result_id and never changes.
CREATE TABLE assessment_result (
  id               bigserial PRIMARY KEY,
  assessment_id    bigint NOT NULL REFERENCES assessment (id),
  scheme_version   integer NOT NULL,
  result           jsonb NOT NULL,
  computed_by      bigint REFERENCES app_user (id),
  computed_at      timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (assessment_id, scheme_version) REFERENCES assessment_scheme_version (assessment_id, version)
);
CREATE INDEX assessment_result_assessment_idx ON assessment_result (assessment_id, id DESC);
ALTER TABLE assessment ADD FOREIGN KEY (published_result_id) REFERENCES assessment_result (id);

-- A published result cannot be rewritten by the application: neither its row nor the
-- assessment's frozen columns (the bulletin and every later comparison rest on it).
CREATE FUNCTION lianxin_forbid_published_result_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM assessment a WHERE a.published_result_id = OLD.id) THEN
    RAISE EXCEPTION 'a published assessment result is frozen' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER assessment_result_frozen BEFORE UPDATE OR DELETE ON assessment_result FOR EACH ROW EXECUTE FUNCTION lianxin_forbid_published_result_change();

-- Signs of gaming (刷分迹象) found for a township: a satisfaction jump with unusually uniform
-- answers, or case and visit records that disagree with what residents say. evidence is the
-- figures (ZGamingEvidence); the county reviews each flag. County-only: never shown to the
-- township, never in the published bulletin. One flag per wave, township and signal.
CREATE TABLE gaming_flag (
  id             bigserial PRIMARY KEY,
  county_code    text NOT NULL,
  wave_id        bigint NOT NULL REFERENCES survey_wave (id),
  township_id    bigint NOT NULL REFERENCES region (id),
  signal         text NOT NULL CHECK (signal IN ('uniform_answers', 'satisfaction_jump', 'cases_disagree', 'visits_disagree')),
  severity       text NOT NULL CHECK (severity IN ('watch', 'review')),
  evidence       jsonb NOT NULL,
  status         text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'dismissed', 'confirmed')),
  review_note    text,
  reviewed_by    bigint REFERENCES app_user (id),
  reviewed_at    timestamptz,
  detected_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (wave_id, township_id, signal)
);
CREATE INDEX gaming_flag_county_idx ON gaming_flag (county_code, status);

-- A published assessment is frozen as a whole: its row does not change again.
CREATE FUNCTION lianxin_forbid_published_assessment_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'published' THEN
    RAISE EXCEPTION 'a published assessment is frozen' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER assessment_frozen BEFORE UPDATE OR DELETE ON assessment FOR EACH ROW EXECUTE FUNCTION lianxin_forbid_published_assessment_change();
