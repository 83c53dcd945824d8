import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { computeWaveResults } from './compute-wave-results.ts';

/** Closed waves warmed per county: the dashboard's ranking, alerts and awareness read the last two. */
export const WARMED_PER_COUNTY = 2;

/**
 * Computes, and so keeps in the process (wave-results-memo.ts), the results of each county's
 * latest closed waves. The server runs it once when it is ready, in the background: otherwise the
 * first leader to open the dashboard after a restart pays for reading both waves' interviews
 * (about 150 ms more at Ningyang scale) and so do the first bulletin, assessment and proposals.
 * Answers how many waves it computed; a wave that fails is skipped (its next reader computes it
 * and sees the error).
 *
 * @example
 * await warmClosedWaves({ db }); // => 2
 */
export async function warmClosedWaves({ db }: { db: Kysely<DB> }, options: { perCounty?: number } = {}): Promise<number> {
  const perCounty = options.perCounty ?? WARMED_PER_COUNTY;
  // A county has two waves a year: reading all closed ones is cheap.
  const waves = await db.selectFrom('survey_wave').select(['id', 'county_code']).where('status', '=', 'closed').orderBy('ends_on', 'desc').orderBy('id', 'desc').execute();
  const taken = new Map<string, number>();
  let warmed = 0;
  // One at a time: on PGlite every statement waits for the one before it anyway, and the
  // server's own requests come first.
  for (const wave of waves) {
    const n = (taken.get(wave.county_code) ?? 0) + 1;
    taken.set(wave.county_code, n);
    if (n > perCounty) continue;
    try {
      await computeWaveResults({ db, actor: null }, { waveId: wave.id });
      warmed += 1;
    } catch {
      // Its next reader computes it again and gets the error in its own answer.
    }
  }
  return warmed;
}
