import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import { insertFieldworkWave, type FieldworkWave } from '../../../../test/support/survey-fixture.ts';
import { startTestApp, testCipher, type TestApp } from '../../../../test/support/test-app.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { cliAuditSource } from '../audit/index.ts';
import { STANDARD_QUESTIONNAIRE } from '../survey/index.ts';
import { dialCase } from './dial-case.ts';
import { getCase } from './get-case.ts';
import { listFieldworkWaves } from './list-fieldwork-waves.ts';
import { nextCase } from './next-case.ts';
import { recordDisposition } from './record-disposition.ts';
import { releaseCase } from './release-case.ts';
import { returnCase } from './return-case.ts';
import { saveInterview } from './save-interview.ts';
import { telLinkTelephony } from '../../telephony/index.ts';
import { actorFor, insertInterviewers } from './testing/actors.ts';
import { withSkip } from './testing/definitions.ts';

const source = cliAuditSource('test');
/** An instant given as Shanghai local time. */
const local = (s: string) => new Date(`${s}+08:00`);
const minutes = (at: Date, n: number) => new Date(at.getTime() + n * 60_000);
const T0 = local('2026-11-30T10:00:00');
const GANGCHENG = '370921104';
const JIANGJI = '370921105';

/** The error a promise rejects with, as status and code. */
async function problem(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return { status: error.status, code: error.code, issues: error.options.issues ?? [], extensions: error.options.extensions };
    throw error;
  }
  throw new Error('expected an AppError');
}

const uuid = () => crypto.randomUUID();

/** Answers to every required question of the standard questionnaire, staying eligible. */
const FULL_ANSWERS = STANDARD_QUESTIONNAIRE.questions
  .filter((q) => q.required)
  .map((q) => (q.kind === 'township' ? { questionCode: q.code, optionId: GANGCHENG } : { questionCode: q.code, optionId: q.options.find((o) => !o.screensOut)!.id }));

