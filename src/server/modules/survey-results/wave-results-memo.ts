/**
 * A closed wave's results never change: its interviews are final (answers are saved only in
 * fieldwork), its questionnaire version and strata are frozen (a wave is edited only while
 * open), and closing is final. Computing them reads every answer of the wave (5,000 interviews:
 * the largest cost of the dashboard, the bulletin, the assessment and the rectification
 * proposals). So `computeWaveResults` keeps the county view of a closed wave in-process, per
 * database object, wave and close instant, a bounded number of them; each caller's own view
 * (a township's) is cut from it afresh. An open wave is never kept.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** Closed waves kept per database: two a year for a county, so a few years of them. */
export const MEMO_LIMIT = 16;

// Keyed by the database object first, so two databases in one process (tests) never share ids.
const memo = new WeakMap<Kysely<DB>, Map<string, Promise<unknown>>>();

/**
 * The value kept for a closed wave (`key`: its id and close instant), else `compute`'s, kept
 * (most recently used last; the oldest dropped past MEMO_LIMIT). A failure is not kept.
 *
 * @example
 * const full = await keptForClosedWave(db, `${wave.id}@${closedAt}`, () => countyResults(db, wave));
 */
export function keptForClosedWave<T>(db: Kysely<DB>, key: string, compute: () => Promise<T>): Promise<T> {
  let waves = memo.get(db);
  if (!waves) {
    waves = new Map();
    memo.set(db, waves);
  }
  const known = waves.get(key) as Promise<T> | undefined;
  if (known) {
    waves.delete(key);
    waves.set(key, known);
    return known;
  }
  const computing = compute();
  waves.set(key, computing);
  const kept = waves;
  computing.catch(() => {
    if (kept.get(key) === computing) kept.delete(key);
  });
  while (kept.size > MEMO_LIMIT) kept.delete(kept.keys().next().value!);
  return computing;
}

/**
 * Forgets every kept result of a database (tests, and the benchmark's cold runs).
 *
 * @example
 * forgetWaveResults(db);
 */
export function forgetWaveResults(db: Kysely<DB>): void {
  memo.delete(db);
}
