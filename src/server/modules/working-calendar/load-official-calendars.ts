import { sql } from 'kysely';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
import { loadOfficialHolidays, OFFICIAL_CALENDAR_SOURCE } from './official-holidays.ts';

/**
 * At server start (and `lianxin calendar load`): every county region with accounts gets the
 * official years it has not loaded yet (all the package has, or the one year given). Idempotent:
 * a year already loaded is skipped, so manual edits and reloads are never overwritten. Audited as
 * `working_calendar.load` per county that got a year. Returns what each county got.
 *
 * @example
 * await loadOfficialCalendars({ db, actor: null, source: cliAuditSource('serve') }, {}); // [{ countyCode: '370921', years: [2004, …, 2026], days: 845 }]
 */
export async function loadOfficialCalendars({ db, source }: WriteContext<null>, options: { year?: number } = {}) {
  const counties = await db
    .selectFrom('region as r')
    .select(['r.id', 'r.path', 'r.county_code'])
    .where('r.level', '=', 'county')
    .where(({ exists, selectFrom }) => exists(selectFrom('app_user as u').innerJoin('region as ur', 'ur.id', 'u.region_id').select(sql.lit(1).as('one')).whereRef('ur.county_code', '=', 'r.county_code')))
    .orderBy('r.code')
    .execute();
  const loaded: { countyCode: string; years: number[]; days: number }[] = [];
  for (const county of counties) {
    const countyCode = county.county_code;
    if (!countyCode) continue;
    const result = await db.transaction().execute(async (trx) => {
      const r = await loadOfficialHolidays(trx, { countyCode, ...(options.year ? { years: [options.year] } : {}) });
      if (r.years.length) {
        await recordAudit({ db: trx, source }, { action: 'working_calendar.load', entityType: 'working_calendar', entityId: countyCode, region: county, after: { years: r.years, days: r.days, source: OFFICIAL_CALENDAR_SOURCE } });
      }
      return r;
    });
    loaded.push({ countyCode, ...result });
  }
  return loaded;
}
