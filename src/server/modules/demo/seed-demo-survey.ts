/**
 * The demo county's satisfaction survey: the county's standard questionnaire, a CLOSED wave of
 * two quarters ago (the loop's first wave: its weak domains become rectification tasks; the
 * second closed wave, of the last quarter, is simulated after them by `seed-demo-second-wave.ts`)
 * whose fieldwork is simulated through the real use cases (next case → dial →
 * answers → disposition, by the demo interviewers, on a simulated clock inside the wave's
 * period and calling hours), and an OPEN wave of the current quarter with replicate 1 released,
 * so that `npm start` shows results to rank and cases to call.
 *
 * This file sets the waves up; the simulation is `simulate-fieldwork.ts` (its clock `turns.ts`,
 * its respondents `respondent-model.ts`), drawing everything from one seeded generator. Nothing
 * is written around the use cases, except the wave's own date stamps, moved back into its period.
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { TCallingRange } from '../../../shared/schemas/survey.ts';
import type { TRole } from '../../../shared/roles.ts';
import { localDate } from '../../../shared/time.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import type { FieldCipher } from '../../security/field-cipher.ts';
import { loadActor } from '../auth/index.ts';
import type { WriteContext } from '../../use-case-context.ts';
import type { AuditSource } from '../audit/index.ts';
import { buildRegistryFrame, closeWave, createWave, type CreateWaveInput, drawSample, ensureStandardQuestionnaire, openWave } from '../survey/index.ts';
import { addDays, localInstant, quarterOf } from './demo-clock.ts';
import { DEMO_COUNTY_CODE, demoLogins } from './seed-demo.ts';
import { simulateFieldwork } from './simulate-fieldwork.ts';
import type { RespondentAdjustments } from './respondent-model.ts';

/** Completes wanted in the closed wave, in the county (proportional, at least MIN per township). */
const CLOSED_TARGET = 260;
const MIN_PER_TOWNSHIP = 18;
const NUMBERS_PER_COMPLETE = 2.5;
/** The sampling frame a township needs for the demo's draw (its minimum, with room to spare). */
const MIN_FRAME_PER_TOWNSHIP = Math.ceil(MIN_PER_TOWNSHIP * NUMBERS_PER_COMPLETE * 1.2);
/** The draws' seeds: the demo's samples are the same on every machine. */
const CLOSED_SEED = '6c69616e78696e2d64656d6f2d713300';
/** The calls' seed of the first closed wave; its respondent model (the townships' levels) is reused by the second. */
export const FIRST_WAVE_SEED = 2026;
const OPEN_SEED = '6c69616e78696e2d64656d6f2d713400';
/** Published practice: mornings and afternoons into the evening. */
const CLOSED_HOURS: TCallingRange[] = [
  { from: '09:00', to: '11:30' },
  { from: '14:00', to: '20:30' },
];
/** The open wave calls through the usual day, so the demo interviewers can start at once. */
const OPEN_HOURS: TCallingRange[] = [{ from: '08:00', to: '21:00' }];

export interface DemoSurveyWave {
  id: string;
  name: string;
  status: 'draft' | 'fieldwork' | 'closed';
  startsOn: string;
  endsOn: string;
}

export interface SeedDemoSurveyResult {
  created: boolean;
  /** Why nothing was seeded: 'exists' (a wave is there already), 'no_county', 'no_accounts', 'registry_too_small'. */
  skipped: 'exists' | 'no_county' | 'no_accounts' | 'registry_too_small' | null;
  closedWave: (DemoSurveyWave & { calls: number; completes: number; minTownshipCompletes: number; replicatesReleased: number }) | null;
  openWave: (DemoSurveyWave & { released: number; callingHours: string }) | null;
  /** Milliseconds by step, to see where the seeding spends its time. */
  timings: Record<string, { calls: number; ms: number }>;
}

/**
 * Seeds the demo survey once: does nothing when the demo county already has a wave, when the
 * demo county or survey accounts are missing, or when the registry is too small for the draw
 * (e.g. `lianxin seed-demo --households 50`).
 *
 * @example
 * const survey = await seedDemoSurvey({ db, actor: null, source: cliAuditSource('serve'), cipher });
 * survey.closedWave?.completes; // about 330, some 20 in every township
 */
