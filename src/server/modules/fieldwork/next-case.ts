/**
 * "Next case" (下一个样本): hands one case to exactly one interviewer, however many ask at
 * once. The choice is one UPDATE … WHERE id = (SELECT … FOR UPDATE SKIP LOCKED): concurrent
 * callers skip the rows others are taking instead of waiting for them or taking them twice.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { TNextCaseResponse } from '../../../shared/schemas/survey-fieldwork.ts';
import type { TCallingRange } from '../../../shared/schemas/survey.ts';
import { formatLocalDateTime } from '../../../shared/time.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { formatWindow, isCallingTime, nextCallingWindow } from './calling-hours.ts';
import { findWaveInScope, isInScope } from '../../scope/index.ts';
import { APPOINTMENT_GRACE_MINUTES, assertWaveInFieldwork, caseQueue, leaseUntil, minutesAfter, wavePeriod } from './fieldwork-rules.ts';
import { buildCaseView } from './get-case.ts';
import { readJson } from '../../db/json-columns.ts';

export interface NextCaseOptions {
  /** Only this wave; otherwise any wave of the actor's county in fieldwork. */
  waveId?: string;
  /** The clock, so that tests choose the time of day. */
  now: Date;
}

interface WaveRow {
  id: string;
  starts_on: string;
  ends_on: string;
  calling_hours: unknown;
  phone_quota: unknown;
}

/**
 * The case the interviewer holds, or the next one to call: due appointments first (their own,
 * then anyone's), then callbacks whose delay has passed, then fresh numbers in draw order; only
 * released cases without a final disposition, of waves whose period (starts_on..ends_on,
 * Asia/Shanghai dates) includes today and whose calling hours include now, and not numbers of a
 * phone kind whose quota in their township is already filled. Creates the attempt row. Outside
 * the period: 409 wave_not_started / wave_ended with the period; outside calling hours: 409
 * outside_calling_hours with the next window. The case already held comes back regardless.
 * No audit source: a claim is recorded as the attempt it opens, not in the audit log.
 *
 * @example
 * const { case: next, empty } = await nextCase({ db, actor }, { now: new Date() });
 */
export async function nextCase({ db, actor }: ReadContext, o: NextCaseOptions): Promise<TNextCaseResponse> {
  const { now } = o;
  const waves = await wavesToCall(db, actor, o.waveId);
  const running = waves.filter((w) => wavePeriod(w, now) === 'open');
  const callable = running.filter((w) => isCallingTime(callingHours(w), now));
  const picked = await db.transaction().execute(async (trx) => {
    // One claim at a time per interviewer: the lock on their account row, taken in a statement
    // of its own. The case they already hold is looked up only after it, in a new statement:
    // under READ COMMITTED a statement reads the snapshot from its start, so a lookup inside the
    // statement that waited for the lock would miss the case a simultaneous request (a double
    // click, a retry) claimed meanwhile, and this one would take a second case.
    await trx.selectFrom('app_user').select('id').where('id', '=', actor.id).forNoKeyUpdate().executeTakeFirst();
    const held = await trx
      .selectFrom('sample_case')
      .select('id')
      // Naming the county keeps the lookup on one shard of a database distributed by county.
      .$if(actor.countyCode !== null, (q) => q.where('county_code', '=', actor.countyCode!))
      .where('assigned_to', '=', actor.id)
      .where('lease_expires_at', '>', now)
      .where('final_disposition', 'is', null)
      .orderBy('assigned_at')
      .limit(1)
      .executeTakeFirst();
    // A reload must not lose the case in hand, even once the calling hours have ended.
    if (held) return String(held.id);
    if (!waves.length) return null;
    if (!running.length) throw outsidePeriod(waves, now);
    if (!callable.length) throw outsideCallingHours(running, now);
    const claimed = await claimCase(trx, { waveIds: callable.map((w) => w.id), interviewerId: actor.id, now, exclude: await filledQuotas(trx, callable) });
    if (!claimed) return null;
    // The attempt opens now. One left open by an earlier holder whose lease ran out ends here,
    // in the same statement (both parts see the attempts as they were before it).
    await sql`
      WITH abandoned AS (
        UPDATE call_attempt SET ended_at = ${now}, note = CASE WHEN note = '' THEN '(占用超时 lease expired)' ELSE note END
        WHERE case_id = ${claimed.id} AND ended_at IS NULL RETURNING id)
      INSERT INTO call_attempt (county_code, wave_id, case_id, interviewer_id, attempt_no, assigned_at)
      SELECT ${claimed.county_code}, ${claimed.wave_id}, ${claimed.id}, ${actor.id},
             coalesce((SELECT max(attempt_no) FROM call_attempt WHERE case_id = ${claimed.id}), 0) + 1, ${now}`.execute(trx);
    return claimed.id;
  });
  if (picked) return { case: await buildCaseView(db, picked), empty: null };
  return { case: null, empty: await whyEmpty(db, waves, callable, now) };
}

