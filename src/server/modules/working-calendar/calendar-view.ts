import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { TCalendarYear } from '../../../shared/cases/case-config-schemas.ts';
import { longHolidayBlocks } from '../../../shared/cases/calendar-check.ts';
import { calendarFromDays } from '../../../shared/cases/index.ts';
import { OFFICIAL_CALENDAR_SOURCE, officialYears } from './official-holidays.ts';

/** A year's stored days of a county, ascending. */
export async function yearDays(db: Kysely<DB>, countyCode: string, year: number) {
  return db
    .selectFrom('working_calendar_day')
    .select(['day', 'kind', 'name', 'source', 'updated_at'])
    .where('county_code', '=', countyCode)
    .where('day', '>=', `${year}-01-01`)
    .where('day', '<=', `${year}-12-31`)
    .orderBy('day')
    .execute();
}

/** The year as the page shows it: its days, where they came from, whether official data exists, and the warnings. */
export async function calendarYearView(db: Kysely<DB>, countyCode: string, year: number): Promise<TCalendarYear> {
  const days = await yearDays(db, countyCode, year);
  const loaded = await db.selectFrom('working_calendar_year').select(['source', 'loaded_at']).where('county_code', '=', countyCode).where('year', '=', year).executeTakeFirst();
  const years = officialYears();
  return {
    year,
    countyCode,
    officialAvailable: years.includes(year),
    officialSource: OFFICIAL_CALENDAR_SOURCE,
    officialYears: { from: years[0]!, to: years.at(-1)! },
    loaded: loaded ? { source: loaded.source, loadedAt: new Date(loaded.loaded_at).toISOString() } : null,
    days: days.map((d) => ({ day: d.day, kind: d.kind, name: d.name, source: d.source, updatedAt: new Date(d.updated_at).toISOString() })),
    warnings: longHolidayBlocks(year, calendarFromDays(days)),
  };
}

/** The county's region row, for the audit entry. */
export async function countyRegion(db: Kysely<DB>, countyCode: string) {
  return db.selectFrom('region').select(['id', 'path', 'county_code']).where('code', '=', countyCode).where('level', '=', 'county').executeTakeFirst();
}
