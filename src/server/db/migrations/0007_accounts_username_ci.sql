-- Usernames are unique without regard to case: `ADMIN` next to `admin` was accepted, and two
-- accounts whose names differ only in case look like one account to the people who manage them.
-- Sign-in looks names up by lower(username), which this index also serves.
--
-- Existing clashes stop the migration, naming them: which account to rename is an
-- administrator's decision (its owner signs in with the new name), not the migration's, and
-- leaving them would leave the rule unenforced. lower() is the same function the index uses.
DO $$
DECLARE
  clashes text;
BEGIN
  SELECT string_agg(names, '; ') INTO clashes
  FROM (SELECT string_agg(username || ' (id ' || id || ')', ', ' ORDER BY id) AS names
        FROM app_user GROUP BY lower(username) HAVING count(*) > 1) AS groups;
  IF clashes IS NOT NULL THEN
    RAISE EXCEPTION 'Usernames must be unique without regard to case, but these accounts clash: %. Rename all but one of each group (UPDATE app_user SET username = ''new_name'' WHERE id = …), then start again.', clashes
      USING ERRCODE = 'unique_violation';
  END IF;
END $$;

CREATE UNIQUE INDEX app_user_username_lower_key ON app_user (lower(username));
