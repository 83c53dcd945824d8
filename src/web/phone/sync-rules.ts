/**
 * The phone's sync rules, pure (no IndexedDB, no fetch, no clock of their own): when to try a
 * record again, and what an answer of the server does to a record's state. `sync.ts` applies them
 * to the outbox; `sync-rules.test.ts` pins them.
 *
 * A record's life: `pending` → `sent` (201, new or a resend of the same body), or `conflict` (409:
 * the id was used with another body, or the server refuses it as it stands, e.g. a closed
 * campaign; the server keeps a resend conflict for review), or `refused` (any other 4xx, e.g. 422:
 * the server's message says why). Network errors, 408, 429 and 5xx keep it `pending` and wait
 * longer each time. 401 stops the whole round: the outbox is kept until the cadre signs in again.
 */

/** Where a record of the outbox stands. */
export type SyncState = 'pending' | 'sent' | 'conflict' | 'refused';

/** What the server said when it did not take a record (or one of its files). */
export interface SyncError {
  /** HTTP status; 0 for no answer (offline, DNS, reset). */
  status: number;
  code: string;
  /** The server's message in the interface language; empty when there was none. */
  detail: string;
}

/** The sync fields of an outbox record. */
export interface SyncFields {
  state: SyncState;
  /** Failed tries since the last success (drives the backoff). */
  attempts: number;
  /** Not before this instant (ms since the epoch); 0 = now. */
  nextAttemptAt: number;
  lastError: SyncError | null;
}

/** First wait after a failure, and the longest. */
export const BACKOFF_BASE_MS = 5_000;
export const BACKOFF_CAP_MS = 5 * 60_000;

/**
 * How long to wait before try number `attempts + 1`, after `attempts` failures: exponential
 * (5 s, 10 s, 20 s … capped at 5 min) with "equal jitter" (between half and all of it), so 500
 * phones that come back online together do not all knock at the same second.
 *
 * @example
 * backoffDelay(1, () => 1); // 5000
 * backoffDelay(1, () => 0); // 2500
 * backoffDelay(20, () => 1); // 300000
 */
export function backoffDelay(attempts: number, random: () => number = Math.random): number {
  if (attempts <= 0) return 0;
  const exponent = Math.min(attempts - 1, 30);
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** exponent);
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(ceiling / 2 + (ceiling / 2) * r);
}

/** What to do after a failed call. */
export type FailureAction = 'retry' | 'conflict' | 'refused' | 'sign_in';

/**
 * Sorts a failure: no answer, a timeout, "too many requests" and server errors are worth trying
 * again; 401 means the session ended (stop, keep everything, ask to sign in); 409 is a conflict;
 * any other 4xx is a refusal that sending the same bytes again cannot change.
 *
 * @example
 * classifyFailure({ status: 503, code: 'http_error', detail: '' }); // 'retry'
 * classifyFailure({ status: 422, code: 'aid_above_standard', detail: '…' }); // 'refused'
 */
export function classifyFailure(error: SyncError): FailureAction {
  if (error.status === 0 || error.status === 408 || error.status === 429 || error.status >= 500) return 'retry';
  if (error.status === 401) return 'sign_in';
  if (error.status === 409) return 'conflict';
  return 'refused';
}

/**
 * The record's sync fields after an attempt: `null` error = the server took it (201).
 * A 401 leaves the record as it was (the round stops; nothing is counted against it).
 *
 * @example
 * afterAttempt({ state: 'pending', attempts: 0, nextAttemptAt: 0, lastError: null }, { status: 0, code: 'network_error', detail: '' }, 1000, () => 1);
 * // { state: 'pending', attempts: 1, nextAttemptAt: 6000, lastError: { status: 0, … } }
 */
export function afterAttempt(fields: SyncFields, error: SyncError | null, now: number, random: () => number = Math.random): SyncFields {
  if (error === null) return { state: 'sent', attempts: 0, nextAttemptAt: 0, lastError: null };
  switch (classifyFailure(error)) {
    case 'sign_in':
      return fields;
    case 'conflict':
      return { state: 'conflict', attempts: fields.attempts + 1, nextAttemptAt: 0, lastError: error };
    case 'refused':
      return { state: 'refused', attempts: fields.attempts + 1, nextAttemptAt: 0, lastError: error };
    case 'retry': {
      const attempts = fields.attempts + 1;
      return { state: 'pending', attempts, nextAttemptAt: now + backoffDelay(attempts, random), lastError: error };
    }
  }
}

/**
 * Whether a record goes in this round: pending and its wait is over. `force` (the cadre pressed
 * "send now") ignores the wait, never the state: a conflict or a refusal is not sent again.
 *
 * @example
 * isDue({ state: 'pending', attempts: 2, nextAttemptAt: 9000, lastError: null }, 5000); // false
 */
export function isDue(fields: SyncFields, now: number, force = false): boolean {
  return fields.state === 'pending' && (force || fields.nextAttemptAt <= now);
}

/**
 * When the next round should start on its own: the earliest wait of a pending record, or `null`
 * when nothing waits.
 *
 * @example
 * nextWakeUp([{ state: 'pending', attempts: 1, nextAttemptAt: 7000, lastError: null }], 5000); // 7000
 */
export function nextWakeUp(records: readonly SyncFields[], now: number): number | null {
  const waits = records.filter((r) => r.state === 'pending').map((r) => Math.max(now, r.nextAttemptAt));
  return waits.length === 0 ? null : Math.min(...waits);
}
