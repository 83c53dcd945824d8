import { sql } from 'kysely';
import { addDays } from '../../../shared/visits/index.ts';
import type { TCampaignProgress } from '../../../shared/visits/visit-report-schemas.ts';
import { localDate } from '../../../shared/time.ts';
import { inSubtree } from '../../scope/index.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { metDayCtes, withReportMemory } from './coverage-sql.ts';
import { findReportScope } from './find-report-campaign.ts';

/**
 * The daily progress curve (进度曲线): for each day from the campaign's start to today (or to the
 * last day a late entry counts, whichever is earlier), how many target households had met their
 * rule by that day's end, on time or late — what `computeCoverage` would say at that instant.
 * Counted in SQL: the day of each household's `required`-th counted visit.
 *
 * @example
 * const { days } = await getCampaignProgress({ db, actor }, { campaignId: '7' });
 * days.at(-1); // { date: '2026-12-06', done: 10234, newlyDone: 412 }
 */
export async function getCampaignProgress({ db, actor }: ReadContext, options: { campaignId: string; regionCode?: string | undefined; now?: Date }): Promise<TCampaignProgress> {
  const now = options.now ?? new Date();
  const { campaign, region } = await findReportScope({ db, actor }, options);
  const def = campaign.definition;
  const input = { campaignId: campaign.id, countyCode: campaign.countyCode, regionPath: region.path, definition: def, now };
  const met = await withReportMemory(db, (trx) => sql<{ day: string; n: number }>`WITH ${metDayCtes(input)} SELECT day::text AS day, count(*)::int AS n FROM met GROUP BY day ORDER BY day`.execute(trx));
  const targets = await db
    .selectFrom('visit_target as t')
    .innerJoin('region as v', 'v.id', 't.village_id')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('t.campaign_id', '=', campaign.id)
    .where('t.county_code', '=', campaign.countyCode)
    .where((eb) => inSubtree(eb.ref('v.path'), region.path))
    .executeTakeFirstOrThrow();
  const perDay = new Map(met.rows.map((r) => [r.day, r.n]));
  const today = localDate(now);
  const lastDay = addDays(def.done.deadline, def.graceDays);
  const end = today < lastDay ? today : lastDay;
  const days: TCampaignProgress['days'] = [];
  let done = 0;
  for (let d = def.period.startsOn; d <= end; d = addDays(d, 1)) {
    const newlyDone = perDay.get(d) ?? 0;
    done += newlyDone;
    days.push({ date: d, done, newlyDone });
  }
  const ref = { code: region.code, name: region.name, level: region.level };
  return { campaign: campaign.summary, region: ref, targets: targets.n, days };
}