export async function seedDemoSurvey(ctx: WriteContext<null> & { cipher: FieldCipher }, options: { now?: Date; seed?: number } = {}): Promise<SeedDemoSurveyResult> {
  const { db, cipher, source } = ctx;
  const now = options.now ?? new Date();
  const timings: SeedDemoSurveyResult['timings'] = {};
  const skip = (skipped: NonNullable<SeedDemoSurveyResult['skipped']>): SeedDemoSurveyResult => ({ created: false, skipped, closedWave: null, openWave: null, timings });
  const county = await db.selectFrom('region').select('id').where('code', '=', DEMO_COUNTY_CODE).where('level', '=', 'county').executeTakeFirst();
  if (!county) return skip('no_county');
  const existing = await db.selectFrom('survey_wave').select('id').where('county_code', '=', DEMO_COUNTY_CODE).limit(1).executeTakeFirst();
  if (existing) return skip('exists');
  const actors = await demoSurveyActors(db);
  if (!actors) return skip('no_accounts');
  const { supervisor, interviewers } = actors;
  if ((await smallestTownshipFrame(db)) < MIN_FRAME_PER_TOWNSHIP) return skip('registry_too_small');

  const timed = async <T>(step: string, run: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await run();
    } finally {
      const t = (timings[step] ??= { calls: 0, ms: 0 });
      t.calls++;
      t.ms += performance.now() - started;
    }
  };

  const { questionnaire } = await timed('questionnaire', () => ensureStandardQuestionnaire({ db, actor: supervisor, source }));
  const versionId = questionnaire.versions.find((v) => v.status === 'published')!.id;
  const today = localDate(now);
  const current = quarterOf(today);
  const settings = demoWaveSettings(versionId);

  // The first closed wave: the last month of the quarter before the previous one.
  const first = await simulateClosedWave({ db, cipher, source, supervisor, interviewers, timed }, { quarter: quarterBefore(quarterBefore(current)), versionId, sampleSeed: CLOSED_SEED, seed: options.seed ?? FIRST_WAVE_SEED });
  const { wave: closedWave, fieldwork } = first;

  // The open wave: the current quarter, from today, replicate 1 released by opening it.
  const quarterEnd = new Date(Date.UTC(current.year, current.quarter * 3, 0)).toISOString().slice(0, 10);
  const openInput: CreateWaveInput = {
    ...settings,
    name: waveName(current),
    startsOn: today,
    endsOn: [quarterEnd, addDays(today, 7)].sort()[1]!,
    callingHours: OPEN_HOURS,
    targetCompletes: CLOSED_TARGET,
    replicateCount: 5,
  };
  const open = await timed('set up waves', () => prepareWave(db, supervisor, openInput, OPEN_SEED, source));

  for (const t of Object.values(timings)) t.ms = Math.round(t.ms);
  return {
    created: true,
    skipped: null,
    closedWave: {
      ...summary(closedWave),
      calls: fieldwork.calls,
      completes: fieldwork.completes.total,
      minTownshipCompletes: fieldwork.completes.min,
      replicatesReleased: fieldwork.releases.length + 1,
    },
    openWave: { ...summary(open), released: open.counts.released, callingHours: OPEN_HOURS.map((h) => `${h.from}–${h.to}`).join(', ') },
    timings,
  };
}

const summary = (w: { id: string; name: string; status: DemoSurveyWave['status']; startsOn: string; endsOn: string }): DemoSurveyWave => ({
  id: w.id,
  name: w.name,
  status: w.status,
  startsOn: w.startsOn,
  endsOn: w.endsOn,
});

/** A calendar quarter. */
export interface Quarter {
  year: number;
  quarter: number;
}

/** @example quarterBefore({ year: 2026, quarter: 1 }); // { year: 2025, quarter: 4 } */
export const quarterBefore = (q: Quarter): Quarter => (q.quarter === 1 ? { year: q.year - 1, quarter: 4 } : { year: q.year, quarter: q.quarter - 1 });

/** @example waveName({ year: 2026, quarter: 3 }); // '2026年第三季度群众满意度调查' */
export const waveName = (q: Quarter) => `${q.year}年第${'一二三四'[q.quarter - 1]}季度群众满意度调查`;

/** The settings every demo wave shares. */
const demoWaveSettings = (versionId: string) =>
  ({ questionnaireVersionId: versionId, maxAttempts: 5, phoneQuota: null, allocation: 'proportional', minPerTownship: MIN_PER_TOWNSHIP, numbersPerComplete: NUMBERS_PER_COMPLETE }) as const;

/** The survey accounts the simulation calls as: the supervisor and the demo interviewers (null when one is missing). */
export async function demoSurveyActors(db: Kysely<DB>): Promise<{ supervisor: Actor; interviewers: Actor[] } | null> {
  const logins = demoLogins();
  const usernameOf = (role: TRole) => logins.filter((l) => l.roles.includes(role)).map((l) => l.username);
  const supervisor = await loadActor({ db, actor: null }, { username: usernameOf('survey_supervisor')[0]! });
  const found = await Promise.all(usernameOf('interviewer').map((u) => loadActor({ db, actor: null }, { username: u })));
  const interviewers = found.filter((i): i is Actor => i !== null);
  if (!supervisor || !interviewers.length || interviewers.length !== found.length) return null;
  return { supervisor, interviewers };
}

