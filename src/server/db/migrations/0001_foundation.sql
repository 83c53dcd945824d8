-- Foundation: regions, departments, accounts, sessions, audit.
-- Every large table carries county_code (the 6-digit county division code) so the schema can
-- later be distributed by county (e.g. Citus) without rewriting queries; see ARCHITECTURE.md.

CREATE TABLE region (
  id           bigserial PRIMARY KEY,
  code         text NOT NULL UNIQUE,            -- official division code (统计用区划代码)
  name         text NOT NULL,
  name_en      text,
  level        text NOT NULL CHECK (level IN ('province', 'city', 'county', 'township', 'village', 'grid')),
  kind         text,                            -- town 镇 / subdistrict 街道 / township 乡 / village 村 / community 社区
  parent_id    bigint REFERENCES region (id),
  path         text NOT NULL,                   -- materialized path of ids: '/1/5/27/'
  depth        integer NOT NULL,
  county_code  text,                            -- null only above county level
  opened_on    date NOT NULL,
  closed_on    date,                            -- closed regions stay, with their records
  successor_id bigint REFERENCES region (id),   -- set when merged (撤并) into another region
  synthetic    boolean NOT NULL DEFAULT false,  -- demo data, not a real place
  created_at   timestamptz NOT NULL DEFAULT now(),
  CHECK (closed_on IS NULL OR closed_on >= opened_on)
);
CREATE INDEX region_parent_idx ON region (parent_id);
CREATE INDEX region_path_idx ON region (path text_pattern_ops);

-- Regions are closed, never deleted: history and the records attached to them must survive.
CREATE FUNCTION lianxin_forbid_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'rows of % are never deleted', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER region_no_delete BEFORE DELETE ON region FOR EACH ROW EXECUTE FUNCTION lianxin_forbid_delete();

-- Renames, moves, merges and closures, dated; the region row holds the current state.
CREATE TABLE region_event (
  id           bigserial PRIMARY KEY,
  region_id    bigint NOT NULL REFERENCES region (id),
  county_code  text,
  kind         text NOT NULL CHECK (kind IN ('open', 'rename', 'move', 'merge', 'close', 'reopen')),
  effective_on date NOT NULL,
  details      jsonb NOT NULL DEFAULT '{}'::jsonb,
  actor_id     bigint,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX region_event_region_idx ON region_event (region_id, id);

-- County departments (县直部门) that handle routed cases: 民政, 环保, 卫健, 教育, 公安 …
CREATE TABLE department (
  id          bigserial PRIMARY KEY,
  county_code text NOT NULL,
  code        text NOT NULL,
  name        text NOT NULL,
  name_en     text,
  UNIQUE (county_code, code)
);

CREATE TABLE app_user (
  id                   bigserial PRIMARY KEY,
  username             text NOT NULL UNIQUE,
  display_name         text NOT NULL,
  password_hash        text NOT NULL,
  roles                text[] NOT NULL CHECK (cardinality(roles) > 0),
  region_id            bigint NOT NULL REFERENCES region (id),
  department_id        bigint REFERENCES department (id),
  county_code          text,
  locale               text NOT NULL DEFAULT 'zh-CN' CHECK (locale IN ('zh-CN', 'en')),
  active               boolean NOT NULL DEFAULT true,
  failed_logins        integer NOT NULL DEFAULT 0,
  locked_until         timestamptz,
  password_changed_at  timestamptz NOT NULL DEFAULT now(),
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX app_user_region_idx ON app_user (region_id);

-- Server-side sessions; the cookie holds a random token, the table only its SHA-256.
CREATE TABLE session (
  id          text PRIMARY KEY,
  user_id     bigint NOT NULL REFERENCES app_user (id),
  csrf_token  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  revoked_at  timestamptz,
  client_ip   text,
  user_agent  text
);
CREATE INDEX session_user_idx ON session (user_id);

-- Append-only audit log. Updates, deletes and truncation are refused by triggers.
CREATE TABLE audit_log (
  id           bigserial PRIMARY KEY,
  at           timestamptz NOT NULL DEFAULT now(),
  actor_id     bigint,
  actor_name   text,
  action       text NOT NULL,
  entity_type  text NOT NULL,
  entity_id    text,
  region_id    bigint REFERENCES region (id),
  region_path  text,                  -- copied at write time so scoping survives later moves
  county_code  text,
  before       jsonb,
  after        jsonb,
  request_id   text,
  client_ip    text
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_region_path_idx ON audit_log (region_path text_pattern_ops);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id);

CREATE FUNCTION lianxin_audit_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
-- Only `lianxin restore`, which replaces the whole database from a backup inside one
-- transaction, may truncate; it says so with a transaction-local setting.
CREATE FUNCTION lianxin_audit_truncate_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('lianxin.restoring', true) = 'on' THEN
    RETURN NULL;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION lianxin_audit_immutable();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION lianxin_audit_truncate_guard();
