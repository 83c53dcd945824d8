import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import holidayData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import chineseDaysPackage from 'chinese-days/package.json' with { type: 'json' };

/**
 * Where the official calendar comes from: the `chinese-days` package, which types in the State
 * Council General Office's annual notice on holiday arrangements (国务院办公厅关于××年部分节假日安排的
 * 通知) as data: each holiday and each make-up working day with its festival's name. Upgrading the
 * package brings a new year's notice; the county admin can also enter a year by hand.
 */
export const OFFICIAL_CALENDAR_SOURCE = `chinese-days@${chineseDaysPackage.version}`;

/** One day of the official calendar. */
export interface OfficialDay {
  day: string;
  kind: 'holiday' | 'workday';
  /** The festival in Chinese (元旦, 春节, 国庆节 …). */
  name: string;
}

/** The package stores "English name,中文名,days": the Chinese name is what the calendar shows. */
const chineseName = (value: string) => value.split(',')[1] ?? value;

/**
 * The official days of the given years from the package (all years it has when none are given).
 *
 * @example
 * officialDays([2026]).find((d) => d.day === '2026-10-10'); // { day: '2026-10-10', kind: 'workday', name: '国庆节' }
 */
export function officialDays(years?: readonly number[]): OfficialDay[] {
  const wanted = (day: string) => !years || years.includes(Number(day.slice(0, 4)));
  const days: OfficialDay[] = [];
  for (const [day, value] of Object.entries(holidayData.holidays as Record<string, string>)) if (wanted(day)) days.push({ day, kind: 'holiday', name: chineseName(value) });
  for (const [day, value] of Object.entries(holidayData.workdays as Record<string, string>)) if (wanted(day)) days.push({ day, kind: 'workday', name: chineseName(value) });
  return days.sort((a, b) => a.day.localeCompare(b.day));
}

/** The years the package has data for, ascending. */
export const officialYears = (): number[] => [...new Set(Object.keys(holidayData.holidays as Record<string, string>).map((d) => Number(d.slice(0, 4))))].sort((a, b) => a - b);

/**
 * Loads the official calendar into a county's `working_calendar_day` inside the caller's
 * transaction: every year the package has (or those given), without touching a day the county
 * admin already set by hand or a year already loaded. Returns the years and days written.
 *
 * @example
 * await loadOfficialHolidays(trx, { countyCode: '370921' }); // { years: [2004, …, 2026], days: 845 }
 */
export async function loadOfficialHolidays(trx: Kysely<DB>, options: { countyCode: string; years?: readonly number[]; updatedBy?: string | null }) {
  const loaded = new Set((await trx.selectFrom('working_calendar_year').select('year').where('county_code', '=', options.countyCode).execute()).map((r) => r.year));
  const years = (options.years ?? officialYears()).filter((y) => !loaded.has(y) && officialYears().includes(y));
  if (years.length === 0) return { years: [], days: 0 };
  const days = officialDays(years);
  let written = 0;
  for (let i = 0; i < days.length; i += 500) {
    const result = await trx
      .insertInto('working_calendar_day')
      .values(days.slice(i, i + 500).map((d) => ({ county_code: options.countyCode, day: d.day, kind: d.kind, name: d.name, source: OFFICIAL_CALENDAR_SOURCE, updated_by: options.updatedBy ?? null })))
      .onConflict((oc) => oc.columns(['county_code', 'day']).doNothing())
      .executeTakeFirst();
    written += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  await trx
    .insertInto('working_calendar_year')
    .values(years.map((year) => ({ county_code: options.countyCode, year, source: OFFICIAL_CALENDAR_SOURCE })))
    .onConflict((oc) => oc.columns(['county_code', 'year']).doNothing())
    .execute();
  return { years, days: written };
}
