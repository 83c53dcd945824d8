import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
import { findWaveToSupervise, waveRegion } from './find-report-wave.ts';

/**
 * The first `count` ids in the order of SHA-256(seed:id): a simple random sample without
 * replacement that the same seed reproduces, whatever order the ids come in.
 *
 * @example
 * seededPick({ ids: ['1', '2', '3', '4'], count: 2, seed: 'abc' }); // the same two ids every time
 */
export function seededPick(options: { ids: readonly string[]; count: number; seed: string }): string[] {
  const keyed = options.ids.map((id) => ({ id, key: createHash('sha256').update(`${options.seed}:${id}`).digest('hex') }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.slice(0, Math.max(0, options.count)).map((k) => k.id);
}

/**
 * Draws the re-check sample of a wave: `percent` of its complete interviews at random (rounded
 * up, so a small wave still gets one), plus every interview with a quality-control flag. The draw
 * adds to earlier ones and never removes an interview already drawn (its re-check may be under
 * way). The seed defaults to the wave's sample seed, so the draw is reproducible. Audited.
 *
 * @example
 * await drawRecheckSample({ db, actor, source }, { waveId: '3', percent: 5 });
 * // => { seed: '9f…', completes: 1300, random: 65, flagged: 40, total: 101 }
 */
export async function drawRecheckSample({ db, actor, source }: WriteContext, options: { waveId: string; percent: number; seed?: string | undefined }) {
  const wave = await findWaveToSupervise(db, actor, options.waveId);
  const seed = options.seed ?? wave.sample_seed ?? `wave-${wave.id}`;
  const completes = await db.selectFrom('interview').select(['id', 'qc_flags']).where('wave_id', '=', wave.id).where('status', '=', 'complete').execute();
  const count = Math.ceil((options.percent / 100) * completes.length - 1e-9);
  const random = seededPick({ ids: completes.map((c) => c.id), count, seed });
  const flagged = completes.filter((c) => c.qc_flags.length > 0).map((c) => c.id);
  const chosen = [...new Set([...random, ...flagged])];
  return db.transaction().execute(async (trx) => {
    const added = chosen.length
      ? await trx
          .updateTable('interview')
          .set({ recheck: true })
          .where('id', '=', sql<string>`ANY(${sql.val(chosen)}::bigint[])`)
          .where('recheck', '=', false)
          .returning('id')
          .execute()
      : [];
    const total = await trx
      .selectFrom('interview')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('wave_id', '=', wave.id)
      .where('recheck', '=', true)
      .executeTakeFirstOrThrow();
    const result = { seed, completes: completes.length, random: random.length, flagged: flagged.length, total: Number(total.n) };
    await recordAudit({ db: trx, source }, {
      action: 'survey.recheck_drawn',
      entityType: 'survey_wave',
      entityId: wave.id,
      region: waveRegion(wave),
      after: { percent: options.percent, ...result, added: added.length },
    });
    return result;
  });
}
