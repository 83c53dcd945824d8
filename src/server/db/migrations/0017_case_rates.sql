-- Cases newest first (issue 11, point 12): the case list's first page for a county admin — every
-- case of the county, newest first — read the whole scope and sorted it (80 ms at 20,000 cases,
-- growing with the year). With this index PostgreSQL walks the county's cases backwards by time
-- and stops after a page; the scope filter (region path) is checked on the way.
CREATE INDEX resident_case_registered_idx ON resident_case (county_code, registered_at DESC, id DESC);

-- The on-time rate counts the assignments whose resolve deadline falls in the month: without
-- this index the monthly report reads every assignment of the county for that part.
CREATE INDEX case_assignment_resolve_due_idx ON case_assignment (county_code, resolve_due_at);
