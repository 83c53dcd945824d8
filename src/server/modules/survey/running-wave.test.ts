/**
 * A wave in fieldwork: the supervisor moves its end date, calling hours and maximum attempts
 * (audited, effective for the next case handed out); the questionnaire, the sample and what it
 * was drawn with stay frozen (409 wave_running_frozen); only survey managers of the county may.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../../shared/time.ts';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import { insertFieldworkWave, insertQuestionnaireVersion, writeCaseOutcomes, type FieldworkWave } from '../../../../test/support/survey-fixture.ts';
import { startTestApp, testCipher, type Client, type TestApp } from '../../../../test/support/test-app.ts';
import { insertRegion } from '../regions/index.ts';
import { nextCase } from '../fieldwork/index.ts';
import { actorFor } from '../fieldwork/testing/actors.ts';

const GANGCHENG = '370921104';
/** 10:00 in Shanghai on a day well after every date the tests write. */
const TEN_AM = new Date('2026-12-10T02:00:00Z');

for (const dialect of DIALECTS) {
  describe(`a running wave's settings [${dialect.name}]`, () => {
    let t: TestApp;
    let s: Client;
    const wave = (o: Parameters<typeof insertFieldworkWave>[2] = {}) => insertFieldworkWave(t.database.db, testCipher, { townshipCodes: [GANGCHENG], casesPerTownship: 3, ...o });
    const patch = (client: Client, w: FieldworkWave, body: Record<string, unknown>, locale?: string) =>
      client.request({ method: 'PATCH', url: `/api/survey/waves/${w.waveId}`, payload: body, ...(locale ? { headers: { 'x-lianxin-locale': locale } } : {}) });
    const audits = (waveId: string) =>
      t.database.db.selectFrom('audit_log').select(['action', 'before', 'after']).where('entity_type', '=', 'survey_wave').where('entity_id', '=', waveId).orderBy('id').execute();
    const parsed = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);

    beforeAll(async () => {
      t = await startTestApp(dialect);
      s = await t.as('supervisor');
    });
    afterAll(async () => {
      await t?.close();
    });

    it('changes the end date, calling hours and maximum attempts, audited with before and after', async () => {
      const w = await wave({ endsOn: '2099-06-30', maxAttempts: 5 });
      const res = await patch(s, w, { endsOn: '2099-07-31', callingHours: [{ from: '18:00', to: '20:30' }, { from: '09:00', to: '11:30' }], maxAttempts: 7 });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'fieldwork', endsOn: '2099-07-31', maxAttempts: 7, callingHours: [{ from: '09:00', to: '11:30' }, { from: '18:00', to: '20:30' }] });
      const [entry, ...more] = await audits(w.waveId);
      expect(more).toEqual([]);
      expect(entry!.action).toBe('survey_wave.update');
      expect(parsed(entry!.before)).toEqual({ endsOn: '2099-06-30', callingHours: [{ from: '00:00', to: '24:00' }], maxAttempts: 5, strata: [] });
      expect(parsed(entry!.after)).toEqual({ endsOn: '2099-07-31', callingHours: [{ from: '09:00', to: '11:30' }, { from: '18:00', to: '20:30' }], maxAttempts: 7, strata: [] });
      // The form sends every field back: unchanged frozen values are no change, and nothing new is audited.
      const shown = res.json();
      const again = await patch(s, w, { name: shown.name, startsOn: shown.startsOn, endsOn: shown.endsOn, targetCompletes: shown.targetCompletes, maxAttempts: 7 });
      expect(again.statusCode).toBe(200);
      expect(await audits(w.waveId)).toHaveLength(1);
      // The county admin may too.
      expect((await patch(await t.as('admin'), w, { maxAttempts: 8 })).statusCode).toBe(200);
    });

    it('refuses changes to the questionnaire, the sample and the sampling settings with 409 wave_running_frozen', async () => {
      const w = await wave();
      const other = await insertQuestionnaireVersion(t.database.db, { countyCode: '370921', status: 'published' });
      for (const body of [
        { questionnaireVersionId: other },
        { name: '改名' },
        { startsOn: '2026-02-01' },
        { targetCompletes: 999 },
        { replicateCount: 3 },
        { phoneQuota: { mobile: 6, landline: 4 } },
        { strata: [{ townshipCode: GANGCHENG, population: 1 }] },
      ]) {
        const res = await patch(s, w, { maxAttempts: 6, ...body });
        expect([res.statusCode, res.json().code, Object.keys(body)[0]]).toEqual([409, 'wave_running_frozen', Object.keys(body)[0]]);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.json().issues).toEqual([{ path: Object.keys(body)[0], message: expect.any(String) }]);
      }
      const zh = await patch(s, w, { name: '改名' }, 'zh-CN');
      expect(zh.json().detail).toContain('只能调整拨打时段、最多拨打次数和结束日期');
      expect(zh.json().issues[0].message).toBe('调查开始实施后不能修改');
      // Nothing was written, the allowed maxAttempts beside a frozen field included.
      expect((await s.get(`/api/survey/waves/${w.waveId}`)).json().maxAttempts).toBe(5);
      expect(await audits(w.waveId)).toEqual([]);
    });

    it('validates the end date, the hours and the attempts already made', async () => {
      const w = await wave({ startsOn: '2099-03-01', endsOn: '2099-03-31' });
      const before = await patch(s, w, { endsOn: '2099-02-28' }, 'en');
      expect([before.statusCode, before.json().issues]).toEqual([400, [{ path: 'endsOn', message: 'the end date is before the start date' }]]);

      const started = await wave();
      const yesterday = localDate(new Date(Date.now() - 86_400_000));
      const past = await patch(s, started, { endsOn: yesterday }, 'zh-CN');
      expect([past.statusCode, past.json().issues]).toEqual([400, [{ path: 'endsOn', message: '结束日期早于今天' }]]);
      expect((await patch(s, started, { endsOn: localDate() })).statusCode).toBe(200);
      expect((await patch(s, started, { callingHours: [{ from: '20:00', to: '25:00' }] })).statusCode).toBe(400);
      expect((await patch(s, started, { callingHours: [{ from: '20:00', to: '09:00' }] })).statusCode).toBe(400);

      const interviewer = await actorFor(t.database.db, 'interviewer1');
      const caseId = started.cases.get(GANGCHENG)![0]!;
      await writeCaseOutcomes(t.database.db, [{ caseId, interviewerId: interviewer.id, attempts: [1, 2, 3, 4].map(() => ({ disposition: 'T3.13', seconds: 20 })) }]);
      const low = await patch(s, started, { maxAttempts: 3 }, 'zh-CN');
      expect([low.statusCode, low.json().code, low.json().issues]).toEqual([422, 'wave_attempts_made', [{ path: 'maxAttempts', message: '已有样本拨打过 4 次' }]]);
      expect((await patch(s, started, { maxAttempts: 4 })).statusCode).toBe(200);
    });

    it('takes effect for the next case handed out', async () => {
      const w = await wave();
      const interviewer = await actorFor(t.database.db, 'interviewer2');
      expect((await patch(s, w, { callingHours: [{ from: '14:00', to: '20:00' }] })).statusCode).toBe(200);
      const outside = await nextCase({ db: t.database.db, actor: interviewer }, { waveId: w.waveId, now: TEN_AM }).catch((e: unknown) => e);
      expect(outside).toMatchObject({ status: 409, code: 'outside_calling_hours', options: { extensions: { nextWindow: { from: '2026-12-10T06:00:00.000Z' } } } });
      expect((await patch(s, w, { callingHours: [{ from: '09:30', to: '12:00' }] })).statusCode).toBe(200);
      const handed = await nextCase({ db: t.database.db, actor: interviewer }, { waveId: w.waveId, now: TEN_AM });
      expect(handed.case).not.toBeNull();
    });

    it('is for survey managers of the county only, and never for a closed wave', async () => {
      const w = await wave();
      for (const username of ['leader', 'gangcheng', 'cadre', 'minzheng', 'interviewer1']) {
        expect([username, (await patch(await t.as(username), w, { maxAttempts: 6 })).statusCode]).toEqual([username, 403]);
      }
      const db = t.database.db;
      const county = await db.selectFrom('region').select('id').where('code', '=', '370922').executeTakeFirst();
      if (!county) {
        const other = await insertRegion(db, { parent: null, code: '370922', name: '测试县', level: 'county', kind: 'county', openedOn: '2010-01-01' });
        await insertRegion(db, { parent: other, code: '370922101', name: '测试镇', level: 'township', kind: 'town', openedOn: '2010-01-01' });
      }
      const elsewhere = await insertFieldworkWave(db, testCipher, { countyCode: '370922', casesPerTownship: 1 });
      expect((await patch(s, elsewhere, { maxAttempts: 6 })).statusCode).toBe(404);
      const closed = await wave({ status: 'closed' });
      expect((await patch(s, closed, { maxAttempts: 6 })).json().code).toBe('wave_closed');
      expect(await audits(w.waveId)).toEqual([]);
    });
  });
}
