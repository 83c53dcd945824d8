/**
 * The demo county's satisfaction survey: the county's standard questionnaire, a CLOSED wave of
 * the previous quarter whose fieldwork is simulated through the real use cases (next case → dial →
 * answers → disposition, by the demo interviewers, on a simulated clock inside the wave's
 * period and calling hours), and an OPEN wave of the current quarter with replicate 1 released,
 * so that `npm start` shows results to rank and cases to call.
 *
 * The simulation draws everything from one seeded generator: each number's truth (空号, never
 * answered, a person who refuses, makes an appointment, is not eligible or answers), contact
 * chances that are better in the evening and at weekends, and answers whose satisfaction
 * differs by township (a seeded propensity per township) and by domain. Nothing is written
 * around the use cases, except the wave's own date stamps, moved back into its period.
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { TAnswerInput, TFieldworkCase, TNextCaseResponse } from '../../../shared/schemas/survey-fieldwork.ts';
import type { TCallingRange, TQuestion } from '../../../shared/schemas/survey.ts';
import { SURVEY_DOMAINS } from '../../../shared/schemas/survey.ts';
import type { TRole } from '../../../shared/roles.ts';
import { localDate } from '../../../shared/time.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import type { FieldCipher } from '../../security/field-cipher.ts';
import { loadActor } from '../auth/index.ts';
import type { AuditSource } from '../audit/index.ts';
import { isCallingTime, nextCallingWindow, dialCase, nextCase, recordDisposition, saveInterview } from '../fieldwork/index.ts';
import { telLinkTelephony } from '../../telephony/index.ts';
import { buildRegistryFrame, closeWave, createWave, type CreateWaveInput, drawSample, ensureStandardQuestionnaire, openWave, releaseNextReplicate, STANDARD_QUESTIONNAIRE } from '../survey/index.ts';
import { seededRandom } from './random.ts';
import { DEMO_COUNTY_CODE, demoLogins } from './seed-demo.ts';

/** Completes wanted in the closed wave, in the county (proportional, at least MIN per township). */
const CLOSED_TARGET = 260;
const MIN_PER_TOWNSHIP = 18;
const NUMBERS_PER_COMPLETE = 2.5;
/** The sampling frame a township needs for the demo's draw (its minimum, with room to spare). */
const MIN_FRAME_PER_TOWNSHIP = Math.ceil(MIN_PER_TOWNSHIP * NUMBERS_PER_COMPLETE * 1.2);
/** The draws' seeds: the demo's samples are the same on every machine. */
const CLOSED_SEED = '6c69616e78696e2d64656d6f2d713300';
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
 * const survey = await seedDemoSurvey(db, cipher, cliAuditSource('serve'));
 * survey.closedWave?.completes; // about 330, some 20 in every township
 */
