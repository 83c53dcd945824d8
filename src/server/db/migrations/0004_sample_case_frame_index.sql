-- sample_case.frame_entry_id references frame_entry, but no index began with it (the unique
-- (wave_id, frame_entry_id) starts with the wave). Every deleted frame row then made PostgreSQL
-- scan all of sample_case for the foreign-key check: rebuilding a 430,000-number registry frame
-- took 29 s in that check alone with one past wave's cases present (66 µs a row, growing with
-- every wave), 4–6 s with this index.
CREATE INDEX sample_case_frame_entry_idx ON sample_case (frame_entry_id);
