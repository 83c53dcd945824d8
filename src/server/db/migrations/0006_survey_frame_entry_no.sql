-- The draw ordered a frame by md5(seed ‖ phone_hash), and phone_hash is keyed by the data key:
-- the same frame and seed gave another sample under another key. entry_no is each number's
-- place in the frame's source, which no key touches: the row of the uploaded file that first
-- holds it, or for a registry frame its rank in the registry's own order (household number,
-- then resident, then phone row). The draw orders by md5(seed ‖ entry_no).
-- Frames built before this number their entries in the order they were written.
ALTER TABLE frame_entry ADD COLUMN entry_no integer;
UPDATE frame_entry f
   SET entry_no = n.entry_no
  FROM (SELECT id, row_number() OVER (PARTITION BY wave_id ORDER BY id)::int AS entry_no FROM frame_entry) n
 WHERE n.id = f.id;
ALTER TABLE frame_entry ALTER COLUMN entry_no SET NOT NULL;
ALTER TABLE frame_entry ADD CONSTRAINT frame_entry_entry_no_key UNIQUE (wave_id, entry_no);
