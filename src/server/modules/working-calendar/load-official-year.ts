import { z } from 'zod';
import type { ZLoadCalendarResult } from '../../../shared/cases/case-config-schemas.ts';
import { AppError, forbidden } from '../../http/errors.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
import { calendarYearView, countyRegion } from './calendar-view.ts';
import { OFFICIAL_CALENDAR_SOURCE, officialDays, officialYears } from './official-holidays.ts';

/**
 * Loads (or reloads) one year of the official calendar into the actor's county: the official
 * days of that year are replaced by the package's, the county admin's manual days are kept (a
 * manual day wins over the official one of the same date). A year the package does not have
 * (2027 in chinese-days@1.5.7) is refused with 422 `working_calendar_no_official_data`: no date
 * is ever invented. Audited as `working_calendar.load`.
 *
 * @example
 * const result = await loadOfficialYear({ db, actor, source }, { year: 2026 });
 * result.written; // 33 (days written; manual ones kept)
 */
export async function loadOfficialYear({ db, actor, source }: WriteContext, { year }: { year: number }): Promise<z.infer<typeof ZLoadCalendarResult>> {
  if (!actor.countyCode) throw forbidden();
  const countyCode = actor.countyCode;
  if (!officialYears().includes(year)) throw new AppError(422, 'working_calendar_no_official_data');
  const region = await countyRegion(db, countyCode);
  if (!region) throw forbidden();
  return db.transaction().execute(async (trx) => {
    const removed = await trx
      .deleteFrom('working_calendar_day')
      .where('county_code', '=', countyCode)
      .where('day', '>=', `${year}-01-01`)
      .where('day', '<=', `${year}-12-31`)
      .where('source', '<>', 'manual')
      .executeTakeFirst();
    const days = officialDays([year]);
    const inserted = await trx
      .insertInto('working_calendar_day')
      .values(days.map((d) => ({ county_code: countyCode, day: d.day, kind: d.kind, name: d.name, source: OFFICIAL_CALENDAR_SOURCE, updated_by: actor.id })))
      .onConflict((oc) => oc.columns(['county_code', 'day']).doNothing())
      .executeTakeFirst();
    await trx
      .insertInto('working_calendar_year')
      .values({ county_code: countyCode, year, source: OFFICIAL_CALENDAR_SOURCE, loaded_at: new Date() })
      .onConflict((oc) => oc.columns(['county_code', 'year']).doUpdateSet({ source: OFFICIAL_CALENDAR_SOURCE, loaded_at: new Date() }))
      .execute();
    const written = Number(inserted.numInsertedOrUpdatedRows ?? 0);
    const removedCount = Number(removed.numDeletedRows ?? 0);
    await recordAudit(
      { db: trx, source },
      { action: 'working_calendar.load', entityType: 'working_calendar', entityId: `${countyCode}:${year}`, region, after: { year, source: OFFICIAL_CALENDAR_SOURCE, written, replaced: removedCount, keptManual: days.length - written } },
    );
    return { ...(await calendarYearView(trx, countyCode, year)), written, removed: removedCount };
  });
}
