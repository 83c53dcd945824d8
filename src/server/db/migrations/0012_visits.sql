-- Household visits and aid campaigns (心连心大走访 · 集中走访慰问, issue 10).
-- Money is integer fen (分). Instants are timestamptz (UTC); calendar dates are Asia/Shanghai
-- dates. A campaign's definition (period, done rule, aid standards, budgets, grace days) is the
-- JSON of ZCampaignDefinition (src/shared/visits/campaign-schemas.ts); the columns beside it are
-- copies the queries need.

-- The configurable list of policies a visit explains (政策宣传). Codes are stable; names can change.
CREATE TABLE policy (
  code     text PRIMARY KEY,
  name     text NOT NULL,
  name_en  text NOT NULL,
  sort     integer NOT NULL,
  active   boolean NOT NULL DEFAULT true
);
INSERT INTO policy (code, name, name_en, sort) VALUES
  ('dibao', '最低生活保障（低保）', 'Minimum living allowance (dibao)', 10),
  ('medical_insurance', '城乡居民医疗保险', 'Residents'' medical insurance', 20),
  ('pension', '城乡居民养老保险', 'Residents'' pension insurance', 30),
  ('farm_subsidy', '惠农补贴', 'Farm subsidies', 40),
  ('temporary_relief', '临时救助', 'Temporary relief', 50),
  ('disability_allowance', '残疾人两项补贴', 'Disability allowances', 60),
  ('education_aid', '教育资助', 'Student aid', 70),
  ('housing_safety', '农村危房改造', 'Rural housing safety', 80),
  ('employment', '就业创业扶持', 'Employment support', 90),
  ('elderly_care', '高龄津贴与养老服务', 'Old-age allowance and care', 100);

