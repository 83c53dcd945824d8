/**
 * The rectification loop end to end through its routes, on both databases: proposals from a
 * closed wave (idempotent), confirm, the owner's progress with a photo, submit, the county's
 * accept (two at once: one wins), self-verification refused, scope, overdue on the workbench,
 * and did it work against the next closed wave.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import { insertFieldworkWave, writeCaseOutcomes, type CaseOutcomeRecord, type FieldworkWave } from '../../../../test/support/survey-fixture.ts';
import { startTestApp, testCipher, type TestApp } from '../../../../test/support/test-app.ts';
import { cliAuditSource } from '../audit/index.ts';
import { createUser } from '../users/index.ts';

const A = '370921104'; // 堽城镇 (gangcheng)
const B = '370921105'; // 蒋集镇 (jiangji)
const C = '370921106';
const JPEG = sharp({ create: { width: 32, height: 24, channels: 3, background: '#884422' } })
  .withExif({ IFD0: { Make: 'SecretCam', Copyright: 'GPS 35.9N' } })
  .jpeg()
  .toBuffer();

/** Every question answered with one letter: S satisfied, B basically, D dissatisfied. */
const answers = (letters: string, township: string) => {
  const SAT: Record<string, string> = { S: 'satisfied', B: 'basically', D: 'dissatisfied' };
  const a: Record<string, string | { text: string }> = { S1: 'yes', S2: 'a36_50', S3: township, Q11: 'yes', Q13: 'no' };
  [...letters].forEach((l, k) => (a[`Q${k + 1}`] = SAT[l]!));
  'abcd'.split('').forEach((c) => (a[`Q10${c}`] = 'heard'));
  return a;
};

async function closedWave(t: TestApp, endsOn: string, people: Record<string, string[]>, phoneBlock: number): Promise<FieldworkWave> {
  const db = t.database.db;
  const interviewer = await db.selectFrom('app_user').select('id').where('username', '=', 'interviewer1').executeTakeFirstOrThrow();
  const wave = await insertFieldworkWave(db, testCipher, { townshipCodes: [A, B, C], casesPerTownship: 24, status: 'closed', endsOn, startsOn: '2026-01-01', phoneBlock });
  const records: CaseOutcomeRecord[] = [];
  for (const [code, list] of Object.entries(people)) {
    list.forEach((letters, k) => records.push({ caseId: wave.cases.get(code)![k]!, interviewerId: interviewer.id, attempts: [{ disposition: '1.1', seconds: 600 }], interview: { status: 'complete', answers: answers(letters, code), durationSeconds: 600 } }));
  }
  await writeCaseOutcomes(db, records);
  return wave;
}

const repeat = (pattern: string[], n: number) => Array.from({ length: n }, (_, k) => pattern[k % pattern.length]!);

