/**
 * When a rectification task is late (整改超期), shared by the rectification module (list,
 * workbench), the assessment ("rectification completed on time") and the web. Dates are
 * Asia/Shanghai calendar dates (YYYY-MM-DD): a task due on the 5th is on time if submitted any
 * time on the 5th in Shanghai.
 */
import { localDate } from '../time.ts';
import type { TRectificationStatus } from './rectification-schemas.ts';

export interface TaskDeadlineFacts {
  status: TRectificationStatus;
  /** The due date (Shanghai); null for a proposal or a dropped one. */
  dueOn: string | null;
  /** The last submission for verification (an instant), if any. */
  submittedAt: Date | string | null;
}

/** Submitted (last time) on or before the due date, by the Shanghai calendar. */
const submittedByDue = (t: TaskDeadlineFacts) => t.submittedAt !== null && t.dueOn !== null && localDate(new Date(t.submittedAt)) <= t.dueOn;

/**
 * Overdue on `today` (a Shanghai date): a task still being worked on ('open', including one sent
 * back) whose due date has passed, or a 'submitted' one past its due date that was submitted only
 * after it. A task submitted by its due date and waiting for the county is not the owner's delay;
 * proposals, dropped and accepted tasks are never overdue.
 *
 * @example
 * isTaskOverdue({ status: 'open', dueOn: '2026-12-05', submittedAt: null }, '2026-12-06'); // true
 * isTaskOverdue({ status: 'open', dueOn: '2026-12-05', submittedAt: null }, '2026-12-05'); // false (due today)
 * isTaskOverdue({ status: 'submitted', dueOn: '2026-12-05', submittedAt: '2026-12-05T15:59:00Z' }, '2026-12-20'); // false (23:59 in Shanghai)
 * isTaskOverdue({ status: 'submitted', dueOn: '2026-12-05', submittedAt: '2026-12-05T16:00:00Z' }, '2026-12-20'); // true (the 6th in Shanghai)
 */
export function isTaskOverdue(task: TaskDeadlineFacts, today: string): boolean {
  if (task.dueOn === null || today <= task.dueOn) return false;
  if (task.status === 'open') return true;
  if (task.status === 'submitted') return !submittedByDue(task);
  return false;
}

/**
 * For an accepted task: whether its accepted submission (the last one) came by the due date. Null
 * for a task not accepted yet (it is not "done on time" or "late" until the county accepts it).
 *
 * @example
 * acceptedOnTime({ status: 'accepted', dueOn: '2026-12-05', submittedAt: '2026-12-04T02:00:00Z' }); // true
 * acceptedOnTime({ status: 'open', dueOn: '2026-12-05', submittedAt: null }); // null
 */
export function acceptedOnTime(task: TaskDeadlineFacts): boolean | null {
  if (task.status !== 'accepted') return null;
  return submittedByDue(task);
}
