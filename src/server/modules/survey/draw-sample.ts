import { sql } from 'kysely';
import type { TLocale } from '../../../shared/locale.ts';
import type { TWave } from '../../../shared/schemas/survey.ts';
import { conflict, unprocessable } from '../../http/errors.ts';
import { recordAudit } from '../audit/index.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { newSeed, planSample, replicateOffset, type StratumPlan } from './plan-sample.ts';
import { findWaveInScope } from '../../scope/index.ts';
import { lockWaveForChange } from './wave-locks.ts';
import { showWave } from './wave-queries.ts';
import { readJson } from '../../db/json-columns.ts';

export interface DrawSampleInput {
  waveId: string;
  /** Reproduce an earlier draw (hex); a fresh random seed when absent. */
  seed?: string | undefined;
  locale: TLocale;
}

const say = (locale: TLocale, zh: string, en: string) => (locale === 'zh-CN' ? zh : en);

/**
 * Draws the wave's stratified sample from its frame, replacing an earlier draw while the wave
 * is a draft (fieldwork: 409 wave_not_draft).
 *
 * Each township's target of completes comes from `planSample` (the wave's allocation, minimum
 * and yield, capped by its frame); its numbers (target × numbers per complete, split by the
 * phone quota) are a simple random sample without replacement of its frame, taken in one SQL
 * statement: frame numbers are ordered by md5(seed ‖ entry number) within their township (and
 * kind, under a quota) and the first n taken. The entry number is the number's place in the
 * frame's source (the uploaded file's row, or the registry's order), never the keyed phone
 * hash: the same frame and seed give the same sample on either database and under any data
 * key. The frame holds each number once, so the sample cannot repeat one.
 *
 * Replicates: the chosen numbers of a township, in their random order, are dealt round-robin
 * to replicates 1…R (starting at a seeded offset per township), so every replicate is a random
 * subsample spread over all townships in proportion to their samples; releasing more
 * replicates adds sample without changing its composition. draw_order, the order in which
 * fresh numbers are called, is a second seeded random order over the whole sample.
 *
 * @example
 * const wave = await drawSample({ db, actor, source }, { waveId, locale: 'zh-CN' });
 * const again = await drawSample({ db, actor, source }, { waveId, seed: wave.sampleSeed!, locale: 'zh-CN' }); // same cases
 */