-- A campaign (走访活动). region_id is the organising admin's region (county or township): the
-- campaign is visible in that subtree and its targets lie inside it.
CREATE TABLE visit_campaign (
  id           bigserial PRIMARY KEY,
  county_code  text NOT NULL,
  region_id    bigint NOT NULL REFERENCES region (id),
  kind         text NOT NULL CHECK (kind IN ('all_households', 'hardship', 'custom')),
  name         text NOT NULL,
  status       text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed')),
  starts_on    date NOT NULL,
  ends_on      date NOT NULL,
  deadline     date NOT NULL,
  grace_days   integer NOT NULL DEFAULT 0 CHECK (grace_days >= 0),
  definition   jsonb NOT NULL,            -- ZCampaignDefinition
  target_filter jsonb,                    -- custom campaigns: the filter the targets were chosen by
  created_by   bigint REFERENCES app_user (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  opened_at    timestamptz,
  closed_at    timestamptz,
  CHECK (ends_on >= starts_on AND deadline BETWEEN starts_on AND ends_on)
);
CREATE INDEX visit_campaign_region_idx ON visit_campaign (region_id);

-- The regions a campaign covers (townships or villages under its region_id).
CREATE TABLE visit_campaign_region (
  campaign_id  bigint NOT NULL REFERENCES visit_campaign (id),
  region_id    bigint NOT NULL REFERENCES region (id),
  PRIMARY KEY (campaign_id, region_id)
);

-- The campaign's target households, fixed when it opens (a custom list may be set while drafting).
-- cadre_id is the assigned visitor; null means "the village's cadres". hardship is a snapshot
-- of the household's labels when the target was made (the done rule may ask more of them).
CREATE TABLE visit_target (
  campaign_id   bigint NOT NULL REFERENCES visit_campaign (id),
  household_id  bigint NOT NULL REFERENCES household (id),
  county_code   text NOT NULL,
  village_id    bigint NOT NULL REFERENCES region (id),
  hardship      boolean NOT NULL DEFAULT false,
  category_codes text[] NOT NULL DEFAULT '{}',  -- the hardship categories at that time (aid standards key on them)
  cadre_id      bigint REFERENCES app_user (id),
  assigned_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (campaign_id, household_id)
);
CREATE INDEX visit_target_cadre_idx ON visit_target (cadre_id, campaign_id);
CREATE INDEX visit_target_village_idx ON visit_target (campaign_id, village_id);

-- Files of visits, stored content-addressed on disk (<files dir>/<aa>/<sha256>); this row is what
-- the database knows of one. Images only; metadata stripped except the capture time.
CREATE TABLE stored_file (
  sha256           text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  county_code      text NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('photo', 'signature')),
  media_type       text NOT NULL,
  bytes            integer NOT NULL CHECK (bytes > 0),
  width            integer,
  height           integer,
  captured_at      timestamptz,           -- from the photo's metadata, when it had one
  perceptual_hash  text,                  -- 64-bit difference hash, 16 hex digits (near-identical photos)
  uploaded_by      bigint REFERENCES app_user (id),
  uploaded_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX stored_file_phash_idx ON stored_file (perceptual_hash);

-- A visit record (走访记录). client_id is made on the phone: the same record sent twice is stored
-- once. body is the parsed record (ZVisitRecord) and body_sha256 the SHA-256 of its canonical JSON.
-- village_id and region_path are copies for scoping; late marks a late entry (补录).
CREATE TABLE visit (
  id            bigserial PRIMARY KEY,
  client_id     uuid NOT NULL UNIQUE,
  county_code   text NOT NULL,
  campaign_id   bigint REFERENCES visit_campaign (id),
  household_id  bigint NOT NULL REFERENCES household (id),
  village_id    bigint NOT NULL REFERENCES region (id),
  recorded_by   bigint NOT NULL REFERENCES app_user (id),
  kind          text NOT NULL CHECK (kind IN ('home', 'phone', 'field', 'business', 'meeting')),
  visited_at    timestamptz NOT NULL,
  recorded_at   timestamptz NOT NULL DEFAULT now(),
  late          boolean NOT NULL DEFAULT false,
  body          jsonb NOT NULL,
  body_sha256   text NOT NULL,
  voided_at     timestamptz,
  voided_by     bigint REFERENCES app_user (id),
  void_reason   text,
  CHECK ((voided_at IS NULL) = (void_reason IS NULL))
);
CREATE INDEX visit_campaign_household_idx ON visit (campaign_id, household_id);
CREATE INDEX visit_household_idx ON visit (household_id, visited_at);
CREATE INDEX visit_recorded_by_idx ON visit (recorded_by, visited_at);
CREATE INDEX visit_village_idx ON visit (village_id, visited_at);

-- A resend whose body differs from the record stored under its client id: answered 409 and kept
-- here for review (as ODK Central keeps a conflicting submission), never overwriting the visit.
CREATE TABLE visit_resend_conflict (
  id            bigserial PRIMARY KEY,
  county_code   text NOT NULL,
  visit_id      bigint NOT NULL REFERENCES visit (id),
  received_by   bigint NOT NULL REFERENCES app_user (id),
  received_at   timestamptz NOT NULL DEFAULT now(),
  body          jsonb NOT NULL,
  body_sha256   text NOT NULL,
  diff_paths    text[] NOT NULL,
  reviewed_at   timestamptz,
  reviewed_by   bigint REFERENCES app_user (id),
  review_note   text,
  UNIQUE (visit_id, body_sha256)
);

-- Photos of a visit (a file may appear on several visits: that is one of the paper-visit flags).
CREATE TABLE visit_photo (
  visit_id      bigint NOT NULL REFERENCES visit (id),
  sha256        text NOT NULL REFERENCES stored_file (sha256),
  household_id  bigint NOT NULL REFERENCES household (id),
  PRIMARY KEY (visit_id, sha256)
);
CREATE INDEX visit_photo_sha_idx ON visit_photo (sha256);

-- Policies explained in a visit (政策宣传).
CREATE TABLE visit_policy (
  visit_id     bigint NOT NULL REFERENCES visit (id),
  policy_code  text NOT NULL REFERENCES policy (code),
  PRIMARY KEY (visit_id, policy_code)
);

-- Problems a family raised in a visit; the cases module turns one into a case (case_id).
CREATE TABLE visit_problem (
  id            bigserial PRIMARY KEY,
  county_code   text NOT NULL,
  visit_id      bigint NOT NULL REFERENCES visit (id),
  household_id  bigint NOT NULL REFERENCES household (id),
  village_id    bigint NOT NULL REFERENCES region (id),
  ordinal       integer NOT NULL,
  text          text NOT NULL,
  domain        text NOT NULL,
  status        text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'case_opened', 'resolved', 'dropped')),
  case_id       bigint,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (visit_id, ordinal)
);
CREATE INDEX visit_problem_village_idx ON visit_problem (village_id, status);

