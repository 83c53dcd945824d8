import { readJson } from '../../db/json-columns.ts';
import { inSubtree } from '../../scope/index.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { iso } from '../../../shared/time.ts';
import { actorRef, householdHeads } from './ledger-queries.ts';

/** Most resend conflicts one answer lists, oldest first (a backlog larger than this is worked in turns). */
export const RESEND_CONFLICT_LIMIT = 500;

/**
 * Resends of stored visit records with a different body (重复提交审查), within the actor's area:
 * the stored record, the body received, where they differ, and the review once made.
 *
 * @example
 * const { items } = await listResendConflicts({ db, actor }, { status: 'open' });
 * items[0]?.diffPaths; // ['situation']
 */
export async function listResendConflicts({ db, actor }: ReadContext, { status }: { status: 'open' | 'reviewed' }) {
  const rows = await db
    .selectFrom('visit_resend_conflict as c')
    .innerJoin('visit as v', 'v.id', 'c.visit_id')
    .innerJoin('region as vr', 'vr.id', 'v.village_id')
    .innerJoin('app_user as u', 'u.id', 'c.received_by')
    .leftJoin('app_user as r', 'r.id', 'c.reviewed_by')
    .select([
      'c.id',
      'c.visit_id',
      'c.received_at',
      'c.body',
      'c.diff_paths',
      'c.reviewed_at',
      'c.review_note',
      'v.client_id',
      'v.household_id',
      'v.county_code',
      'v.body as stored_body',
      'u.id as user_id',
      'u.username',
      'u.display_name',
      'r.id as reviewer_id',
      'r.username as reviewer_username',
      'r.display_name as reviewer_display_name',
    ])
    .$if(actor.countyCode !== null, (q) => q.where('c.county_code', '=', actor.countyCode!).where('v.county_code', '=', actor.countyCode!))
    .where((eb) => inSubtree(eb.ref('vr.path'), actor.regionPath))
    .where('c.reviewed_at', status === 'open' ? 'is' : 'is not', null)
    .orderBy('c.received_at')
    .orderBy('c.id')
    .limit(RESEND_CONFLICT_LIMIT)
    .execute();
  const heads = new Map<string, { householdNo: string; headName: string; villageName: string }>();
  for (const county of new Set(rows.map((r) => r.county_code))) {
    for (const [id, h] of await householdHeads(db, county, [...new Set(rows.filter((r) => r.county_code === county).map((r) => r.household_id))])) heads.set(id, h);
  }
  return {
    items: rows.map((r) => ({
      id: r.id,
      visitId: r.visit_id,
      clientId: r.client_id,
      householdId: r.household_id,
      householdNo: heads.get(r.household_id)?.householdNo ?? '',
      headName: heads.get(r.household_id)?.headName ?? '',
      villageName: heads.get(r.household_id)?.villageName ?? '',
      receivedAt: iso(r.received_at)!,
      receivedBy: actorRef(r.user_id, r.username, r.display_name)!,
      diffPaths: r.diff_paths,
      stored: readJson('visit.body', r.stored_body),
      received: readJson('visit_resend_conflict.body', r.body),
      reviewedAt: iso(r.reviewed_at),
      reviewedBy: actorRef(r.reviewer_id, r.reviewer_username, r.reviewer_display_name),
      reviewNote: r.review_note,
    })),
  };
}
