/**
 * Rules every fieldwork use case shares: which waves and cases the actor may reach (waves of
 * the actor's county, 404 otherwise), whether a wave takes writes, who holds a case (the lease),
 * and the questionnaire version of a wave, parsed once.
 */
import type { Kysely, Transaction } from 'kysely';
import { localDate } from '../../../shared/time.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { AppError, conflict } from '../../http/errors.ts';
import { assertInScopeOr404 } from '../../scope/index.ts';
import { assertWaveOpen } from '../survey/index.ts';

/** How long a case stays with the interviewer who took it without any activity on it. */
export const LEASE_MINUTES = 30;
/** An appointment made with one interviewer goes to anyone once it is this late. */
export const APPOINTMENT_GRACE_MINUTES = 15;

export const minutesAfter = (at: Date, minutes: number) => new Date(at.getTime() + minutes * 60_000);
export const leaseUntil = (now: Date) => minutesAfter(now, LEASE_MINUTES);

/** The region columns an audit entry needs. */
export interface AuditRegion {
  id: string;
  path: string;
  county_code: string | null;
}

export type WaveStatus = 'draft' | 'fieldwork' | 'closed';

/**
 * Refuses writes to a wave that is not in fieldwork: 409 wave_closed after closing (the survey
 * module's rule), 409 wave_not_in_fieldwork before opening.
 *
 * @example
 * assertWaveInFieldwork('closed'); // throws 409 wave_closed
 */
export function assertWaveInFieldwork(status: WaveStatus): void {
  assertWaveOpen({ status });
  if (status !== 'fieldwork') throw conflict('wave_not_in_fieldwork');
}

/**
 * Locks a case for a change (FOR UPDATE of the case row only: the wave row must not serialize
 * every interviewer) and checks, in this order: the actor may reach it (404), its wave is in
 * fieldwork (409), and, unless `holder: false`, the actor holds an unexpired lease on it
 * (409 case_not_yours).
 *
 * @example
 * const found = await lockCase(trx, actor, { caseId, now });
 */
export async function lockCase(trx: Transaction<DB>, actor: Actor, o: { caseId: string; now: Date; holder?: boolean; waveOpen?: boolean }) {
  const { caseId, now } = o;
  const found = await trx
    .selectFrom('sample_case as c')
    .innerJoin('survey_wave as w', 'w.id', 'c.wave_id')
    .innerJoin('region as r', 'r.id', 'w.county_id')
    .selectAll('c')
    .select(['w.status as wave_status', 'w.max_attempts', 'w.questionnaire_version_id', 'w.county_id', 'r.path as county_path'])
    .where('c.id', '=', caseId)
    .forUpdate(['c'])
    .executeTakeFirst();
  assertInScopeOr404(actor, found, (c) => c.county_path);
  // The wave's status is read again under a key-share lock: closing a wave takes the row's
  // exclusive lock, so a close waits for writes in flight and a write after it sees 'closed'.
  // Key-share locks do not block each other, so interviewers do not queue on the wave row.
  const wave = await trx.selectFrom('survey_wave').select('status').where('id', '=', found.wave_id).forKeyShare().executeTakeFirstOrThrow();
  const countyRegion: AuditRegion = { id: found.county_id, path: found.county_path, county_code: found.county_code };
  const result = { ...found, wave_status: wave.status, countyRegion };
  if (o.waveOpen !== false) assertWaveInFieldwork(found.wave_status);
  if (o.holder !== false) assertHolds(found, actor, now);
  return result;
}

/** 409 case_not_yours unless the actor holds the (locked) case. */
export function assertHolds(c: { assigned_to: string | null; lease_expires_at: Date | null }, actor: Actor, now: Date): void {
  if (!holdsCase(c, actor.id, now)) throw conflict('case_not_yours');
}

/** Whether the user holds the case at `now`: assigned to them and the lease has not run out. */
export const holdsCase = (c: { assigned_to: string | null; lease_expires_at: Date | null }, userId: string, now: Date) =>
  c.assigned_to === userId && c.lease_expires_at !== null && c.lease_expires_at.getTime() > now.getTime();

/** 409 case_not_yours unless the actor holds the case (for reads: the case view). */
export async function assertHolder({ db, actor }: ReadContext, { caseId, now }: { caseId: string; now: Date }) {
  const found = await db
    .selectFrom('sample_case as c')
    .innerJoin('survey_wave as w', 'w.id', 'c.wave_id')
    .innerJoin('region as r', 'r.id', 'w.county_id')
    .select(['c.id', 'c.assigned_to', 'c.lease_expires_at', 'r.path as county_path'])
    .where('c.id', '=', caseId)
    .executeTakeFirst();
  assertInScopeOr404(actor, found, (c) => c.county_path);
  if (!holdsCase(found, actor.id, now)) throw conflict('case_not_yours');
}

interface StratumTownship {
  id: string;
  code: string;
  name: string;
  name_en: string | null;
}

/**
 * The wave's strata townships in code order: the options of the township question.
 *
 * @example
 * const townships = await strataTownships(db, waveId);
 */
export function strataTownships(db: Kysely<DB>, waveId: string): Promise<StratumTownship[]> {
  return db
    .selectFrom('wave_stratum as s')
    .innerJoin('region as r', 'r.id', 's.township_id')
    .select(['r.id', 'r.code', 'r.name', 'r.name_en'])
    .where('s.wave_id', '=', waveId)
    .orderBy('r.code')
    .execute();
}

/**
 * The queue a case waits in, and so why it is handed out: a pending appointment, a callback
 * (next_call_at set), or a fresh number. "Next case" claims from these queues by the same
 * columns and leaves them untouched while the case is held, so the answer is the same at the
 * claim, after a reload, and once the case is handed back.
 *
 * @example
 * caseQueue({ appointment_at: null, next_call_at: new Date() }); // 'callback'
 */
export const caseQueue = (c: { appointment_at: Date | string | null; next_call_at: Date | string | null }): 'appointment' | 'callback' | 'fresh' =>
  c.appointment_at ? 'appointment' : c.next_call_at ? 'callback' : 'fresh';

/**
 * Where an instant falls against a wave's fieldwork period, both dates included and read in
 * Asia/Shanghai: cases are handed out only while it is 'open'.
 *
 * @example
 * wavePeriod({ starts_on: '2026-12-01', ends_on: '2026-12-31' }, new Date('2026-11-30T16:30:00Z')); // 'open' (00:30 on 1 December in Shanghai)
 */
export function wavePeriod(wave: { starts_on: string; ends_on: string }, now: Date): 'not_started' | 'open' | 'ended' {
  const today = localDate(now);
  if (today < wave.starts_on) return 'not_started';
  return today > wave.ends_on ? 'ended' : 'open';
}

/** A 422 with one issue: the form every refused answer or disposition takes. */
export const unprocessableIssue = (code: 'answer_invalid' | 'interview_incomplete' | 'disposition_invalid' | 'interviewer_not_eligible', path: string, message: string) =>
  new AppError(422, code, { issues: [{ path, message }] });
