import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../../shared/time.ts';
import { addDays } from '../../../shared/visits/index.ts';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import { idNumber, insertHousehold } from '../../../../test/support/registry-fixture.ts';
import { insertFieldworkWave, insertInterviewOutcomes } from '../../../../test/support/survey-fixture.ts';
import { startTestApp, testCipher, type Client, type TestApp } from '../../../../test/support/test-app.ts';
import { insertCampaign } from '../visits/testing/campaign-fixture.ts';
import { STANDARD_QUESTIONNAIRE } from '../survey/index.ts';
import { referralQuestions } from './survey-referral-candidates.ts';

const GANGCHENG = '370921104';
const JIANGJI = '370921105';
const VILLAGE = `${GANGCHENG}201`;

describe('referralQuestions', () => {
  it('finds the open problem (Q12) and the consent to be contacted (Q13) of the standard questionnaire', () => {
    expect(referralQuestions(STANDARD_QUESTIONNAIRE)).toEqual({ problemCode: 'Q12', consentCode: 'Q13' });
    expect(referralQuestions({ ...STANDARD_QUESTIONNAIRE, questions: STANDARD_QUESTIONNAIRE.questions.filter((q) => q.code !== 'Q13') })).toBeNull();
  });
});

for (const dialect of DIALECTS) {
  describe(`case intake from visits and the survey [${dialect.name}]`, () => {
    let t: TestApp;
    let admin: Client;
    beforeAll(async () => {
      t = await startTestApp(dialect);
      admin = await t.as('admin');
      const db = t.database.db;
      // A visit that raised two problems, in 堽城镇's first village.
      const { householdId } = await insertHousehold(db, testCipher, {
        villageCode: VILLAGE,
        householdNo: 'CI-1',
        members: [{ name: '周大爷', idNumber: idNumber('1948-03-01', 301), relationship: '户主', phones: ['13912340001'] }],
        hardship: ['dibao'],
      });
      const today = localDate();
      const campaignId = await insertCampaign(db, { regionCode: '370921', startsOn: addDays(today, -10), endsOn: addDays(today, 10), budgets: [{ townshipCode: GANGCHENG, budgetFen: 100000 }], targets: [{ householdId, categoryCodes: ['dibao'] }] });
      const cadre = await t.as('cadre');
      const visit = await cadre.post('/api/visits', {
        clientId: crypto.randomUUID(),
        campaignId,
        householdId,
        visitedAt: new Date(Date.now() - 3_600_000).toISOString(),
        kind: 'home',
        situation: '老人身体尚可',
        problems: [
          { text: '村口道路坑洼，雨天积水，出行不便', domain: 'environment' },
          { text: '屋顶漏雨', domain: 'hardship_relief' },
        ],
      });
      expect(visit.statusCode, visit.body).toBe(201);
      // A closed wave with three interviews in each of two townships, and a wave still in fieldwork.
      const interviewer = await db.selectFrom('app_user').select('id').where('username', '=', 'interviewer1').executeTakeFirstOrThrow();
      const wave = await insertFieldworkWave(db, testCipher, { status: 'closed', townshipCodes: [GANGCHENG, JIANGJI], casesPerTownship: 4, phoneBlock: 7 });
      const { interviewIds } = await insertInterviewOutcomes(db, wave, { interviewerIds: [interviewer.id], outcomes: { complete: 3 } });
      const ids = [...interviewIds.values()].sort((a, b) => Number(a) - Number(b));
      await db.updateTable('interview_answer').set({ option_id: 'yes' }).where('question_code', '=', 'Q13').where('interview_id', 'in', ids.slice(0, 4)).execute();
      await db.updateTable('interview_answer').set({ option_id: 'no' }).where('question_code', '=', 'Q13').where('interview_id', 'in', ids.slice(4)).execute();
      await db.updateTable('interview_answer').set({ text: '希望村里的路灯能修好' }).where('question_code', '=', 'Q12').where('interview_id', '=', ids[0]!).execute();
      await insertFieldworkWave(db, testCipher, { status: 'fieldwork', townshipCodes: [GANGCHENG], casesPerTownship: 2, phoneBlock: 8 });
    });
    afterAll(() => t?.close());

    it('makes an open visit problem a case once (category defaulting to the problem’s domain), linked both ways; outside the area 404', async () => {
      const db = t.database.db;
      const problem = await db
        .selectFrom('visit_problem as p')
        .innerJoin('region as v', 'v.id', 'p.village_id')
        .innerJoin('region as tw', 'tw.id', 'v.parent_id')
        .select(['p.id', 'p.domain', 'p.text', 'tw.code as township_code', 'v.code as village_code'])
        .where('p.status', '=', 'open')
        .where('p.domain', '=', 'environment')
        .orderBy('p.id')
        .executeTakeFirstOrThrow();
      expect(problem.township_code).toBe(GANGCHENG);
      const outsider = await t.as('jiangji');
      expect((await outsider.post(`/api/visit-problems/${problem.id}/case`, {})).statusCode).toBe(404);

      const res = await admin.post(`/api/visit-problems/${problem.id}/case`, {});
      expect(res.statusCode, res.body).toBe(201);
      const made = res.json();
      expect(made.caseNo).toMatch(/^MQ\d{8}\d+$/);
      const row = await db.selectFrom('resident_case as c').innerJoin('case_category as k', 'k.id', 'c.category_id').select(['c.channel', 'c.source_visit_problem_id', 'c.description', 'k.domain']).where('c.id', '=', made.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ channel: 'visit', source_visit_problem_id: problem.id, description: problem.text.trim(), domain: problem.domain });
      const after = await db.selectFrom('visit_problem').select(['status', 'case_id']).where('id', '=', problem.id).executeTakeFirstOrThrow();
      expect(after).toEqual({ status: 'case_opened', case_id: made.id });
      const listed = (await admin.get('/api/visit-problems?status=case_opened')).json().items.find((p: { id: string }) => p.id === problem.id);
      expect(listed.caseId).toBe(made.id);

      const again = await admin.post(`/api/visit-problems/${problem.id}/case`, { categoryCode: 'env-road-light' });
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('visit_problem_not_open');
      const other = await db.selectFrom('visit_problem').select('id').where('status', '=', 'open').orderBy('id').executeTakeFirstOrThrow();
      const unknown = await admin.post(`/api/visit-problems/${other.id}/case`, { categoryCode: 'no-such' });
      expect(unknown.json().code).toBe('case_category_unknown');
      const categories = (await admin.get('/api/case-intake/categories')).json().items;
      expect(categories.some((c: { code: string }) => c.code === 'env-road-light')).toBe(true);
    });

    it('refers a closed wave’s consenting answers as cases that name nothing of the interview, never twice; townships cannot see the referrals', async () => {
      const db = t.database.db;
      const supervisor = await t.as('supervisor');
      const gangcheng = await t.as('gangcheng');
      const closed = await db.selectFrom('survey_wave').select(['id', 'closed_at']).where('status', '=', 'closed').executeTakeFirstOrThrow();
      const open = await db.selectFrom('survey_wave').select('id').where('status', '!=', 'closed').executeTakeFirst();

      expect((await gangcheng.get(`/api/survey/waves/${closed.id}/referrals`)).statusCode).toBe(403);
      expect((await gangcheng.post(`/api/survey/waves/${closed.id}/referrals`, { defaultCategoryCode: 'env-road-light', decisions: [{ interviewId: '1', action: 'refer' }] })).statusCode).toBe(403);
      if (open) {
        const early = await supervisor.post(`/api/survey/waves/${open.id}/referrals`, { defaultCategoryCode: 'env-road-light', decisions: [{ interviewId: '1', action: 'refer' }] });
        expect(early.json().code).toBe('survey_referral_wave_not_closed');
      }

      const list = await supervisor.get(`/api/survey/waves/${closed.id}/referrals`);
      expect(list.statusCode, list.body).toBe(200);
      const { items, supported } = list.json();
      expect(supported).toBe(true);
      expect(items).toHaveLength(4);
      // Every candidate said yes to Q13 and gave a Q12 text.
      const consent = await db.selectFrom('interview_answer').select(['interview_id', 'option_id']).where('question_code', '=', 'Q13').where('interview_id', 'in', items.map((i: { interviewId: string }) => i.interviewId)).execute();
      expect(consent.every((c) => c.option_id === 'yes')).toBe(true);
      expect(consent).toHaveLength(items.length);

      const [referred, dismissed] = items as { interviewId: string; problem: string; townshipCode: string }[];
      const interview = await db
        .selectFrom('interview as i')
        .innerJoin('sample_case as s', 's.id', 'i.case_id')
        .innerJoin('app_user as u', 'u.id', 'i.interviewer_id')
        .select(['i.id', 'i.case_id', 'i.completed_at', 'i.started_at', 's.phone_cipher', 'u.username', 'u.display_name'])
        .where('i.id', '=', referred!.interviewId)
        .executeTakeFirstOrThrow();
      const now = new Date();
      const res = await supervisor.post(`/api/survey/waves/${closed.id}/referrals`, {
        defaultCategoryCode: 'env-road-light',
        decisions: [
          { interviewId: referred!.interviewId, action: 'refer', categoryCode: 'relief-temporary' },
          { interviewId: dismissed!.interviewId, action: 'dismiss' },
        ],
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ referred: 1, dismissed: 1 });

      const made = await db.selectFrom('resident_case').selectAll().where('channel', '=', 'survey').execute();
      expect(made).toHaveLength(1);
      const c = made[0]!;
      expect(c.description).toBe(referred!.problem);
      expect(testCipher.decrypt(c.contact_phone_cipher!)).toBe(testCipher.decrypt(interview.phone_cipher));
      const region = await db.selectFrom('region').select('code').where('id', '=', c.region_id).executeTakeFirstOrThrow();
      expect(region.code).toBe(referred!.townshipCode);
      // Registered at the referral's time, by the supervisor: not the interview's time, not the interviewer.
      expect(c.registered_at.getTime()).toBeGreaterThanOrEqual(now.getTime() - 1000);
      expect(c.registered_at.getTime()).not.toBe(interview.completed_at?.getTime());
      const supervisorId = (await db.selectFrom('app_user').select('id').where('username', '=', 'supervisor').executeTakeFirstOrThrow()).id;
      expect(c.registered_by).toBe(supervisorId);
      expect(c.contact_name).toBe('');
      const events = await db.selectFrom('case_event').selectAll().where('case_id', '=', c.id).execute();
      const audits = await db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'case').where('entity_id', '=', c.id).execute();
      const referral = await db.selectFrom('audit_log').selectAll().where('action', '=', 'survey.referral').execute();
      const traces = [interview.username, interview.display_name, 'interview', 'Q12', 'Q13', 'sample', interview.started_at.toISOString(), interview.completed_at?.toISOString() ?? 'none'];
      for (const record of [c, ...events, ...audits]) {
        const text = JSON.stringify(record);
        for (const trace of traces) expect(text).not.toContain(trace);
      }
      expect(audits.every((a) => a.actor_id === supervisorId)).toBe(true);
      expect(events.every((e) => e.actor_id === supervisorId)).toBe(true);
      // The supervisor's own entry counts, and names the wave only.
      expect(referral.map((a) => a.after)).toEqual([{ referred: 1, dismissed: 1 }]);
      // The survey side keeps no case id.
      const kept = await db.selectFrom('survey_referral').selectAll().where('wave_id', '=', closed.id).execute();
      expect(kept.map((k) => [k.interview_id, k.outcome]).sort()).toEqual([[referred!.interviewId, 'referred'], [dismissed!.interviewId, 'dismissed']].sort());
      expect(Object.keys(kept[0]!).some((k) => k.includes('case'))).toBe(false);

      // Never twice; the list has moved on.
      const twice = await supervisor.post(`/api/survey/waves/${closed.id}/referrals`, { defaultCategoryCode: 'env-road-light', decisions: [{ interviewId: referred!.interviewId, action: 'refer' }] });
      expect(twice.statusCode).toBe(422);
      expect(twice.json().code).toBe('survey_referral_not_eligible');
      const after = (await supervisor.get(`/api/survey/waves/${closed.id}/referrals`)).json();
      expect(after).toMatchObject({ referred: 1, dismissed: 1 });
      expect(after.items.some((i: { interviewId: string }) => i.interviewId === referred!.interviewId || i.interviewId === dismissed!.interviewId)).toBe(false);

      // What a township admin can read of it: not the audit log, not the referrals.
      expect((await gangcheng.get('/api/audit')).statusCode).toBe(403);
      // An answer without consent is refused.
      const declined = await db
        .selectFrom('interview_answer as a')
        .innerJoin('interview as i', 'i.id', 'a.interview_id')
        .select('a.interview_id')
        .where('i.wave_id', '=', closed.id)
        .where('a.question_code', '=', 'Q13')
        .where('a.option_id', '=', 'no')
        .executeTakeFirst();
      if (declined) {
        const no = await supervisor.post(`/api/survey/waves/${closed.id}/referrals`, { defaultCategoryCode: 'env-road-light', decisions: [{ interviewId: declined.interview_id, action: 'refer' }] });
        expect(no.json().code).toBe('survey_referral_not_eligible');
      }
    });
  });
}
