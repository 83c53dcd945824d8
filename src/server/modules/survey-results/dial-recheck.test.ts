import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import { insertFieldworkWave, writeCaseOutcomes, type FieldworkWave } from '../../../../test/support/survey-fixture.ts';
import { startTestApp, testCipher, type TestApp } from '../../../../test/support/test-app.ts';
import type { DB } from '../../db/schema.ts';

const GANGCHENG = '370921104';

for (const dialect of DIALECTS) {
  describe(`re-check call [${dialect.name}]`, () => {
    let t: TestApp;
    let db: Kysely<DB>;
    let wave: FieldworkWave;
    let drawn: string;
    let notDrawn: string;
    let drawnCase: string;

    beforeAll(async () => {
      t = await startTestApp(dialect);
      db = t.database.db;
      // A closed wave: re-checks are made after fieldwork.
      wave = await insertFieldworkWave(db, testCipher, { townshipCodes: [GANGCHENG], casesPerTownship: 2, status: 'closed' });
      const interviewer = await db.selectFrom('app_user').select('id').where('username', '=', 'interviewer1').executeTakeFirstOrThrow();
      const [a, b] = wave.cases.get(GANGCHENG)!;
      const ids = await writeCaseOutcomes(
        db,
        [a!, b!].map((caseId) => ({ caseId, interviewerId: interviewer.id, attempts: [{ disposition: '1.1', seconds: 300 }], interview: { status: 'complete' as const, answers: { Q1: 'satisfied' } } })),
      );
      drawnCase = a!;
      drawn = ids.get(a!)!;
      notDrawn = ids.get(b!)!;
      await db.updateTable('interview').set({ recheck: true }).where('id', '=', drawn).execute();
    });
    afterAll(async () => {
      await t?.close();
    });

    it('dials the respondent of a drawn interview through the telephony adapter, audited with the masked number only', async () => {
      const s = await t.as('supervisor');
      const res = await s.post(`/api/survey/interviews/${drawn}/recheck/dial`);
      expect(res.statusCode).toBe(200);
      const phone = wave.phones.get(drawnCase)!;
      expect(res.json()).toEqual({ kind: 'tel', uri: `tel:${phone}`, dialedAt: expect.any(String) });
      const audit = await db.selectFrom('audit_log').select(['actor_name', 'entity_type', 'after']).where('action', '=', 'survey.recheck_dial').where('entity_id', '=', drawn).execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor_name: 'supervisor', entity_type: 'interview' });
      expect(JSON.stringify(audit[0]!.after)).not.toContain(phone);
      expect(audit[0]!.after).toMatchObject({ phoneMasked: expect.stringMatching(/^139\*{4}\d{4}$/), caseId: drawnCase });
      // The re-check list still shows no phone.
      const list = await s.get(`/api/survey/waves/${wave.waveId}/quality/rechecks`);
      expect(list.statusCode).toBe(200);
      expect(list.body).not.toContain(phone);
    });

    it('refuses an interview not in the re-check sample (409), a missing one (404), and callers who do not manage the survey (403)', async () => {
      const s = await t.as('supervisor');
      const notInSample = await s.post(`/api/survey/interviews/${notDrawn}/recheck/dial`);
      expect(notInSample.statusCode).toBe(409);
      expect(notInSample.json().code).toBe('recheck_not_drawn');
      expect(notInSample.body).not.toContain(wave.phones.get(wave.cases.get(GANGCHENG)![1]!)!);
      expect((await s.post('/api/survey/interviews/999999999/recheck/dial')).statusCode).toBe(404);
      for (const who of ['interviewer1', 'gangcheng', 'leader']) {
        expect((await (await t.as(who)).post(`/api/survey/interviews/${drawn}/recheck/dial`)).statusCode, who).toBe(403);
      }
      const dials = await db.selectFrom('audit_log').select('entity_id').where('action', '=', 'survey.recheck_dial').execute();
      expect(dials.map((d) => d.entity_id)).not.toContain(notDrawn);
    });
  });
}
