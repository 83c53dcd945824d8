-- Failed sign-ins under names that belong to no account, counted exactly as an account's own
-- (app_user.failed_logins, locked_until), so that after five failures an unknown name answers
-- 423 as a real one does: the lockout must not tell which names exist. Keyed by
-- lower(username), as sign-in compares names. Not per county (a name without an account has
-- no county) and bounded by the sign-in code (oldest rows dropped past a cap).
CREATE TABLE login_failure (
  username_key    text PRIMARY KEY,
  failed_logins   integer NOT NULL DEFAULT 0,
  locked_until    timestamptz,
  last_failed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failure_last_failed_idx ON login_failure (last_failed_at);
