-- The leaders' dashboard's first paint (issue 12 point 9): a campaign's coverage kept per
-- village in the same transaction as every write that changes it, instead of counting 230,000
-- target households against 300,000 visits on every call.
--
-- visit_coverage holds, per campaign and village, the figures of the coverage rollup
-- (visit-reports/coverage-sql.ts, the rules of shared/visits/visit-coverage.ts) that do not
-- depend on the reader's clock: targets, households visited (on time or late, 补录) and the
-- hardship ones. "Due" and "overdue" are the households not visited, split by today against the
-- deadline when read. The one rule that does depend on the clock, "a visit whose effective
-- instant lies after now does not count yet", is answered by latest_effective_at: a reader whose
-- now is before it counts from scratch instead (visit-reports/summarize-campaign-coverage.ts).
--
-- Kept by statement-level triggers on visit, visit_target and visit_campaign (its definition),
-- so every writer keeps it (the use cases, the importers, bulk SQL): a write recounts, from
-- scratch, the villages whose households it touched. Villages rather than townships, so a
-- village moved to another township needs no recount (the reader rolls villages up by path).
-- coverage-summary.test.ts holds it equal to the rollup after every kind of write.
CREATE TABLE visit_coverage (
  campaign_id          bigint NOT NULL REFERENCES visit_campaign (id) ON DELETE CASCADE,
  village_id           bigint NOT NULL REFERENCES region (id),
  county_code          text NOT NULL,
  targets              integer NOT NULL,
  hardship_targets     integer NOT NULL,
  visited              integer NOT NULL,  -- done or done_late
  visited_late         integer NOT NULL,  -- done_late
  hardship_visited     integer NOT NULL,
  latest_effective_at  timestamptz,       -- the latest effective instant among the visits counted
  PRIMARY KEY (campaign_id, village_id)
);