/** Waves of the actor's county in fieldwork (or the one asked for, which must be in fieldwork). */
async function wavesToCall(db: Kysely<DB>, actor: Actor, waveId: string | undefined): Promise<WaveRow[]> {
  if (waveId) {
    const { wave } = await findWaveInScope(db, actor, waveId);
    assertWaveInFieldwork(wave.status);
    return [wave];
  }
  if (!actor.countyCode) return [];
  const rows = await db
    .selectFrom('survey_wave as w')
    .innerJoin('region as r', 'r.id', 'w.county_id')
    .select(['w.id', 'w.starts_on', 'w.ends_on', 'w.calling_hours', 'w.phone_quota', 'r.path'])
    .where('w.county_code', '=', actor.countyCode)
    .where('w.status', '=', 'fieldwork')
    .orderBy('w.id')
    .execute();
  return rows.filter((w) => isInScope(actor, w.path));
}

/** The wave's calling hours. */
export const callingHours = (wave: { calling_hours: unknown }): TCallingRange[] => readJson('survey_wave.calling_hours', wave.calling_hours);

function outsideCallingHours(waves: WaveRow[], now: Date): AppError {
  const windows = waves.map((w) => nextCallingWindow(callingHours(w), now)).filter((w) => w !== null);
  windows.sort((a, b) => a.from.getTime() - b.from.getTime());
  const next = windows[0];
  return new AppError(409, 'outside_calling_hours', {
    issues: [{ path: 'nextWindow', message: next ? `${formatWindow(next)} (Asia/Shanghai)` : 'no calling hours are set' }],
    extensions: { nextWindow: next ? { from: next.from.toISOString(), to: next.to.toISOString() } : null },
  });
}

/**
 * None of the waves is in its period: 409 wave_not_started naming the first period to begin
 * when one lies ahead (fieldwork resumes then), else wave_ended naming the last one to end.
 */
function outsidePeriod(waves: WaveRow[], now: Date): AppError {
  const ahead = waves.filter((w) => wavePeriod(w, now) === 'not_started').sort((a, b) => a.starts_on.localeCompare(b.starts_on))[0];
  const wave = ahead ?? [...waves].sort((a, b) => b.ends_on.localeCompare(a.ends_on))[0]!;
  const period = { startsOn: wave.starts_on, endsOn: wave.ends_on };
  return ahead
    ? new AppError(409, 'wave_not_started', { issues: [{ path: 'period', message: `fieldwork begins on ${wave.starts_on}` }], extensions: { period } })
    : new AppError(409, 'wave_ended', { issues: [{ path: 'period', message: `fieldwork ended on ${wave.ends_on}` }], extensions: { period } });
}

interface Excluded {
  waveId: string;
  townshipId: string;
  kind: 'mobile' | 'landline';
}

/**
 * Phone kinds whose quota a township has filled: completes of that kind against the kind's
 * share of the stratum's target (a 6 : 4 quota on a target of 100 caps mobiles at 60). Checked
 * before the claim, so two completes finishing at the same moment may overshoot by one each;
 * quotas steer the calling, they are not a hard cap.
 */
async function filledQuotas(db: Kysely<DB>, waves: WaveRow[]): Promise<Excluded[]> {
  const excluded: Excluded[] = [];
  for (const wave of waves) {
    const shares = readJson('survey_wave.phone_quota', wave.phone_quota);
    if (!shares) continue;
    const total = shares.mobile + shares.landline;
    const [strata, completes] = await Promise.all([
      db.selectFrom('wave_stratum').select(['township_id', 'target_completes']).where('wave_id', '=', wave.id).execute(),
      db
        .selectFrom('sample_case')
        .select(['township_id', 'phone_kind', (eb) => eb.fn.countAll<string>().as('n')])
        .where('wave_id', '=', wave.id)
        .where('final_disposition', '=', '1.1')
        .groupBy(['township_id', 'phone_kind'])
        .execute(),
    ]);
    const done = new Map(completes.map((c) => [`${c.township_id}:${c.phone_kind}`, Number(c.n)]));
    for (const stratum of strata) {
      for (const kind of ['mobile', 'landline'] as const) {
        const cap = Math.ceil((stratum.target_completes * shares[kind]) / total);
        if ((done.get(`${stratum.township_id}:${kind}`) ?? 0) >= cap) excluded.push({ waveId: wave.id, townshipId: stratum.township_id, kind });
      }
    }
  }
  return excluded;
}

export interface ClaimOptions {
  waveIds: string[];
  interviewerId: string;
  now: Date;
  exclude?: Excluded[];
  leaseMinutes?: number;
}

/**
 * The assignment statement. Three candidate queries in priority order inside COALESCE, which
 * PostgreSQL evaluates lazily: the callback and fresh queries run only when nothing came before
 * them. Each one is a range or equality scan of sample_case_queue_idx in its own order, so none
 * has to sort the waiting callbacks to find the fresh numbers behind them.
 *
 * @example
 * const claimed = await claimCase(trx, { waveIds: ['1'], interviewerId: actor.id, now });
 */
