-- The case list's slow filters (issue 11, point 12; measured with EXPLAIN ANALYZE on the
-- benchmark's 100,000 cases).

-- Overdue / due soon: the list joins each case's open assignment through current_assignment_id
-- and compares the next deadline (accept, then resolve). Without these two indexes PostgreSQL read
-- every open assignment, then every case of the county (a sequential scan of 100,000 rows) to find
-- the few hundred whose current assignment matched. Now it finds the open assignments by their next
-- deadline, and each one's case by its current assignment.
CREATE INDEX resident_case_current_assignment_idx ON resident_case (current_assignment_id);
CREATE INDEX case_assignment_next_due_idx ON case_assignment (county_code, (CASE WHEN accepted_at IS NULL THEN response_due_at ELSE resolve_due_at END)) WHERE ended_at IS NULL;

-- Words of the title (ILIKE '%…%'): a trigram index. pg_trgm is a trusted extension (the database's
-- owner may create it) and PGlite ships it (loaded in db/database.ts). Chinese titles are indexed
-- when the database's character type classifies CJK as letters (C.UTF-8, zh_CN.UTF-8, ICU); under
-- the plain C locale only the Latin letters and digits of a search make trigrams, and a search of
-- Chinese words alone falls back to reading the cases, as before.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX resident_case_title_trgm_idx ON resident_case USING gin (title gin_trgm_ops);
