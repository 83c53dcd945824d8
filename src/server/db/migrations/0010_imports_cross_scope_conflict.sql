-- An import row that collides with a record outside the importer's scope: its 户编号 is a
-- household of another township, or its ID number a person registered in one. The importer is
-- told only that the row conflicts with a record outside their area (not which kind, not
-- where); the county sees the conflict here and resolves it: the household or person moved
-- (迁户) into the importing township, or a typing error in the file (dismissed with a note).
-- Holds masked ID numbers only. One open conflict per importing region, kind and existing
-- record: importing the same file again does not add it twice.
CREATE TABLE import_cross_scope_conflict (
  id                     bigserial PRIMARY KEY,
  county_code            text NOT NULL,
  import_region_id       bigint NOT NULL REFERENCES region (id),     -- the importer's scope
  village_id             bigint NOT NULL REFERENCES region (id),     -- the village the row names, inside that scope
  job_id                 text NOT NULL REFERENCES import_job (id),   -- the import that found it first
  row_no                 integer NOT NULL,
  kind                   text NOT NULL CHECK (kind IN ('household_no', 'id_number')),
  household_no           text,                                       -- the row's 户编号 (not a personal number)
  id_masked              text,                                       -- the row's ID number, masked
  existing_household_id  bigint NOT NULL REFERENCES household (id),  -- the household hit (for an ID number: the person's)
  existing_resident_id   bigint REFERENCES resident (id),            -- the person hit (ID numbers only)
  existing_village_id    bigint NOT NULL REFERENCES region (id),     -- where that household was when found
  status                 text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
  resolution             text CHECK (resolution IN ('moved', 'typing_error')),
  note                   text NOT NULL DEFAULT '',
  resolved_by            bigint REFERENCES app_user (id),
  resolved_at            timestamptz,
  created_at             timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'open') = (resolution IS NULL))
);
CREATE UNIQUE INDEX import_cross_scope_conflict_open_uq ON import_cross_scope_conflict (import_region_id, kind, existing_household_id, (COALESCE(existing_resident_id, 0))) WHERE status = 'open';
CREATE INDEX import_cross_scope_conflict_county_idx ON import_cross_scope_conflict (county_code, status, id);
