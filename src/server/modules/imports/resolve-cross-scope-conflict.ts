import { sql, type Kysely } from 'kysely';
import type { TCrossScopeConflict } from '../../../shared/registry/import-schemas.ts';
import type { DB } from '../../db/schema.ts';
import { conflict } from '../../http/errors.ts';
import { isPathInSubtree } from '../../scope/index.ts';
import { recordAudit, type AuditSource } from '../audit/index.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { MERGE_LOCK } from './import-households.ts';
import { findCrossScopeConflictInScope, toCrossScopeConflict } from './cross-scope-conflict-queries.ts';

export interface ResolveCrossScopeConflictOptions {
  id: string;
  /** moved (迁户): the household, or the person, goes to the importing township; typing_error: dismissed. */
  resolution: 'moved' | 'typing_error';
  note: string;
}

type Trx = Kysely<DB>;
type Region = { id: string; path: string; county_code: string | null };

const regionOf = (trx: Trx, id: string): Promise<Region> => trx.selectFrom('region').select(['id', 'path', 'county_code']).where('id', '=', id).executeTakeFirstOrThrow();

/**
 * 迁户 of a household-number conflict: the household hit moves, with its members, to the village
 * the import row names (inside the importing township). Audited as the household's move.
 */
async function moveHousehold(trx: Trx, c: { existing_household_id: string; village_id: string; id: string }, audit: AuditSource) {
  const before = await trx.selectFrom('household').select(['village_id']).where('id', '=', c.existing_household_id).forUpdate().executeTakeFirstOrThrow();
  if (before.village_id === c.village_id) return;
  await trx.updateTable('household').set({ village_id: c.village_id, updated_at: new Date() }).where('id', '=', c.existing_household_id).execute();
  await recordAudit({ db: trx, source: audit }, {
    action: 'household.moved',
    entityType: 'household',
    entityId: c.existing_household_id,
    region: await regionOf(trx, c.village_id),
    before: { villageId: before.village_id },
    after: { villageId: c.village_id, crossScopeConflictId: c.id },
  });
}

/**
 * 迁户 of an ID-number conflict: the person hit joins the household the import row names; that
 * household is created in the row's village if the registry does not have it yet. A 户编号 of a
 * household outside the importing township (or none) cannot take them: 409.
 */
async function moveResident(
  trx: Trx,
  c: { existing_resident_id: string | null; household_no: string | null; village_id: string; county_code: string; id: string; import_region_path: string },
  audit: AuditSource,
) {
  if (!c.existing_resident_id || !c.household_no) throw conflict('import_conflict_cannot_move');
  const resident = await trx.selectFrom('resident').select(['household_id']).where('id', '=', c.existing_resident_id).forUpdate().executeTakeFirstOrThrow();
  let target = await trx
    .selectFrom('household as h')
    .innerJoin('region as v', 'v.id', 'h.village_id')
    .select(['h.id', 'v.path'])
    .where('h.county_code', '=', c.county_code)
    .where('h.household_no', '=', c.household_no)
    .executeTakeFirst();
  if (target && !isPathInSubtree(target.path, c.import_region_path)) throw conflict('import_conflict_cannot_move');
  const village = await regionOf(trx, c.village_id);
  if (!target) {
    const created = await trx
      .insertInto('household')
      .values({ county_code: c.county_code, village_id: c.village_id, household_no: c.household_no, address: '', notes: '' })
      .returning('id')
      .executeTakeFirstOrThrow();
    target = { id: created.id, path: village.path };
    await recordAudit({ db: trx, source: audit }, {
      action: 'household.created',
      entityType: 'household',
      entityId: created.id,
      region: village,
      after: { householdNo: c.household_no, villageId: c.village_id, crossScopeConflictId: c.id },
    });
  }
  if (resident.household_id === target.id) return;
  await trx.updateTable('resident').set({ household_id: target.id, updated_at: new Date() }).where('id', '=', c.existing_resident_id).execute();
  await recordAudit({ db: trx, source: audit }, {
    action: 'resident.moved',
    entityType: 'resident',
    entityId: c.existing_resident_id,
    region: village,
    before: { householdId: resident.household_id },
    after: { householdId: target.id, crossScopeConflictId: c.id },
  });
}

/**
 * Resolves an open cross-scope conflict of an import into the actor's subtree: 迁户 (the household
 * or person moves to the importing township, so that the township's next import of the file goes
 * through), or a typing error in the file (dismissed with the note). Audited with what it changed;
 * 404 outside the actor's subtree, 409 when already resolved.
 *
 * @example
 * await resolveCrossScopeConflict({ db, actor, source: auditSourceOf(req) }, { id: '12', resolution: 'moved', note: '2026年5月迁入堽城镇' });
 */
export async function resolveCrossScopeConflict({ db, actor, source }: WriteContext, o: ResolveCrossScopeConflictOptions): Promise<TCrossScopeConflict> {
  await findCrossScopeConflictInScope(db, actor, o.id);
  await db.transaction().execute(async (trx) => {
    // Not while an import checks and merges: its scope checks must not see a household half-moved.
    await sql`SELECT pg_advisory_xact_lock(${MERGE_LOCK})`.execute(trx);
    // Locked and read again: two admins resolving at once get one 409.
    await sql`SELECT 1 FROM import_cross_scope_conflict WHERE id = ${o.id} FOR UPDATE`.execute(trx);
    const c = await findCrossScopeConflictInScope(trx, actor, o.id);
    if (c.status !== 'open') throw conflict('import_conflict_resolved');
    if (o.resolution === 'moved') {
      if (c.kind === 'household_no') await moveHousehold(trx, c, source);
      else await moveResident(trx, c, source);
    }
    await trx
      .updateTable('import_cross_scope_conflict')
      .set({ status: 'resolved', resolution: o.resolution, note: o.note, resolved_by: actor.id, resolved_at: new Date() })
      .where('id', '=', o.id)
      .execute();
    await recordAudit({ db: trx, source }, {
      action: 'import.cross_scope_conflict.resolve',
      entityType: 'import_cross_scope_conflict',
      entityId: o.id,
      region: await regionOf(trx, c.import_region_id),
      before: { status: 'open' },
      after: { status: 'resolved', resolution: o.resolution, note: o.note, kind: c.kind },
    });
  });
  return toCrossScopeConflict(await findCrossScopeConflictInScope(db, actor, o.id));
}