export interface ClosedWaveContext {
  db: Kysely<DB>;
  cipher: FieldCipher;
  source: AuditSource;
  supervisor: Actor;
  interviewers: Actor[];
  timed: <T>(step: string, run: () => Promise<T>) => Promise<T>;
}

/**
 * One closed wave of a quarter, simulated: created, drawn, called in the quarter's last month
 * (8th–25th), closed and its stamps moved into its period.
 *
 * @example
 * const { wave, fieldwork } = await simulateClosedWave(ctx, { quarter: { year: 2026, quarter: 3 }, versionId, sampleSeed, seed: 2027, modelSeed: 2026, adjustments });
 */
export async function simulateClosedWave(
  ctx: ClosedWaveContext,
  o: { quarter: Quarter; versionId: string; sampleSeed: string; seed: number; modelSeed?: number; adjustments?: RespondentAdjustments; targetCompletes?: number },
) {
  const { db, cipher, source, supervisor, interviewers, timed } = ctx;
  const month = `${o.quarter.year}-${String(o.quarter.quarter * 3).padStart(2, '0')}`;
  const input: CreateWaveInput = {
    ...demoWaveSettings(o.versionId),
    name: waveName(o.quarter),
    startsOn: `${month}-08`,
    endsOn: `${month}-25`,
    callingHours: CLOSED_HOURS,
    targetCompletes: o.targetCompletes ?? CLOSED_TARGET,
    replicateCount: 10,
  };
  const created = await timed('set up waves', () => prepareWave(db, supervisor, input, o.sampleSeed, source));
  const fieldwork = await timed('simulate fieldwork', () =>
    simulateFieldwork({
      db,
      cipher,
      source,
      supervisor,
      interviewers,
      waveId: created.id,
      callingHours: input.callingHours,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      seed: o.seed,
      ...(o.modelSeed === undefined ? {} : { modelSeed: o.modelSeed }),
      ...(o.adjustments ? { adjustments: o.adjustments } : {}),
      timed,
    }),
  );
  const wave = await timed('close wave', () => closeWave({ db, actor: supervisor, source }, { waveId: created.id }));
  await timed('close wave', () => backdateWave(db, created.id, { startsOn: input.startsOn, lastActivity: fieldwork.lastActivity, releases: fieldwork.releases }));
  return { wave, fieldwork };
}

/** A wave created, framed from the registry, drawn with a fixed seed and opened (replicate 1 released). */
async function prepareWave(db: Kysely<DB>, supervisor: Actor, input: CreateWaveInput, seed: string, source: AuditSource) {
  const ctx = { db, actor: supervisor, source };
  const wave = await createWave(ctx, input);
  await buildRegistryFrame(ctx, { waveId: wave.id });
  await drawSample(ctx, { waveId: wave.id, seed, locale: 'zh-CN' });
  return openWave(ctx, { waveId: wave.id });
}

/** Distinct registry phone numbers of the demo county's smallest township (what its frame would hold). */
async function smallestTownshipFrame(db: Kysely<DB>): Promise<number> {
  const result = await sql<{ n: number }>`
    SELECT coalesce(min(n), 0)::int AS n FROM (
      SELECT t.id, count(DISTINCT p.phone_hash) AS n
        FROM region t
        LEFT JOIN region v ON v.parent_id = t.id
        LEFT JOIN household h ON h.village_id = v.id
        LEFT JOIN resident r ON r.household_id = h.id AND r.active
        LEFT JOIN resident_phone p ON p.resident_id = r.id
       WHERE t.county_code = ${DEMO_COUNTY_CODE} AND t.level = 'township' AND t.closed_on IS NULL
       GROUP BY t.id) per_township`.execute(db);
  return Number(result.rows[0]?.n ?? 0);
}

/**
 * The closed wave's stamps (created, drawn, opened, released, closed) moved from the moment of
 * seeding into its period, where its calls are: the use cases stamp the real clock, and a
 * September wave opened in November would read wrong. The audit log keeps the real times.
 */
async function backdateWave(db: Kysely<DB>, waveId: string, o: { startsOn: string; lastActivity: Date; releases: Date[] }) {
  const opened = localInstant(o.startsOn, '08:30');
  const prepared = localInstant(addDays(o.startsOn, -2), '10:00');
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('survey_wave')
      .set({ created_at: prepared, sampled_at: prepared, opened_at: opened, closed_at: new Date(o.lastActivity.getTime() + 12 * 3_600_000) })
      .where('id', '=', waveId)
      .execute();
    await trx.updateTable('wave_replicate').set({ released_at: opened }).where('wave_id', '=', waveId).where('replicate', '=', 1).execute();
    for (const [i, at] of o.releases.entries()) {
      await trx.updateTable('wave_replicate').set({ released_at: at }).where('wave_id', '=', waveId).where('replicate', '=', i + 2).execute();
    }
  });
}
