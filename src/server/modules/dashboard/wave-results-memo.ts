/**
 * A closed wave's results never change (its interviews are final, its questionnaire version
 * frozen), and computing them reads every answer of the wave (5,000 interviews: the dashboard's
 * largest cost). So the dashboard keeps them in-process per database and closed wave, bounded.
 * An open wave is never kept.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { TSurveyResults } from '../../../shared/schemas/survey-results.ts';
import { computeWaveResults } from '../survey-results/index.ts';

/** Closed waves kept per database: two a year for a county, so a few years of them. */
export const MEMO_LIMIT = 16;

// Keyed by the database object first, so two databases in one process (tests) never share ids.
const memo = new WeakMap<Kysely<DB>, Map<string, Promise<TSurveyResults>>>();

/**
 * The county view of a closed wave's results (computeWaveResults as the deployment: the caller
 * has already checked that the wave is a closed wave of the actor's county), computed once per
 * wave and close instant. A failure is not kept.
 *
 * @example
 * const results = await closedWaveResults(db, { waveId: '3', closedAt: '2026-10-20T08:00:00.000Z' });
 */
export function closedWaveResults(db: Kysely<DB>, options: { waveId: string; closedAt: string }): Promise<TSurveyResults> {
  let waves = memo.get(db);
  if (!waves) {
    waves = new Map();
    memo.set(db, waves);
  }
  const key = `${options.waveId}@${options.closedAt}`;
  const known = waves.get(key);
  if (known) {
    // Most recently used last, so the oldest is dropped first.
    waves.delete(key);
    waves.set(key, known);
    return known;
  }
  const computing = computeWaveResults({ db, actor: null }, { waveId: options.waveId });
  waves.set(key, computing);
  const kept = waves;
  computing.catch(() => kept.delete(key));
  while (kept.size > MEMO_LIMIT) kept.delete(kept.keys().next().value!);
  return computing;
}

/** Forgets every kept result of a database (tests). */
export function forgetWaveResults(db: Kysely<DB>): void {
  memo.delete(db);
}
