import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { findHouseholdInScope } from '../../scope/index.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { iso } from '../../../shared/time.ts';
import { actorRef } from './ledger-queries.ts';

/** Visits of one household (or one visit), with their counts, as the lists show them. */
export function visitSummaries(db: Kysely<DB>, o: { countyCode: string; householdId?: string; visitId?: string }) {
  return db
    .selectFrom('visit as v')
    .innerJoin('app_user as u', 'u.id', 'v.recorded_by')
    .leftJoin('visit_campaign as c', 'c.id', 'v.campaign_id')
    .select([
      'v.id',
      'v.client_id',
      'v.campaign_id',
      'c.name as campaign_name',
      'v.household_id',
      'v.kind',
      'v.visited_at',
      'v.recorded_at',
      'v.late',
      'v.voided_at',
      'v.body',
      'u.id as user_id',
      'u.username',
      'u.display_name',
      sql<string>`(SELECT count(*) FROM aid_delivery d WHERE d.visit_id = v.id AND d.county_code = v.county_code)`.as('aid_lines'),
      sql<string>`(SELECT count(*) FROM visit_photo p WHERE p.visit_id = v.id)`.as('photos'),
      sql<string>`(SELECT count(*) FROM visit_problem q WHERE q.visit_id = v.id AND q.county_code = v.county_code)`.as('problems'),
    ])
    .where('v.county_code', '=', o.countyCode)
    .$if(o.householdId !== undefined, (q) => q.where('v.household_id', '=', o.householdId!))
    .$if(o.visitId !== undefined, (q) => q.where('v.id', '=', o.visitId!))
    .orderBy('v.visited_at', 'desc')
    .orderBy('v.id', 'desc')
    .execute();
}
type SummaryRow = Awaited<ReturnType<typeof visitSummaries>>[number];

export const summaryAnswer = (r: SummaryRow) => ({
  id: r.id,
  clientId: r.client_id,
  campaignId: r.campaign_id,
  campaignName: r.campaign_name,
  kind: r.kind,
  visitedAt: iso(r.visited_at)!,
  recordedAt: iso(r.recorded_at)!,
  recordedBy: actorRef(r.user_id, r.username, r.display_name)!,
  late: r.late,
  voided: r.voided_at !== null,
  aidLines: Number(r.aid_lines),
  photos: Number(r.photos),
  problems: Number(r.problems),
});

/**
 * A household's visits, newest first (the household page's 走访记录), for those who may see the
 * household (404 otherwise).
 *
 * @example
 * const { items } = await listHouseholdVisits({ db, actor }, { householdId: '1024' });
 */
export async function listHouseholdVisits({ db, actor }: ReadContext, { householdId }: { householdId: string }) {
  const household = await findHouseholdInScope(db, actor, householdId);
  return { items: (await visitSummaries(db, { countyCode: household.county_code, householdId: household.id })).map(summaryAnswer) };
}
