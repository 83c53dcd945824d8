import type { TCalendarYear, TUpdateCalendarRequest } from '../../../shared/cases/case-config-schemas.ts';
import { ZUpdateCalendarRequest } from '../../../shared/cases/case-config-schemas.ts';
import { checkCalendarEdits } from '../../../shared/cases/calendar-check.ts';
import { forbidden, unprocessable } from '../../http/errors.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
import { calendarYearView, countyRegion, yearDays } from './calendar-view.ts';

/**
 * The county admin's edits of a year (工作日历): sets days as holidays or make-up working days
 * (调休上班) with a name (source `manual`, overriding an official day of that date) and removes
 * manual days. A calendar that contradicts itself is refused whole with 422
 * `working_calendar_contradiction` and issues naming each day (`checkCalendarEdits`: a make-up
 * working day on a weekday, a day both holiday and working day, a day twice, a date outside the
 * year, removing an official or absent day); a holiday block longer than ten days is saved with a
 * warning. Deadlines already given are not recomputed: a changed day counts from the next
 * dispatch on. Audited as `working_calendar.update` with the days before and after.
 *
 * @example
 * await updateCalendarYear({ db, actor, source }, { year: 2027, set: [{ day: '2027-01-01', kind: 'holiday', name: '元旦' }], remove: [] });
 */
export async function updateCalendarYear({ db, actor, source }: WriteContext, options: TUpdateCalendarRequest & { year: number }): Promise<TCalendarYear> {
  if (!actor.countyCode) throw forbidden();
  const countyCode = actor.countyCode;
  const { set, remove } = ZUpdateCalendarRequest.parse({ set: options.set, remove: options.remove });
  const region = await countyRegion(db, countyCode);
  if (!region) throw forbidden();
  return db.transaction().execute(async (trx) => {
    const existing = await yearDays(trx, countyCode, options.year);
    const { issues } = checkCalendarEdits({ year: options.year, existing, set, remove });
    if (issues.length) throw unprocessable('working_calendar_contradiction', issues);
    const now = new Date();
    for (const edit of set) {
      const values = { kind: edit.kind, name: edit.name, source: 'manual', updated_by: actor.id, updated_at: now };
      await trx
        .insertInto('working_calendar_day')
        .values({ county_code: countyCode, day: edit.day, ...values })
        .onConflict((oc) => oc.columns(['county_code', 'day']).doUpdateSet(values))
        .execute();
    }
    if (remove.length) await trx.deleteFrom('working_calendar_day').where('county_code', '=', countyCode).where('day', 'in', remove).where('source', '=', 'manual').execute();
    const changed = new Set([...set.map((s) => s.day), ...remove]);
    await recordAudit(
      { db: trx, source },
      {
        action: 'working_calendar.update',
        entityType: 'working_calendar',
        entityId: `${countyCode}:${options.year}`,
        region,
        before: { days: existing.filter((d) => changed.has(d.day)).map((d) => ({ day: d.day, kind: d.kind, name: d.name, source: d.source })) },
        after: { set, remove },
      },
    );
    return calendarYearView(trx, countyCode, options.year);
  });
}
