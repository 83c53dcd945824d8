/**
 * The demo loop's step 2: the second closed wave, of the last quarter, simulated after the first
 * wave's rectification tasks. Its residents are the first wave's (the same respondent model, so
 * each township keeps its level), moved upward in the (township, domain) pairs whose tasks the
 * county accepted — strongly enough that some tasks show "improved" by compareWaves at the demo's
 * sample size — and one township coached before the calls (many residents answer 满意 to every
 * satisfaction question): the lowest-placed township of the first wave without a task, which the
 * gaming detector (step 5) flags for the county's review.
 * Idempotent: a closed wave of the last quarter already there means nothing to do.
 */
import type { TRole } from '../../../shared/roles.ts';
import { localDate } from '../../../shared/time.ts';
import type { FieldCipher } from '../../security/field-cipher.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { ensureStandardQuestionnaire, STANDARD_QUESTIONNAIRE } from '../survey/index.ts';
import { computeWaveResults } from '../survey-results/index.ts';
import { quarterOf } from './demo-clock.ts';
import { DEMO_COUNTY_CODE, demoLogins, demoTownshipCodes } from './seed-demo.ts';
import { demoSurveyActors, FIRST_WAVE_SEED, quarterBefore, simulateClosedWave, waveName } from './seed-demo-survey.ts';

const SECOND_SAMPLE_SEED = '6c69616e78696e2d64656d6f2d713380';
const SECOND_WAVE_SEED = 2027;
/** How far an accepted task moves its domain's latent satisfaction (the model's z; its noise has sd ≈ 0.85). */
export const RECTIFIED_SHIFT = 1.1;
/** The coached township's share of residents who answer 满意 to everything: three in four, so that at ~20 interviews its rise stands out from the noise after Holm over the county's townships. */
export const COACHED_SHARE = 0.75;

export interface SeedDemoSecondWaveResult {
  created: boolean;
  skipped: 'exists' | 'no_first_wave' | 'no_accounts' | null;
  waveId: string | null;
  name: string | null;
  completes: number;
  /** The (township, domain) pairs moved by accepted tasks. */
  rectified: { townshipCode: string; domain: string }[];
  coachedTownship: string | null;
  ms: number;
}

/**
 * @example
 * const second = await seedDemoSecondWave({ db, actor: null, source, cipher }, { now });
 * second.rectified; // [{ townshipCode: '370921104', domain: 'medical' }, …]
 */
export async function seedDemoSecondWave(ctx: WriteContext<null> & { cipher: FieldCipher }, options: { now?: Date } = {}): Promise<SeedDemoSecondWaveResult> {
  const started = Date.now();
  const { db, cipher, source } = ctx;
  const none = (skipped: NonNullable<SeedDemoSecondWaveResult['skipped']>): SeedDemoSecondWaveResult => ({ created: false, skipped, waveId: null, name: null, completes: 0, rectified: [], coachedTownship: null, ms: Date.now() - started });
  const last = quarterBefore(quarterOf(localDate(options.now ?? new Date())));
  const name = waveName(last);
  const waves = await db.selectFrom('survey_wave').select(['id', 'name', 'status']).where('county_code', '=', DEMO_COUNTY_CODE).execute();
  if (waves.some((w) => w.name === name)) return none('exists');
  if (!waves.some((w) => w.name === waveName(quarterBefore(last)) && w.status === 'closed')) return none('no_first_wave');
  const actors = await demoSurveyActors(db);
  if (!actors) return none('no_accounts');

  // Accepted tasks about a domain's score: figure_key 'domain:<question code>:score'.
  const tasks = await db
    .selectFrom('rectification_task as t')
    .innerJoin('region as r', 'r.id', 't.township_id')
    .select(['r.code', 't.figure_key', 't.domain'])
    .where('t.county_code', '=', DEMO_COUNTY_CODE)
    .where('t.status', '=', 'accepted')
    .where('t.figure_key', 'like', 'domain:%:score')
    .execute();
  const domainOf = new Map(STANDARD_QUESTIONNAIRE.questions.flatMap((q) => (q.domain ? [[q.code, q.domain] as const] : [])));
  const shift = new Map<string, Record<string, number>>();
  const rectified: SeedDemoSecondWaveResult['rectified'] = [];
  for (const t of tasks) {
    const domain = domainOf.get(t.figure_key!.split(':')[1] ?? '') ?? t.domain;
    if (!domain) continue;
    const own = shift.get(t.code) ?? {};
    if (own[domain]) continue;
    own[domain] = RECTIFIED_SHIFT;
    shift.set(t.code, own);
    rectified.push({ townshipCode: t.code, domain });
  }
  const firstWave = waves.find((w) => w.name === waveName(quarterBefore(last)) && w.status === 'closed')!;
  const firstResults = await computeWaveResults({ db, actor: null }, { waveId: firstWave.id });
  const firstIndex = new Map(firstResults.townships.flatMap((t) => (t.index.suppressed ? [] : [[t.region.code, t.index.estimate] as const])));
  const coachedTownship = coachedTownshipOf(new Set(shift.keys()), firstIndex);

  const { supervisor, interviewers } = actors;
  const { questionnaire } = await ensureStandardQuestionnaire({ db, actor: supervisor, source });
  const versionId = questionnaire.versions.find((v) => v.status === 'published')!.id;
  const timed = async <T>(_step: string, run: () => Promise<T>) => run();
  const { wave, fieldwork } = await simulateClosedWave(
    { db, cipher, source, supervisor, interviewers, timed },
    { quarter: last, versionId, sampleSeed: SECOND_SAMPLE_SEED, seed: SECOND_WAVE_SEED, modelSeed: FIRST_WAVE_SEED, adjustments: { shift, coached: { code: coachedTownship, share: COACHED_SHARE } } },
  );
  return { created: true, skipped: null, waveId: wave.id, name: wave.name, completes: fieldwork.completes.total, rectified, coachedTownship, ms: Date.now() - started };
}

/**
 * The township coached in the demo's second wave: the lowest by the first wave's index among
 * those with no accepted task (so its rise cannot be mistaken for rectification) and no demo
 * township admin (the demo's township accounts should not open on their own township's flag,
 * which they never see anyway); townships the first wave could not report come last, by code.
 * The bottom of the ranking is where the pressure to coach is, and where a coached rise is
 * large enough for the survey to show at the demo's ~25 interviews a township: a township already
 * near the ceiling (84 of 100) rose by 9 points, which its interval could not tell from noise.
 *
 * @example
 * coachedTownshipOf(new Set(['370921101']), new Map([['370921101', 58.2], ['370921201', 63.9], ['370921002', 84.3]])); // '370921201'
 */
export function coachedTownshipOf(rectified: ReadonlySet<string>, firstWaveIndex: ReadonlyMap<string, number>): string {
  const adminTownships = new Set(demoLogins().filter((l) => l.roles.includes('township_admin' as TRole)).map((l) => l.regionCode));
  const codes = demoTownshipCodes().map((t) => t.code);
  const level = (code: string) => firstWaveIndex.get(code) ?? Infinity;
  const order = [...codes].sort((a, b) => level(a) - level(b) || a.localeCompare(b));
  return order.find((c) => !rectified.has(c) && !adminTownships.has(c)) ?? order[0]!;
}
