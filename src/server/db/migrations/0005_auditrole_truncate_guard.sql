-- The audit log's truncate guard listened to a transaction-local setting any session may set.
-- Only the owner of the table (the role `lianxin restore` runs as) or a superuser may now use it:
-- a runtime role that was, by mistake, granted TRUNCATE still cannot empty the log. Names are
-- schema-qualified and the search path fixed, so a temporary table called pg_class cannot
-- answer in the catalog's place.
CREATE OR REPLACE FUNCTION lianxin_audit_truncate_guard() RETURNS trigger LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF pg_catalog.current_setting('lianxin.restoring', true) = 'on'
     AND pg_catalog.pg_has_role(current_user, (SELECT c.relowner FROM pg_catalog.pg_class c WHERE c.oid = TG_RELID), 'USAGE') THEN
    RETURN NULL;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
