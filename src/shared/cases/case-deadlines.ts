/**
 * A case's two deadlines for one dispatch (派单): accept within the category's response hours
 * (签收时限) and resolve within its working days (办结时限), or, for an urgent case, within its
 * urgent working hours and an acceptance within at most URGENT_RESPONSE_HOURS. Pure: the server
 * stores the result on the assignment, the web shows it.
 */
import { addWorkingDays, addWorkingHours, type TWorkingCalendar } from './working-calendar.ts';

/** An urgent case must be accepted within this many working hours, or the category's own limit if shorter. */
export const URGENT_RESPONSE_HOURS = 2;

/** The deadline settings of a category (`case_category`). */
export interface TCategoryDeadlines {
  responseHours: number;
  resolveDays: number;
  urgentHours: number;
}

/**
 * @example
 * caseDeadlines({ from: new Date('2026-12-04T07:00:00Z'), category: { responseHours: 4, resolveDays: 7, urgentHours: 24 }, urgent: false, calendar: WEEKENDS_ONLY });
 * // { responseDueAt: 2026-12-07 11:00 Shanghai, resolveDueAt: 2026-12-15 00:00 Shanghai }
 */
export function caseDeadlines(options: { from: Date; category: TCategoryDeadlines; urgent: boolean; calendar: TWorkingCalendar }): { responseDueAt: Date; resolveDueAt: Date } {
  const { from, category, urgent, calendar } = options;
  if (urgent) {
    return {
      responseDueAt: addWorkingHours(from, Math.min(category.responseHours, URGENT_RESPONSE_HOURS), calendar),
      resolveDueAt: addWorkingHours(from, category.urgentHours, calendar),
    };
  }
  return { responseDueAt: addWorkingHours(from, category.responseHours, calendar), resolveDueAt: addWorkingDays(from, category.resolveDays, calendar) };
}
