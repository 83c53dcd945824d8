/**
 * Did it work (整改成效, issue 12 point 2): a survey task's figure for its township in the task's
 * wave against the county's next closed wave (the first to end after it), by the statistics
 * module's compareWaves — the difference with its interval, p and a verdict, never a bare
 * difference of two estimates.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { compareWaves } from '../../stats/index.ts';
import { computeWaveResults } from '../survey-results/index.ts';
import type { TRectificationEffect } from '../../../shared/assessment/index.ts';
import type { TEstimate, TSurveyResults } from '../../../shared/schemas/survey-results.ts';
import type { TaskRow } from './task-access.ts';
import { higherIsBetter } from './proposal-rules.ts';
import { figureOf } from './wave-figures.ts';

type Reportable = Extract<TEstimate, { suppressed: false }>;
const comparable = (e: TEstimate | undefined): e is Reportable => !!e && !e.suppressed && e.standardError !== null;
const figure = (e: Reportable) => ({ estimate: e.estimate, standardError: e.standardError, n: e.n, lower: e.interval?.lower ?? null, upper: e.interval?.upper ?? null });

/**
 * The effect of each task, by task id. Each wave's results are computed once for all the tasks
 * that need them (computeWaveResults reads the wave's answers: the expensive part).
 *
 * @example
 * const effects = await effectsOfTasks(db, rows); effects.get(id); // { state: 'compared', verdict: 'improved', … }
 */
export async function effectsOfTasks(db: Kysely<DB>, rows: readonly TaskRow[]): Promise<Map<string, TRectificationEffect>> {
  const out = new Map<string, TRectificationEffect>();
  const survey = rows.filter((r) => r.source === 'survey' && r.wave_id !== null && r.township_id !== null && r.figure_key !== null && r.status !== 'dropped');
  if (survey.length === 0) return out;
  const waveIds = [...new Set(survey.map((r) => r.wave_id!))];
  const counties = [...new Set(survey.map((r) => r.county_code))];
  const waves = await db.selectFrom('survey_wave').select(['id', 'name', 'ends_on', 'county_code', 'status']).where('county_code', 'in', counties).where((eb) => eb.or([eb('status', '=', 'closed'), eb('id', 'in', waveIds)])).execute();
  const closed = waves.filter((w) => w.status === 'closed').sort((a, b) => a.ends_on.localeCompare(b.ends_on) || Number(a.id) - Number(b.id));
  const byId = new Map(waves.map((w) => [w.id, w]));
  const nextOf = (waveId: string) => {
    const w = byId.get(waveId);
    return w ? closed.find((c) => c.county_code === w.county_code && c.id !== w.id && c.ends_on > w.ends_on) : undefined;
  };
  const results = new Map<string, Promise<TSurveyResults>>();
  const resultsOf = (waveId: string) => {
    if (!results.has(waveId)) results.set(waveId, computeWaveResults({ db, actor: null }, { waveId }));
    return results.get(waveId)!;
  };
  const townshipCodes = new Map((await db.selectFrom('region').select(['id', 'code']).where('id', 'in', [...new Set(survey.map((r) => r.township_id!))]).execute()).map((r) => [r.id, r.code]));
  for (const r of survey) {
    const later = nextOf(r.wave_id!);
    if (!later) {
      out.set(r.id, { state: 'no_later_wave' });
      continue;
    }
    const laterWave = { id: later.id, name: later.name, endsOn: later.ends_on };
    const code = townshipCodes.get(r.township_id!);
    const [a, b] = await Promise.all([resultsOf(r.wave_id!), resultsOf(later.id)]);
    const before = a.townships.find((t) => t.region.code === code);
    const after = b.townships.find((t) => t.region.code === code);
    const e0 = before && figureOf(before, r.figure_key!);
    const e1 = after && figureOf(after, r.figure_key!);
    if (!comparable(e0) || !comparable(e1)) {
      out.set(r.id, { state: 'not_comparable', laterWave });
      continue;
    }
    const better = higherIsBetter(r.figure_key!);
    const change = compareWaves({ before: { estimate: e0.estimate, standardError: e0.standardError! }, after: { estimate: e1.estimate, standardError: e1.standardError! }, higherIsBetter: better });
    out.set(r.id, {
      state: 'compared',
      laterWave,
      higherIsBetter: better,
      before: figure(e0),
      after: figure(e1),
      difference: change.difference,
      standardError: change.standardError,
      interval: change.interval,
      p: change.p,
      verdict: change.verdict,
    });
  }
  return out;
}
