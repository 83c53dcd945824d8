-- Satisfaction telephone survey (群众满意度电话调查): questionnaires with frozen versions, waves
-- of fieldwork, sampling frames, stratified samples released in replicates, cases handed to
-- interviewers one at a time, call attempts with AAPOR dispositions, interviews and answers.
-- Phone numbers follow the registry's convention: …_cipher (AES-GCM), …_hash (keyed lookup),
-- …_masked (what screens show). Nothing here names the resident: a township reading results
-- must not be able to learn who said what.

CREATE TABLE questionnaire (
  id           bigserial PRIMARY KEY,
  county_code  text NOT NULL,
  name         text NOT NULL,
  name_en      text NOT NULL DEFAULT '',
  -- The built-in standard questionnaire is marked so the demo and new counties can find it.
  standard     boolean NOT NULL DEFAULT false,
  created_by   bigint REFERENCES app_user (id),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX questionnaire_county_idx ON questionnaire (county_code);

-- A version is a draft until published; a published version is frozen (trigger below) and
-- edits create the next version.
CREATE TABLE questionnaire_version (
  id                bigserial PRIMARY KEY,
  questionnaire_id  bigint NOT NULL REFERENCES questionnaire (id),
  county_code       text NOT NULL,
  version           integer NOT NULL CHECK (version >= 1),
  definition        jsonb NOT NULL,
  status            text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
  published_at      timestamptz,
  published_by      bigint REFERENCES app_user (id),
  created_by        bigint REFERENCES app_user (id),
  created_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (questionnaire_id, version),
  CHECK ((status = 'published') = (published_at IS NOT NULL))
);

CREATE FUNCTION questionnaire_version_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'published' AND current_setting('lianxin.restoring', true) IS DISTINCT FROM 'on' THEN
    RAISE EXCEPTION 'questionnaire version % is published and frozen', OLD.id USING ERRCODE = 'P0001';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER questionnaire_version_frozen BEFORE UPDATE OR DELETE ON questionnaire_version
  FOR EACH ROW EXECUTE FUNCTION questionnaire_version_frozen();

-- A wave (调查轮次): one round of fieldwork in one county.
CREATE TABLE survey_wave (
  id                         bigserial PRIMARY KEY,
  county_code                text NOT NULL,
  county_id                  bigint NOT NULL REFERENCES region (id),
  name                       text NOT NULL,
  questionnaire_version_id   bigint NOT NULL REFERENCES questionnaire_version (id),
  starts_on                  date NOT NULL,
  ends_on                    date NOT NULL,
  -- draft: being set up; fieldwork: cases are handed out; closed: no more writes.
  status                     text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'fieldwork', 'closed')),
  -- [{"from":"09:00","to":"11:30"},{"from":"14:00","to":"20:30"}], Asia/Shanghai local time.
  calling_hours              jsonb NOT NULL,
  max_attempts               integer NOT NULL CHECK (max_attempts BETWEEN 1 AND 30),
  -- Share of completes by phone kind, e.g. {"mobile":6,"landline":4}; {} = no quota.
  phone_quota                jsonb NOT NULL DEFAULT '{}',
  allocation                 text NOT NULL DEFAULT 'proportional' CHECK (allocation IN ('proportional', 'equal', 'neyman')),
  min_per_township           integer NOT NULL DEFAULT 0 CHECK (min_per_township >= 0),
  -- Completed interviews wanted in the whole county; strata get their share by the allocation.
  target_completes           integer NOT NULL CHECK (target_completes >= 1),
  -- Numbers drawn per expected complete (about 2: half of the numbers dialled yield an interview).
  numbers_per_complete       numeric(5, 2) NOT NULL DEFAULT 2.5 CHECK (numbers_per_complete >= 1),
  -- The sample is split into this many replicates (批次); released one at a time.
  replicate_count            integer NOT NULL DEFAULT 5 CHECK (replicate_count BETWEEN 1 AND 50),
  -- The seed of the draw (hex); the same frame and seed give the same sample.
  sample_seed                text,
  sampled_at                 timestamptz,
  -- The AAPOR eligibility estimate e a supervisor set for RR3; null = estimated from the data.
  eligibility_override       numeric(6, 5) CHECK (eligibility_override BETWEEN 0 AND 1),
  created_by                 bigint REFERENCES app_user (id),
  created_at                 timestamptz NOT NULL DEFAULT now(),
  opened_at                  timestamptz,
  closed_at                  timestamptz,
  CHECK (ends_on >= starts_on)
);
CREATE INDEX survey_wave_county_idx ON survey_wave (county_code, status);

