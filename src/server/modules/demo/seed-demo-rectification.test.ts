import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import { insertFieldworkWave, writeCaseOutcomes, type CaseOutcomeRecord } from '../../../../test/support/survey-fixture.ts';
import { startTestApp, testCipher, type TestApp } from '../../../../test/support/test-app.ts';
import { cliAuditSource } from '../audit/index.ts';
import { seedDemoRectification } from './seed-demo-rectification.ts';

const TOWNSHIPS = ['370921104', '370921105', '370921106'];
const SAT: Record<string, string> = { S: 'satisfied', B: 'basically', D: 'dissatisfied' };

for (const dialect of DIALECTS) {
  describe(`the demo's rectification step [${dialect.name}]`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(dialect);
      const db = t.database.db;
      const interviewer = await db.selectFrom('app_user').select('id').where('username', '=', 'interviewer1').executeTakeFirstOrThrow();
      // Two closed waves: the tasks must come from the earlier one.
      for (const [endsOn, block] of [['2026-06-30', 81], ['2026-09-30', 82]] as const) {
        const wave = await insertFieldworkWave(db, testCipher, { townshipCodes: TOWNSHIPS, casesPerTownship: 20, status: 'closed', startsOn: '2026-06-01', endsOn, phoneBlock: block });
        const records: CaseOutcomeRecord[] = [];
        TOWNSHIPS.forEach((code, k) => {
          for (let i = 0; i < 16; i++) {
            const letters = k === 0 ? (i % 2 ? 'DDDDDDDDD' : 'BDBDBDBDB') : 'SSSSSSSSS';
            const answers: Record<string, string> = { S1: 'yes', S2: 'a36_50', S3: code, Q11: 'yes' };
            [...letters].forEach((l, q) => (answers[`Q${q + 1}`] = SAT[l]!));
            records.push({ caseId: wave.cases.get(code)![i]!, interviewerId: interviewer.id, attempts: [{ disposition: '1.1', seconds: 500 }], interview: { status: 'complete', answers } });
          }
        });
        await writeCaseOutcomes(db, records);
      }
    }, 240_000);
    afterAll(async () => t?.close());

    it('proposes from the earliest closed wave, confirms most, drops one, finishes some, dated after the wave; then does nothing', async () => {
      const db = t.database.db;
      const ctx = { db, actor: null, source: cliAuditSource('seed-demo') };
      const summary = await seedDemoRectification(ctx, {});
      expect(summary).toMatch(/proposed from wave/);
      const tasks = await db.selectFrom('rectification_task as t').innerJoin('survey_wave as w', 'w.id', 't.wave_id').select(['t.status', 't.created_at', 't.due_on', 't.submitted_at', 'w.ends_on']).execute();
      expect(tasks.length).toBeGreaterThan(2);
      expect(new Set(tasks.map((x) => x.ends_on))).toEqual(new Set(['2026-06-30']));
      expect(tasks.filter((x) => x.status === 'dropped')).toHaveLength(1);
      expect(tasks.filter((x) => x.status === 'proposed')).toHaveLength(0);
      for (const x of tasks) {
        expect(new Date(x.created_at).getTime()).toBeGreaterThan(Date.parse('2026-06-30T00:00:00Z'));
        if (x.due_on) expect(x.due_on > '2026-08-13' && x.due_on <= '2026-08-29').toBe(true);
        if (x.submitted_at) expect(new Date(x.submitted_at).toISOString().slice(0, 10) <= x.due_on!).toBe(true);
      }
      expect(await seedDemoRectification(ctx, {})).toMatch(/nothing to do/);
    }, 240_000);
  });
}
