/**
 * The case-deadlines module's front door (督办 · 超期自动上报, issue 11): the sweep that reminds units
 * and their supervisors of missed deadlines and escalates overdue cases one level, the server's
 * timer that runs it, and the reminders' reads.
 */
export { sweepCaseDeadlines, CASE_SWEEP_LOCK } from './sweep-case-deadlines.ts';
export type { SweepCaseDeadlinesOptions, SweepResult } from './sweep-case-deadlines.ts';
/** For the workbench's cards (h-case-rates) and the reminders page. */
export { listCaseReminders } from './list-case-reminders.ts';
export type { ListCaseRemindersOptions } from './list-case-reminders.ts';
export { markCaseReminderRead } from './mark-case-reminder-read.ts';
export { CASE_SWEEP_SOURCE } from './case-sweeper.ts';
