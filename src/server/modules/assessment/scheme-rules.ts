/**
 * The checks a scheme passes before it is saved or computed: weights adding up to 1 (422
 * `assessment_weights_sum` naming the sum), survey components with at least one wave, every wave
 * the county's and closed (409 `assessment_wave_not_closed` naming it), and, when computing, no
 * wave of the county still in fieldwork during the period (409 `assessment_wave_in_fieldwork`).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError, unprocessable } from '../../http/errors.ts';
import { SURVEY_COMPONENTS, type TAssessmentScheme } from '../../../shared/assessment/assessment-schemas.ts';

/** The tolerance of the weights' sum (the shared schema's). */
export const WEIGHT_TOLERANCE = 1e-6;

/**
 * The weights' sum, or a 422 naming it when it is not 1.
 *
 * @example
 * checkWeights({ components: [{ key: 'survey_index', weight: 0.5, scaling }], waveIds: [] }); // throws 422: "the weights add up to 0.5, not 1"
 */
export function checkWeights(scheme: Pick<TAssessmentScheme, 'components'>): number {
  const sum = scheme.components.reduce((s, c) => s + c.weight, 0);
  if (Math.abs(sum - 1) > WEIGHT_TOLERANCE) {
    const shown = Math.round(sum * 1e6) / 1e6;
    throw unprocessable('assessment_weights_sum', [{ path: 'scheme.components', message: `the weights add up to ${shown}, not 1` }]);
  }
  return sum;
}

/** True when the scheme weighs a survey component (and so needs a wave). */
export const usesSurvey = (scheme: Pick<TAssessmentScheme, 'components'>) => scheme.components.some((c) => SURVEY_COMPONENTS.includes(c.key));

export interface SchemeWave {
  id: string;
  name: string;
  starts_on: string;
  ends_on: string;
  status: 'draft' | 'fieldwork' | 'closed';
}

/**
 * The scheme's waves, each the county's and closed; survey components need at least one.
 *
 * @example
 * const waves = await checkSchemeWaves(db, { countyCode: '370921', scheme });
 */
export async function checkSchemeWaves(db: Kysely<DB>, options: { countyCode: string; scheme: TAssessmentScheme }): Promise<SchemeWave[]> {
  const { scheme, countyCode } = options;
  checkWeights(scheme);
  if (usesSurvey(scheme) && scheme.waveIds.length === 0) {
    throw unprocessable('assessment_wave_needed', [{ path: 'scheme.waveIds', message: 'a survey component needs a closed wave' }]);
  }
  if (scheme.waveIds.length === 0) return [];
  const rows = await db.selectFrom('survey_wave').select(['id', 'name', 'starts_on', 'ends_on', 'status']).where('county_code', '=', countyCode).where('id', 'in', scheme.waveIds).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const missing = scheme.waveIds.filter((id) => !byId.has(id));
  if (missing.length) throw unprocessable('validation_failed', missing.map((id) => ({ path: 'scheme.waveIds', message: `no such wave ${id} in this county` })));
  const open = rows.filter((r) => r.status !== 'closed');
  if (open.length) throw new AppError(409, 'assessment_wave_not_closed', { issues: open.map((w) => ({ path: 'scheme.waveIds', message: `wave ${w.id} (${w.name}) is not closed` })) });
  return scheme.waveIds.map((id) => byId.get(id)!);
}

/**
 * 409 when a wave of the county overlapping the period is still in fieldwork and the scheme weighs
 * survey components: its figures would be part of the period's picture but are not final yet.
 *
 * @example
 * await checkNoFieldworkInPeriod(db, { countyCode: '370921', periodStart: '2026-10-01', periodEnd: '2026-12-31' });
 */
export async function checkNoFieldworkInPeriod(db: Kysely<DB>, options: { countyCode: string; periodStart: string; periodEnd: string }): Promise<void> {
  const open = await db
    .selectFrom('survey_wave')
    .select(['id', 'name'])
    .where('county_code', '=', options.countyCode)
    .where('status', '=', 'fieldwork')
    .where('starts_on', '<=', options.periodEnd)
    .where('ends_on', '>=', options.periodStart)
    .orderBy('id')
    .execute();
  if (open.length) throw new AppError(409, 'assessment_wave_in_fieldwork', { issues: open.map((w) => ({ path: 'periodEnd', message: `wave ${w.id} (${w.name}) is still in fieldwork` })) });
}
