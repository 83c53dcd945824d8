/**
 * The checks that need every row, or the registry, at once, as set-based SQL inside the
 * import's transaction: the same ID number twice in the file, one household number in two
 * villages, a person already registered in another household of the importer's scope, a
 * collision with a record outside that scope (a household number or a person of another
 * township: one neutral issue, the details go to the county's list, see
 * record-cross-scope-conflicts.ts), and (partial mode) the good rows of a household that has a
 * bad row. One pass builds the `checked` table (the staged rows with the
 * registry's household and person, and a flag per check); one more writes the issues.
 *
 * Written as CREATE TABLE … AS and INSERT … SELECT rather than UPDATEs of the staging table:
 * each UPDATE would rewrite every row (and on PGlite that costs more than the whole check).
 */
import { sql, type Kysely } from 'kysely';
import type { TImportMode } from '../../../shared/registry/import-schemas.ts';
import type { DB } from '../../db/schema.ts';
import { inSubtree } from '../../scope/index.ts';
import type { ImportIssueLog } from './import-issue-log.ts';
import type { StageNames } from './import-stage.ts';

export interface CheckContext {
  trx: Kysely<DB>;
  names: StageNames;
  jobId: string;
  /** Materialized path of the importer's region. */
  scopePath: string;
  mode: TImportMode;
  /** Headers as written in the file, for the issues these checks raise. */
  headers: { idNumber: string; householdNo: string };
  issues: ImportIssueLog;
}

/**
 * Builds `names.checked` (dropped at commit) and records the issues. Afterwards its `bad` is
 * final, `household_id` / `resident_id` are the registry's existing household and person.
 *
 * @example
 * const { badRows, rows } = await checkStagedRows({ trx, names, jobId, scopePath: '/1/5/', mode: 'partial', headers, issues });
 */
export async function checkStagedRows(ctx: CheckContext): Promise<{ badRows: number; rows: number }> {
  const { trx, names } = ctx;
  const partial = ctx.mode === 'partial';
  await sql`
    CREATE TEMP TABLE ${sql.id(names.checked)} ON COMMIT DROP AS
    WITH matched AS (
      SELECT s.*, h.id AS household_id, h.village_id AS household_village_id, hv.path AS household_path,
        r.id AS resident_id, r.household_id AS resident_household_id, rh.village_id AS resident_village_id, rv.path AS resident_path,
        count(*) OVER (PARTITION BY s.id_hash) AS id_count,
        min(s.village_id) OVER household AS village_min, max(s.village_id) OVER household AS village_max
      FROM ${sql.id(names.rows)} s
      LEFT JOIN household h ON h.county_code = s.county_code AND h.household_no = s.household_no
      LEFT JOIN region hv ON hv.id = h.village_id
      LEFT JOIN resident r ON r.county_code = s.county_code AND r.id_number_hash = s.id_hash
      LEFT JOIN household rh ON rh.id = r.household_id
      LEFT JOIN region rv ON rv.id = rh.village_id
      WINDOW household AS (PARTITION BY s.county_code, s.household_no)
    ),
    flagged AS (
      SELECT *,
        (id_hash IS NOT NULL AND id_count > 1) AS f_duplicate,
        (village_id IS NOT NULL AND household_no IS NOT NULL AND village_min <> village_max) AS f_village,
        -- The 户编号 is a household outside the importer's scope.
        (household_path IS NOT NULL AND NOT ${inSubtree(sql.ref<string>('household_path'), ctx.scopePath)}) AS f_scope,
        -- Moving a person between households is a registry change of its own, never a side effect of an import:
        -- f_other when the person's household is inside the scope, f_person_scope when it is outside.
        (resident_id IS NOT NULL AND resident_household_id IS DISTINCT FROM household_id AND ${inSubtree(sql.ref<string>('resident_path'), ctx.scopePath)}) AS f_other,
        (resident_id IS NOT NULL AND resident_household_id IS DISTINCT FROM household_id AND NOT ${inSubtree(sql.ref<string>('resident_path'), ctx.scopePath)}) AS f_person_scope
      FROM matched
    ),
    own AS (
      SELECT *, (f_scope OR f_person_scope) AS f_cross,
        (bad OR f_duplicate OR f_village OR f_scope OR f_other OR f_person_scope) AS bad_own FROM flagged
    )
    SELECT *,
      -- A household is written whole or not at all: a bad row holds back its household's good rows.
      (${partial} AND NOT bad_own AND household_no IS NOT NULL AND bool_or(bad_own) OVER (PARTITION BY household_no)) AS f_incomplete
    FROM own`.execute(trx);
  await sql`ANALYZE ${sql.id(names.checked)} (county_code, household_no, id_hash, resident_id)`.execute(trx);

  const issue = (flag: string, problem: string, column: string, value: string) => sql`(${sql.id(flag)}, ${problem}, ${column}, ${sql.id(value)})`;
  const found = await sql<{ found: string; inserted: string }>`
    WITH found AS (
      SELECT c.row_no, v.problem, v.column_name, coalesce(v.value, '') AS value
      FROM ${sql.id(names.checked)} c
      CROSS JOIN LATERAL (VALUES
        ${issue('f_duplicate', 'id_duplicate_in_file', ctx.headers.idNumber, 'id_masked')},
        ${issue('f_village', 'household_village_conflict', ctx.headers.householdNo, 'household_no')},
        -- One message for every collision outside the scope, without the column or the value: which
        -- kind of record exists, and where, is not the importer's to learn (the county resolves it).
        (f_cross, 'conflict_outside_scope', '', ''),
        ${issue('f_other', 'id_in_other_household', ctx.headers.idNumber, 'id_masked')},
        ${issue('f_incomplete', 'household_incomplete', ctx.headers.householdNo, 'household_no')}
      ) AS v(flagged, problem, column_name, value)
      WHERE v.flagged
    ),
    ins AS (
      INSERT INTO import_issue (job_id, row_no, column_name, value, problem)
      SELECT ${ctx.jobId}, row_no, column_name, value, problem FROM found ORDER BY row_no, problem LIMIT ${ctx.issues.remaining()}
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM found) AS found, (SELECT count(*) FROM ins) AS inserted`.execute(trx);
  ctx.issues.counted(Number(found.rows[0]!.found), Number(found.rows[0]!.inserted));

  const counts = await sql<{ bad: string; rows: string }>`
    SELECT count(*) FILTER (WHERE bad_own OR f_incomplete) AS bad, count(*) AS rows FROM ${sql.id(names.checked)}`.execute(trx);
  return { badRows: Number(counts.rows[0]!.bad), rows: Number(counts.rows[0]!.rows) };
}