-- Recounts a campaign's coverage in the given villages (all of them when p_villages is null),
-- by the rules of coverage-sql.ts's householdCoverageCtes without its "not after now".
-- Concurrent writers are serialised per campaign and village (per campaign for a recount of all
-- of it or of many villages, so a bulk write holds one lock, not hundreds), and each statement
-- here reads what the writer before committed: the server runs at READ COMMITTED, where every
-- statement takes a new snapshot.
CREATE FUNCTION lianxin_visit_coverage_recount(p_campaign bigint, p_villages bigint[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_definition jsonb;
  v_county text;
  v_starts timestamptz;
  v_on_time_before timestamptz;
  v_counted_before timestamptz;
  v_min_visits integer;
  v_min_hardship integer;
  v_village bigint;
BEGIN
  IF p_villages IS NULL OR cardinality(p_villages) > 50 THEN
    PERFORM pg_advisory_xact_lock(hashtextextended('visit_coverage:' || p_campaign, 0));
  ELSE
    PERFORM pg_advisory_xact_lock_shared(hashtextextended('visit_coverage:' || p_campaign, 0));
    FOR v_village IN SELECT DISTINCT x FROM unnest(p_villages) AS x ORDER BY 1 LOOP
      PERFORM pg_advisory_xact_lock(hashtextextended('visit_coverage:' || p_campaign || ':' || v_village, 0));
    END LOOP;
  END IF;

  DELETE FROM visit_coverage WHERE campaign_id = p_campaign AND (p_villages IS NULL OR village_id = ANY (p_villages));
  SELECT c.definition, c.county_code INTO v_definition, v_county FROM visit_campaign c WHERE c.id = p_campaign;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  -- A definition written as a JSON string literal (readJson accepts it too).
  IF jsonb_typeof(v_definition) = 'string' THEN
    v_definition := (v_definition #>> '{}')::jsonb;
  END IF;
  -- Shanghai is UTC+8 all year: a Shanghai day D begins at D 00:00 UTC minus 8 hours (shanghaiDayStart).
  v_starts := ((v_definition #>> '{period,startsOn}')::date::timestamp AT TIME ZONE 'UTC') - interval '8 hours';
  v_on_time_before := (((v_definition #>> '{done,deadline}')::date + 1)::timestamp AT TIME ZONE 'UTC') - interval '8 hours';
  v_counted_before := (((v_definition #>> '{done,deadline}')::date + 1 + coalesce((v_definition ->> 'graceDays')::integer, 0))::timestamp AT TIME ZONE 'UTC') - interval '8 hours';
  -- ZDoneRule's and ZCampaignDefinition's defaults.
  v_min_visits := coalesce((v_definition #>> '{done,minVisits}')::integer, 1);
  v_min_hardship := coalesce((v_definition #>> '{done,minVisitsHardship}')::integer, 1);

  INSERT INTO visit_coverage (campaign_id, village_id, county_code, targets, hardship_targets, visited, visited_late, hardship_visited, latest_effective_at)
  SELECT p_campaign, h.village_id, v_county,
         count(*)::int,
         (count(*) FILTER (WHERE h.hardship))::int,
         (count(*) FILTER (WHERE h.on_time + h.late >= h.required))::int,
         (count(*) FILTER (WHERE h.on_time < h.required AND h.on_time + h.late >= h.required))::int,
         (count(*) FILTER (WHERE h.hardship AND h.on_time + h.late >= h.required))::int,
         max(h.latest)
  FROM (
    SELECT t.village_id, t.hardship,
           CASE WHEN t.hardship THEN v_min_hardship ELSE v_min_visits END AS required,
           coalesce(c.on_time, 0) AS on_time, coalesce(c.late, 0) AS late, c.latest
    FROM visit_target t
    LEFT JOIN (
      SELECT vi.household_id,
             count(*) FILTER (WHERE greatest(vi.visited_at, vi.recorded_at) < v_on_time_before) AS on_time,
             count(*) FILTER (WHERE greatest(vi.visited_at, vi.recorded_at) >= v_on_time_before) AS late,
             max(greatest(vi.visited_at, vi.recorded_at)) AS latest
      FROM visit vi
      WHERE vi.campaign_id = p_campaign AND vi.county_code = v_county AND vi.voided_at IS NULL
        AND vi.visited_at >= v_starts
        AND greatest(vi.visited_at, vi.recorded_at) < v_counted_before
        AND (p_villages IS NULL OR vi.household_id IN (SELECT s.household_id FROM visit_target s WHERE s.campaign_id = p_campaign AND s.village_id = ANY (p_villages)))
      GROUP BY vi.household_id
    ) c ON c.household_id = t.household_id
    WHERE t.campaign_id = p_campaign AND t.county_code = v_county AND (p_villages IS NULL OR t.village_id = ANY (p_villages))
  ) h
  GROUP BY h.village_id;
END $$;

-- The villages of some (campaign, household) pairs' targets, recounted. Only those villages,
-- however many: a list uploaded in batches must not recount the whole campaign per batch.
CREATE FUNCTION lianxin_visit_coverage_touch(p_campaigns bigint[], p_households bigint[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  FOR r IN
    SELECT t.campaign_id, array_agg(DISTINCT t.village_id) AS villages
    FROM (SELECT DISTINCT x.campaign_id, x.household_id FROM unnest(p_campaigns, p_households) AS x(campaign_id, household_id) WHERE x.campaign_id IS NOT NULL) x
    JOIN visit_target t ON t.campaign_id = x.campaign_id AND t.household_id = x.household_id
    GROUP BY t.campaign_id
    ORDER BY t.campaign_id
  LOOP
    PERFORM lianxin_visit_coverage_recount(r.campaign_id, r.villages);
  END LOOP;
END $$;

-- Visits: the villages of the households whose visits changed, before and after.
CREATE FUNCTION lianxin_visit_coverage_on_visit() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_campaigns bigint[];
  v_households bigint[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(campaign_id), array_agg(household_id) INTO v_campaigns, v_households FROM new_rows WHERE campaign_id IS NOT NULL;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(campaign_id), array_agg(household_id) INTO v_campaigns, v_households FROM old_rows WHERE campaign_id IS NOT NULL;
  ELSE
    SELECT array_agg(x.campaign_id), array_agg(x.household_id) INTO v_campaigns, v_households
    FROM (SELECT campaign_id, household_id FROM old_rows UNION SELECT campaign_id, household_id FROM new_rows) x
    WHERE x.campaign_id IS NOT NULL;
  END IF;
  IF v_campaigns IS NOT NULL THEN
    PERFORM lianxin_visit_coverage_touch(v_campaigns, v_households);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER visit_coverage_on_visit_insert AFTER INSERT ON visit REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lianxin_visit_coverage_on_visit();
CREATE TRIGGER visit_coverage_on_visit_update AFTER UPDATE ON visit REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lianxin_visit_coverage_on_visit();
CREATE TRIGGER visit_coverage_on_visit_delete AFTER DELETE ON visit REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION lianxin_visit_coverage_on_visit();

-- Targets: their villages, before and after (a target's row names its village).
-- PostgreSQL names a transition table only for the events that have one: a function per event.
CREATE FUNCTION lianxin_visit_coverage_on_target_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT campaign_id, array_agg(DISTINCT village_id) AS villages FROM new_rows GROUP BY campaign_id ORDER BY campaign_id LOOP
    PERFORM lianxin_visit_coverage_recount(r.campaign_id, r.villages);
  END LOOP;
  RETURN NULL;
END $$;
CREATE FUNCTION lianxin_visit_coverage_on_target_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT campaign_id, array_agg(DISTINCT village_id) AS villages FROM old_rows GROUP BY campaign_id ORDER BY campaign_id LOOP
    PERFORM lianxin_visit_coverage_recount(r.campaign_id, r.villages);
  END LOOP;
  RETURN NULL;
END $$;
CREATE FUNCTION lianxin_visit_coverage_on_target_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  FOR r IN
    SELECT x.campaign_id, array_agg(DISTINCT x.village_id) AS villages
    FROM (SELECT campaign_id, village_id FROM new_rows UNION SELECT campaign_id, village_id FROM old_rows) x
    GROUP BY x.campaign_id
    ORDER BY x.campaign_id
  LOOP
    PERFORM lianxin_visit_coverage_recount(r.campaign_id, r.villages);
  END LOOP;
  RETURN NULL;
END $$;
CREATE TRIGGER visit_coverage_on_target_insert AFTER INSERT ON visit_target REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lianxin_visit_coverage_on_target_insert();
CREATE TRIGGER visit_coverage_on_target_update AFTER UPDATE ON visit_target REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lianxin_visit_coverage_on_target_update();
CREATE TRIGGER visit_coverage_on_target_delete AFTER DELETE ON visit_target REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION lianxin_visit_coverage_on_target_delete();

-- The campaign's definition (period, deadline, visits required, grace days) or county: all of it recounted.
CREATE FUNCTION lianxin_visit_coverage_on_campaign() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM lianxin_visit_coverage_recount(NEW.id, NULL);
  RETURN NULL;
END $$;
CREATE TRIGGER visit_coverage_on_campaign AFTER UPDATE ON visit_campaign FOR EACH ROW
  WHEN (OLD.definition IS DISTINCT FROM NEW.definition OR OLD.county_code IS DISTINCT FROM NEW.county_code)
  EXECUTE FUNCTION lianxin_visit_coverage_on_campaign();

-- The campaigns there already are.
SELECT lianxin_visit_coverage_recount(id, NULL) FROM visit_campaign;