for (const dialect of DIALECTS) {
  describe(`fieldwork [${dialect.name}]`, () => {
    let t: TestApp;
    let db: Kysely<DB>;
    let callers: Actor[];
    let supervisor: Actor;
    let interviewer2: Actor;
    let batch = 0;

    /** A fresh wave with cases in 堽城镇 only, so each test controls its own queue. */
    const wave = (o: Parameters<typeof insertFieldworkWave>[2] = {}) => insertFieldworkWave(db, testCipher, { townshipCodes: [GANGCHENG], casesPerTownship: 4, ...o });
    const caseIds = (w: FieldworkWave, code = GANGCHENG) => w.cases.get(code)!;
    const take = (actor: Actor, w: FieldworkWave, now = T0) => nextCase({ db, actor }, { waveId: w.waveId, now });
    const dispose = (actor: Actor, caseId: string, input: { code: string; appointmentAt?: string; callbackAt?: string; note?: string; submissionId?: string }, now = T0) =>
      recordDisposition({ db, actor, source }, { caseId, now, input: { submissionId: uuid(), ...input } });
    const dial = (actor: Actor, caseId: string, now = T0) => dialCase({ db, actor, source, cipher: testCipher, telephony: telLinkTelephony }, { caseId, now });
    const save = (
      actor: Actor,
      caseId: string,
      baseRevision: number,
      answers: ({ questionCode: string; optionId: string } | { questionCode: string; text: string } | { questionCode: string; clear: true })[],
      o: { now?: Date; submissionId?: string; currentQuestion?: string | null } = {},
    ) =>
      saveInterview({ db, actor }, { caseId, now: o.now ?? T0, input: { submissionId: o.submissionId ?? uuid(), baseRevision, answers, currentQuestion: o.currentQuestion ?? null } });

    beforeAll(async () => {
      t = await startTestApp(dialect);
      db = t.database.db;
      supervisor = await actorFor(db, 'supervisor');
      interviewer2 = await actorFor(db, 'interviewer2');
    });
    afterAll(async () => {
      await t?.close();
    });
    // New interviewers for every test: a case one test leaves in hand must not come back in another.
    beforeEach(async () => {
      callers = await insertInterviewers(db, 6, { prefix: `fw${++batch}_` });
    });

    it('orders due appointments (mine, then anyone’s) before callbacks before fresh numbers', async () => {
      const w = await wave({ casesPerTownship: 6 });
      const [fresh, callback, appointment, theirs, later, mine] = caseIds(w);
      await db.updateTable('sample_case').set({ attempts: 1, last_disposition: 'T3.13', next_call_at: minutes(T0, -5) }).where('id', '=', callback!).execute();
      await db.updateTable('sample_case').set({ attempts: 1, appointment_at: minutes(T0, -10), next_call_at: minutes(T0, -10) }).where('id', '=', appointment!).execute();
      // An appointment another interviewer keeps: not mine until it is 15 minutes late.
      await db.updateTable('sample_case').set({ attempts: 1, appointment_at: minutes(T0, -5), appointment_with: callers[5]!.id }).where('id', '=', theirs!).execute();
      await db.updateTable('sample_case').set({ attempts: 1, next_call_at: minutes(T0, 90) }).where('id', '=', later!).execute();
      await db.updateTable('sample_case').set({ attempts: 1, appointment_at: minutes(T0, -1), appointment_with: callers[0]!.id }).where('id', '=', mine!).execute();

      const got = [];
      for (const caller of callers.slice(0, 4)) {
        const { case: c } = await take(caller, w);
        got.push([c?.id, c?.reason]);
      }
      expect(got).toEqual([
        [mine, 'appointment'],
        [appointment, 'appointment'],
        [callback, 'callback'],
        [fresh, 'fresh'],
      ]);
      const none = await take(callers[4]!, w);
      expect(none.case).toBeNull();
      expect(none.empty).toMatchObject({ reason: 'nothing_due' });
      // The earliest time something becomes callable: the waiting callback.
      expect(none.empty!.nextCallAt).toBe(minutes(T0, 90).toISOString());
      expect((await take(callers[5]!, w)).case?.id).toBe(theirs);
      // One attempt row per claim, open until the outcome is recorded.
      const attempts = await db.selectFrom('call_attempt').select(['case_id', 'attempt_no', 'ended_at']).where('wave_id', '=', w.waveId).execute();
      expect(attempts).toHaveLength(5);
      expect(attempts.every((a) => a.ended_at === null)).toBe(true);
    });

    it('gives an overdue appointment of another interviewer to anyone after the grace period', async () => {
      const w = await wave({ casesPerTownship: 2 });
      const [, theirs] = caseIds(w);
      await db.updateTable('sample_case').set({ attempts: 1, appointment_at: minutes(T0, -20), appointment_with: callers[5]!.id }).where('id', '=', theirs!).execute();
      expect((await take(callers[0]!, w)).case).toMatchObject({ id: theirs, reason: 'appointment' });
    });

    it('returns the case already held (a reload loses nothing), even after calling hours', async () => {
      const w = await wave({ callingHours: [{ from: '09:00', to: '11:30' }] });
      const first = await take(callers[0]!, w, local('2026-11-30T11:15:00'));
      const again = await take(callers[0]!, w, local('2026-11-30T11:20:00'));
      expect(again.case?.id).toBe(first.case!.id);
      // Held, it still says why it came (not merely that it is held).
      expect(again.case?.reason).toBe('fresh');
      // 11:35: outside the hours, but the case in hand (held until 11:45) is still given back.
      expect((await take(callers[0]!, w, local('2026-11-30T11:35:00'))).case?.id).toBe(first.case!.id);
      expect(await problem(take(callers[1]!, w, local('2026-11-30T11:35:00')))).toMatchObject({ code: 'outside_calling_hours' });
      expect(await db.selectFrom('call_attempt').select('id').where('case_id', '=', first.case!.id).execute()).toHaveLength(1);
    });

    it('hands out cases only inside calling hours and names the next window', async () => {
      const w = await wave({ callingHours: [{ from: '09:00', to: '11:30' }, { from: '14:00', to: '20:30' }] });
      const noon = await problem(take(callers[1]!, w, local('2026-11-30T12:00:00')));
      expect(noon).toMatchObject({ status: 409, code: 'outside_calling_hours' });
      expect(noon.issues[0]!.message).toContain('2026-11-30 14:00–20:30');
      // The same window as instants, for the workstation to show in its own words.
      expect(noon.extensions).toEqual({ nextWindow: { from: local('2026-11-30T14:00:00').toISOString(), to: local('2026-11-30T20:30:00').toISOString() } });
      const night = await problem(take(callers[1]!, w, local('2026-11-30T21:00:00')));
      expect(night.issues[0]!.message).toContain('2026-12-01 09:00–11:30');
      expect(night.extensions?.nextWindow?.from).toBe(local('2026-12-01T09:00:00').toISOString());
      expect((await take(callers[1]!, w, local('2026-11-30T14:00:00'))).case).not.toBeNull();
    });

    it('skips numbers of a phone kind whose quota in the township is filled', async () => {
      // 4 cases, stratum target 2, quota 1 : 1 → at most 1 mobile and 1 landline complete.
      const w = await wave({ phoneQuota: { mobile: 1, landline: 1 } });
      const [m1, m2, l1, l2] = caseIds(w);
      await db.updateTable('sample_case').set({ phone_kind: 'landline' }).where('id', 'in', [l1!, l2!]).execute();
      await db.updateTable('sample_case').set({ final_disposition: '1.1', last_disposition: '1.1', attempts: 1 }).where('id', '=', m1!).execute();
      const got = await take(callers[2]!, w);
      expect(got.case?.id).toBe(l1);
      expect(got.case?.phoneKind).toBe('landline');
      expect((await take(callers[3]!, w)).case?.id).toBe(l2);
      // Only the second mobile is left, and mobiles are full.
      const none = await take(callers[4]!, w);
      expect(none.case).toBeNull();
      expect(none.empty?.reason).toBe('quota_filled');
      expect(m2).toBeDefined();
    });

    it('makes a case claimable again when its lease runs out; the old holder then gets case_not_yours', async () => {
      const w = await wave({ casesPerTownship: 1 });
      const [only] = caseIds(w);
      const first = await take(callers[0]!, w);
      expect(first.case?.id).toBe(only);
      expect((await take(callers[1]!, w, minutes(T0, 10))).case).toBeNull();
      const later = minutes(T0, 31);
      const second = await take(callers[1]!, w, later);
      expect(second.case?.id).toBe(only);
      expect(await problem(dispose(callers[0]!, only!, { code: 'T3.13' }, minutes(later, 1)))).toMatchObject({ status: 409, code: 'case_not_yours' });
      expect(await problem(save(callers[0]!, only!, 0, [{ questionCode: 'S1', optionId: 'yes' }], { now: minutes(later, 1) }))).toMatchObject({ code: 'case_not_yours' });
      expect(await problem(getCase({ db, actor: callers[0]! }, { caseId: only!, now: later }))).toMatchObject({ code: 'case_not_yours' });
      // The abandoned attempt is closed when the case is taken over; attempts never overlap.
      const attempts = await db.selectFrom('call_attempt').select(['interviewer_id', 'attempt_no', 'ended_at', 'note']).where('case_id', '=', only!).orderBy('attempt_no').execute();
      expect(attempts.map((a) => [a.interviewer_id, a.attempt_no, a.ended_at?.toISOString() ?? null])).toEqual([
        [callers[0]!.id, 1, later.toISOString()],
        [callers[1]!.id, 2, null],
      ]);
      // Saving renews the lease: 25 minutes after a save the case is still the holder's.
      await save(callers[1]!, only!, 0, [{ questionCode: 'S1', optionId: 'yes' }], { now: minutes(later, 20) });
      expect((await take(callers[2]!, w, minutes(later, 45))).case).toBeNull();
    });

    it('schedules temporary outcomes and turns the last allowed attempt into its final code', async () => {
      const w = await wave({ casesPerTownship: 1, maxAttempts: 2 });
      const [only] = caseIds(w);
      await take(callers[0]!, w);
      await dial(callers[0]!, only!);
      const first = await dispose(callers[0]!, only!, { code: 'T3.13', note: '无人接' });
      expect(first.finalDisposition).toBeNull();
      expect(first.attempts).toBe(1);
      const delay = (new Date(first.nextCallAt!).getTime() - T0.getTime()) / 60_000;
      expect(delay).toBeGreaterThanOrEqual(60);
      expect(delay).toBeLessThanOrEqual(120);
      // Not before the delay has passed.
      expect((await take(callers[0]!, w, minutes(T0, 30))).case).toBeNull();
      const second = await take(callers[0]!, w, minutes(T0, 130));
      expect(second.case).toMatchObject({ id: only, reason: 'callback', attemptNo: 2, maxAttempts: 2, lastDisposition: 'T3.13' });
      expect(second.case!.previousAttempts).toEqual([expect.objectContaining({ attemptNo: 1, note: '无人接', disposition: { code: 'T3.13', label: { 'zh-CN': '无人接听', en: 'No answer' } } })]);
      await dial(callers[0]!, only!, minutes(T0, 130));
      const last = await dispose(callers[0]!, only!, { code: 'T3.13' }, minutes(T0, 131));
      expect(last).toMatchObject({ finalDisposition: '3.13', attempts: 2, nextCallAt: null });
      expect((await take(callers[0]!, w, minutes(T0, 400))).empty?.reason).toBe('exhausted');
    });

    it('needs an appointment time for scheduled outcomes, and keeps the appointment for its maker', async () => {
      const w = await wave({ casesPerTownship: 2 });
      const { case: c } = await take(callers[0]!, w);
      await dial(callers[0]!, c!.id);
      expect(await problem(dispose(callers[0]!, c!.id, { code: 'T2.21' }))).toMatchObject({ status: 422, code: 'disposition_invalid' });
      expect(await problem(dispose(callers[0]!, c!.id, { code: '2.99' }))).toMatchObject({ status: 422, code: 'disposition_invalid' });
      expect(await problem(dispose(callers[0]!, c!.id, { code: '4.31', callbackAt: minutes(T0, 60).toISOString() }))).toMatchObject({ status: 422 });
      expect(await problem(dispose(callers[0]!, c!.id, { code: 'T2.21', appointmentAt: minutes(T0, -60).toISOString() }))).toMatchObject({ status: 422 });
      const at = local('2026-11-30T19:00:00');
      const made = await dispose(callers[0]!, c!.id, { code: 'T2.21', appointmentAt: at.toISOString() });
      expect(made).toMatchObject({ appointmentAt: at.toISOString(), finalDisposition: null });
      const row = await db.selectFrom('sample_case').select(['appointment_with', 'assigned_to']).where('id', '=', c!.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ appointment_with: callers[0]!.id, assigned_to: null });
    });

    it('records an outcome once per submission id', async () => {
      const w = await wave({ casesPerTownship: 2 });
      const { case: c } = await take(callers[0]!, w);
      const submissionId = uuid();
      await dial(callers[0]!, c!.id);
      const first = await dispose(callers[0]!, c!.id, { code: 'T3.12', submissionId });
      // The lease is gone after the first, yet the replay answers the same and records nothing.
      const again = await dispose(callers[0]!, c!.id, { code: 'T3.12', submissionId }, minutes(T0, 1));
      expect(again).toEqual(first);
      const attempts = await db.selectFrom('call_attempt').select(['disposition']).where('case_id', '=', c!.id).execute();
      expect(attempts).toEqual([{ disposition: 'T3.12' }]);
      const audits = await db.selectFrom('audit_log').select('id').where('action', '=', 'survey.disposition').where('entity_id', '=', c!.id).execute();
      expect(audits).toHaveLength(1);
    });

    it('saves answers once per submission and refuses a stale revision without losing anything', async () => {
      const w = await wave({ casesPerTownship: 1 });
      const { case: c } = await take(callers[0]!, w);
      const submissionId = uuid();
      const first = await save(callers[0]!, c!.id, 0, [{ questionCode: 'S1', optionId: 'yes' }], { submissionId, currentQuestion: 'S2' });
      expect(first.revision).toBe(1);
      const replay = await save(callers[0]!, c!.id, 0, [{ questionCode: 'S1', optionId: 'yes' }], { submissionId, currentQuestion: 'S2' });
      expect(replay).toEqual(first);
      const second = await save(callers[0]!, c!.id, 1, [{ questionCode: 'S2', optionId: 'a36_50' }], { currentQuestion: 'S3' });
      expect(second.revision).toBe(2);
      // A reconnecting browser replays an old queue item based on revision 1 with a new id.
      expect(await problem(save(callers[0]!, c!.id, 1, [{ questionCode: 'S2', optionId: 'a18_35' }]))).toMatchObject({ status: 409, code: 'interview_stale' });
      const view = await getCase({ db, actor: callers[0]! }, { caseId: c!.id, now: T0 });
      expect(view.interview).toMatchObject({ revision: 2, currentQuestion: 'S3' });
      expect(view.interview!.answers).toEqual([
        { questionCode: 'S1', optionId: 'yes', text: null },
        { questionCode: 'S2', optionId: 'a36_50', text: null },
      ]);
      const submissions = await db.selectFrom('interview_submission').select('revision').where('interview_id', '=', view.interview!.id).execute();
      expect(submissions.map((s) => s.revision).sort()).toEqual([1, 2]);
    });

    it('refuses answers that do not fit the version', async () => {
      const w = await wave({ casesPerTownship: 1 });
      const { case: c } = await take(callers[0]!, w);
      const refused = async (answers: Parameters<typeof save>[3], currentQuestion: string | null = null) => problem(save(callers[0]!, c!.id, 0, answers, { currentQuestion }));
      expect(await refused([{ questionCode: 'Q99', optionId: 'yes' }])).toMatchObject({ status: 422, code: 'answer_invalid' });
      expect(await refused([{ questionCode: 'Q1', optionId: 'very' }])).toMatchObject({ status: 422, code: 'answer_invalid' });
      expect(await refused([{ questionCode: 'Q12', optionId: 'yes' }])).toMatchObject({ status: 422 });
      expect(await refused([{ questionCode: 'Q1', text: '满意' }])).toMatchObject({ status: 422 });
      // The township must be one of the wave's strata (this wave has 堽城镇 only).
      expect(await refused([{ questionCode: 'S3', optionId: JIANGJI }])).toMatchObject({ status: 422, issues: [{ path: 'answers.0.optionId' }] });
      expect(await refused([], 'Q99')).toMatchObject({ status: 422, issues: [{ path: 'currentQuestion' }] });
      expect(await db.selectFrom('interview').select('id').where('case_id', '=', c!.id).execute()).toEqual([]);
      const ok = await save(callers[0]!, c!.id, 0, [{ questionCode: 'S3', optionId: GANGCHENG }, { questionCode: 'Q12', text: '村里的路需要修' }]);
      expect(ok.answers).toHaveLength(2);
      const interview = await db.selectFrom('interview').select('township_id').where('case_id', '=', c!.id).executeTakeFirstOrThrow();
      expect(interview.township_id).toBe(w.townships[0]!.id);
    });

    it('applies the skip logic: skipped questions take no answers, and a changed answer drops the ones it skips', async () => {
      const w = await wave({ casesPerTownship: 1, definition: withSkip(STANDARD_QUESTIONNAIRE) });
      const { case: c } = await take(callers[0]!, w);
      let state = await save(callers[0]!, c!.id, 0, [{ questionCode: 'Q10a', optionId: 'heard' }, { questionCode: 'Q10b', optionId: 'heard' }]);
      expect(state.skipped).toEqual([]);
      // "Not heard" of Q10a skips Q10b–d: an answer to Q10c in the same save is refused…
      expect(await problem(save(callers[0]!, c!.id, state.revision, [{ questionCode: 'Q10a', optionId: 'not_heard' }, { questionCode: 'Q10c', optionId: 'heard' }]))).toMatchObject({
        status: 422,
        code: 'answer_invalid',
        issues: [{ path: 'answers.1.questionCode' }],
      });
      // …and the earlier answer to Q10b no longer applies.
      state = await save(callers[0]!, c!.id, state.revision, [{ questionCode: 'Q10a', optionId: 'not_heard' }]);
      expect(state.skipped).toEqual(['Q10b', 'Q10c', 'Q10d']);
      expect(state.answers.map((a) => a.questionCode)).toEqual(['Q10a']);
      expect(state.missing).not.toContain('Q10b');
    });

    it('ends the interview when a screening answer screens the respondent out', async () => {
      const w = await wave({ casesPerTownship: 1 });
      const { case: c } = await take(callers[0]!, w);
      await dial(callers[0]!, c!.id);
      const state = await save(callers[0]!, c!.id, 0, [{ questionCode: 'S1', optionId: 'yes' }, { questionCode: 'S2', optionId: 'under18' }]);
      expect(state.status).toBe('screened_out');
      expect(await problem(save(callers[0]!, c!.id, state.revision, [{ questionCode: 'Q1', optionId: 'satisfied' }]))).toMatchObject({ status: 422, code: 'answer_invalid' });
      expect(await problem(dispose(callers[0]!, c!.id, { code: '1.1' }))).toMatchObject({ status: 422, code: 'interview_incomplete' });
      expect(await dispose(callers[0]!, c!.id, { code: '4.70' })).toMatchObject({ finalDisposition: '4.70', interviewStatus: 'screened_out' });
    });

    it('resumes a partial interview where it stopped and completes it only when nothing required is missing', async () => {
      const w = await wave({ casesPerTownship: 2 });
      const { case: c } = await take(callers[0]!, w);
      await dial(callers[0]!, c!.id, minutes(T0, 1));
      const begun = await save(callers[0]!, c!.id, 0, FULL_ANSWERS.slice(0, 4), { currentQuestion: 'Q2', now: minutes(T0, 3) });
      const appointment = minutes(T0, 240);
      await dispose(callers[0]!, c!.id, { code: 'T2.12', appointmentAt: appointment.toISOString(), note: '有事，约晚上续访' }, minutes(T0, 5));
      // Someone else asks before the appointment: a fresh number, not this one.
      expect((await take(callers[1]!, w, minutes(T0, 6))).case?.id).not.toBe(c!.id);
      const resumed = await take(callers[0]!, w, appointment);
      expect(resumed.case).toMatchObject({ id: c!.id, reason: 'appointment', attemptNo: 2 });
      expect(resumed.case!.interview).toMatchObject({ status: 'in_progress', currentQuestion: 'Q2', revision: begun.revision, durationSeconds: 240 });
      expect(resumed.case!.interview!.answers).toHaveLength(4);
      await dial(callers[0]!, c!.id, appointment);
      const missing = await problem(dispose(callers[0]!, c!.id, { code: '1.1' }, minutes(appointment, 1)));
      expect(missing).toMatchObject({ status: 422, code: 'interview_incomplete' });
      expect(missing.issues.map((i) => i.path)).toEqual(FULL_ANSWERS.slice(4).map((a) => a.questionCode));
      await save(callers[0]!, c!.id, begun.revision, FULL_ANSWERS.slice(4), { now: minutes(appointment, 5) });
      const done = await dispose(callers[0]!, c!.id, { code: '1.1' }, minutes(appointment, 6));
      expect(done).toMatchObject({ finalDisposition: '1.1', interviewStatus: 'complete', attempts: 2 });
      const interview = await db.selectFrom('interview').select(['duration_seconds', 'completed_at']).where('case_id', '=', c!.id).executeTakeFirstOrThrow();
      // 4 minutes of the first call and 6 of the second, each from its dial.
      expect(interview.duration_seconds).toBe(240 + 360);
      expect(interview.completed_at?.toISOString()).toBe(minutes(appointment, 6).toISOString());
    });

    it('lets only the holder read, dial, answer and record', async () => {
      const w = await wave({ casesPerTownship: 1 });
      const { case: c } = await take(callers[0]!, w);
      const other = callers[1]!;
      expect(await problem(getCase({ db, actor: other }, { caseId: c!.id, now: T0 }))).toMatchObject({ status: 409, code: 'case_not_yours' });
      expect(await problem(dialCase({ db, actor: other, source, cipher: testCipher, telephony: telLinkTelephony }, { caseId: c!.id, now: T0 }))).toMatchObject({ code: 'case_not_yours' });
      expect(await problem(save(other, c!.id, 0, [{ questionCode: 'S1', optionId: 'yes' }]))).toMatchObject({ code: 'case_not_yours' });
      expect(await problem(dispose(other, c!.id, { code: '2.11' }))).toMatchObject({ code: 'case_not_yours' });
      // Out of scope answers 404: an interviewer of another county does not learn the case exists.
      const outsider = { ...other, regionPath: '/999/', countyCode: '370922' };
      expect(await problem(getCase({ db, actor: outsider }, { caseId: c!.id, now: T0 }))).toMatchObject({ status: 404 });
      expect(await problem(dispose(outsider, c!.id, { code: '2.11' }))).toMatchObject({ status: 404 });
    });

    it('refuses writes to a closed wave', async () => {
      const w = await wave({ casesPerTownship: 2 });
      const { case: c } = await take(callers[0]!, w);
      await db.updateTable('survey_wave').set({ status: 'closed', closed_at: T0 }).where('id', '=', w.waveId).execute();
      expect(await problem(dispose(callers[0]!, c!.id, { code: '2.11' }))).toMatchObject({ status: 409, code: 'wave_closed' });
      expect(await problem(save(callers[0]!, c!.id, 0, [{ questionCode: 'S1', optionId: 'yes' }]))).toMatchObject({ status: 409, code: 'wave_closed' });
      expect(await problem(take(callers[1]!, w))).toMatchObject({ status: 409, code: 'wave_closed' });
      expect((await db.selectFrom('sample_case').select('attempts').where('id', '=', c!.id).executeTakeFirstOrThrow()).attempts).toBe(0);
    });

    it('lets a supervisor release a stuck case; the old holder then gets case_not_yours', async () => {
      const w = await wave({ casesPerTownship: 1 });
      const { case: c } = await take(callers[0]!, w);
      expect(await releaseCase({ db, actor: supervisor, source }, { caseId: c!.id, now: minutes(T0, 2) })).toEqual({ caseId: c!.id, released: true });
      expect(await problem(dispose(callers[0]!, c!.id, { code: '2.11' }, minutes(T0, 3)))).toMatchObject({ code: 'case_not_yours' });
      expect((await take(callers[1]!, w, minutes(T0, 3))).case?.id).toBe(c!.id);
      expect(await releaseCase({ db, actor: supervisor, source }, { caseId: c!.id, now: minutes(T0, 4) })).toMatchObject({ released: true });
      expect(await releaseCase({ db, actor: supervisor, source }, { caseId: c!.id, now: minutes(T0, 5) })).toMatchObject({ released: false });
    });

    it('keeps why a case came (appointment, callback) after a reload and when asked again', async () => {
      const w = await wave({ casesPerTownship: 2 });
      const [appointment, callback] = caseIds(w);
      await db.updateTable('sample_case').set({ attempts: 1, last_disposition: 'T2.21', appointment_at: minutes(T0, -5), next_call_at: minutes(T0, -5) }).where('id', '=', appointment!).execute();
      await db.updateTable('sample_case').set({ attempts: 1, last_disposition: 'T3.13', next_call_at: minutes(T0, -5) }).where('id', '=', callback!).execute();
      expect((await take(callers[0]!, w)).case).toMatchObject({ id: appointment, reason: 'appointment' });
      expect((await take(callers[1]!, w)).case).toMatchObject({ id: callback, reason: 'callback' });
      expect((await getCase({ db, actor: callers[0]! }, { caseId: appointment!, now: minutes(T0, 1) })).reason).toBe('appointment');
      expect((await getCase({ db, actor: callers[1]! }, { caseId: callback!, now: minutes(T0, 1) })).reason).toBe('callback');
      expect((await take(callers[1]!, w, minutes(T0, 2))).case).toMatchObject({ id: callback, reason: 'callback' });
    });

    it('gives the townships’ English names where the region has one (null otherwise)', async () => {
      const jiangji = await db.selectFrom('region').select('name_en').where('code', '=', JIANGJI).executeTakeFirstOrThrow();
      await db.updateTable('region').set({ name_en: 'Gangcheng (test)' }).where('code', '=', GANGCHENG).execute();
      await db.updateTable('region').set({ name_en: null }).where('code', '=', JIANGJI).execute();
      try {
        const w = await wave({ townshipCodes: [GANGCHENG, JIANGJI], casesPerTownship: 1 });
        const { case: c } = await take(callers[0]!, w);
        expect(c!.township).toMatchObject({ code: GANGCHENG, nameEn: 'Gangcheng (test)' });
        expect(c!.questionnaire.townships.map((t) => [t.code, t.nameEn])).toEqual([
          [GANGCHENG, 'Gangcheng (test)'],
          [JIANGJI, null],
        ]);
      } finally {
        await db.updateTable('region').set({ name_en: jiangji.name_en }).where('code', '=', JIANGJI).execute();
      }
    });

    it('hands out cases only within the wave’s period (Asia/Shanghai dates), naming it; the case in hand stays', async () => {
      const w = await wave({ casesPerTownship: 2 });
      await db.updateTable('survey_wave').set({ starts_on: '2026-12-01', ends_on: '2026-12-20' }).where('id', '=', w.waveId).execute();
      // 23:59 on 30 November in Shanghai (15:59 UTC): not yet.
      const early = await problem(take(callers[0]!, w, local('2026-11-30T23:59:00')));
      expect(early).toMatchObject({ status: 409, code: 'wave_not_started', extensions: { period: { startsOn: '2026-12-01', endsOn: '2026-12-20' } } });
      expect(early.issues[0]!.message).toBe('fieldwork begins on 2026-12-01');
      const listed = (await listFieldworkWaves({ db, actor: callers[0]! }, { now: local('2026-11-30T23:59:00') })).items.find((x) => x.id === w.waveId);
      expect(listed).toMatchObject({ period: 'not_started', callingNow: false });
      // Midnight in Shanghai (still 30 November in UTC): open.
      const first = await take(callers[0]!, w, local('2026-12-01T00:00:00'));
      expect(first.case).not.toBeNull();
      // The last day counts; the day after does not, but what is in hand comes back.
      expect((await take(callers[1]!, w, local('2026-12-20T23:50:00'))).case).not.toBeNull();
      const late = await problem(take(callers[2]!, w, local('2026-12-21T00:05:00')));
      expect(late).toMatchObject({ status: 409, code: 'wave_ended', extensions: { period: { startsOn: '2026-12-01', endsOn: '2026-12-20' } } });
      expect(late.issues[0]!.message).toBe('fieldwork ended on 2026-12-20');
      expect((await take(callers[1]!, w, local('2026-12-21T00:05:00'))).case).not.toBeNull();
      expect((await listFieldworkWaves({ db, actor: callers[0]! }, { now: local('2026-12-21T00:05:00') })).items.find((x) => x.id === w.waveId)).toMatchObject({ period: 'ended', callingNow: false });
    });

    it('clears an answer (an emptied open answer), idempotently and revision-checked; a cleared required one is missing at the complete', async () => {
      const w = await wave({ casesPerTownship: 1 });
      const { case: c } = await take(callers[0]!, w);
      await dial(callers[0]!, c!.id);
      let state = await save(callers[0]!, c!.id, 0, [...FULL_ANSWERS, { questionCode: 'Q12', text: '路灯不亮' }]);
      expect(state.answers.find((a) => a.questionCode === 'Q12')?.text).toBe('路灯不亮');
      const submissionId = uuid();
      const cleared = await save(callers[0]!, c!.id, state.revision, [{ questionCode: 'Q12', clear: true }], { submissionId });
      expect(cleared.revision).toBe(state.revision + 1);
      expect(cleared.answers.map((a) => a.questionCode)).not.toContain('Q12');
      // The same submission again: the same answer, nothing more recorded.
      expect(await save(callers[0]!, c!.id, state.revision, [{ questionCode: 'Q12', clear: true }], { submissionId })).toEqual(cleared);
      // A stale clear (an old revision, a new submission) is refused and changes nothing.
      expect(await problem(save(callers[0]!, c!.id, state.revision, [{ questionCode: 'Q1', clear: true }]))).toMatchObject({ status: 409, code: 'interview_stale' });
      state = cleared;
      expect(await problem(save(callers[0]!, c!.id, state.revision, [{ questionCode: 'Q99', clear: true }]))).toMatchObject({ status: 422, code: 'answer_invalid', issues: [{ path: 'answers.0.questionCode' }] });
      expect(await problem(save(callers[0]!, c!.id, state.revision, [{ questionCode: 'Q1', clear: true }, { questionCode: 'Q1', optionId: 'satisfied' }]))).toMatchObject({ status: 422 });
      // Clearing a required answer (and the township) is allowed mid-interview; the complete then names it.
      state = await save(callers[0]!, c!.id, state.revision, [{ questionCode: 'Q1', clear: true }, { questionCode: 'S3', clear: true }]);
      expect(state.missing).toEqual(['S3', 'Q1']);
      expect((await db.selectFrom('interview').select('township_id').where('case_id', '=', c!.id).executeTakeFirstOrThrow()).township_id).toBeNull();
      const incomplete = await problem(dispose(callers[0]!, c!.id, { code: '1.1' }));
      expect(incomplete).toMatchObject({ status: 422, code: 'interview_incomplete' });
      expect(incomplete.issues.map((i) => i.path)).toEqual(['S3', 'Q1']);
      const stored = await db.selectFrom('interview_answer as a').innerJoin('interview as i', 'i.id', 'a.interview_id').select('a.question_code').where('i.case_id', '=', c!.id).execute();
      expect(stored.map((a) => a.question_code)).not.toContain('Q1');
      expect(stored).toHaveLength(FULL_ANSWERS.length - 2);
    });

    it('clearing the screening answer that screened the respondent out reopens the interview', async () => {
      const w = await wave({ casesPerTownship: 1 });
      const { case: c } = await take(callers[0]!, w);
      const out = await save(callers[0]!, c!.id, 0, [{ questionCode: 'S1', optionId: 'yes' }, { questionCode: 'S2', optionId: 'under18' }]);
      expect(out.status).toBe('screened_out');
      const reopened = await save(callers[0]!, c!.id, out.revision, [{ questionCode: 'S2', clear: true }], { currentQuestion: 'S2' });
      expect(reopened).toMatchObject({ status: 'in_progress', skipped: [] });
      expect((await save(callers[0]!, c!.id, reopened.revision, [{ questionCode: 'S2', optionId: 'a36_50' }, { questionCode: 'Q1', optionId: 'satisfied' }])).answers).toHaveLength(3);
    });

    it('records an outcome that says a call was made only after the dial; "not attempted" and the hand-back need none', async () => {
      const w = await wave({ casesPerTownship: 3 });
      const { case: c } = await take(callers[0]!, w);
      for (const code of ['T3.13', 'T3.12', '2.11', 'T2.22', '4.31', '4.10']) {
        expect(await problem(dispose(callers[0]!, c!.id, { code }))).toMatchObject({ status: 409, code: 'not_dialled' });
      }
      const untouched = await db.selectFrom('call_attempt').select(['ended_at', 'disposition']).where('case_id', '=', c!.id).execute();
      expect(untouched).toEqual([{ ended_at: null, disposition: null }]);
      expect(await dispose(callers[0]!, c!.id, { code: '3.11' })).toMatchObject({ finalDisposition: '3.11' });
      // The next case: dialled, then recorded.
      const { case: d } = await take(callers[0]!, w);
      await dial(callers[0]!, d!.id);
      expect(await dispose(callers[0]!, d!.id, { code: 'T3.13' }, minutes(T0, 1))).toMatchObject({ code: 'T3.13', attempts: 1 });
      // A dial in an earlier attempt does not count for the next one.
      const again = await take(callers[0]!, w, minutes(T0, 2));
      expect(again.case!.id).not.toBe(d!.id);
      await dispose(callers[0]!, again.case!.id, { code: '3.11' }, minutes(T0, 2));
      const back = await take(callers[0]!, w, minutes(T0, 200));
      expect(back.case).toMatchObject({ id: d!.id, attemptNo: 2 });
      expect(await problem(dispose(callers[0]!, d!.id, { code: 'T3.13' }, minutes(T0, 201)))).toMatchObject({ status: 409, code: 'not_dialled' });
      expect(await returnCase({ db, actor: callers[0]!, source }, { caseId: d!.id, now: minutes(T0, 201) })).toMatchObject({ caseId: d!.id, queue: 'callback' });
    });

    it('lets the holder hand an undialled case back: the attempt goes, the case waits where it was; audited', async () => {
      const w = await wave({ casesPerTownship: 3 });
      const [first, second, callback] = caseIds(w);
      await db.updateTable('sample_case').set({ attempts: 1, last_disposition: 'T3.13', next_call_at: minutes(T0, -5) }).where('id', '=', callback!).execute();
      await db
        .insertInto('call_attempt')
        .values({ county_code: '370921', wave_id: w.waveId, case_id: callback!, interviewer_id: callers[5]!.id, attempt_no: 1, assigned_at: minutes(T0, -90), ended_at: minutes(T0, -88), disposition: 'T3.13' })
        .execute();
      // The callback comes first; handed back, it is again the first to go, as a callback, to whoever asks.
      expect((await take(callers[0]!, w)).case).toMatchObject({ id: callback, reason: 'callback', attemptNo: 2 });
      expect(await returnCase({ db, actor: callers[0]!, source }, { caseId: callback!, now: minutes(T0, 1) })).toEqual({ caseId: callback, queue: 'callback' });
      const row = await db.selectFrom('sample_case').select(['assigned_to', 'lease_expires_at', 'next_call_at', 'attempts']).where('id', '=', callback!).executeTakeFirstOrThrow();
      expect(row).toEqual({ assigned_to: null, lease_expires_at: null, next_call_at: minutes(T0, -5), attempts: 1 });
      expect((await db.selectFrom('call_attempt').select(['attempt_no', 'disposition']).where('case_id', '=', callback!).execute())).toEqual([{ attempt_no: 1, disposition: 'T3.13' }]);
      const audit = await db.selectFrom('audit_log').select(['actor_name', 'before', 'after']).where('action', '=', 'survey.case_returned').where('entity_id', '=', callback!).executeTakeFirstOrThrow();
      expect(audit.before).toMatchObject({ heldBy: callers[0]!.username, attemptNo: 2 });
      expect(audit.after).toMatchObject({ heldBy: null, queue: 'callback' });
      expect((await take(callers[1]!, w, minutes(T0, 2))).case).toMatchObject({ id: callback, reason: 'callback', attemptNo: 2 });

      // A fresh number goes back ahead of the later fresh ones (draw order).
      expect((await take(callers[2]!, w, minutes(T0, 3))).case?.id).toBe(first);
      expect(await returnCase({ db, actor: callers[2]!, source }, { caseId: first!, now: minutes(T0, 4) })).toEqual({ caseId: first, queue: 'fresh' });
      expect(await problem(returnCase({ db, actor: callers[2]!, source }, { caseId: first!, now: minutes(T0, 4) }))).toMatchObject({ status: 409, code: 'case_not_yours' });
      expect((await take(callers[3]!, w, minutes(T0, 5))).case).toMatchObject({ id: first, reason: 'fresh', attemptNo: 1 });
      expect(second).toBeDefined();
    });

    it('refuses to take a case back once dialled or answered (an outcome must be recorded), and to anyone but the holder', async () => {
      const w = await wave({ casesPerTownship: 3 });
      const give = (actor: Actor, caseId: string, now = minutes(T0, 1)) => returnCase({ db, actor, source }, { caseId, now });
      const dialled = (await take(callers[0]!, w)).case!;
      await dialCase({ db, actor: callers[0]!, source, cipher: testCipher, telephony: telLinkTelephony }, { caseId: dialled.id, now: T0 });
      expect(await problem(give(callers[0]!, dialled.id))).toMatchObject({ status: 409, code: 'case_dialed' });
      // Answers saved in this attempt: the respondent was reached, even if dialled outside the app.
      const answered = (await take(callers[1]!, w)).case!;
      await save(callers[1]!, answered.id, 0, [{ questionCode: 'S1', optionId: 'yes' }]);
      expect(await problem(give(callers[1]!, answered.id))).toMatchObject({ status: 409, code: 'case_dialed' });
      const held = (await take(callers[2]!, w)).case!;
      expect(await problem(give(callers[3]!, held.id))).toMatchObject({ status: 409, code: 'case_not_yours' });
      expect(await problem(give({ ...callers[2]!, regionPath: '/999/', countyCode: '370922' }, held.id))).toMatchObject({ status: 404 });
      // Nothing changed: each case is still held, its attempt still open.
      for (const [c, who] of [[dialled, callers[0]!], [answered, callers[1]!], [held, callers[2]!]] as const) {
        expect((await db.selectFrom('sample_case').select('assigned_to').where('id', '=', c.id).executeTakeFirstOrThrow()).assigned_to).toBe(who.id);
        expect(await db.selectFrom('call_attempt').select('id').where('case_id', '=', c.id).where('ended_at', 'is', null).execute()).toHaveLength(1);
      }
      expect(await db.selectFrom('audit_log').select('id').where('action', '=', 'survey.case_returned').where('entity_id', 'in', [dialled.id, answered.id, held.id]).execute()).toEqual([]);
      // The dialled one takes an outcome as usual.
      expect(await dispose(callers[0]!, dialled.id, { code: 'T3.13' }, minutes(T0, 2))).toMatchObject({ attempts: 1 });
    });

    describe('over HTTP', () => {
      it('answers simultaneous "next case" requests of one session (a double click, a retry) with the one case', async () => {
        const w = await insertFieldworkWave(db, testCipher, { casesPerTownship: 20, townshipCodes: [GANGCHENG] });
        const i1 = await t.as('interviewer1');
        for (let round = 0; round < 3; round++) {
          const answers = await Promise.all(Array.from({ length: 10 }, () => i1.post('/api/fieldwork/next-case', { waveId: w.waveId })));
          expect(answers.map((a) => a.statusCode)).toEqual(new Array(10).fill(200));
          const ids = new Set(answers.map((a) => a.json().case?.id));
          expect(ids.size).toBe(1);
          const held = await db.selectFrom('sample_case').select('id').where('wave_id', '=', w.waveId).where('assigned_to', 'is not', null).execute();
          expect(held.map((c) => c.id)).toEqual([...ids]);
          const [caseId] = [...ids] as [string];
          expect((await i1.post(`/api/fieldwork/cases/${caseId}/return`)).statusCode).toBe(200);
        }
      });

      it('shows masked numbers only; the full number comes from dial, audited with the masked one', async () => {
        const w = await insertFieldworkWave(db, testCipher, { casesPerTownship: 1 });
        const i1 = await t.as('interviewer1');
        const res = await i1.post('/api/fieldwork/next-case', { waveId: w.waveId });
        expect(res.statusCode).toBe(200);
        const c = res.json().case;
        const phone = w.phones.get(c.id)!;
        expect(res.body).not.toContain(phone);
        expect(c.phoneMasked).toMatch(/\*/);
        expect(c.questionnaire.townships).toHaveLength(w.townships.length);
        expect((await i1.get(`/api/fieldwork/cases/${c.id}`)).body).not.toContain(phone);
        const dial = await i1.post(`/api/fieldwork/cases/${c.id}/dial`);
        expect(dial.statusCode).toBe(200);
        expect(dial.json()).toMatchObject({ kind: 'tel', uri: `tel:${phone}` });
        const audit = await db.selectFrom('audit_log').select(['actor_name', 'after']).where('action', '=', 'survey.dial').where('entity_id', '=', c.id).executeTakeFirstOrThrow();
        expect(audit.actor_name).toBe('interviewer1');
        expect(JSON.stringify(audit.after)).not.toContain(phone);
        expect(JSON.stringify(audit.after)).toContain(c.phoneMasked);
        // Stale and idempotent saves over HTTP, as the browser sends them.
        const body = { submissionId: uuid(), baseRevision: 0, answers: [{ questionCode: 'S1', optionId: 'yes' }], currentQuestion: 'S2' };
        expect((await i1.put(`/api/fieldwork/cases/${c.id}/interview`, body)).json().revision).toBe(1);
        expect((await i1.put(`/api/fieldwork/cases/${c.id}/interview`, body)).json().revision).toBe(1);
        const stale = await i1.put(`/api/fieldwork/cases/${c.id}/interview`, { ...body, submissionId: uuid() });
        expect(stale.statusCode).toBe(409);
        expect(stale.json().code).toBe('interview_stale');
        const i2 = await t.as('interviewer2');
        const notYours = await i2.post(`/api/fieldwork/cases/${c.id}/disposition`, { submissionId: uuid(), code: '2.11' });
        expect(notYours.statusCode).toBe(409);
        expect(notYours.json().code).toBe('case_not_yours');
        const done = await i1.post(`/api/fieldwork/cases/${c.id}/disposition`, { submissionId: uuid(), code: '2.11', note: '拒访' });
        expect(done.json()).toMatchObject({ finalDisposition: '2.11' });
      });

      it('clears an answer, hands a case back, and sends the next calling window as a member of the problem', async () => {
        const w = await insertFieldworkWave(db, testCipher, { casesPerTownship: 2, townshipCodes: [GANGCHENG] });
        const i2 = await t.as('interviewer2');
        const c = (await i2.post('/api/fieldwork/next-case', { waveId: w.waveId })).json().case;
        const put = (body: Record<string, unknown>) => i2.put(`/api/fieldwork/cases/${c.id}/interview`, { submissionId: uuid(), currentQuestion: null, ...body });
        expect((await put({ baseRevision: 0, answers: [{ questionCode: 'Q12', text: '路灯' }] })).statusCode).toBe(200);
        expect((await put({ baseRevision: 1, answers: [{ questionCode: 'Q12', clear: false }] })).statusCode).toBe(400);
        const cleared = await put({ baseRevision: 1, answers: [{ questionCode: 'Q12', clear: true }] });
        expect(cleared.statusCode).toBe(200);
        expect(cleared.json()).toMatchObject({ revision: 2, answers: [] });
        // Answers were saved in this attempt: handing it back is refused with a message to act on.
        const refused = await i2.post(`/api/fieldwork/cases/${c.id}/return`);
        expect(refused.statusCode).toBe(409);
        expect(refused.json()).toMatchObject({ code: 'case_dialed', detail: expect.stringContaining('访问结果') });
        // Nor may it be recorded as "no answer" before the dial: no call was placed.
        const undialled = await i2.post(`/api/fieldwork/cases/${c.id}/disposition`, { submissionId: uuid(), code: 'T3.13' });
        expect(undialled.statusCode).toBe(409);
        expect(undialled.json()).toMatchObject({ code: 'not_dialled', detail: expect.stringContaining('请先拨号') });
        expect((await i2.post(`/api/fieldwork/cases/${c.id}/dial`)).statusCode).toBe(200);
        await i2.post(`/api/fieldwork/cases/${c.id}/disposition`, { submissionId: uuid(), code: 'T3.13' });

        const d = (await i2.post('/api/fieldwork/next-case', { waveId: w.waveId })).json().case;
        const back = await i2.post(`/api/fieldwork/cases/${d.id}/return`);
        expect(back.statusCode).toBe(200);
        expect(back.json()).toEqual({ caseId: d.id, queue: 'fresh' });
        expect((await i2.get(`/api/fieldwork/cases/${d.id}`)).json().code).toBe('case_not_yours');

        // A window that excludes now, whatever the hour of the test.
        const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', hourCycle: 'h23' }).format(new Date()));
        const window = hour < 12 ? { from: '20:00', to: '21:00' } : { from: '06:00', to: '07:00' };
        await db.updateTable('survey_wave').set({ calling_hours: JSON.stringify([window]) }).where('id', '=', w.waveId).execute();
        const outside = await (await t.as('interviewer1')).post('/api/fieldwork/next-case', { waveId: w.waveId });
        expect(outside.statusCode).toBe(409);
        const body = outside.json();
        expect(body).toMatchObject({ code: 'outside_calling_hours', nextWindow: { from: expect.any(String), to: expect.any(String) } });
        expect(new Date(body.nextWindow.from).getTime()).toBeGreaterThan(Date.now());
        expect(new Date(body.nextWindow.to).getTime() - new Date(body.nextWindow.from).getTime()).toBe(60 * 60_000);
        expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(body.nextWindow.from))).toBe(window.from);
      });

      it('keeps township users out of every fieldwork route', async () => {
        const g = await t.as('gangcheng');
        for (const [method, url] of [
          ['GET', '/api/fieldwork/waves'],
          ['POST', '/api/fieldwork/next-case'],
          ['GET', '/api/fieldwork/cases/1'],
          ['PUT', '/api/fieldwork/cases/1/interview'],
          ['GET', '/api/fieldwork/waves/1/appointments'],
        ] as const) {
          const res = await g.request({ method, url, ...(method === 'GET' ? {} : { payload: {} }) });
          expect(res.statusCode, url).toBe(403);
        }
      });

      it('lists a wave’s appointments for the supervisor and reassigns them within the county', async () => {
        const w = await insertFieldworkWave(db, testCipher, { casesPerTownship: 2, townshipCodes: [GANGCHENG, JIANGJI] });
        const [a, b] = [w.cases.get(GANGCHENG)![0]!, w.cases.get(JIANGJI)![0]!];
        await db.updateTable('sample_case').set({ appointment_at: minutes(T0, 60), appointment_with: interviewer2.id, attempts: 1 }).where('id', '=', a).execute();
        await db.updateTable('sample_case').set({ appointment_at: minutes(T0, 30), attempts: 1 }).where('id', '=', b).execute();
        const s = await t.as('supervisor');
        const list = await s.get(`/api/fieldwork/waves/${w.waveId}/appointments`);
        expect(list.statusCode).toBe(200);
        expect(list.json().items.map((i: { caseId: string }) => i.caseId)).toEqual([b, a]);
        expect(list.json().items[1]).toMatchObject({ interviewer: { username: 'interviewer2' }, township: { code: GANGCHENG, name: '堽城镇', nameEn: (await db.selectFrom('region').select('name_en').where('code', '=', GANGCHENG).executeTakeFirstOrThrow()).name_en } });
        expect(list.body).not.toContain(w.phones.get(a)!);
        expect(list.json().interviewers.map((u: { username: string }) => u.username)).toEqual(expect.arrayContaining(['interviewer1', 'interviewer2', 'supervisor']));
        const interviewer1 = await actorFor(db, 'interviewer1');
        const moved = await s.post(`/api/fieldwork/cases/${a}/reassign`, { interviewerId: interviewer1.id, note: '原访员请假' });
        expect(moved.statusCode).toBe(200);
        expect(moved.json().interviewer.username).toBe('interviewer1');
        expect((await s.post(`/api/fieldwork/cases/${a}/reassign`, { interviewerId: null })).json().interviewer).toBeNull();
        const gangchengId = (await db.selectFrom('app_user').select('id').where('username', '=', 'gangcheng').executeTakeFirstOrThrow()).id;
        const notEligible = await s.post(`/api/fieldwork/cases/${a}/reassign`, { interviewerId: gangchengId });
        expect(notEligible.statusCode).toBe(422);
        expect(notEligible.json().code).toBe('interviewer_not_eligible');
        const noAppointment = await s.post(`/api/fieldwork/cases/${w.cases.get(GANGCHENG)![1]!}/reassign`, { interviewerId: null });
        expect(noAppointment.statusCode).toBe(409);
        expect(noAppointment.json().code).toBe('appointment_missing');
        const audits = await db.selectFrom('audit_log').select('id').where('action', '=', 'survey.appointment_reassigned').where('entity_id', '=', a).execute();
        expect(audits.length).toBeGreaterThanOrEqual(2);
      });
    });
  });
}