export async function claimCase(db: Kysely<DB>, o: ClaimOptions) {
  const me = o.interviewerId;
  const now = o.now;
  const lease = o.leaseMinutes === undefined ? leaseUntil(now) : minutesAfter(now, o.leaseMinutes);
  const exclusions: RawBuilder<unknown>[] = (o.exclude ?? []).map((e) => sql` AND NOT (c.wave_id = ${e.waveId} AND c.township_id = ${e.townshipId} AND c.phone_kind = ${e.kind})`);
  const common = sql`c.wave_id IN (${sql.join(o.waveIds)}) AND c.released AND c.final_disposition IS NULL
      AND (c.assigned_to IS NULL OR c.lease_expires_at <= ${now})${sql.join(exclusions, sql``)}`;
  const graceCutoff = minutesAfter(now, -APPOINTMENT_GRACE_MINUTES);
  const result = await sql<{ id: string; wave_id: string; county_code: string; appointment_at: Date | null; next_call_at: Date | null }>`
    UPDATE sample_case SET assigned_to = ${me}, assigned_at = ${now}, lease_expires_at = ${lease}
    WHERE id = COALESCE(
      (SELECT c.id FROM sample_case c
        WHERE ${common} AND c.appointment_at <= ${now}
          AND (c.appointment_with IS NULL OR c.appointment_with = ${me} OR c.appointment_at <= ${graceCutoff})
        ORDER BY (c.appointment_with IS NOT NULL AND c.appointment_with = ${me}) DESC, c.appointment_at, c.draw_order
        LIMIT 1 FOR UPDATE SKIP LOCKED),
      (SELECT c.id FROM sample_case c
        WHERE ${common} AND c.appointment_at IS NULL AND c.next_call_at <= ${now}
        ORDER BY c.next_call_at, c.draw_order
        LIMIT 1 FOR UPDATE SKIP LOCKED),
      (SELECT c.id FROM sample_case c
        WHERE ${common} AND c.appointment_at IS NULL AND c.next_call_at IS NULL
        ORDER BY c.draw_order
        LIMIT 1 FOR UPDATE SKIP LOCKED))
    RETURNING id, wave_id, county_code, appointment_at, next_call_at`.execute(db);
  const row = result.rows[0];
  if (!row) return null;
  return { ...row, id: String(row.id), wave_id: String(row.wave_id), reason: caseQueue(row) };
}

/** Why nothing could be handed out, and when something will be callable again. */
async function whyEmpty(db: Kysely<DB>, waves: WaveRow[], callable: WaveRow[], now: Date): Promise<NonNullable<TNextCaseResponse['empty']>> {
  if (!waves.length) {
    return { reason: 'no_wave', nextCallAt: null, message: { 'zh-CN': '目前没有正在实施的调查轮次。', en: 'No survey wave is in fieldwork right now.' } };
  }
  const ids = callable.map((w) => w.id);
  const open = await db
    .selectFrom('sample_case')
    .select([
      (eb) => eb.fn.countAll<string>().as('open'),
      (eb) => eb.fn.min(sql<Date>`CASE WHEN appointment_at > ${now} THEN appointment_at WHEN appointment_at IS NULL AND next_call_at > ${now} THEN next_call_at END`).as('next'),
      (eb) => eb.fn.countAll<string>().filterWhere(sql<boolean>`assigned_to IS NULL OR lease_expires_at <= ${now}`).filterWhere(sql<boolean>`coalesce(appointment_at, next_call_at, ${now}) <= ${now}`).as('due'),
    ])
    .where('wave_id', 'in', ids)
    .where('released', '=', true)
    .where('final_disposition', 'is', null)
    .executeTakeFirstOrThrow();
  if (Number(open.open) === 0) {
    return { reason: 'exhausted', nextCallAt: null, message: { 'zh-CN': '已投放的样本都已完成，请联系督导投放下一批样本。', en: 'Every released number is finished; ask the supervisor to release the next replicate.' } };
  }
  const next = open.next ? new Date(open.next as Date | string) : null;
  if (Number(open.due) > 0 && !next) {
    return { reason: 'quota_filled', nextCallAt: null, message: { 'zh-CN': '剩余号码所属乡镇的该类电话配额已满。', en: 'The phone-kind quotas of the remaining numbers’ townships are filled.' } };
  }
  const when = next ? formatLocalDateTime(next).slice(0, 16) : null;
  return {
    reason: 'nothing_due',
    nextCallAt: next ? next.toISOString() : null,
    message: when
      ? { 'zh-CN': `暂时没有到时的样本；最早的回拨或预约在 ${when}。`, en: `Nothing is due yet; the earliest callback or appointment is at ${when} (Asia/Shanghai).` }
      : { 'zh-CN': '暂时没有可拨打的样本（其余样本正由其他访问员处理）。', en: 'Nothing to call right now (the other numbers are with other interviewers).' },
  };
}
