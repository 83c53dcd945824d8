/** Helpers for the cases modules' tests: a seeded demo database, actors and contexts. Test code only. */
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../http/context.ts';
import { cliAuditSource } from '../../audit/index.ts';
import { loadActor } from '../../auth/index.ts';
import { registerCase, type CaseWriteContext } from '../register-case.ts';
import { assignCase } from '../assign-case.ts';
import type { CaseUnit } from '../case-routing.ts';
import { seedCaseCategories } from '../default-categories.ts';
import { testCipher } from '../../../../../test/support/test-app.ts';

export const GANGCHENG = '370921104';
export const GANGCHENG_VILLAGE = `${GANGCHENG}201`;

/** The actor a signed-in demo user would be. */
export async function caseActor(db: Kysely<DB>, username: string): Promise<Actor> {
  const actor = await loadActor({ db, actor: null }, { username });
  if (!actor) throw new Error(`no active account ${username}`);
  return actor;
}

/** A write context for cases as `username` (or the deployment when null), with the tests' cipher. */
export async function caseContext(db: Kysely<DB>, username: string | null): Promise<CaseWriteContext> {
  const actor = username === null ? null : await caseActor(db, username);
  return { db, actor, cipher: testCipher, source: actor ? { actorId: actor.id, actorName: actor.username, requestId: 'test', clientIp: null } : cliAuditSource('test') };
}

let fixturePhones = 0;

/**
 * A case written for a test at a stage of its life: registered (no unit), dispatched to `unit`
 * (the village by default; 'township' for its township, or a department id), accepted, resolved or
 * called back. Written through `registerCase` and `assignCase`, then the later stages straight
 * into the tables. Answers the case's id.
 */
export async function insertCaseAt(
  db: Kysely<DB>,
  o: { villageCode: string; state: 'registered' | 'dispatched' | 'accepted' | 'resolved' | 'called_back'; unit?: 'village' | 'township' | { departmentId: string }; categoryCode?: string },
): Promise<string> {
  const countyCode = o.villageCode.slice(0, 6);
  await seedCaseCategories(db, { countyCode });
  const ctx = { db, actor: null, cipher: testCipher, source: cliAuditSource('test') };
  const phone = `1360000${String(++fixturePhones).padStart(4, '0')}`;
  const c = await registerCase(ctx, { countyCode, channel: 'window', autoDispatch: false, intake: { categoryCode: o.categoryCode ?? 'relief-temporary', regionCode: o.villageCode, title: '测试诉求', description: '测试用的诉求', contactPhone: phone } });
  if (o.state === 'registered') return c.id;
  const row = await db.selectFrom('resident_case').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
  const category = await db.selectFrom('case_category').selectAll().where('id', '=', row.category_id).executeTakeFirstOrThrow();
  const village = await db.selectFrom('region').select(['id', 'path', 'parent_id']).where('code', '=', o.villageCode).executeTakeFirstOrThrow();
  const township = await db.selectFrom('region').select(['id', 'path']).where('id', '=', village.parent_id!).executeTakeFirstOrThrow();
  const unit: CaseUnit =
    typeof o.unit === 'object'
      ? { level: 'department', departmentId: o.unit.departmentId }
      : o.unit === 'township'
        ? { level: 'township', regionId: township.id, regionPath: township.path }
        : { level: 'village', regionId: village.id, regionPath: village.path };
  const a = await assignCase(db, { caseRow: { id: row.id, county_code: row.county_code, urgent: false, status: 'registered' }, category, unit, dispatchedBy: null, eventKind: 'dispatch', now: new Date() });
  if (o.state === 'dispatched') return c.id;
  await db.updateTable('case_assignment').set({ accepted_at: new Date() }).where('id', '=', a.id).execute();
  await db.updateTable('resident_case').set({ status: 'accepted' }).where('id', '=', c.id).execute();
  if (o.state === 'accepted') return c.id;
  await db.updateTable('case_assignment').set({ resolved_at: new Date(), ended_at: new Date(), end_reason: 'resolved' }).where('id', '=', a.id).execute();
  await db.updateTable('resident_case').set({ status: o.state, resolved_at: new Date(), resolution: '已办结' }).where('id', '=', c.id).execute();
  return c.id;
}
