import { readJson } from '../../db/json-columns.ts';
import { notFound } from '../../http/errors.ts';
import { findHouseholdInScope } from '../../scope/index.ts';
import type { ReadContext } from '../../use-case-context.ts';
import type { SURVEY_DOMAINS } from '../../../shared/schemas/survey.ts';
import type { TVisitDetail } from '../../../shared/schemas/visit-ledger.ts';
import { deliveryAnswer, deliveryRows, householdHeads } from './ledger-queries.ts';
import { summaryAnswer, visitSummaries } from './list-household-visits.ts';

/**
 * One visit in full, for those who may see its household (404 otherwise): the record as the
 * phone sent it, its aid deliveries (voided ones too, with their reasons), problems and
 * proposals with their status, and the photos' content hashes for the file route.
 *
 * @example
 * const visit = await getVisit({ db, actor }, { visitId: '88' });
 * visit.photoHashes; // ['9f86d0…']
 */
export async function getVisit({ db, actor }: ReadContext, { visitId }: { visitId: string }): Promise<TVisitDetail> {
  const head = await db
    .selectFrom('visit')
    .select(['id', 'household_id', 'county_code', 'campaign_id'])
    .where('id', '=', visitId)
    .$if(actor.countyCode !== null, (q) => q.where('county_code', '=', actor.countyCode!))
    .executeTakeFirst();
  if (!head) throw notFound();
  const household = await findHouseholdInScope(db, actor, head.household_id);
  const [summary] = await visitSummaries(db, { countyCode: head.county_code, visitId: head.id });
  const deliveries = head.campaign_id === null ? [] : (await deliveryRows(db, { countyCode: head.county_code, campaignId: head.campaign_id, householdIds: [head.household_id] })).filter((d) => d.visit_id === head.id);
  const problems = await db.selectFrom('visit_problem').select(['id', 'ordinal', 'text', 'domain', 'status']).where('county_code', '=', head.county_code).where('visit_id', '=', head.id).orderBy('ordinal').execute();
  const proposals = await db.selectFrom('hardship_proposal').select(['id', 'action', 'category_code', 'status']).where('county_code', '=', head.county_code).where('visit_id', '=', head.id).orderBy('id').execute();
  const photos = await db.selectFrom('visit_photo').select('sha256').where('visit_id', '=', head.id).orderBy('sha256').execute();
  const h = (await householdHeads(db, head.county_code, [head.household_id])).get(head.household_id);
  return {
    ...summaryAnswer(summary!),
    householdId: household.id,
    householdNo: household.household_no,
    headName: h?.headName ?? '',
    villageName: household.village_name,
    record: readJson('visit.body', summary!.body),
    deliveries: deliveries.map(deliveryAnswer),
    problemRows: problems.map((p) => ({ id: p.id, ordinal: p.ordinal, text: p.text, domain: p.domain as (typeof SURVEY_DOMAINS)[number], status: p.status })),
    proposals: proposals.map((p) => ({ id: p.id, action: p.action, categoryCode: p.category_code, status: p.status })),
    photoHashes: photos.map((p) => p.sha256),
  };
}