for (const dialect of DIALECTS) {
  describe(`rectification [${dialect.name}]`, () => {
    let t: TestApp;
    let first: FieldworkWave;
    let open: FieldworkWave;
    beforeAll(async () => {
      t = await startTestApp(dialect);
      // A is weak in the first wave (mostly dissatisfied); B and C are content.
      first = await closedWave(t, '2026-03-31', { [A]: repeat(['DDDDDDDDD', 'BDDBDDBDD', 'BBBBBBBBB', 'DBBBBBBBB'], 20), [B]: repeat(['SSSSSSSSS', 'SBSSSBSSS'], 20), [C]: repeat(['SSSSSSSSS', 'BSSSSSSSS'], 20) }, 71);
      open = await insertFieldworkWave(t.database.db, testCipher, { townshipCodes: [A, B], casesPerTownship: 2, status: 'fieldwork', phoneBlock: 72 });
    });
    afterAll(async () => t?.close());

    let taskId = '';

    it('proposes A’s weak figures from the closed wave, with n, interval and the test, once', async () => {
      const admin = await t.as('admin');
      const res = await admin.post('/api/rectification-tasks/proposals', { waveId: first.waveId });
      expect(res.statusCode, res.body).toBe(200);
      const r = res.json();
      expect(r.fromSurvey).toBeGreaterThan(0);
      const keys = r.items.map((i: { township: { code: string }; figureKey: string }) => `${i.township.code} ${i.figureKey}`);
      expect(keys).toContain(`${A} index`);
      expect(keys).toContain(`${A} dissatisfaction`);
      expect(keys.every((k: string) => k.startsWith(A))).toBe(true);
      const index = r.items.find((i: { figureKey: string }) => i.figureKey === 'index');
      expect(index).toMatchObject({ status: 'proposed', source: 'survey', reason: 'below_threshold', owner: null, effect: { state: 'not_applicable' } });
      taskId = index.id;
      const detail = (await admin.get(`/api/rectification-tasks/${taskId}`)).json();
      expect(detail.evidence).toMatchObject({ kind: 'survey', figureKey: 'index', threshold: 80, township: { n: 20 }, county: { n: 60 } });
      expect(detail.evidence.township.upper).toBeLessThan(80);
      expect(detail.evidence.p).toBeLessThan(0.05);
      expect(detail.problem).toContain('堽城镇');
      expect(detail.allowedSteps).toEqual(['confirm', 'drop', 'edit']);
      // Again: nothing new.
      const again = (await admin.post('/api/rectification-tasks/proposals', { waveId: first.waveId })).json();
      expect(again).toMatchObject({ created: 0, fromSurvey: 0 });
      expect(again.alreadyProposed).toBe(r.fromSurvey);
      // An open wave: refused.
      const openRes = await admin.post('/api/rectification-tasks/proposals', { waveId: open.waveId });
      expect(openRes.statusCode).toBe(409);
      expect(openRes.json().code).toBe('rectification_wave_not_closed');
    });

    it('hides proposals from the township; the county confirms to the township with a due date', async () => {
      const gangcheng = await t.as('gangcheng');
      expect((await gangcheng.get(`/api/rectification-tasks/${taskId}`)).statusCode).toBe(404);
      const admin = await t.as('admin');
      const res = await admin.post(`/api/rectification-tasks/${taskId}/confirm`, { ownerRegionCode: A, dueOn: '2099-06-30', measures: '逐村入户走访，建立问题台账' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'open', owner: { kind: 'township', code: A }, dueOn: '2099-06-30', measures: '逐村入户走访，建立问题台账', overdue: false });
      const twice = await admin.post(`/api/rectification-tasks/${taskId}/confirm`, { ownerRegionCode: A, dueOn: '2099-06-30' });
      expect(twice.statusCode).toBe(409);
      expect(twice.json()).toMatchObject({ code: 'rectification_step_not_allowed', caseStatus: 'open' });
      const bad = await admin.patch(`/api/rectification-tasks/${taskId}`, { ownerRegionCode: '370922101' });
      expect(bad.statusCode).toBe(422);
      const edit = await admin.patch(`/api/rectification-tasks/${taskId}`, { title: '堽城镇满意度指数偏低（整改）' });
      expect(edit.statusCode).toBe(200);
      const updates = edit.json().updates;
      expect(updates.at(-1)).toMatchObject({ kind: 'edit', details: { before: { title: '堽城镇满意度指数偏低' }, after: { title: '堽城镇满意度指数偏低（整改）' } } });
    });

    it('the owner township reports progress with a photo (metadata stripped) and submits; others cannot', async () => {
      const gangcheng = await t.as('gangcheng');
      const jiangji = await t.as('jiangji');
      expect((await jiangji.get(`/api/rectification-tasks/${taskId}`)).statusCode).toBe(404);
      expect((await jiangji.post(`/api/rectification-tasks/${taskId}/submit`, {})).statusCode).toBe(404);
      const admin = await t.as('admin');
      // The county admin is not the owner: the owner's steps are not theirs (the route admits owner roles only).
      expect((await admin.post(`/api/rectification-tasks/${taskId}/submit`, {})).statusCode).toBe(403);
      const upload = await gangcheng.request({ method: 'POST', url: `/api/rectification-tasks/${taskId}/files`, payload: await JPEG, headers: { 'content-type': 'image/jpeg' } });
      expect(upload.statusCode, upload.body).toBe(201);
      const sha256 = upload.json().sha256;
      const photo = await gangcheng.get(`/api/rectification-tasks/${taskId}/files/${sha256}`);
      expect(photo.statusCode).toBe(200);
      expect(photo.rawPayload.includes(Buffer.from('SecretCam'))).toBe(false);
      expect((await jiangji.get(`/api/rectification-tasks/${taskId}/files/${sha256}`)).statusCode).toBe(404);
      const progress = await gangcheng.post(`/api/rectification-tasks/${taskId}/progress`, { note: '已走访 12 个村', files: [sha256] });
      expect(progress.statusCode, progress.body).toBe(200);
      expect(progress.json().updates.at(-1)).toMatchObject({ kind: 'progress', note: '已走访 12 个村', files: [{ sha256 }] });
      expect(progress.json().pendingFiles).toEqual([]);
      const reuse = await gangcheng.post(`/api/rectification-tasks/${taskId}/progress`, { note: '再用一次', files: [sha256] });
      expect(reuse.statusCode).toBe(422);
      expect(reuse.json().code).toBe('rectification_file_not_on_task');
      const submit = await gangcheng.post(`/api/rectification-tasks/${taskId}/submit`, { note: '措施已落实' });
      expect(submit.statusCode).toBe(200);
      expect(submit.json()).toMatchObject({ status: 'submitted', allowedSteps: [] });
      // The township admin cannot verify: that is the county's route (403).
      expect((await gangcheng.post(`/api/rectification-tasks/${taskId}/accept`, {})).statusCode).toBe(403);
    });

    it('two accepts at once: one 200, one 409; the audit log and timeline hold one acceptance', async () => {
      const admin = await t.as('admin');
      const admin2 = await t.as('admin');
      const [x, y] = await Promise.all([admin.post(`/api/rectification-tasks/${taskId}/accept`, {}), admin2.post(`/api/rectification-tasks/${taskId}/accept`, {})]);
      expect([x.statusCode, y.statusCode].sort()).toEqual([200, 409]);
      const loser = x.statusCode === 409 ? x : y;
      expect(loser.json()).toMatchObject({ code: 'rectification_step_not_allowed', caseStatus: 'accepted' });
      const detail = (await admin.get(`/api/rectification-tasks/${taskId}`)).json();
      expect(detail).toMatchObject({ status: 'accepted', onTime: true });
      expect(detail.updates.filter((u: { kind: string }) => u.kind === 'accept')).toHaveLength(1);
      const audits = await t.database.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'rectification_task').where('entity_id', '=', taskId).execute();
      expect(audits.filter((a) => a.action === 'rectification.accept')).toHaveLength(1);
      expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['rectification.propose', 'rectification.confirm', 'rectification.edit', 'rectification.add_file', 'rectification.progress', 'rectification.submit']));
    });

    it('refuses verification by someone of the owner unit (409, both languages)', async () => {
      const db = t.database.db;
      const dept = await db.selectFrom('app_user').select('department_id').where('username', '=', 'minzheng').executeTakeFirstOrThrow();
      const deptCode = (await db.selectFrom('department').select('code').where('id', '=', dept.department_id!).executeTakeFirstOrThrow()).code;
      await createUser({ db, actor: null, source: cliAuditSource('test') }, { username: 'dual', displayName: '双重身份', password: 'Passw0rd2026', roles: ['county_admin', 'department_handler'], regionCode: '370921', departmentCode: deptCode });
      await createUser({ db, actor: null, source: cliAuditSource('test') }, { username: 'dual_en', displayName: 'Dual', password: 'Passw0rd2026', roles: ['county_admin', 'department_handler'], regionCode: '370921', departmentCode: deptCode, locale: 'en' });
      const admin = await t.as('admin');
      const created = await admin.post('/api/rectification-tasks', { townshipCode: B, ownerDepartmentId: dept.department_id, title: '低保审核提速', problem: '低保审核周期过长', dueOn: '2099-01-31' });
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id;
      const handler = await t.as('minzheng');
      expect((await handler.post(`/api/rectification-tasks/${id}/progress`, { note: '已压缩审核环节' })).statusCode).toBe(200);
      expect((await handler.post(`/api/rectification-tasks/${id}/submit`, {})).statusCode).toBe(200);
      for (const [username, text] of [['dual', '不能验收'], ['dual_en', 'cannot verify']] as const) {
        const dual = await t.as(username, 'Passw0rd2026');
        const res = await dual.post(`/api/rectification-tasks/${id}/accept`, {});
        expect(res.statusCode).toBe(409);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json().code).toBe('rectification_self_verification');
        expect(JSON.stringify(res.json())).toContain(text);
      }
      // Sent back by the county (someone else): open again, with the reason.
      const back = await admin.post(`/api/rectification-tasks/${id}/return`, { reason: '缺少前后对比' });
      expect(back.json()).toMatchObject({ status: 'open' });
      expect(back.json().updates.at(-1)).toMatchObject({ kind: 'return', note: '缺少前后对比' });
    });

    it('overdue tasks: the list filter and the workbench of the owner and the county', async () => {
      const admin = await t.as('admin');
      const created = await admin.post('/api/rectification-tasks', { townshipCode: A, ownerRegionCode: A, title: '村道路灯维修', problem: '夜间照明不足', dueOn: '2026-01-05' });
      const id = created.json().id;
      expect(created.json()).toMatchObject({ overdue: true, onTime: null });
      const overdue = (await admin.get('/api/rectification-tasks?overdue=true')).json().items.map((i: { id: string }) => i.id);
      expect(overdue).toContain(id);
      expect(overdue).not.toContain(taskId);
      const gangcheng = await t.as('gangcheng');
      const wb = (await gangcheng.get('/api/workbench')).json();
      expect(wb.todos).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'rectification.overdue', count: 1, href: '/rectification?overdue=true' })]));
      const wbCounty = (await admin.get('/api/workbench')).json();
      expect(wbCounty.todos.find((x: { key: string }) => x.key === 'rectification.overdue').count).toBeGreaterThanOrEqual(1);
      const jiangji = await t.as('jiangji');
      expect(((await jiangji.get('/api/workbench')).json().todos as { key: string }[]).some((x) => x.key === 'rectification.overdue')).toBe(false);
      // A department handler sees only its department's tasks.
      const handler = await t.as('minzheng');
      const seen = (await handler.get('/api/rectification-tasks')).json().items;
      expect(seen.every((i: { owner: { kind: string } }) => i.owner.kind === 'department')).toBe(true);
    });

    it('did it work: no later wave yet, then compared with the next closed wave', async () => {
      const admin = await t.as('admin');
      expect((await admin.get(`/api/rectification-tasks/${taskId}`)).json().effect).toEqual({ state: 'no_later_wave' });
      await closedWave(t, '2026-06-30', { [A]: repeat(['SSSSSSSSS', 'SBSSSSSSS', 'BSSSSSSSS'], 20), [B]: repeat(['SSSSSSSSS', 'SBSSSBSSS'], 20), [C]: repeat(['SSSSSSSSS', 'BSSSSSSSS'], 20) }, 73);
      const e = (await admin.get(`/api/rectification-tasks/${taskId}`)).json().effect;
      expect(e).toMatchObject({ state: 'compared', verdict: 'improved', higherIsBetter: true, before: { n: 20 }, after: { n: 20 } });
      expect(e.difference).toBeCloseTo(e.after.estimate - e.before.estimate, 10);
      expect(e.interval.lower).toBeGreaterThan(0);
      expect(e.p).toBeLessThan(0.05);
      const dissat = (await admin.get(`/api/rectification-tasks?townshipCode=${A}&status=proposed`)).json().items.find((i: { figureKey: string }) => i.figureKey === 'dissatisfaction');
      expect(dissat.effect).toMatchObject({ state: 'compared', higherIsBetter: false, verdict: 'improved' });
      expect(dissat.effect.difference).toBeLessThan(0);
    });

    it('pages the list by keyset, newest first, with the same total on every page; a forged cursor is 400', async () => {
      const admin = await t.as('admin');
      for (let k = 0; k < 5; k++) {
        const r = await admin.post('/api/rectification-tasks', { townshipCode: B, ownerRegionCode: B, title: `分页任务 ${k}`, problem: '分页', dueOn: '2099-01-31' });
        expect(r.statusCode).toBe(201);
      }
      const whole = (await admin.get('/api/rectification-tasks?limit=200')).json();
      expect(whole.nextCursor).toBeNull();
      expect(whole.total).toBe(whole.items.length);
      expect(whole.total).toBeGreaterThan(6);
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await admin.get(`/api/rectification-tasks?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.statusCode).toBe(200);
        const page = res.json();
        expect(page.total).toBe(whole.total);
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((i: { id: string }) => i.id));
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 100);
      expect(seen).toEqual(whole.items.map((i: { id: string }) => i.id));
      expect(pages).toBe(Math.ceil(whole.total / 2));
      // The filters hold across pages: B's tasks only, the five newest first.
      const first = (await admin.get(`/api/rectification-tasks?townshipCode=${B}&source=manual&limit=3`)).json();
      expect(first.items.map((i: { title: string }) => i.title)).toEqual(['分页任务 4', '分页任务 3', '分页任务 2']);
      const second = (await admin.get(`/api/rectification-tasks?townshipCode=${B}&source=manual&limit=3&cursor=${first.nextCursor}`)).json();
      expect(second.items.map((i: { title: string }) => i.title).slice(0, 2)).toEqual(['分页任务 1', '分页任务 0']);
      expect(second.total).toBe(first.total);
      // A township sees and counts its own tasks only.
      const jiangji = (await (await t.as('jiangji')).get('/api/rectification-tasks?limit=200')).json();
      expect(jiangji.total).toBe(jiangji.items.length);
      expect(jiangji.items.every((i: { township: { code: string } | null }) => i.township?.code === B)).toBe(true);
      for (const bad of ['nonsense', Buffer.from(JSON.stringify({ at: 'yesterday', id: '1' })).toString('base64url')]) {
        const res = await admin.get(`/api/rectification-tasks?cursor=${bad}`);
        expect(res.statusCode).toBe(400);
        expect(res.json().code).toBe('invalid_cursor');
      }
      expect((await admin.get('/api/rectification-tasks?limit=201')).statusCode).toBe(400);
    });

    it('the county admin saves the proposal thresholds (audited before and after); out-of-range values are 400 in both languages; a township cannot save', async () => {
      const admin = await t.as('admin');
      const before = (await admin.get('/api/rectification-tasks/settings')).json();
      expect(before).toMatchObject({ saved: false, indexThreshold: 80, dissatisfactionThreshold: 0.15 });
      const body = { indexThreshold: 82, domainScoreThreshold: 70, dissatisfactionThreshold: 0.12, caseMinCount: 6, caseAlpha: 0.01 };
      const saved = await admin.put('/api/rectification-tasks/settings', body);
      expect(saved.statusCode).toBe(200);
      expect(saved.json()).toMatchObject({ ...body, saved: true });
      expect((await admin.get('/api/rectification-tasks/settings')).json()).toMatchObject(body);
      const audit = await t.database.db.selectFrom('audit_log').select(['before', 'after']).where('action', '=', 'rectification_setting.update').orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect(audit.before).toBeNull();
      expect(audit.after).toMatchObject(body);
      for (const locale of ['zh-CN', 'en'] as const) {
        const res = await admin.request({ method: 'PUT', url: '/api/rectification-tasks/settings', payload: { ...body, dissatisfactionThreshold: 15, caseAlpha: 0.5 }, headers: { 'x-lianxin-locale': locale } });
        expect(res.statusCode).toBe(400);
        expect(res.json().issues.map((i: { path: string }) => i.path).sort()).toEqual(['caseAlpha', 'dissatisfactionThreshold']);
        expect(res.json().detail).toMatch(locale === 'en' ? /[a-z]/ : /[\u4e00-\u9fff]/);
      }
      expect((await admin.get('/api/rectification-tasks/settings')).json()).toMatchObject(body);
      const gangcheng = await t.as('gangcheng');
      expect((await gangcheng.put('/api/rectification-tasks/settings', body)).statusCode).toBe(403);
      expect((await gangcheng.get('/api/rectification-tasks/settings')).json()).toMatchObject(body);
    });
  });
}
