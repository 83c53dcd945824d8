/**
 * The demo's fieldwork, simulated through the real use cases: next case → dial → answers →
 * disposition, by the demo interviewers on one simulated clock (`turns.ts`) inside the wave's
 * period and calling hours. Each number's truth (空号, never answered, a person who refuses, makes
 * an appointment, is not eligible or answers) is drawn when it is first called; contact chances
 * are better in the evening and at weekends; the answers come from `respondent-model.ts`.
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { TFieldworkCase, TNextCaseResponse } from '../../../shared/schemas/survey-fieldwork.ts';
import type { TCallingRange } from '../../../shared/schemas/survey.ts';
import { localDate } from '../../../shared/time.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import type { FieldCipher } from '../../security/field-cipher.ts';
import type { AuditSource } from '../audit/index.ts';
import { isCallingTime, nextCallingWindow, dialCase, nextCase, recordDisposition, saveInterview } from '../fieldwork/index.ts';
import { releaseNextReplicate } from '../survey/index.ts';
import { telLinkTelephony } from '../../telephony/index.ts';
import { addDays, localClock, localInstant, plusSeconds } from './demo-clock.ts';
import { seededRandom, weighted, type Random } from './random.ts';
import { RespondentModel, type Outcome, type RespondentAdjustments } from './respondent-model.ts';
import { Turns } from './turns.ts';

/** What a sampled number really is, drawn when it is first called. */
interface NumberTruth {
  line: 'vacant' | 'suspended' | 'business' | 'silent' | 'person';
  response: 'complete' | 'appointment' | 'refuse' | 'soft_refuse' | 'screened' | 'language' | 'breakoff' | 'interrupted';
  /** Chance that someone picks up on an attempt (before time-of-day effects). */
  reach: number;
  stage: 'new' | 'soft_refused' | 'appointed' | 'interrupted';
}

export interface SimulationOptions {
  db: Kysely<DB>;
  /** The dial decrypts the number, as it does for an interviewer. */
  cipher: FieldCipher;
  source: AuditSource;
  supervisor: Actor;
  interviewers: Actor[];
  waveId: string;
  /** The wave's calling hours: the interviewers call inside them only. */
  callingHours: TCallingRange[];
  startsOn: string;
  endsOn: string;
  seed: number;
  /** The respondent model's seed (its townships' levels), when it differs from the calls' seed: a later wave of the same county keeps its townships' levels. */
  modelSeed?: number;
  /** How this wave's residents differ from the model's (a later wave). */
  adjustments?: RespondentAdjustments;
  timed: <T>(step: string, run: () => Promise<T>) => Promise<T>;
}

/**
 * Calls an open wave's sample until every township has its completes or nothing is left to call,
 * releasing replicates as a supervisor would; answers the calls made, the releases' times and the
 * completes.
 *
 * @example
 * const run = await simulateFieldwork({ db, cipher, source, supervisor, interviewers, waveId, callingHours, startsOn: '2026-09-08', endsOn: '2026-09-25', seed: 2026, timed });
 * run.completes.min; // the township with the fewest interviews
 */
export async function simulateFieldwork(o: SimulationOptions) {
  const { db, waveId, timed } = o;
  const rnd = seededRandom(o.seed);
  const codes = await strataCodes(db, waveId);
  const respondents = o.modelSeed === undefined ? new RespondentModel(rnd, codes, o.adjustments) : new RespondentModel(seededRandom(o.modelSeed), codes, o.adjustments);
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
        await timed('release replicate', () => releaseNextReplicate({ db, actor: o.supervisor, source: o.source }, { waveId }));
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
    const hours = o.callingHours;
    let at = plusSeconds(localInstant(o.startsOn, '09:00'), offsetSeconds);
    for (;;) {
      await turns.until(at);
      if (finished || at >= periodEnd) return;
      if (!isCallingTime(hours, at)) {
        at = nextCallingWindow(hours, at)!.from;
        continue;
      }
      const claimedAt = at;
      const next = await timed('next case', () => nextCase({ db, actor }, { waveId, now: claimedAt }));
      if (!next.case) {
        at = await onEmpty(next.empty!, at);
        continue;
      }
      const view = next.case;
      calls++;
      // Every outcome of the simulation says a call was made: the number is dialled first.
      await timed('dial', () => dialCase({ db, actor, source: o.source, cipher: o.cipher, telephony: telLinkTelephony }, { caseId: view.id, now: claimedAt }));
      let truth = truths.get(view.id);
      if (!truth) truths.set(view.id, (truth = drawTruth(rnd, view)));
      const outcome = attemptOutcome(rnd, truth, view, claimedAt, respondents);
      const stratum = view.township.code;
      let revision = view.interview?.revision ?? 0;
      for (const save of outcome.saves) {
        const savedAt = plusSeconds(claimedAt, save.at);
        await turns.until(savedAt);
        const state = await timed('save interview', () =>
          saveInterview({ db, actor }, { caseId: view.id, now: savedAt, input: { submissionId: submission(), baseRevision: revision, answers: save.answers, currentQuestion: save.currentQuestion } }),
        );
        revision = state.revision;
      }
      const endedAt = plusSeconds(claimedAt, outcome.seconds);
      await turns.until(endedAt);
      const recorded = await timed('record disposition', () =>
        recordDisposition(
          { db, actor, source: o.source },
          {
            caseId: view.id,
            now: endedAt,
            input: {
              submissionId: submission(),
              code: outcome.code,
              ...(outcome.note ? { note: outcome.note } : {}),
              ...(outcome.appointmentAt ? { appointmentAt: outcome.appointmentAt.toISOString() } : {}),
            },
          },
        ),
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
