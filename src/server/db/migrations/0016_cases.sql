-- Residents' problems as cases (民情诉求 · 三级联动, issue 11).
-- A case is the resident's problem; each time it is dispatched to a unit (a village, a township or
-- a county department) that is an assignment (case_assignment), whose deadlines, acceptance and
-- end are what the three rates count. Instants are timestamptz (UTC); deadlines are instants
-- computed in working time (Asia/Shanghai) from the county's working calendar.

-- The working calendar (工作日历): official holidays and make-up working days (调休) per county.
-- A day not listed is a working day Monday to Friday and a rest day at the weekend.
-- source names where a row came from: the maintained package (e.g. 'chinese-days@1.5.7') or
-- 'manual' for the county admin's own edits.
CREATE TABLE working_calendar_day (
  county_code  text NOT NULL,
  day          date NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name         text NOT NULL,
  source       text NOT NULL,
  updated_by   bigint REFERENCES app_user (id),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, day)
);

-- Which years a county's calendar covers, and from what. A year without a row has no official
-- data: deadlines in it count weekends only, and the calendar page says so.
CREATE TABLE working_calendar_year (
  county_code  text NOT NULL,
  year         integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  source       text NOT NULL,
  loaded_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (county_code, year)
);

-- The category tree (诉求分类). domain maps a category to one of the survey's eight domains;
-- department_id is the county department responsible; start_level is the first unit of its
-- default route (village → township → department). Deadlines: response (accept) in working
-- hours, resolution in working days, an urgent case's resolution in working hours.
-- open311 marks a category offered as an Open311 service (its code is the service_code).
CREATE TABLE case_category (
  id                  bigserial PRIMARY KEY,
  county_code         text NOT NULL,
  parent_id           bigint REFERENCES case_category (id),
  code                text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
  name                text NOT NULL,
  name_en             text NOT NULL,
  description         text NOT NULL DEFAULT '',
  domain              text CHECK (domain IN ('hardship_relief', 'environment', 'medical', 'education', 'public_security', 'culture', 'employment', 'cadre_style')),
  department_id       bigint REFERENCES department (id),
  start_level         text NOT NULL DEFAULT 'village' CHECK (start_level IN ('village', 'township', 'department')),
  response_hours      integer NOT NULL DEFAULT 8 CHECK (response_hours BETWEEN 1 AND 240),
  resolve_days        integer NOT NULL DEFAULT 7 CHECK (resolve_days BETWEEN 1 AND 90),
  urgent_hours        integer NOT NULL DEFAULT 24 CHECK (urgent_hours BETWEEN 1 AND 240),
  open311             boolean NOT NULL DEFAULT false,
  active              boolean NOT NULL DEFAULT true,
  sort                integer NOT NULL DEFAULT 0,
  updated_at          timestamptz NOT NULL DEFAULT now(),
  UNIQUE (county_code, code)
);
CREATE INDEX case_category_parent_idx ON case_category (parent_id);

-- A county's case settings: the composite's weights (practice differs by place, e.g. 0.1/0.5/0.4),
-- whether 基本满意 counts as satisfied, how long before a deadline "due soon" starts, and how many
-- unanswered call-back attempts allow closing a case without a call-back.
CREATE TABLE case_setting (
  county_code                 text PRIMARY KEY,
  weight_response             numeric(4, 3) NOT NULL DEFAULT 0.1 CHECK (weight_response BETWEEN 0 AND 1),
  weight_resolution           numeric(4, 3) NOT NULL DEFAULT 0.5 CHECK (weight_resolution BETWEEN 0 AND 1),
  weight_satisfaction         numeric(4, 3) NOT NULL DEFAULT 0.4 CHECK (weight_satisfaction BETWEEN 0 AND 1),
  basically_satisfied_counts  boolean NOT NULL DEFAULT true,
  due_soon_hours              integer NOT NULL DEFAULT 8 CHECK (due_soon_hours BETWEEN 1 AND 240),
  callback_attempts_to_close  integer NOT NULL DEFAULT 3 CHECK (callback_attempts_to_close BETWEEN 1 AND 10),
  auto_escalate               boolean NOT NULL DEFAULT true,
  updated_by                  bigint REFERENCES app_user (id),
  updated_at                  timestamptz NOT NULL DEFAULT now(),
  CHECK (weight_response + weight_resolution + weight_satisfaction = 1)
);

