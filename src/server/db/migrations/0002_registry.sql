-- Household registry (户籍台账), hardship labels (困难家庭), cadre pairing (结对帮扶), imports.
-- Personal numbers are stored encrypted (…_cipher), with a keyed hash for exact lookups
-- (…_hash), the masked form lists show (…_masked) and the last four characters for
-- "ends with" searches (…_tail), which the masked form shows anyway.

CREATE TABLE app_setting (
  key   text PRIMARY KEY,
  value text NOT NULL
);

-- Configuration: the hardship categories a county uses. Codes are stable; names can change.
CREATE TABLE hardship_category (
  code    text PRIMARY KEY,
  name    text NOT NULL,
  name_en text NOT NULL,
  sort    integer NOT NULL,
  active  boolean NOT NULL DEFAULT true
);
INSERT INTO hardship_category (code, name, name_en, sort) VALUES
  ('dibao', '低保户', 'Minimum living allowance (dibao)', 10),
  ('tekun', '特困供养（五保）', 'Extreme-poverty support (wubao)', 20),
  ('disability', '残疾人', 'Disability', 30),
  ('elderly_alone', '独居老人', 'Elderly living alone', 40),
  ('left_behind_child', '留守儿童', 'Left-behind child', 50),
  ('serious_illness', '重病', 'Serious illness', 60),
  ('poverty_monitoring', '脱贫监测户', 'Monitored for relapse into poverty', 70),
  ('veteran_family', '优抚对象', 'Entitled veterans'' family', 80),
  ('other', '其他', 'Other', 90);

CREATE TABLE household (
  id               bigserial PRIMARY KEY,
  county_code      text NOT NULL,
  village_id       bigint NOT NULL REFERENCES region (id),
  household_no     text NOT NULL,            -- 户编号: the registry's own key, used by re-imports
  address          text NOT NULL DEFAULT '',
  latitude         numeric(9, 6),
  longitude        numeric(9, 6),
  notes            text NOT NULL DEFAULT '',
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (county_code, household_no),
  CHECK ((latitude IS NULL) = (longitude IS NULL))
);
CREATE INDEX household_village_idx ON household (village_id);

CREATE TABLE resident (
  id                bigserial PRIMARY KEY,
  county_code       text NOT NULL,
  household_id      bigint NOT NULL REFERENCES household (id),
  name              text NOT NULL,
  name_pinyin       text NOT NULL,           -- 'zhangsan', for pinyin search
  name_initials     text NOT NULL,           -- 'zs'
  gender            text NOT NULL CHECK (gender IN ('M', 'F')),
  birth_date        date NOT NULL,
  relationship      text NOT NULL,           -- 与户主关系: 户主, 配偶, 子, 女 …
  id_number_cipher  text NOT NULL,
  id_number_hash    text NOT NULL,
  id_number_masked  text NOT NULL,
  id_number_tail    text NOT NULL,
  active            boolean NOT NULL DEFAULT true,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (county_code, id_number_hash)
);
CREATE INDEX resident_household_idx ON resident (household_id);
CREATE INDEX resident_name_idx ON resident (county_code, name text_pattern_ops);
CREATE INDEX resident_pinyin_idx ON resident (county_code, name_pinyin text_pattern_ops);
CREATE INDEX resident_initials_idx ON resident (county_code, name_initials text_pattern_ops);
CREATE INDEX resident_id_tail_idx ON resident (county_code, id_number_tail);

CREATE TABLE resident_phone (
  id            bigserial PRIMARY KEY,
  county_code   text NOT NULL,
  resident_id   bigint NOT NULL REFERENCES resident (id),
  kind          text NOT NULL CHECK (kind IN ('mobile', 'landline')),
  phone_cipher  text NOT NULL,
  phone_hash    text NOT NULL,
  phone_masked  text NOT NULL,
  phone_tail    text NOT NULL,
  UNIQUE (resident_id, phone_hash)
);
CREATE INDEX resident_phone_hash_idx ON resident_phone (county_code, phone_hash);
CREATE INDEX resident_phone_tail_idx ON resident_phone (county_code, phone_tail);

