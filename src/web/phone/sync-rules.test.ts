import { describe, expect, it } from 'vitest';
import { BACKOFF_CAP_MS, afterAttempt, backoffDelay, classifyFailure, isDue, nextWakeUp, type SyncFields } from './sync-rules.ts';

const fresh: SyncFields = { state: 'pending', attempts: 0, nextAttemptAt: 0, lastError: null };
const offline = { status: 0, code: 'network_error', detail: '' };

describe('backoffDelay', () => {
  it('doubles from 5 s and stays within half and all of its ceiling', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, () => 1))).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, () => 0))).toEqual([2_500, 5_000, 10_000, 20_000]);
    for (let n = 1; n < 40; n++) {
      const d = backoffDelay(n);
      expect(d).toBeGreaterThanOrEqual(backoffDelay(n, () => 0));
      expect(d).toBeLessThanOrEqual(backoffDelay(n, () => 1));
    }
  });

  it('is capped at 5 minutes, even after very many failures', () => {
    expect(backoffDelay(7, () => 1)).toBe(BACKOFF_CAP_MS);
    expect(backoffDelay(1_000, () => 1)).toBe(BACKOFF_CAP_MS);
    expect(backoffDelay(1_000, () => 0)).toBe(BACKOFF_CAP_MS / 2);
  });

  it('waits nothing before the first try, and clamps a random source out of [0, 1]', () => {
    expect(backoffDelay(0)).toBe(0);
    expect(backoffDelay(1, () => 7)).toBe(5_000);
    expect(backoffDelay(1, () => -3)).toBe(2_500);
  });
});

describe('classifyFailure', () => {
  it('retries what may pass later and never what the server refused', () => {
    expect(classifyFailure(offline)).toBe('retry');
    for (const status of [408, 429, 500, 502, 503, 504]) expect(classifyFailure({ status, code: 'x', detail: '' })).toBe('retry');
    expect(classifyFailure({ status: 401, code: 'unauthenticated', detail: '' })).toBe('sign_in');
    expect(classifyFailure({ status: 409, code: 'x', detail: '' })).toBe('conflict');
    for (const status of [400, 403, 404, 413, 415, 422]) expect(classifyFailure({ status, code: 'x', detail: '' })).toBe('refused');
  });
});

describe('afterAttempt', () => {
  it('marks a taken record sent and forgets earlier failures', () => {
    const failing = afterAttempt(fresh, offline, 1_000, () => 1);
    expect(afterAttempt(failing, null, 2_000)).toEqual({ state: 'sent', attempts: 0, nextAttemptAt: 0, lastError: null });
  });

  it('keeps a record pending after a network error, waiting longer each time', () => {
    const one = afterAttempt(fresh, offline, 1_000, () => 1);
    expect(one).toEqual({ state: 'pending', attempts: 1, nextAttemptAt: 6_000, lastError: offline });
    const two = afterAttempt(one, { status: 503, code: 'http_error', detail: '' }, 6_000, () => 1);
    expect(two.state).toBe('pending');
    expect(two.nextAttemptAt).toBe(16_000);
  });

  it('stops at a conflict or a refusal, keeping the server message', () => {
    const conflict = { status: 409, code: 'visit_resend_conflict', detail: '该记录编号已用于另一份内容' };
    expect(afterAttempt(fresh, conflict, 1_000)).toEqual({ state: 'conflict', attempts: 1, nextAttemptAt: 0, lastError: conflict });
    const refused = { status: 422, code: 'aid_above_standard', detail: '慰问金超过标准' };
    expect(afterAttempt(fresh, refused, 1_000)).toMatchObject({ state: 'refused', lastError: refused });
  });

  it('leaves a record untouched when the session ended (401)', () => {
    const waiting = afterAttempt(fresh, offline, 1_000, () => 1);
    expect(afterAttempt(waiting, { status: 401, code: 'unauthenticated', detail: '' }, 2_000)).toBe(waiting);
  });
});

describe('isDue and nextWakeUp', () => {
  it('sends pending records whose wait is over; "send now" skips the wait but not a conflict', () => {
    const waiting: SyncFields = { state: 'pending', attempts: 2, nextAttemptAt: 9_000, lastError: offline };
    expect(isDue(fresh, 0)).toBe(true);
    expect(isDue(waiting, 5_000)).toBe(false);
    expect(isDue(waiting, 9_000)).toBe(true);
    expect(isDue(waiting, 5_000, true)).toBe(true);
    expect(isDue({ ...waiting, state: 'conflict' }, 10_000, true)).toBe(false);
    expect(isDue({ ...waiting, state: 'sent' }, 10_000, true)).toBe(false);
  });

  it('wakes up at the earliest wait of a pending record, or never', () => {
    const at = (state: SyncFields['state'], nextAttemptAt: number): SyncFields => ({ state, attempts: 1, nextAttemptAt, lastError: null });
    expect(nextWakeUp([at('pending', 9_000), at('pending', 7_000), at('refused', 6_000)], 5_000)).toBe(7_000);
    expect(nextWakeUp([at('pending', 1_000)], 5_000)).toBe(5_000);
    expect(nextWakeUp([at('sent', 0), at('conflict', 0)], 5_000)).toBeNull();
  });
});