-- A stratum of the wave: one township, its population (for the county's weighted estimate and
-- proportional allocation) and its target of completed interviews.
CREATE TABLE wave_stratum (
  wave_id            bigint NOT NULL REFERENCES survey_wave (id),
  township_id        bigint NOT NULL REFERENCES region (id),
  county_code        text NOT NULL,
  population         integer NOT NULL CHECK (population >= 0),
  -- Assumed standard deviation of the index, for Neyman allocation; null = equal across strata.
  assumed_sd         numeric(8, 3),
  target_completes   integer NOT NULL DEFAULT 0 CHECK (target_completes >= 0),
  frame_size         integer NOT NULL DEFAULT 0,
  sample_size        integer NOT NULL DEFAULT 0,
  PRIMARY KEY (wave_id, township_id)
);

-- The sampling frame: the numbers the sample is drawn from, one row per distinct number.
CREATE TABLE frame_entry (
  id            bigserial PRIMARY KEY,
  wave_id       bigint NOT NULL REFERENCES survey_wave (id),
  county_code   text NOT NULL,
  township_id   bigint NOT NULL REFERENCES region (id),
  source        text NOT NULL CHECK (source IN ('registry', 'upload')),
  phone_kind    text NOT NULL CHECK (phone_kind IN ('mobile', 'landline')),
  phone_cipher  text NOT NULL,
  phone_hash    text NOT NULL,
  phone_masked  text NOT NULL,
  UNIQUE (wave_id, phone_hash)
);
CREATE INDEX frame_entry_stratum_idx ON frame_entry (wave_id, township_id, phone_kind);

CREATE TABLE wave_replicate (
  wave_id      bigint NOT NULL REFERENCES survey_wave (id),
  replicate    integer NOT NULL CHECK (replicate >= 1),
  size         integer NOT NULL,
  released_at  timestamptz,
  released_by  bigint REFERENCES app_user (id),
  PRIMARY KEY (wave_id, replicate)
);