export async function seedDemoSurvey(db: Kysely<DB>, cipher: FieldCipher, source: AuditSource, options: { now?: Date; seed?: number } = {}): Promise<SeedDemoSurveyResult> {
  const now = options.now ?? new Date();
  const timings: SeedDemoSurveyResult['timings'] = {};
  const skip = (skipped: NonNullable<SeedDemoSurveyResult['skipped']>): SeedDemoSurveyResult => ({ created: false, skipped, closedWave: null, openWave: null, timings });
  const county = await db.selectFrom('region').select('id').where('code', '=', DEMO_COUNTY_CODE).where('level', '=', 'county').executeTakeFirst();
  if (!county) return skip('no_county');
  const existing = await db.selectFrom('survey_wave').select('id').where('county_code', '=', DEMO_COUNTY_CODE).limit(1).executeTakeFirst();
  if (existing) return skip('exists');
  const logins = demoLogins();
  const usernameOf = (role: TRole) => logins.filter((l) => l.roles.includes(role)).map((l) => l.username);
  const supervisor = await loadActor(db, usernameOf('survey_supervisor')[0]!);
  const found = await Promise.all(usernameOf('interviewer').map((u) => loadActor(db, u)));
  const interviewers = found.filter((i): i is Actor => i !== null);
  if (!supervisor || !interviewers.length || interviewers.length !== found.length) return skip('no_accounts');
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

  const { questionnaire } = await timed('questionnaire', () => ensureStandardQuestionnaire(db, supervisor, source));
  const versionId = questionnaire.versions.find((v) => v.status === 'published')!.id;
  const today = localDate(now);
  const current = quarterOf(today);
  const previous = current.quarter === 1 ? { year: current.year - 1, quarter: 4 } : { year: current.year, quarter: current.quarter - 1 };
  const waveName = (q: { year: number; quarter: number }) => `${q.year}年第${'一二三四'[q.quarter - 1]}季度群众满意度调查`;
  const settings = { questionnaireVersionId: versionId, maxAttempts: 5, phoneQuota: null, allocation: 'proportional', minPerTownship: MIN_PER_TOWNSHIP, numbersPerComplete: NUMBERS_PER_COMPLETE } as const;

  // The closed wave: the last month of the previous quarter, fieldwork from the 8th to the 25th.
  const month = `${previous.year}-${String(previous.quarter * 3).padStart(2, '0')}`;
  const closedInput: CreateWaveInput = { ...settings, name: waveName(previous), startsOn: `${month}-08`, endsOn: `${month}-25`, callingHours: CLOSED_HOURS, targetCompletes: CLOSED_TARGET, replicateCount: 10 };
  const closed = await timed('set up waves', () => prepareWave(db, supervisor, closedInput, CLOSED_SEED, source));
  const fieldwork = await timed('simulate fieldwork', () =>
    simulateFieldwork({ db, cipher, source, supervisor, interviewers, waveId: closed.id, startsOn: closedInput.startsOn, endsOn: closedInput.endsOn, seed: options.seed ?? 2026, timed }),
  );
  const closedWave = await timed('close wave', () => closeWave(db, supervisor, closed.id, source));
  await timed('close wave', () => backdateWave(db, closed.id, { startsOn: closedInput.startsOn, lastActivity: fieldwork.lastActivity, releases: fieldwork.releases }));

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

/** A wave created, framed from the registry, drawn with a fixed seed and opened (replicate 1 released). */
async function prepareWave(db: Kysely<DB>, supervisor: Actor, input: CreateWaveInput, seed: string, source: AuditSource) {
  const wave = await createWave(db, supervisor, input, source);
  await buildRegistryFrame(db, supervisor, wave.id, source);
  await drawSample(db, supervisor, wave.id, { seed, locale: 'zh-CN' }, source);
  return openWave(db, supervisor, wave.id, source);
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

/* ---- dates (Asia/Shanghai: UTC+8 all year) ---- */

const quarterOf = (date: string) => ({ year: Number(date.slice(0, 4)), quarter: Math.ceil(Number(date.slice(5, 7)) / 3) });
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const localInstant = (date: string, clock: string) => new Date(`${date}T${clock}:00+08:00`);
const plusSeconds = (at: Date, seconds: number) => new Date(at.getTime() + seconds * 1000);
/** Local hour and weekday of an instant. */
const localClock = (at: Date) => {
  const shifted = new Date(at.getTime() + 8 * 3_600_000);
  return { hour: shifted.getUTCHours(), weekend: shifted.getUTCDay() === 0 || shifted.getUTCDay() === 6 };
};

/* ---- the simulation ---- */

type Random = ReturnType<typeof seededRandom>;

/** Two interviewers share one simulated clock: whoever's next step is earliest goes next. */
class Turns {
  private parked: { at: number; seq: number; wake: () => void }[] = [];
  private running = 0;
  private seq = 0;
  private settle: (() => void) | null = null;
  private failure: unknown = null;

  /** Runs the workers' loops to their end, one step at a time in simulated-time order. */
  async run(workers: ((turns: Turns) => Promise<void>)[]): Promise<void> {
    this.running = workers.length;
    for (const worker of workers) {
      worker(this).then(
        () => this.leave(),
        (error: unknown) => {
          this.failure ??= error;
          this.leave();
        },
      );
    }
    for (;;) {
      if (this.running > 0) await new Promise<void>((resolve) => (this.settle = resolve));
      if (this.failure) {
        // Stop the others where they wait; their promises are dropped.
        this.parked = [];
        throw this.failure;
      }
      if (!this.parked.length) return;
      this.parked.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.parked.shift()!;
      this.running++;
      next.wake();
    }
  }

  /** Waits until the simulated time `at` is the earliest of all workers' next steps. */
  until(at: Date): Promise<void> {
    return new Promise<void>((wake) => {
      this.parked.push({ at: at.getTime(), seq: this.seq++, wake });
      this.leave();
    });
  }

  private leave() {
    this.running--;
    if (this.running === 0) this.settle?.();
  }
}

/** What a sampled number really is, drawn when it is first called. */
interface NumberTruth {
  line: 'vacant' | 'suspended' | 'business' | 'silent' | 'person';
  response: 'complete' | 'appointment' | 'refuse' | 'soft_refuse' | 'screened' | 'language' | 'breakoff' | 'interrupted';
  /** Chance that someone picks up on an attempt (before time-of-day effects). */
  reach: number;
  stage: 'new' | 'soft_refused' | 'appointed' | 'interrupted';
}

interface Outcome {
  code: string;
  seconds: number;
  note?: string;
  appointmentAt?: Date;
  /** Answer saves during the attempt: answers, the question reached, seconds after the claim. */
  saves: { answers: TAnswerInput[]; currentQuestion: string | null; at: number }[];
}

interface SimulationOptions {
  db: Kysely<DB>;
  /** The dial decrypts the number, as it does for an interviewer. */
  cipher: FieldCipher;
  source: AuditSource;
  supervisor: Actor;
  interviewers: Actor[];
  waveId: string;
  startsOn: string;
  endsOn: string;
  seed: number;
  timed: <T>(step: string, run: () => Promise<T>) => Promise<T>;
}

async function simulateFieldwork(o: SimulationOptions) {
  const { db, waveId, timed } = o;
  const rnd = seededRandom(o.seed);
  const respondents = new RespondentModel(rnd, await strataCodes(db, waveId));
  const truths = new Map<string, NumberTruth>();
  const periodEnd = localInstant(o.endsOn, '21:00');
  const releases: Date[] = [];
  let calls = 0;
  let lastActivity = localInstant(o.startsOn, '09:00');
  let finished = false;
  const submission = () => uuidFrom(rnd);

  // Completes by stratum against its target, as the supervisor's progress page shows them.
  const targets = await strataTargets(db, waveId);
  const completes = new Map<string, number>();
  const short = () => [...targets].filter(([code, target]) => (completes.get(code) ?? 0) < target).length;

  /**
   * On an empty queue the supervisor releases the next replicate when a township will fall short:
   * its completes plus what its open numbers (callbacks, appointments) may still give are below
   * its target. When nothing is left to call and nothing to release, fieldwork is over.
   */
  const onEmpty = async (empty: NonNullable<TNextCaseResponse['empty']>, at: Date): Promise<Date> => {
    if (empty.reason === 'nothing_due' || empty.reason === 'exhausted') {
      const unreleased = await db.selectFrom('wave_replicate').select('replicate').where('wave_id', '=', waveId).where('released_at', 'is', null).limit(1).executeTakeFirst();
      if (unreleased && (empty.reason === 'exhausted' || (await projectedShort(db, waveId, targets, completes)))) {
        await timed('release replicate', () => releaseNextReplicate(db, o.supervisor, waveId, o.source));
        releases.push(at);
        return plusSeconds(at, 60);
      }
      if (empty.reason === 'exhausted') {
        finished = true;
        return at;
      }
    }
    if (empty.nextCallAt) return new Date(Math.max(Date.parse(empty.nextCallAt), at.getTime() + 60_000));
    return plusSeconds(at, 10 * 60);
  };

  const worker = (actor: Actor, offsetSeconds: number) => async (turns: Turns) => {
    const hours = CLOSED_HOURS;
    let at = plusSeconds(localInstant(o.startsOn, '09:00'), offsetSeconds);
    for (;;) {
      await turns.until(at);
      if (finished || at >= periodEnd) return;
      if (!isCallingTime(hours, at)) {
        at = nextCallingWindow(hours, at)!.from;
        continue;
      }
      const claimedAt = at;
      const next = await timed('next case', () => nextCase({ db, actor, waveId, now: claimedAt }));
      if (!next.case) {
        at = await onEmpty(next.empty!, at);
        continue;
      }
      const view = next.case;
      calls++;
      // Every outcome of the simulation says a call was made: the number is dialled first.
      await timed('dial', () => dialCase({ db, cipher: o.cipher, telephony: telLinkTelephony, actor, caseId: view.id, now: claimedAt, source: o.source }));
      let truth = truths.get(view.id);
      if (!truth) truths.set(view.id, (truth = drawTruth(rnd, view)));
      const outcome = attemptOutcome(rnd, truth, view, claimedAt, respondents);
      const stratum = view.township.code;
      let revision = view.interview?.revision ?? 0;
      for (const save of outcome.saves) {
        const savedAt = plusSeconds(claimedAt, save.at);
        await turns.until(savedAt);
        const state = await timed('save interview', () =>
          saveInterview({ db, actor, caseId: view.id, now: savedAt, input: { submissionId: submission(), baseRevision: revision, answers: save.answers, currentQuestion: save.currentQuestion } }),
        );
        revision = state.revision;
      }
      const endedAt = plusSeconds(claimedAt, outcome.seconds);
      await turns.until(endedAt);
      const recorded = await timed('record disposition', () =>
        recordDisposition({
          db,
          actor,
          caseId: view.id,
          now: endedAt,
          source: o.source,
          input: {
            submissionId: submission(),
            code: outcome.code,
            ...(outcome.note ? { note: outcome.note } : {}),
            ...(outcome.appointmentAt ? { appointmentAt: outcome.appointmentAt.toISOString() } : {}),
          },
        }),
      );
      if (endedAt > lastActivity) lastActivity = endedAt;
      if (recorded.finalDisposition === '1.1') {
        completes.set(stratum, (completes.get(stratum) ?? 0) + 1);
        // Every township has its interviews: fieldwork ends, numbers still open stay as they are.
        if (short() === 0) finished = true;
      }
      // Wrap-up before the next number.
      at = plusSeconds(endedAt, rnd.int(20, 60));
    }
  };

  await new Turns().run(o.interviewers.map((actor, i) => worker(actor, i * 97)));
  return { calls, releases, lastActivity, completes: await completesByTownship(db, waveId) };
}

async function strataCodes(db: Kysely<DB>, waveId: string) {
  const rows = await db.selectFrom('wave_stratum as s').innerJoin('region as r', 'r.id', 's.township_id').select('r.code').where('s.wave_id', '=', waveId).orderBy('r.code').execute();
  return rows.map((r) => r.code);
}

/** Share of the open numbers (called, not finished) that still end in an interview. */
const OPEN_YIELD = 0.35;

/** Whether some township's completes and the likely yield of its open numbers stay below its target. */
async function projectedShort(db: Kysely<DB>, waveId: string, targets: Map<string, number>, completes: Map<string, number>): Promise<boolean> {
  const open = await db
    .selectFrom('sample_case as c')
    .innerJoin('region as r', 'r.id', 'c.township_id')
    .select(['r.code', (eb) => eb.fn.countAll<string>().as('n')])
    .where('c.wave_id', '=', waveId)
    .where('c.released', '=', true)
    .where('c.final_disposition', 'is', null)
    .groupBy('r.code')
    .execute();
  const openOf = new Map(open.map((r) => [r.code, Number(r.n)]));
  return [...targets].some(([code, target]) => (completes.get(code) ?? 0) + OPEN_YIELD * (openOf.get(code) ?? 0) < target);
}

/** Each stratum's target of completes, by township code. */
async function strataTargets(db: Kysely<DB>, waveId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('wave_stratum as s')
    .innerJoin('region as r', 'r.id', 's.township_id')
    .select(['r.code', 's.target_completes'])
    .where('s.wave_id', '=', waveId)
    .execute();
  return new Map(rows.map((r) => [r.code, r.target_completes]));
}

async function completesByTownship(db: Kysely<DB>, waveId: string) {
  const result = await sql<{ n: number }>`
    SELECT count(i.id)::int AS n FROM wave_stratum s
      LEFT JOIN interview i ON i.wave_id = s.wave_id AND i.township_id = s.township_id AND i.status = 'complete'
     WHERE s.wave_id = ${waveId} GROUP BY s.township_id`.execute(db);
  const counts = result.rows.map((r) => Number(r.n));
  return { total: counts.reduce((a, b) => a + b, 0), min: counts.length ? Math.min(...counts) : 0 };
}

/** A UUID-shaped submission id from the seeded generator (the demo is the same on every run). */
function uuidFrom(rnd: Random): string {
  const hex = Array.from({ length: 32 }, () => rnd.int(0, 15).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[rnd.int(0, 3)]}${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/** Picks a key by weight. */
function weighted<K extends string>(rnd: Random, weights: Record<K, number>): K {
  const entries = Object.entries(weights) as [K, number][];
  let x = rnd.next() * entries.reduce((sum, [, w]) => sum + w, 0);
  for (const [key, w] of entries) {
    x -= w;
    if (x < 0) return key;
  }
  return entries[entries.length - 1]![0];
}

function drawTruth(rnd: Random, view: TFieldworkCase): NumberTruth {
  // Landlines are more often offices; mobiles more often vacant or suspended.
  const landline = view.phoneKind === 'landline';
  const line = weighted(rnd, { vacant: landline ? 0.06 : 0.09, suspended: landline ? 0.02 : 0.035, business: landline ? 0.08 : 0.005, silent: 0.06, person: landline ? 0.78 : 0.81 });
  const response = weighted(rnd, { complete: 0.52, appointment: 0.14, refuse: 0.15, soft_refuse: 0.07, screened: 0.05, language: 0.01, breakoff: 0.02, interrupted: 0.03 });
  return { line, response, reach: 0.45 + rnd.next() * 0.45, stage: 'new' };
}

/** The outcome of one attempt on a number, with the answers saved during it. */
function attemptOutcome(rnd: Random, truth: NumberTruth, view: TFieldworkCase, at: Date, respondents: RespondentModel): Outcome {
  const quick = (code: string, seconds: number, note?: string): Outcome => ({ code, seconds, saves: [], ...(note ? { note } : {}) });
  if (truth.line === 'vacant') return quick('4.31', rnd.int(10, 25), '您拨打的号码是空号');
  if (truth.line === 'suspended') return quick('4.32', rnd.int(10, 25), '您拨打的号码已停机');
  if (truth.line === 'business') return quick('4.51', rnd.int(30, 70), '单位电话');
  const { hour, weekend } = localClock(at);
  const chance = view.reason === 'appointment' ? 0.85 : Math.min(0.95, (truth.line === 'silent' ? 0 : truth.reach) * (hour >= 18 ? 1.3 : 1) * (weekend ? 1.15 : 1));
  if (rnd.next() >= chance) {
    const code = weighted(rnd, { 'T3.13': 0.62, 'T3.12': 0.14, 'T3.16': view.phoneKind === 'mobile' ? 0.16 : 0, 'T2.22': 0.08 });
    return quick(code, code === 'T3.12' ? rnd.int(8, 20) : rnd.int(35, 60));
  }
  const township = view.township.code;
  if (truth.stage === 'soft_refused') {
    truth.stage = 'new';
    if (rnd.next() < 0.45) return respondents.interview(rnd, township, view, 'full');
    return quick('2.11', rnd.int(30, 90), '再次拒访');
  }
  if (truth.stage === 'appointed' || truth.stage === 'interrupted') {
    const resume = truth.stage === 'interrupted';
    truth.stage = 'new';
    if (!resume && rnd.next() < 0.08) return quick('2.11', rnd.int(30, 60), '预约后改变主意，拒访');
    return respondents.interview(rnd, township, view, resume ? 'resume' : 'full');
  }
  switch (truth.response) {
    case 'refuse':
      return quick('2.11', rnd.int(20, 90), rnd.next() < 0.3 ? rnd.pick(['不感兴趣', '没时间，直接挂断', '怀疑是诈骗电话']) : undefined);
    case 'soft_refuse':
      truth.stage = 'soft_refused';
      return quick('T2.11', rnd.int(30, 80), '正在忙，不愿现在接受访问');
    case 'language':
      return quick('2.33', rnd.int(40, 90), '只讲方言，无法沟通');
    case 'appointment':
      truth.stage = 'appointed';
      return { ...quick('T2.21', rnd.int(40, 90), rnd.pick(['在地里干活，约晚上再打', '正在开车，约好时间再打', '在上班，约下班后'])), appointmentAt: appointmentTime(rnd, at) };
    case 'screened':
      return respondents.screenOut(rnd);
    case 'breakoff':
      return respondents.interview(rnd, township, view, 'breakoff');
    case 'interrupted': {
      truth.stage = 'interrupted';
      const partial = respondents.interview(rnd, township, view, 'interrupted');
      return { ...partial, appointmentAt: appointmentTime(rnd, plusSeconds(at, partial.seconds)) };
    }
    default:
      return respondents.interview(rnd, township, view, 'full');
  }
}

/** A time the respondent names: this evening, or a morning or evening in the next two days. */
function appointmentTime(rnd: Random, at: Date): Date {
  const today = localDate(at);
  const { hour } = localClock(at);
  if (hour < 17 && rnd.next() < 0.5) return localInstant(today, `${rnd.int(18, 19)}:${rnd.pick(['00', '15', '30', '45'])}`);
  const day = addDays(today, rnd.int(1, 2));
  return rnd.next() < 0.35 ? localInstant(day, `${rnd.pick(['09', '10'])}:${rnd.pick(['00', '30'])}`) : localInstant(day, `${rnd.int(18, 19)}:${rnd.pick(['00', '30'])}`);
}

const PROBLEMS = [
  '村里道路坑洼，希望尽快硬化修补',
  '路灯太少，晚上出行不安全',
  '看病报销手续繁琐，希望简化',
  '村卫生室缺医少药',
  '孩子上学路远，希望开通校车',
  '自来水时有时无，水质也不好',
  '冬季取暖费用高，清洁取暖补贴不到位',
  '垃圾清运不及时，村头堆放',
  '农产品销路不好，价格太低',
  '希望多提供家门口的就业岗位',
  '养老金太低，老人生活困难',
  '低保评定不够公开',
  '雨季排水不畅，院子积水',
  '集市占道经营，交通拥堵',
  '希望村里建个文化活动广场',
  '网络信号差，孩子上网课困难',
  '反映的问题一直没人答复',
  '秸秆禁烧后处理没有出路',
];

/** Respondents' answers: satisfaction differs by township (seeded propensity), domain and person. */
class RespondentModel {
  /** Latent propensity per township: evenly spread, in a seeded order, so the ranking has real gaps and close neighbours. */
  private readonly propensity = new Map<string, number>();
  private readonly visitRate = new Map<string, number>();
  private readonly questions = STANDARD_QUESTIONNAIRE.questions;

  constructor(
    rnd: Random,
    private readonly townships: string[],
  ) {
    const order = [...townships];
    for (let i = order.length - 1; i > 0; i--) {
      const j = rnd.int(0, i);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    order.forEach((code, i) => {
      const level = 0.45 + (order.length > 1 ? i / (order.length - 1) : 0.5) + (rnd.next() - 0.5) * 0.1;
      this.propensity.set(code, level);
      // Townships that do better also visit more, with noise: the data can show both.
      this.visitRate.set(code, Math.min(0.85, Math.max(0.2, 0.3 + level * 0.25 + (rnd.next() - 0.5) * 0.2)));
    });
  }

  /** An interview (or part of one) with the person who answered; codes 1.1, 2.12 or T2.12. */
  interview(rnd: Random, sampled: string, view: TFieldworkCase, kind: 'full' | 'breakoff' | 'interrupted' | 'resume'): Outcome {
    const given = new Set((view.interview?.answers ?? []).map((a) => a.questionCode));
    // Someone who moved answers S3 with where they live now; answers count for that township.
    const township = given.has('S3') ? (view.interview!.answers.find((a) => a.questionCode === 'S3')!.optionId ?? sampled) : rnd.next() < 0.97 ? sampled : rnd.pick(this.townships);
    const all = this.answers(rnd, township).filter((a) => !given.has(a.questionCode));
    const minutes = 5 + rnd.next() * 7;
    if (kind === 'full' || kind === 'resume') {
      const seconds = Math.round((kind === 'resume' ? minutes * 0.6 : minutes) * 60);
      // One save at the end (the workstation saves more often; each save costs the seeding time).
      return { code: '1.1', seconds, saves: [{ answers: all, currentQuestion: null, at: seconds - 10 }] };
    }
    // Stopped after the screening and a few questions.
    const upTo = 3 + rnd.int(2, 6);
    const partial = all.slice(0, upTo);
    const seconds = Math.round(60 + upTo * 25 + rnd.int(0, 30));
    const save = { answers: partial, currentQuestion: all[upTo]?.questionCode ?? null, at: seconds - 10 };
    if (kind === 'breakoff') return { code: '2.12', seconds, note: '访问中途挂断', saves: [save] };
    return { code: 'T2.12', seconds, note: '有事中断，约定续访', saves: [save] };
  }

  /** Not eligible: lived here under a year, or under 18. */
  screenOut(rnd: Random): Outcome {
    const young = rnd.next() < 0.4;
    const answers: TAnswerInput[] = young
      ? [
          { questionCode: 'S1', optionId: 'yes' },
          { questionCode: 'S2', optionId: 'under18' },
        ]
      : [{ questionCode: 'S1', optionId: 'no' }];
    const seconds = rnd.int(50, 110);
    return { code: '4.70', seconds, note: young ? '受访者未满18岁' : '在本县居住不满一年', saves: [{ answers, currentQuestion: null, at: seconds - 10 }] };
  }

  /** Every answer of one eligible respondent, in questionnaire order. */
  private answers(rnd: Random, township: string): TAnswerInput[] {
    const level = this.propensity.get(township) ?? 0.9;
    const person = normal(rnd) * 0.6;
    const answers: TAnswerInput[] = [];
    let problem = false;
    for (const q of this.questions) {
      const answer = this.answer(rnd, q, { township, level, person, problem });
      if (!answer) continue;
      if (q.role === 'problem') problem = true;
      answers.push(answer);
    }
    return answers;
  }

  private answer(rnd: Random, q: TQuestion, r: { township: string; level: number; person: number; problem: boolean }): TAnswerInput | null {
    const choose = (optionId: string): TAnswerInput => ({ questionCode: q.code, optionId });
    switch (q.role) {
      case 'screening':
        return q.code === 'S1' ? choose('yes') : choose(weighted(rnd, { a18_35: 0.18, a36_50: 0.3, a51_65: 0.33, over65: 0.19 }));
      case 'township':
        return choose(r.township);
      case 'overall':
      case 'domain': {
        const domain = q.domain ?? 'overall';
        if (rnd.next() < (DONT_KNOW[domain] ?? 0.05)) return choose('dont_know');
        const z = r.level + r.person + (DOMAIN_SHIFT[domain] ?? 0) + normal(rnd) * 0.6;
        return choose(z > 0.9 ? 'satisfied' : z > -0.4 ? 'basically' : 'dissatisfied');
      }
      case 'awareness':
        return choose(rnd.next() < (AWARENESS[q.code] ?? 0.8) + (r.level - 0.95) * 0.08 ? 'heard' : 'not_heard');
      case 'visited':
        if (rnd.next() < 0.06) return choose('dont_remember');
        return choose(rnd.next() < (this.visitRate.get(r.township) ?? 0.4) ? 'yes' : 'no');
      case 'problem':
        return rnd.next() < 0.3 ? { questionCode: q.code, text: rnd.pick(PROBLEMS) } : null;
      default:
        // Q13, consent to be contacted about the problem: only asked to say yes when there is one.
        return choose(r.problem && rnd.next() < 0.55 ? 'yes' : 'no');
    }
  }
}

/** 不了解 / 说不清 is commoner where residents have less contact with the service. */
const DONT_KNOW: Record<string, number> = { overall: 0.03, hardship_relief: 0.12, environment: 0.03, medical: 0.05, education: 0.1, public_security: 0.04, culture: 0.08, employment: 0.15, cadre_style: 0.07 };
/** How each domain sits against the overall level (jobs and medical care rate lowest, security highest). */
const DOMAIN_SHIFT: Record<(typeof SURVEY_DOMAINS)[number] | 'overall', number> = {
  overall: 0.2,
  hardship_relief: 0.1,
  environment: -0.2,
  medical: -0.3,
  education: 0,
  public_security: 0.4,
  culture: 0.1,
  employment: -0.5,
  cadre_style: 0,
};
const AWARENESS: Record<string, number> = { Q10a: 0.93, Q10b: 0.88, Q10c: 0.72, Q10d: 0.6 };

/** A standard normal draw (Box–Muller) from the seeded generator. */
function normal(rnd: Random): number {
  const u = Math.max(rnd.next(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.next());
}
