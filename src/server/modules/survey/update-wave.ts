import type { Kysely } from 'kysely';
import type { TCallingRange, TPhoneQuota, TWave } from '../../../shared/schemas/survey.ts';
import type { DB } from '../../db/schema.ts';
import { localDate } from '../../../shared/time.ts';
import { AppError, badRequest, conflict, unprocessable } from '../../http/errors.ts';
import { recordAudit } from '../audit/index.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { publishedVersionForWave, sortedHours } from './create-wave.ts';
import { findWaveInScope } from '../../scope/index.ts';
import { hasSample, lockWaveForChange } from './wave-locks.ts';
import { showWave } from './wave-queries.ts';
import { readJson } from '../../db/json-columns.ts';

export interface UpdateWaveInput {
  questionnaireVersionId?: string | undefined;
  name?: string | undefined;
  startsOn?: string | undefined;
  endsOn?: string | undefined;
  callingHours?: TCallingRange[] | undefined;
  maxAttempts?: number | undefined;
  phoneQuota?: TPhoneQuota | null | undefined;
  allocation?: 'proportional' | 'equal' | 'neyman' | undefined;
  minPerTownship?: number | undefined;
  targetCompletes?: number | undefined;
  numbersPerComplete?: number | undefined;
  replicateCount?: number | undefined;
  strata?: { townshipCode: string; population?: number | undefined; assumedSd?: number | null | undefined }[] | undefined;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * What a wave in fieldwork may still change: when and how often its numbers are called, and
 * until when. Fieldwork reads them afresh for every case (`fieldwork/next-case.ts` takes the
 * period and calling hours at each "next case", `record-disposition.ts` the maximum attempts at
 * each outcome), so a change holds from the next case handed out. Everything else (the
 * questionnaire, the sample and what it was drawn with) stays as the sample was drawn.
 */
export const RUNNING_WAVE_SETTINGS = ['endsOn', 'callingHours', 'maxAttempts'] as const;

/**
 * Changes a wave's settings and strata. A draft: anything, but what the draw depends on
 * (allocation, minimum, target, numbers per complete, replicates, quota, populations and SDs)
 * cannot change under a drawn sample: 409 wave_sample_drawn (discard the sample, change, draw
 * again). A wave in fieldwork: only RUNNING_WAVE_SETTINGS (409 wave_running_frozen naming the
 * other fields), an end date not before today (Asia/Shanghai), and a maximum of attempts not
 * below the attempts a case has already had (422 wave_attempts_made: a lower one would leave
 * cases called more often than the wave allows). Sending a value equal to the stored one is not
 * a change, so a form can send everything back. Audited with the changed fields before and after.
 *
 * @example
 * await updateWave({ db, actor, source }, { waveId, changes: { targetCompletes: 1500, strata: [{ townshipCode: '370921104', assumedSd: 22 }] } });
 * await updateWave({ db, actor, source }, { waveId: runningWaveId, changes: { endsOn: '2026-12-31', maxAttempts: 6 } }); // in fieldwork
 */
export async function updateWave({ db, actor, source }: WriteContext, { waveId, changes: input }: { waveId: string; changes: UpdateWaveInput }): Promise<TWave> {
  const { county } = await findWaveInScope(db, actor, waveId);
  if (input.questionnaireVersionId !== undefined) await publishedVersionForWave({ db, actor }, { versionId: input.questionnaireVersionId, countyCode: county.code });
  await db.transaction().execute(async (trx) => {
    const wave = await lockWaveForChange(trx, waveId, 'open');
    const startsOn = input.startsOn ?? wave.starts_on;
    const endsOn = input.endsOn ?? wave.ends_on;
    if (startsOn > endsOn) throw badRequest('validation_failed', [{ path: 'endsOn', message: 'the end date is before the start date' }]);

    const stored = {
      questionnaireVersionId: wave.questionnaire_version_id,
      name: wave.name,
      startsOn: wave.starts_on,
      endsOn: wave.ends_on,
      // jsonb keeps keys in its own order: rebuild the objects so that equal hours compare equal.
      callingHours: readJson('survey_wave.calling_hours', wave.calling_hours).map((r) => ({ from: r.from, to: r.to })),
      maxAttempts: wave.max_attempts,
      phoneQuota: readJson('survey_wave.phone_quota', wave.phone_quota),
      allocation: wave.allocation,
      minPerTownship: wave.min_per_township,
      targetCompletes: wave.target_completes,
      numbersPerComplete: Number(wave.numbers_per_complete),
      replicateCount: wave.replicate_count,
    };
    const wanted = { ...input, ...(input.callingHours ? { callingHours: sortedHours(input.callingHours).map((r) => ({ from: r.from, to: r.to })) } : {}) };
    const changed = (Object.keys(stored) as (keyof typeof stored)[]).filter((k) => wanted[k] !== undefined && !same(wanted[k], stored[k]));

    const strata = await trx
      .selectFrom('wave_stratum as s')
      .innerJoin('region as t', 't.id', 's.township_id')
      .select(['s.township_id', 't.code', 's.population', 's.assumed_sd'])
      .where('s.wave_id', '=', waveId)
      .execute();
    const unknown = (input.strata ?? []).flatMap((u, i) => (strata.some((s) => s.code === u.townshipCode) ? [] : [{ path: `strata.${i}.townshipCode`, message: u.townshipCode }]));
    if (unknown.length) throw unprocessable('wave_stratum_unknown', unknown);
    const strataChanges = (input.strata ?? []).flatMap((u) => {
      const s = strata.find((x) => x.code === u.townshipCode)!;
      const population = u.population ?? s.population;
      const assumedSd = u.assumedSd === undefined ? (s.assumed_sd === null ? null : Number(s.assumed_sd)) : u.assumedSd;
      const before = { population: s.population, assumedSd: s.assumed_sd === null ? null : Number(s.assumed_sd) };
      return same(before, { population, assumedSd }) ? [] : [{ townshipId: s.township_id, township: s.code, before, after: { population, assumedSd } }];
    });

    if (wave.status === 'fieldwork') await checkRunningChange(trx, { waveId, countyCode: wave.county_code, changed, strataChanged: strataChanges.length > 0, endsOn: input.endsOn, maxAttempts: input.maxAttempts });
    const drawSettings = ['phoneQuota', 'allocation', 'minPerTownship', 'targetCompletes', 'numbersPerComplete', 'replicateCount'];
    if ((strataChanges.length || changed.some((k) => drawSettings.includes(k))) && (await hasSample(trx, waveId))) throw conflict('wave_sample_drawn');
    if (!changed.length && !strataChanges.length) return;

    if (changed.length) {
      await trx
        .updateTable('survey_wave')
        .set({
          ...(changed.includes('questionnaireVersionId') ? { questionnaire_version_id: input.questionnaireVersionId! } : {}),
          ...(changed.includes('name') ? { name: input.name! } : {}),
          ...(changed.includes('startsOn') ? { starts_on: input.startsOn! } : {}),
          ...(changed.includes('endsOn') ? { ends_on: input.endsOn! } : {}),
          ...(changed.includes('callingHours') ? { calling_hours: JSON.stringify(wanted.callingHours) } : {}),
          ...(changed.includes('maxAttempts') ? { max_attempts: input.maxAttempts! } : {}),
          ...(changed.includes('phoneQuota') ? { phone_quota: JSON.stringify(input.phoneQuota ?? {}) } : {}),
          ...(changed.includes('allocation') ? { allocation: input.allocation! } : {}),
          ...(changed.includes('minPerTownship') ? { min_per_township: input.minPerTownship! } : {}),
          ...(changed.includes('targetCompletes') ? { target_completes: input.targetCompletes! } : {}),
          ...(changed.includes('numbersPerComplete') ? { numbers_per_complete: input.numbersPerComplete! } : {}),
          ...(changed.includes('replicateCount') ? { replicate_count: input.replicateCount! } : {}),
        })
        .where('id', '=', waveId)
        .execute();
    }
    for (const c of strataChanges) {
      await trx
        .updateTable('wave_stratum')
        .set({ population: c.after.population, assumed_sd: c.after.assumedSd })
        .where('wave_id', '=', waveId)
        .where('township_id', '=', c.townshipId)
        .execute();
    }
    await recordAudit({ db: trx, source }, {
      action: 'survey_wave.update',
      entityType: 'survey_wave',
      entityId: waveId,
      region: county,
      before: { ...Object.fromEntries(changed.map((k) => [k, stored[k]])), strata: strataChanges.map((c) => ({ township: c.township, ...c.before })) },
      after: { ...Object.fromEntries(changed.map((k) => [k, wanted[k]])), strata: strataChanges.map((c) => ({ township: c.township, ...c.after })) },
    });
  });
  return showWave(db, waveId);
}

/**
 * The rules for a wave in fieldwork: only RUNNING_WAVE_SETTINGS change, the end date is not in
 * the past (a past one would end fieldwork at once, which closing the wave says honestly), and
 * the maximum of attempts is not below the highest attempt count of the wave's cases.
 */
async function checkRunningChange(
  trx: Kysely<DB>,
  o: { waveId: string; countyCode: string; changed: string[]; strataChanged: boolean; endsOn: string | undefined; maxAttempts: number | undefined },
): Promise<void> {
  const frozen = [...o.changed.filter((k) => !(RUNNING_WAVE_SETTINGS as readonly string[]).includes(k)), ...(o.strataChanged ? ['strata'] : [])];
  if (frozen.length) throw new AppError(409, 'wave_running_frozen', { issues: frozen.map((path) => ({ path, message: 'fixed once fieldwork has started' })) });
  if (o.changed.includes('endsOn') && o.endsOn! < localDate()) throw badRequest('validation_failed', [{ path: 'endsOn', message: 'the end date is before today' }]);
  if (o.changed.includes('maxAttempts')) {
    const row = await trx.selectFrom('sample_case').select((eb) => eb.fn.max('attempts').as('highest')).where('county_code', '=', o.countyCode).where('wave_id', '=', o.waveId).executeTakeFirst();
    const highest = Number(row?.highest ?? 0);
    if (o.maxAttempts! < highest) throw unprocessable('wave_attempts_made', [{ path: 'maxAttempts', message: `a case has already been called ${highest} times` }]);
  }
}
