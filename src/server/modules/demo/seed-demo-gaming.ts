/**
 * The demo loop's step 5: the signs of gaming of the last quarter's closed wave, detected once,
 * so the county's 刷分迹象 page opens on the coached township's flags. Idempotent: a wave already
 * looked at (its detection is in the audit log) is left alone.
 */
import { localDate } from '../../../shared/time.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { detectGamingSignals } from '../gaming-signals/index.ts';
import { quarterOf } from './demo-clock.ts';
import { DEMO_COUNTY_CODE } from './seed-demo.ts';
import { quarterBefore, waveName } from './seed-demo-survey.ts';

export interface SeedDemoGamingResult {
  skipped: 'no_wave' | 'done' | null;
  flags: number;
  review: number;
  watch: number;
}

/**
 * @example
 * const gaming = await seedDemoGaming({ db, actor: null, source }, { now });
 * gaming.review; // 2: the coached township's jump and uniform answers
 */
export async function seedDemoGaming(ctx: WriteContext<null>, options: { now?: Date } = {}): Promise<SeedDemoGamingResult> {
  const { db } = ctx;
  const name = waveName(quarterBefore(quarterOf(localDate(options.now ?? new Date()))));
  const wave = await db.selectFrom('survey_wave').select('id').where('county_code', '=', DEMO_COUNTY_CODE).where('name', '=', name).where('status', '=', 'closed').executeTakeFirst();
  if (!wave) return { skipped: 'no_wave', flags: 0, review: 0, watch: 0 };
  const done = await db.selectFrom('audit_log').select('id').where('action', '=', 'gaming.detect').where('entity_id', '=', wave.id).limit(1).executeTakeFirst();
  if (done) return { skipped: 'done', flags: 0, review: 0, watch: 0 };
  await detectGamingSignals(ctx, { waveId: wave.id, ...(options.now ? { now: options.now } : {}) });
  const rows = await db.selectFrom('gaming_flag').select('severity').where('wave_id', '=', wave.id).execute();
  return { skipped: null, flags: rows.length, review: rows.filter((r) => r.severity === 'review').length, watch: rows.filter((r) => r.severity === 'watch').length };
}
