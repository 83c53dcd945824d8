/**
 * Files the import's collisions with records outside the importer's scope (flagged by
 * check-staged-rows.ts) on the county's list, import_cross_scope_conflict, each with its audit
 * entry, inside the import's transaction: a rejected file records them too, since the rows stay
 * refused until the county resolves them. A collision already open for the same importing
 * region and record is not filed again (the same file imported twice).
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AuditSource } from '../audit/index.ts';
import type { StageNames } from './import-stage.ts';

export interface CrossScopeContext {
  trx: Kysely<DB>;
  names: StageNames;
  jobId: string;
  /** The importer's region. */
  importRegionId: string;
  audit: AuditSource;
}

/**
 * @example
 * const filed = await recordCrossScopeConflicts({ trx, names, jobId, importRegionId: region.id, audit });
 */
export async function recordCrossScopeConflicts(ctx: CrossScopeContext): Promise<number> {
  const checked = sql.id(ctx.names.checked);
  const a = ctx.audit;
  const result = await sql<{ n: string }>`
    WITH found AS (
      SELECT c.row_no, c.county_code, c.village_id, c.household_no, c.id_masked, 'household_no' AS kind,
             c.household_id AS existing_household_id, NULL::bigint AS existing_resident_id, c.household_village_id AS existing_village_id
      FROM ${checked} c WHERE c.f_scope AND c.village_id IS NOT NULL
      UNION ALL
      SELECT c.row_no, c.county_code, c.village_id, c.household_no, c.id_masked, 'id_number',
             c.resident_household_id, c.resident_id, c.resident_village_id
      FROM ${checked} c WHERE c.f_person_scope AND c.village_id IS NOT NULL
    ),
    ins AS (
      INSERT INTO import_cross_scope_conflict (county_code, import_region_id, village_id, job_id, row_no, kind, household_no, id_masked,
                                               existing_household_id, existing_resident_id, existing_village_id)
      SELECT county_code, ${ctx.importRegionId}::bigint, village_id, ${ctx.jobId}, row_no, kind, household_no, id_masked,
             existing_household_id, existing_resident_id, existing_village_id
      FROM found ORDER BY row_no, kind
      ON CONFLICT (import_region_id, kind, existing_household_id, (COALESCE(existing_resident_id, 0))) WHERE status = 'open' DO NOTHING
      RETURNING *
    ),
    audited AS (
      INSERT INTO audit_log (actor_id, actor_name, request_id, client_ip, action, entity_type, entity_id, region_id, region_path, county_code, after)
      SELECT ${a.actorId}::bigint, ${a.actorName}::text, ${a.requestId}::text, ${a.clientIp}::text, 'import.cross_scope_conflict', 'import_cross_scope_conflict', i.id::text,
        r.id, r.path, r.county_code,
        jsonb_build_object('jobId', i.job_id, 'rowNo', i.row_no, 'kind', i.kind, 'householdNo', i.household_no, 'idNumber', i.id_masked,
          'villageId', i.village_id::text, 'existingHouseholdId', i.existing_household_id::text,
          'existingResidentId', i.existing_resident_id::text, 'existingVillageId', i.existing_village_id::text)
      FROM ins i JOIN region r ON r.id = i.import_region_id
      RETURNING 1
    )
    SELECT count(*) AS n FROM audited`.execute(ctx.trx);
  return Number(result.rows[0]!.n);
}