-- A 12345 batch (a file the city's hotline transferred). digest is the SHA-256 of the file:
-- the same file twice is refused.
CREATE TABLE case_batch (
  id            bigserial PRIMARY KEY,
  county_code   text NOT NULL,
  source        text NOT NULL CHECK (source IN ('hotline_12345')),
  file_name     text NOT NULL,
  digest        text NOT NULL CHECK (digest ~ '^[0-9a-f]{64}$'),
  rows_total    integer NOT NULL DEFAULT 0,
  rows_created  integer NOT NULL DEFAULT 0,
  rows_refused  integer NOT NULL DEFAULT 0,
  report        jsonb NOT NULL DEFAULT '[]'::jsonb,   -- per-row outcome (ZCaseBatchRowReport[])
  created_by    bigint REFERENCES app_user (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (county_code, digest)
);

-- Open311 client systems (第三方系统). The key is shown once; the table keeps its SHA-256 and
-- its first characters (to tell keys apart in the list).
CREATE TABLE open311_client (
  id            bigserial PRIMARY KEY,
  county_code   text NOT NULL,
  name          text NOT NULL,
  key_hash      text NOT NULL UNIQUE CHECK (key_hash ~ '^[0-9a-f]{64}$'),
  key_prefix    text NOT NULL,
  active        boolean NOT NULL DEFAULT true,
  created_by    bigint REFERENCES app_user (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  revoked_at    timestamptz,
  last_used_at  timestamptz
);

-- A case (民情诉求). region_id is where the problem is (a village, or a township when no village is
-- known) and region_path its copy for scoping. The current unit is a region (village or township)
-- or a department, or nobody while the case waits for dispatch (registered). Contact numbers are
-- encrypted like the registry's (cipher, keyed hash, masked). Nothing in a case names a survey
-- interview: a case from a survey's open answer carries the problem and the contact only.
CREATE TABLE resident_case (
  id                  bigserial PRIMARY KEY,
  county_code         text NOT NULL,
  case_no             text NOT NULL UNIQUE,          -- 受理编号, e.g. MQ20261206-0001
  tracking_code       text NOT NULL UNIQUE,          -- the resident's code (查询码) and the Open311 token
  channel             text NOT NULL CHECK (channel IN ('window', 'phone', 'visit', 'survey', 'hotline_12345', 'open311', 'resident_page')),
  category_id         bigint NOT NULL REFERENCES case_category (id),
  region_id           bigint NOT NULL REFERENCES region (id),
  region_path         text NOT NULL,
  title               text NOT NULL,
  description         text NOT NULL,
  address             text NOT NULL DEFAULT '',
  latitude            numeric(9, 6),
  longitude           numeric(9, 6),
  urgent              boolean NOT NULL DEFAULT false,
  status              text NOT NULL DEFAULT 'registered' CHECK (status IN ('registered', 'dispatched', 'accepted', 'in_progress', 'resolved', 'called_back', 'closed', 'merged')),
  unit_region_id      bigint REFERENCES region (id),
  unit_department_id  bigint REFERENCES department (id),
  current_assignment_id bigint,
  reopen_count        integer NOT NULL DEFAULT 0,
  resident_id         bigint REFERENCES resident (id),
  contact_name        text NOT NULL DEFAULT '',
  contact_phone_cipher text,
  contact_phone_hash   text,
  contact_phone_masked text,
  consent_contact     boolean NOT NULL DEFAULT true,   -- the resident agreed to be called back
  merged_into_id      bigint REFERENCES resident_case (id),
  public              boolean NOT NULL DEFAULT false,  -- listed by Open311's public GET requests
  open311_client_id   bigint REFERENCES open311_client (id),
  batch_id            bigint REFERENCES case_batch (id),
  external_ref        text,                            -- the 12345 work order number, a client's own id
  source_visit_problem_id bigint REFERENCES visit_problem (id),
  resolution          text,
  registered_by       bigint REFERENCES app_user (id),
  registered_at       timestamptz NOT NULL DEFAULT now(),
  resolved_at         timestamptz,
  closed_at           timestamptz,
  updated_at          timestamptz NOT NULL DEFAULT now(),
  CHECK (unit_region_id IS NULL OR unit_department_id IS NULL),
  CHECK ((status = 'merged') = (merged_into_id IS NOT NULL)),
  CHECK ((contact_phone_cipher IS NULL) = (contact_phone_hash IS NULL) AND (contact_phone_hash IS NULL) = (contact_phone_masked IS NULL))
);
CREATE INDEX resident_case_scope_idx ON resident_case (county_code, region_path text_pattern_ops, registered_at DESC);
CREATE INDEX resident_case_status_idx ON resident_case (county_code, status, registered_at DESC);
CREATE INDEX resident_case_unit_region_idx ON resident_case (unit_region_id, status);
CREATE INDEX resident_case_unit_department_idx ON resident_case (unit_department_id, status);
CREATE INDEX resident_case_phone_idx ON resident_case (county_code, contact_phone_hash);
CREATE INDEX resident_case_resident_idx ON resident_case (resident_id);
CREATE INDEX resident_case_public_idx ON resident_case (county_code, registered_at DESC) WHERE public;
CREATE UNIQUE INDEX resident_case_external_ref_idx ON resident_case (county_code, channel, external_ref) WHERE external_ref IS NOT NULL;
CREATE UNIQUE INDEX resident_case_visit_problem_idx ON resident_case (source_visit_problem_id) WHERE source_visit_problem_id IS NOT NULL;

-- Each dispatch of a case to a unit (派单). response_due_at / resolve_due_at are its deadlines;
-- accepted_at its 签收; ended_at and end_reason how the unit's part ended. reopened marks a
-- dispatch after a resident said "not solved" (重办), which counts against the unit.
CREATE TABLE case_assignment (
  id                  bigserial PRIMARY KEY,
  county_code         text NOT NULL,
  case_id             bigint NOT NULL REFERENCES resident_case (id),
  unit_region_id      bigint REFERENCES region (id),
  unit_department_id  bigint REFERENCES department (id),
  unit_path           text,                             -- the unit region's path (null for a department)
  level               text NOT NULL CHECK (level IN ('village', 'township', 'department')),
  dispatched_by       bigint REFERENCES app_user (id),  -- null when the deadline sweep escalated
  dispatched_at       timestamptz NOT NULL,
  response_due_at     timestamptz NOT NULL,
  resolve_due_at      timestamptz NOT NULL,
  accepted_at         timestamptz,
  accepted_by         bigint REFERENCES app_user (id),
  resolved_at         timestamptz,
  ended_at            timestamptz,
  end_reason          text CHECK (end_reason IN ('resolved', 'escalated', 'auto_escalated', 'returned', 'merged', 'redispatched')),
  reopened            boolean NOT NULL DEFAULT false,
  response_reminded_at timestamptz,                     -- 督办 sent for a missed response deadline
  resolve_reminded_at  timestamptz,                     -- 督办 sent for a missed resolution deadline
  CHECK ((unit_region_id IS NULL) <> (unit_department_id IS NULL)),
  CHECK ((ended_at IS NULL) = (end_reason IS NULL))
);
CREATE INDEX case_assignment_case_idx ON case_assignment (case_id, id);
CREATE INDEX case_assignment_month_idx ON case_assignment (county_code, dispatched_at);
CREATE INDEX case_assignment_open_idx ON case_assignment (county_code, resolve_due_at) WHERE ended_at IS NULL;
CREATE INDEX case_assignment_department_idx ON case_assignment (unit_department_id, case_id);
CREATE INDEX case_assignment_unit_path_idx ON case_assignment (unit_path text_pattern_ops);

-- A call back to the resident (回访). outcome 'unreachable' is an attempt that reached nobody;
-- a reached call records whether it was solved and how satisfied the resident is.
CREATE TABLE case_callback (
  id             bigserial PRIMARY KEY,
  county_code    text NOT NULL,
  case_id        bigint NOT NULL REFERENCES resident_case (id),
  assignment_id  bigint NOT NULL REFERENCES case_assignment (id),
  outcome        text NOT NULL CHECK (outcome IN ('reached', 'unreachable')),
  solved         boolean,
  satisfaction   text CHECK (satisfaction IN ('satisfied', 'basically_satisfied', 'dissatisfied')),
  note           text NOT NULL DEFAULT '',
  called_by      bigint REFERENCES app_user (id),
  called_at      timestamptz NOT NULL,
  CHECK ((outcome = 'reached') = (solved IS NOT NULL)),
  CHECK (outcome = 'reached' OR satisfaction IS NULL)
);
CREATE INDEX case_callback_case_idx ON case_callback (case_id, id);
CREATE INDEX case_callback_month_idx ON case_callback (county_code, called_at);

-- The history of a case (办理过程): every step, visible on the case page. details is the step's
-- own data (ZCaseEventDetails).
CREATE TABLE case_event (
  id             bigserial PRIMARY KEY,
  county_code    text NOT NULL,
  case_id        bigint NOT NULL REFERENCES resident_case (id),
  kind           text NOT NULL CHECK (kind IN ('register', 'dispatch', 'accept', 'note', 'resolve', 'escalate', 'auto_escalate', 'return', 'callback', 'reopen', 'close', 'merge', 'remind', 'link_resident', 'public_change')),
  from_status    text,
  to_status      text,
  assignment_id  bigint REFERENCES case_assignment (id),
  actor_id       bigint REFERENCES app_user (id),
  note           text NOT NULL DEFAULT '',
  details        jsonb NOT NULL DEFAULT '{}'::jsonb,
  at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_event_case_idx ON case_event (case_id, id);

-- Evidence files of a case (办理材料: photos), kept in stored_file like visit photos.
CREATE TABLE case_file (
  case_id      bigint NOT NULL REFERENCES resident_case (id),
  sha256       text NOT NULL REFERENCES stored_file (sha256),
  county_code  text NOT NULL,
  event_id     bigint REFERENCES case_event (id),
  added_by     bigint REFERENCES app_user (id),
  added_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, sha256)
);

-- Messages to residents (accepted, resolved, call-back) wait here until a sender delivers them.
-- dedupe_key makes a message once-only (e.g. 'accepted:<assignment id>'); a failed send is
-- retried at next_attempt_at until attempts run out.
CREATE TABLE notification_outbox (
  id              bigserial PRIMARY KEY,
  county_code     text NOT NULL,
  case_id         bigint REFERENCES resident_case (id),
  kind            text NOT NULL CHECK (kind IN ('accepted', 'resolved', 'callback', 'reminder')),
  dedupe_key      text NOT NULL UNIQUE,
  phone_cipher    text NOT NULL,
  phone_masked    text NOT NULL,
  body            text NOT NULL,
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error      text,
  sender          text,
  sent_at         timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notification_outbox_due_idx ON notification_outbox (next_attempt_at) WHERE status IN ('pending', 'sending');

-- Reminders to units and their supervisors (督办) from the deadline sweep, shown on workbenches.
CREATE TABLE case_reminder (
  id                  bigserial PRIMARY KEY,
  county_code         text NOT NULL,
  case_id             bigint NOT NULL REFERENCES resident_case (id),
  assignment_id       bigint NOT NULL REFERENCES case_assignment (id),
  deadline            text NOT NULL CHECK (deadline IN ('response', 'resolve')),
  unit_region_id      bigint REFERENCES region (id),
  unit_department_id  bigint REFERENCES department (id),
  supervisor_region_id bigint REFERENCES region (id),   -- the level above, reminded too
  created_at          timestamptz NOT NULL DEFAULT now(),
  read_at             timestamptz,
  UNIQUE (assignment_id, deadline)
);

-- Public intake's human check (resident page): a challenge is used once.
CREATE TABLE public_challenge (
  id          text PRIMARY KEY,
  answer_hash text NOT NULL,
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz
);

ALTER TABLE resident_case ADD CONSTRAINT resident_case_current_assignment_fk FOREIGN KEY (current_assignment_id) REFERENCES case_assignment (id);
