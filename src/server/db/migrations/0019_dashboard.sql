-- The leaders' dashboard (领导驾驶舱, issue 12 point 6): where each township's tile sits on the
-- county's schematic map (no boundary data ships with the platform, so the map is a grid of
-- tiles). Placed by the county admin (audited as dashboard.tile_layout); a county without rows
-- here gets the default near-square grid in code order. Small (one row per township): a
-- reference-like table, but it names its county like the others.
CREATE TABLE township_tile (
  township_id  bigint PRIMARY KEY REFERENCES region (id),
  county_code  text NOT NULL,
  tile_row     integer NOT NULL CHECK (tile_row BETWEEN 0 AND 11),
  tile_col     integer NOT NULL CHECK (tile_col BETWEEN 0 AND 11),
  updated_by   bigint REFERENCES app_user (id),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  -- No two townships on one tile.
  UNIQUE (county_code, tile_row, tile_col)
);