-- A hardship label is dated: valid_from … valid_to (exclusive; null = still valid).
CREATE TABLE household_hardship (
  id             bigserial PRIMARY KEY,
  county_code    text NOT NULL,
  household_id   bigint NOT NULL REFERENCES household (id),
  resident_id    bigint REFERENCES resident (id),    -- the member concerned, when it is personal
  category_code  text NOT NULL REFERENCES hardship_category (code),
  valid_from     date NOT NULL,
  valid_to       date,
  source         text NOT NULL DEFAULT '',           -- e.g. 民政局低保名册 2026-10
  note           text NOT NULL DEFAULT '',
  created_by     bigint,
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_to IS NULL OR valid_to >= valid_from)       -- equal: withdrawn the day it was added
);
CREATE INDEX household_hardship_household_idx ON household_hardship (household_id);
CREATE INDEX household_hardship_category_idx ON household_hardship (county_code, category_code) WHERE valid_to IS NULL;
CREATE UNIQUE INDEX household_hardship_open_uq ON household_hardship (household_id, category_code, COALESCE(resident_id, 0)) WHERE valid_to IS NULL;

-- 结对帮扶: one responsible cadre per household at a time, any number of helpers.
CREATE TABLE pairing (
  id            bigserial PRIMARY KEY,
  county_code   text NOT NULL,
  household_id  bigint NOT NULL REFERENCES household (id),
  cadre_id      bigint NOT NULL REFERENCES app_user (id),
  role          text NOT NULL CHECK (role IN ('responsible', 'helper')),
  started_on    date NOT NULL,
  ended_on      date,
  start_reason  text NOT NULL DEFAULT '',
  end_reason    text NOT NULL DEFAULT '',
  created_by    bigint,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (ended_on IS NULL OR ended_on >= started_on)
);
CREATE UNIQUE INDEX pairing_one_responsible_uq ON pairing (household_id) WHERE role = 'responsible' AND ended_on IS NULL;
CREATE UNIQUE INDEX pairing_once_uq ON pairing (household_id, cadre_id) WHERE ended_on IS NULL;
CREATE INDEX pairing_cadre_idx ON pairing (cadre_id) WHERE ended_on IS NULL;

-- Imports run as jobs so the web page can follow their progress; issues are the per-row report.
CREATE TABLE import_job (
  id              text PRIMARY KEY,
  county_code     text,
  region_id       bigint REFERENCES region (id),     -- the importer's scope
  user_id         bigint REFERENCES app_user (id),
  kind            text NOT NULL,
  file_name       text NOT NULL,
  mode            text NOT NULL CHECK (mode IN ('all_or_nothing', 'partial')),
  status          text NOT NULL CHECK (status IN ('running', 'succeeded', 'rejected', 'failed')),
  total_rows      integer NOT NULL DEFAULT 0,
  processed_rows  integer NOT NULL DEFAULT 0,
  inserted        integer NOT NULL DEFAULT 0,
  updated         integer NOT NULL DEFAULT 0,
  unchanged       integer NOT NULL DEFAULT 0,
  rejected_rows   integer NOT NULL DEFAULT 0,
  problem         text,                               -- a file-level problem code (broken, empty …)
  created_at      timestamptz NOT NULL DEFAULT now(),
  finished_at     timestamptz
);

CREATE TABLE import_issue (
  id           bigserial PRIMARY KEY,
  job_id       text NOT NULL REFERENCES import_job (id),
  row_no       integer NOT NULL,                      -- as the spreadsheet numbers it
  column_name  text NOT NULL,
  value        text NOT NULL,                         -- masked for ID numbers and phones
  problem      text NOT NULL
);
CREATE INDEX import_issue_job_idx ON import_issue (job_id, row_no);