-- Aid handed over (发放慰问): one row per visit and aid item. A second delivery beyond the
-- standard is kept (a conflict for the township admin), never summed into the first; voiding one
-- keeps the row and its reason.
CREATE TABLE aid_delivery (
  id            bigserial PRIMARY KEY,
  county_code   text NOT NULL,
  visit_id      bigint NOT NULL REFERENCES visit (id),
  campaign_id   bigint NOT NULL REFERENCES visit_campaign (id),
  household_id  bigint NOT NULL REFERENCES household (id),
  township_id   bigint NOT NULL REFERENCES region (id),
  item_code     text NOT NULL,
  amount_fen    bigint NOT NULL DEFAULT 0 CHECK (amount_fen >= 0),
  goods         jsonb NOT NULL DEFAULT '[]',
  acknowledgement jsonb NOT NULL,          -- ZAcknowledgement: a signature's file, or a witness
  recorded_at   timestamptz NOT NULL DEFAULT now(),
  voided_at     timestamptz,
  voided_by     bigint REFERENCES app_user (id),
  void_reason   text,
  UNIQUE (visit_id, item_code),
  CHECK ((voided_at IS NULL) = (void_reason IS NULL))
);
CREATE INDEX aid_delivery_household_idx ON aid_delivery (campaign_id, household_id, item_code);
CREATE INDEX aid_delivery_township_idx ON aid_delivery (campaign_id, township_id);

-- A proposed change to a household's hardship labels from a visit: the township admin approves
-- (which writes the registry through its own use case) or rejects it.
CREATE TABLE hardship_proposal (
  id             bigserial PRIMARY KEY,
  county_code    text NOT NULL,
  visit_id       bigint NOT NULL REFERENCES visit (id),
  household_id   bigint NOT NULL REFERENCES household (id),
  village_id     bigint NOT NULL REFERENCES region (id),
  action         text NOT NULL CHECK (action IN ('add', 'end')),
  category_code  text NOT NULL REFERENCES hardship_category (code),
  reason         text NOT NULL,
  status         text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  decided_by     bigint REFERENCES app_user (id),
  decided_at     timestamptz,
  decision_note  text,
  UNIQUE (visit_id, category_code)
);
CREATE INDEX hardship_proposal_village_idx ON hardship_proposal (village_id, status);

-- The county's review of a paper-visit flag (flags are computed from the visits; this keeps what
-- a reviewer concluded). key identifies the flag: its kind and the evidence's subject.
CREATE TABLE visit_flag_review (
  campaign_id   bigint NOT NULL REFERENCES visit_campaign (id),
  flag_key      text NOT NULL,
  county_code   text NOT NULL,
  conclusion    text NOT NULL CHECK (conclusion IN ('explained', 'confirmed')),
  note          text NOT NULL,
  reviewed_by   bigint NOT NULL REFERENCES app_user (id),
  reviewed_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (campaign_id, flag_key)
);

-- A session may be a phone's: the sign-in names the device, so an admin can end a lost phone's
-- sessions one by one.
ALTER TABLE session ADD COLUMN device_label text;