export async function drawSample({ db, actor, source }: WriteContext, { waveId, ...input }: DrawSampleInput): Promise<TWave> {
  const { county } = await findWaveInScope(db, actor, waveId);
  const seed = input.seed ?? newSeed();
  await db.transaction().execute(async (trx) => {
    const wave = await lockWaveForChange(trx, waveId, 'draft');
    const quota = readJson('survey_wave.phone_quota', wave.phone_quota);
    const strata = await trx
      .selectFrom('wave_stratum as s')
      .innerJoin('region as t', 't.id', 's.township_id')
      .select(['s.township_id', 't.code', 's.population', 's.assumed_sd'])
      .where('s.wave_id', '=', waveId)
      .orderBy('t.code')
      .execute();
    const frame = await trx
      .selectFrom('frame_entry')
      .select(['township_id', 'phone_kind', sql<number>`count(*)::int`.as('n')])
      .where('wave_id', '=', waveId)
      .groupBy(['township_id', 'phone_kind'])
      .execute();
    const frameOf = (township: string, kind: 'mobile' | 'landline') => Number(frame.find((f) => f.township_id === township && f.phone_kind === kind)?.n ?? 0);
    const numbersPerComplete = Number(wave.numbers_per_complete);
    const plan = planSample({
      strata: strata.map((s) => ({
        id: s.township_id,
        population: s.population,
        assumedSd: s.assumed_sd === null ? null : Number(s.assumed_sd),
        frame: { mobile: frameOf(s.township_id, 'mobile'), landline: frameOf(s.township_id, 'landline') },
      })),
      targetCompletes: wave.target_completes,
      allocation: wave.allocation,
      minPerTownship: wave.min_per_township,
      numbersPerComplete,
      phoneQuota: quota,
    });
    if (!plan.ok && plan.reason === 'no-frame') throw conflict('wave_no_frame');
    if (!plan.ok && plan.reason === 'below-minimum') {
      throw unprocessable('sample_infeasible', [
        {
          path: 'targetCompletes',
          message: say(input.locale, `每乡镇最少 ${wave.min_per_township} 个，共需至少 ${plan.required} 个完成样本`, `a minimum of ${wave.min_per_township} per township needs at least ${plan.required} completes in all`),
        },
      ]);
    }
    if (!plan.ok && plan.reason === 'exceeds-frame') {
      throw unprocessable('sample_infeasible', [
        {
          path: 'targetCompletes',
          message: say(
            input.locale,
            `按每个完成样本 ${numbersPerComplete} 个号码计算，抽样框最多能提供 ${plan.available} 个完成样本`,
            `at ${numbersPerComplete} numbers per complete, the frame can deliver at most ${plan.available} completes`,
          ),
        },
      ]);
    }
    if (!plan.ok) throw new Error('unreachable');

    const replicates = wave.replicate_count;
    const byKind = quota !== null;
    const codeOf = new Map(strata.map((s) => [s.township_id, s.code]));
    const planRows = plan.strata.flatMap((p: StratumPlan) => {
      const off = replicateOffset(seed, codeOf.get(p.id)!, replicates);
      if ('any' in p.draw) return [{ township: p.id, kind: 'any', n: p.draw.any, base: 0, off }];
      return [
        { township: p.id, kind: 'mobile', n: p.draw.mobile, base: 0, off },
        { township: p.id, kind: 'landline', n: p.draw.landline, base: p.draw.mobile, off },
      ];
    });

    await trx.deleteFrom('sample_case').where('wave_id', '=', waveId).execute();
    await trx.deleteFrom('wave_replicate').where('wave_id', '=', waveId).execute();
    const planValues = sql.join(planRows.map((r) => sql`(${r.township}::bigint, ${r.kind}::text, ${r.n}::int, ${r.base}::int, ${r.off}::int)`));
    const kindKey = byKind ? sql`f.phone_kind` : sql`'any'::text`;
    await sql`
      WITH plan (township_id, kind, n, base, off) AS (VALUES ${planValues}),
      ranked AS (
        SELECT f.id, f.township_id, f.phone_kind, f.phone_cipher, f.phone_hash, f.phone_masked, f.entry_no, ${kindKey} AS kind,
               row_number() OVER (PARTITION BY f.township_id, ${kindKey} ORDER BY md5(${seed}::text || ':' || f.entry_no::text), f.entry_no) AS rn
          FROM frame_entry f
         WHERE f.wave_id = ${waveId}
      ),
      chosen AS (
        SELECT r.*, p.base + r.rn AS pos, p.off
          FROM ranked r
          JOIN plan p ON p.township_id = r.township_id AND p.kind = r.kind
         WHERE r.rn <= p.n
      )
      INSERT INTO sample_case (county_code, wave_id, township_id, frame_entry_id, replicate, released, draw_order, phone_kind, phone_cipher, phone_hash, phone_masked)
      SELECT ${county.code}, ${waveId}::bigint, c.township_id, c.id, ((c.pos - 1 + c.off) % ${replicates}::int) + 1, false,
             row_number() OVER (ORDER BY md5(${seed}::text || ':order:' || c.entry_no::text), c.entry_no),
             c.phone_kind, c.phone_cipher, c.phone_hash, c.phone_masked
        FROM chosen c`.execute(trx);
    await sql`
      INSERT INTO wave_replicate (wave_id, replicate, size)
      SELECT ${waveId}::bigint, g.r, count(c.id)
        FROM generate_series(1, ${replicates}::int) AS g (r)
        LEFT JOIN sample_case c ON c.wave_id = ${waveId} AND c.replicate = g.r
       GROUP BY g.r`.execute(trx);
    for (const p of plan.strata) {
      await trx.updateTable('wave_stratum').set({ target_completes: p.target, sample_size: p.numbers }).where('wave_id', '=', waveId).where('township_id', '=', p.id).execute();
    }
    await trx.updateTable('survey_wave').set({ sample_seed: seed, sampled_at: new Date() }).where('id', '=', waveId).execute();
    await recordAudit({ db: trx, source }, {
      action: 'survey_wave.draw_sample',
      entityType: 'survey_wave',
      entityId: waveId,
      region: county,
      before: wave.sample_seed ? { seed: wave.sample_seed, sampledAt: wave.sampled_at } : null,
      after: {
        seed,
        allocation: wave.allocation,
        targetCompletes: wave.target_completes,
        numbersPerComplete,
        phoneQuota: quota,
        replicates,
        strata: plan.strata.map((p) => ({ township: codeOf.get(p.id), target: p.target, numbers: p.numbers, ...p.draw })),
      },
    });
  });
  return showWave(db, waveId);
}
