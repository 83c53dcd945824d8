import { describe, expect, it } from 'vitest';
import { CASE_STATUSES, CASE_STEPS, STEP_FROM, allowedSteps, escalationLevel, isStepAllowed, nextStatus } from './case-lifecycle.ts';

describe('the case lifecycle', () => {
  it('allows no step on a closed or merged case', () => {
    expect(allowedSteps('closed')).toEqual([]);
    expect(allowedSteps('merged')).toEqual([]);
  });

  it('lists the steps of each status in the table', () => {
    for (const status of CASE_STATUSES) {
      for (const step of CASE_STEPS) expect(isStepAllowed(status, step)).toBe(allowedSteps(status).includes(step));
    }
    expect(allowedSteps('dispatched')).toEqual(['dispatch', 'accept', 'escalate', 'return', 'merge']);
    expect(allowedSteps('resolved')).toEqual(['callback', 'close']);
  });

  it('reopens to dispatched when the resident says it was not solved, and stays resolved after an unanswered call', () => {
    expect(nextStatus('resolved', 'callback', { solved: false })).toBe('dispatched');
    expect(nextStatus('resolved', 'callback', { solved: true })).toBe('called_back');
    expect(nextStatus('resolved', 'callback', { solved: null })).toBe('resolved');
  });

  it('escalates to the level above or back to the dispatcher', () => {
    expect(nextStatus('accepted', 'escalate')).toBe('dispatched');
    expect(nextStatus('accepted', 'escalate', { dispatchedUp: false })).toBe('registered');
    expect(escalationLevel('village')).toBe('township');
    expect(escalationLevel('township')).toBe('department');
    expect(escalationLevel('department')).toBeNull();
  });

  it('never leads a step back into a status it may not start from except by design', () => {
    // every step's target is a real status, and accept is only from dispatched
    for (const step of CASE_STEPS) for (const from of STEP_FROM[step]) expect(CASE_STATUSES).toContain(nextStatus(from, step, { solved: true }));
    expect(STEP_FROM.accept).toEqual(['dispatched']);
  });
});
