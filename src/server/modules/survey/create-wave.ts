import type { TCallingRange, TPhoneQuota, TWave } from '../../../shared/schemas/survey.ts';
import { clockMinutes } from '../../../shared/schemas/survey.ts';
import { notFound, unprocessable } from '../../http/errors.ts';
import { recordAudit } from '../audit/index.ts';
import type { ReadContext, WriteContext } from '../../use-case-context.ts';
import { actorCounty, findVersionInScope } from '../../scope/index.ts';
import { townshipAdults } from './township-population.ts';
import { showWave } from './wave-queries.ts';

export interface CreateWaveInput {
  questionnaireVersionId: string;
  name: string;
  startsOn: string;
  endsOn: string;
  callingHours: TCallingRange[];
  maxAttempts: number;
  phoneQuota: TPhoneQuota | null;
  allocation: 'proportional' | 'equal' | 'neyman';
  minPerTownship: number;
  targetCompletes: number;
  numbersPerComplete: number;
  replicateCount: number;
}

/** Calling hours in the order of the day, as fieldwork reads them. */
export const sortedHours = (hours: readonly TCallingRange[]) => [...hours].sort((a, b) => clockMinutes(a.from) - clockMinutes(b.from));

/**
 * A published questionnaire version of the county, for a wave; 404 outside the county, 422
 * questionnaire_not_published for a draft.
 */
export async function publishedVersionForWave({ db, actor }: ReadContext, { versionId, countyCode }: { versionId: string; countyCode: string }) {
  const { version } = await findVersionInScope(db, actor, versionId);
  if (version.county_code !== countyCode) throw notFound();
  if (version.status !== 'published') throw unprocessable('questionnaire_not_published');
  return version;
}

/**
 * A draft wave of the actor's county on a published questionnaire version, with a stratum for
 * every open township; each stratum's population is the registry's count of residents aged 18+
 * (editable while the wave is a draft).
 *
 * @example
 * const wave = await createWave({ db, actor, source }, { questionnaireVersionId: '1', name: '2026年第四季度', startsOn: '2026-10-08',
 *   endsOn: '2026-10-20', callingHours: [{ from: '09:00', to: '11:30' }, { from: '14:00', to: '20:30' }], maxAttempts: 5,
 *   phoneQuota: { mobile: 6, landline: 4 }, allocation: 'equal', minPerTownship: 0, targetCompletes: 1300,
 *   numbersPerComplete: 2.5, replicateCount: 5 });
 * wave.status; // 'draft'
 */
export async function createWave({ db, actor, source }: WriteContext, input: CreateWaveInput): Promise<TWave> {
  const county = await actorCounty(db, actor);
  await publishedVersionForWave({ db, actor }, { versionId: input.questionnaireVersionId, countyCode: county.code });
  const townships = await townshipAdults(db, { countyId: county.id, countyCode: county.code });
  if (!townships.length) throw unprocessable('sample_infeasible');
  const waveId = await db.transaction().execute(async (trx) => {
    const wave = await trx
      .insertInto('survey_wave')
      .values({
        county_code: county.code,
        county_id: county.id,
        name: input.name,
        questionnaire_version_id: input.questionnaireVersionId,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        calling_hours: JSON.stringify(sortedHours(input.callingHours)),
        max_attempts: input.maxAttempts,
        phone_quota: JSON.stringify(input.phoneQuota ?? {}),
        allocation: input.allocation,
        min_per_township: input.minPerTownship,
        target_completes: input.targetCompletes,
        numbers_per_complete: input.numbersPerComplete,
        replicate_count: input.replicateCount,
        created_by: actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('wave_stratum')
      .values(townships.map((t) => ({ wave_id: wave.id, township_id: t.id, county_code: county.code, population: t.adults })))
      .execute();
    await recordAudit({ db: trx, source }, {
      action: 'survey_wave.create',
      entityType: 'survey_wave',
      entityId: wave.id,
      region: county,
      after: { ...input, strata: townships.map((t) => ({ township: t.code, population: t.adults })) },
    });
    return wave.id;
  });
  return showWave(db, waveId);
}
