import { inSubtree, scopePathOf } from '../../scope/index.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { iso } from '../../../shared/time.ts';
import type { SURVEY_DOMAINS } from '../../../shared/schemas/survey.ts';
import { VISIT_PROBLEM_LIMIT, type VISIT_PROBLEM_STATUSES } from '../../../shared/schemas/visit-ledger.ts';

export interface ListVisitProblemsOptions {
  /** A region of the actor's area (404 outside it); the whole area by default. */
  regionCode?: string | undefined;
  status?: (typeof VISIT_PROBLEM_STATUSES)[number] | undefined;
}

/**
 * Problems families raised in visits (反映问题), within the actor's area or a region of it, by
 * status, newest visit first, at most {@link VISIT_PROBLEM_LIMIT} (then `truncated`).
 *
 * @example
 * const { items } = await listVisitProblems({ db, actor }, { regionCode: '370921104201', status: 'open' });
 */
export async function listVisitProblems({ db, actor }: ReadContext, { regionCode, status }: ListVisitProblemsOptions) {
  const path = await scopePathOf(db, actor, regionCode);
  const rows = await db
    .selectFrom('visit_problem as p')
    .innerJoin('visit as v', 'v.id', 'p.visit_id')
    .innerJoin('household as h', 'h.id', 'p.household_id')
    .innerJoin('region as vr', 'vr.id', 'p.village_id')
    .leftJoin('resident as r', (j) => j.onRef('r.household_id', '=', 'h.id').onRef('r.county_code', '=', 'h.county_code').on('r.relationship', '=', '户主').on('r.active', '=', true))
    .select(['p.id', 'p.visit_id', 'p.household_id', 'p.text', 'p.domain', 'p.status', 'p.case_id', 'v.visited_at', 'h.household_no', 'vr.code as village_code', 'vr.name as village_name', 'r.name as head_name'])
    .$if(actor.countyCode !== null, (q) => q.where('p.county_code', '=', actor.countyCode!).where('v.county_code', '=', actor.countyCode!).where('h.county_code', '=', actor.countyCode!))
    .where((eb) => inSubtree(eb.ref('vr.path'), path))
    .where('v.voided_at', 'is', null)
    .$if(status !== undefined, (q) => q.where('p.status', '=', status!))
    .orderBy('v.visited_at', 'desc')
    .orderBy('p.id', 'desc')
    .limit(VISIT_PROBLEM_LIMIT + 1)
    .execute();
  const seen = new Set<string>();
  const unique = rows.filter((r) => !seen.has(r.id) && seen.add(r.id));
  return {
    items: unique.slice(0, VISIT_PROBLEM_LIMIT).map((r) => ({
      id: r.id,
      visitId: r.visit_id,
      householdId: r.household_id,
      householdNo: r.household_no,
      headName: r.head_name ?? '',
      villageCode: r.village_code,
      villageName: r.village_name,
      text: r.text,
      // The CHECK-free text column holds what ZRaisedProblem accepted: one of the survey's domains.
      domain: r.domain as (typeof SURVEY_DOMAINS)[number],
      status: r.status,
      visitedAt: iso(r.visited_at)!,
      caseId: r.case_id,
    })),
    truncated: unique.length > VISIT_PROBLEM_LIMIT,
  };
}
