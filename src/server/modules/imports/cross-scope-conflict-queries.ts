/**
 * Reading imports' cross-scope conflicts: the shared select, the API shape, and the scope rule:
 * a conflict belongs to the importer's region, and is visible to users whose region contains it.
 */
import type { Kysely } from 'kysely';
import type { TCrossScopeConflict } from '../../../shared/registry/import-schemas.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import { notFound } from '../../http/errors.ts';
import { isInScope } from '../../scope/index.ts';

/**
 * Conflicts with their job, regions, the record hit and who resolved them.
 *
 * @example
 * const open = await selectCrossScopeConflicts(db).where('c.status', '=', 'open').execute();
 */
export const selectCrossScopeConflicts = (db: Kysely<DB>) =>
  db
    .selectFrom('import_cross_scope_conflict as c')
    .innerJoin('import_job as j', 'j.id', 'c.job_id')
    .innerJoin('region as ir', 'ir.id', 'c.import_region_id')
    .innerJoin('region as v', 'v.id', 'c.village_id')
    .innerJoin('household as h', 'h.id', 'c.existing_household_id')
    .innerJoin('region as hv', 'hv.id', 'h.village_id')
    .leftJoin('region as ht', 'ht.id', 'hv.parent_id')
    .leftJoin('resident as r', 'r.id', 'c.existing_resident_id')
    .leftJoin('app_user as u', 'u.id', 'c.resolved_by')
    .selectAll('c')
    .select([
      'j.file_name',
      'ir.code as import_region_code',
      'ir.name as import_region_name',
      'ir.path as import_region_path',
      'v.code as village_code',
      'v.name as village_name',
      'h.household_no as existing_household_no',
      'hv.code as existing_village_code',
      'hv.name as existing_village_name',
      'ht.code as existing_township_code',
      'ht.name as existing_township_name',
      'ht.level as existing_township_level',
      'r.name as resident_name',
      'r.id_number_masked as resident_id_masked',
      'u.username',
      'u.display_name',
    ]);

export type CrossScopeConflictRow = Awaited<ReturnType<ReturnType<typeof selectCrossScopeConflicts>['executeTakeFirstOrThrow']>>;

/**
 * A conflict row as the API shows it.
 *
 * @example
 * toCrossScopeConflict(row).existing.township?.name; // '蒋集镇'
 */
export function toCrossScopeConflict(row: CrossScopeConflictRow): TCrossScopeConflict {
  return {
    id: row.id,
    status: row.status,
    kind: row.kind,
    job: { id: row.job_id, fileName: row.file_name, rowNo: row.row_no },
    importRegion: { code: row.import_region_code, name: row.import_region_name },
    village: { code: row.village_code, name: row.village_name },
    householdNo: row.household_no,
    idNumberMasked: row.id_masked,
    existing: {
      householdId: row.existing_household_id,
      householdNo: row.existing_household_no,
      village: { code: row.existing_village_code, name: row.existing_village_name },
      township: row.existing_township_code && row.existing_township_level === 'township' ? { code: row.existing_township_code, name: row.existing_township_name ?? '' } : null,
      resident: row.existing_resident_id ? { id: row.existing_resident_id, name: row.resident_name ?? '', idNumberMasked: row.resident_id_masked ?? '' } : null,
    },
    resolution: row.resolution,
    note: row.note,
    resolvedBy: row.username ? { username: row.username, displayName: row.display_name ?? row.username } : null,
    resolvedAt: row.resolved_at ? new Date(row.resolved_at).toISOString() : null,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/**
 * A conflict the actor may see; 404 otherwise, whether or not it exists.
 *
 * @example
 * const row = await findCrossScopeConflictInScope(db, actor, '12');
 */
export async function findCrossScopeConflictInScope(db: Kysely<DB>, actor: Actor, id: string): Promise<CrossScopeConflictRow> {
  const row = await selectCrossScopeConflicts(db).where('c.id', '=', id).executeTakeFirst();
  if (!row || !isInScope(actor, row.import_region_path)) throw notFound();
  return row;
}
