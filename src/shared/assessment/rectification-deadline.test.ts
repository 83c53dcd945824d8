import { describe, expect, it } from 'vitest';
import { RECTIFICATION_STATUSES } from './rectification-schemas.ts';
import { acceptedOnTime, isTaskOverdue } from './rectification-deadline.ts';

const DUE = '2026-12-05';
/** Instants around midnight in Shanghai (UTC+8): 15:59Z is 23:59 on the 5th, 16:00Z is 00:00 on the 6th. */
const ON_DUE_LATE = '2026-12-05T15:59:59Z';
const DAY_AFTER = '2026-12-05T16:00:00Z';
const EARLY = '2026-12-01T02:00:00Z';

describe('isTaskOverdue', () => {
  it('every status × submission × day, against the rule written out', () => {
    for (const status of RECTIFICATION_STATUSES) {
      for (const submittedAt of [null, EARLY, ON_DUE_LATE, DAY_AFTER]) {
        for (const today of ['2026-12-04', '2026-12-05', '2026-12-06', '2027-01-01']) {
          const past = today > DUE;
          const submittedInTime = submittedAt !== null && submittedAt !== DAY_AFTER;
          const expected = past && (status === 'open' || (status === 'submitted' && !submittedInTime));
          expect(isTaskOverdue({ status, dueOn: DUE, submittedAt }, today), `${status} ${submittedAt} ${today}`).toBe(expected);
        }
      }
    }
  });
  it('a task without a due date is never overdue; Date and string instants agree', () => {
    expect(isTaskOverdue({ status: 'open', dueOn: null, submittedAt: null }, '2099-01-01')).toBe(false);
    expect(isTaskOverdue({ status: 'submitted', dueOn: DUE, submittedAt: new Date(DAY_AFTER) }, '2026-12-07')).toBe(true);
    expect(isTaskOverdue({ status: 'submitted', dueOn: DUE, submittedAt: new Date(ON_DUE_LATE) }, '2026-12-07')).toBe(false);
  });
  it('a task sent back after an on-time submission is overdue again once the date has passed', () => {
    expect(isTaskOverdue({ status: 'open', dueOn: DUE, submittedAt: EARLY }, '2026-12-06')).toBe(true);
  });
});

describe('acceptedOnTime', () => {
  it.each([
    ['accepted', EARLY, true],
    ['accepted', ON_DUE_LATE, true],
    ['accepted', DAY_AFTER, false],
    ['accepted', null, false],
    ['submitted', EARLY, null],
    ['open', null, null],
    ['proposed', null, null],
    ['dropped', null, null],
  ] as const)('%s submitted at %s → %s', (status, submittedAt, expected) => {
    expect(acceptedOnTime({ status, dueOn: DUE, submittedAt })).toBe(expected);
  });
});