-- A sampled number (样本). Callable when its replicate is released and it has no final
-- disposition. "Next case" takes one with an UPDATE … WHERE id = (SELECT … FOR UPDATE SKIP
-- LOCKED), so a case goes to exactly one interviewer.
CREATE TABLE sample_case (
  id                    bigserial PRIMARY KEY,
  county_code           text NOT NULL,
  wave_id               bigint NOT NULL REFERENCES survey_wave (id),
  township_id           bigint NOT NULL REFERENCES region (id),
  frame_entry_id        bigint NOT NULL REFERENCES frame_entry (id),
  replicate             integer NOT NULL,
  released              boolean NOT NULL DEFAULT false,
  -- Random order of fresh numbers inside the replicate (from the seeded draw).
  draw_order            integer NOT NULL,
  phone_kind            text NOT NULL CHECK (phone_kind IN ('mobile', 'landline')),
  phone_cipher          text NOT NULL,
  phone_hash            text NOT NULL,
  phone_masked          text NOT NULL,
  attempts              integer NOT NULL DEFAULT 0,
  last_disposition      text,
  final_disposition     text,
  finalized_at          timestamptz,
  -- When the next attempt may be made (a callback's delay); null = now.
  next_call_at          timestamptz,
  -- An appointment (预约) agreed with the respondent; due appointments come first.
  appointment_at        timestamptz,
  appointment_with      bigint REFERENCES app_user (id),
  -- The interviewer holding the case, until they record a disposition or the lease runs out.
  assigned_to           bigint REFERENCES app_user (id),
  assigned_at           timestamptz,
  lease_expires_at      timestamptz,
  UNIQUE (wave_id, frame_entry_id)
);
CREATE INDEX sample_case_queue_idx ON sample_case (wave_id, appointment_at, next_call_at, draw_order)
  WHERE final_disposition IS NULL AND released;
CREATE INDEX sample_case_assigned_idx ON sample_case (assigned_to) WHERE assigned_to IS NOT NULL;
-- One index per queue of "next case", each in the order it is served, so the claim reads the
-- head of its queue instead of sorting every waiting number (PostgreSQL does not take IS NULL
-- on a leading column as an equality that keeps the order of the next one).
CREATE INDEX sample_case_fresh_idx ON sample_case (wave_id, draw_order)
  WHERE final_disposition IS NULL AND released AND appointment_at IS NULL AND next_call_at IS NULL;
CREATE INDEX sample_case_callback_idx ON sample_case (wave_id, next_call_at, draw_order)
  WHERE final_disposition IS NULL AND released AND appointment_at IS NULL AND next_call_at IS NOT NULL;
CREATE INDEX sample_case_appointment_idx ON sample_case (wave_id, appointment_at, draw_order)
  WHERE final_disposition IS NULL AND released AND appointment_at IS NOT NULL;

-- One dialling of a case by an interviewer, with the outcome recorded for it.
CREATE TABLE call_attempt (
  id               bigserial PRIMARY KEY,
  county_code      text NOT NULL,
  wave_id          bigint NOT NULL REFERENCES survey_wave (id),
  case_id          bigint NOT NULL REFERENCES sample_case (id),
  interviewer_id   bigint NOT NULL REFERENCES app_user (id),
  attempt_no       integer NOT NULL,
  assigned_at      timestamptz NOT NULL,
  dialed_at        timestamptz,
  ended_at         timestamptz,
  disposition      text,
  note             text NOT NULL DEFAULT '',
  -- The browser's key of the disposition submission: the same submission twice is recorded once.
  submission_id    text UNIQUE CHECK (length(submission_id) BETWEEN 8 AND 64),
  UNIQUE (case_id, attempt_no)
);
CREATE INDEX call_attempt_wave_idx ON call_attempt (wave_id, interviewer_id, ended_at);

-- The interview with whoever answered a case's number. township_id is the respondent's
-- township as answered to S3 (usually the stratum's). revision counts saved changes so a stale
-- resubmission from a reconnecting browser is recognised.
CREATE TABLE interview (
  id                 bigserial PRIMARY KEY,
  county_code        text NOT NULL,
  wave_id            bigint NOT NULL REFERENCES survey_wave (id),
  case_id            bigint NOT NULL UNIQUE REFERENCES sample_case (id),
  township_id        bigint REFERENCES region (id),
  interviewer_id     bigint NOT NULL REFERENCES app_user (id),
  status             text NOT NULL DEFAULT 'in_progress'
                     CHECK (status IN ('in_progress', 'complete', 'partial', 'screened_out', 'broken_off')),
  -- The question to resume at (a partial interview resumes where it stopped).
  current_question   text,
  revision           integer NOT NULL DEFAULT 0,
  started_at         timestamptz NOT NULL DEFAULT now(),
  completed_at       timestamptz,
  -- Talk time summed over the attempts that worked on it.
  duration_seconds   integer NOT NULL DEFAULT 0,
  -- Quality control: flags raised and whether the interview was drawn for a re-check call.
  qc_flags           text[] NOT NULL DEFAULT '{}',
  recheck            boolean NOT NULL DEFAULT false,
  recheck_result     text CHECK (recheck_result IN ('confirmed', 'not_confirmed', 'unreachable')),
  -- The supervisor's note on the re-check call, who recorded it and when.
  recheck_note       text NOT NULL DEFAULT '',
  rechecked_by       bigint REFERENCES app_user (id),
  rechecked_at       timestamptz
);
CREATE INDEX interview_wave_idx ON interview (wave_id, status, township_id);

-- One answer. option_id for choice questions, text for open ones.
CREATE TABLE interview_answer (
  interview_id   bigint NOT NULL REFERENCES interview (id),
  question_code  text NOT NULL,
  option_id      text,
  text           text,
  answered_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (interview_id, question_code),
  CHECK ((option_id IS NULL) <> (text IS NULL))
);

-- Submissions already applied, by the key the browser sends with each: the same submission
-- twice is recorded once and answered with the same result.
CREATE TABLE interview_submission (
  submission_id  text PRIMARY KEY CHECK (length(submission_id) BETWEEN 8 AND 64),
  interview_id   bigint NOT NULL REFERENCES interview (id),
  revision       integer NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now()
);
