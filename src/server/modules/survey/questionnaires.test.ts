import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import { startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import type { TQuestionnaireDefinition } from '../../../shared/schemas/survey.ts';
import { STANDARD_QUESTIONNAIRE } from './standard-questionnaire.ts';

for (const dialect of DIALECTS) {
  describe(`survey questionnaires [${dialect.name}]`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(dialect);
    });
    afterAll(async () => t?.close());

    it('gives a county the standard questionnaire with one call, published, and only once', async () => {
      const s = await t.as('supervisor');
      expect((await s.get('/api/survey/questionnaires')).json()).toEqual({ items: [] });
      const first = await s.post('/api/survey/questionnaires/standard');
      expect(first.statusCode).toBe(200);
      expect(first.json()).toMatchObject({ countyCode: '370921', standard: true, versions: [{ version: 1, status: 'published', waveCount: 0 }] });
      const again = await s.post('/api/survey/questionnaires/standard');
      expect(again.json().id).toBe(first.json().id);
      const list = (await s.get('/api/survey/questionnaires')).json();
      expect(list.items).toHaveLength(1);
      const version = await s.get(`/api/survey/questionnaire-versions/${first.json().versions[0].id}`);
      expect(version.json().definition.questions.map((q: { code: string }) => q.code)).toEqual(STANDARD_QUESTIONNAIRE.questions.map((q) => q.code));
      // Interviewers read the script; they cannot change it.
      const i = await t.as('interviewer1');
      expect((await i.get(`/api/survey/questionnaire-versions/${first.json().versions[0].id}`)).statusCode).toBe(200);
      expect((await i.post('/api/survey/questionnaires/standard')).statusCode).toBe(403);
      const audit = await t.database.db.selectFrom('audit_log').select('action').where('action', '=', 'questionnaire.create_standard').execute();
      expect(audit).toHaveLength(1);
    });

    it('creates a draft from the standard one, saves it, refuses broken rules with per-path issues, publishes it once', async () => {
      const s = await t.as('supervisor');
      const created = await s.post('/api/survey/questionnaires', { name: '2026年问卷', standard: true });
      expect(created.statusCode).toBe(201);
      const draft = created.json();
      expect(draft).toMatchObject({ version: 1, status: 'draft', questionnaireName: '2026年问卷', publishedAt: null });

      const definition: TQuestionnaireDefinition = structuredClone(STANDARD_QUESTIONNAIRE);
      definition.closing = { 'zh-CN': '谢谢！', en: 'Thank you!' };
      const saved = await s.put(`/api/survey/questionnaire-versions/${draft.id}`, { definition, name: '2026年问卷（修订）' });
      expect(saved.statusCode).toBe(200);
      expect(saved.json()).toMatchObject({ questionnaireName: '2026年问卷（修订）', definition: { closing: { en: 'Thank you!' } } });

      const broken = structuredClone(definition);
      broken.questions[1]!.code = broken.questions[0]!.code;
      broken.questions[3]!.options[0]!.skipTo = broken.questions[2]!.code;
      const refused = await s.request({ method: 'PUT', url: `/api/survey/questionnaire-versions/${draft.id}`, payload: { definition: broken }, headers: { 'x-lianxin-locale': 'en' } });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().code).toBe('questionnaire_invalid');
      const paths = refused.json().issues.map((i: { path: string }) => i.path);
      expect(paths).toContain('definition.questions.1.code');
      expect(paths).toContain('definition.questions.3.options.0.skipTo');
      expect(refused.json().issues).toContainEqual({ path: 'definition.questions.1.code', message: 'duplicate question code S1' });
      // The same rules in Chinese (the default), the question code kept, in the issues and the detail.
      const zh = await s.put(`/api/survey/questionnaire-versions/${draft.id}`, { definition: broken });
      expect(zh.json().issues).toContainEqual({ path: 'definition.questions.1.code', message: '题号 S1 重复' });
      expect(zh.json().issues).toContainEqual({ path: 'definition.questions.3.options.0.skipTo', message: '跳题只能跳到后面的题目' });
      expect(zh.json().detail).toContain('definition.questions.1.code: 题号 S1 重复');
      // Nothing of the broken definition was stored.
      expect((await s.get(`/api/survey/questionnaire-versions/${draft.id}`)).json().definition.questions[1].code).toBe('S2');

      const shape = await s.put(`/api/survey/questionnaire-versions/${draft.id}`, { definition: { ...definition, extra: 1 } });
      expect(shape.statusCode).toBe(400);

      const published = await s.post(`/api/survey/questionnaire-versions/${draft.id}/publish`);
      expect(published.statusCode).toBe(200);
      expect(published.json().status).toBe('published');
      expect(published.json().publishedAt).not.toBeNull();
      const twice = await s.post(`/api/survey/questionnaire-versions/${draft.id}/publish`);
      expect(twice.statusCode).toBe(409);
      expect(twice.json().code).toBe('questionnaire_published');
      const frozen = await s.put(`/api/survey/questionnaire-versions/${draft.id}`, { definition });
      expect(frozen.statusCode).toBe(409);
      expect(frozen.json().code).toBe('questionnaire_published');
      // The trigger is the backstop under the use case.
      await expect(sql`UPDATE questionnaire_version SET definition = '{}' WHERE id = ${draft.id}`.execute(t.database.db)).rejects.toThrow(/frozen/);
    });

    it('checks a stored draft again when it is published, and says what is wrong in the caller’s language', async () => {
      const s = await t.as('supervisor');
      const draft = (await s.post('/api/survey/questionnaires', { name: '旧草稿', standard: true })).json();
      // A draft saved under older rules: its first question's code is no longer acceptable.
      const stale = structuredClone(STANDARD_QUESTIONNAIRE) as unknown as { questions: { code: unknown }[] };
      stale.questions[0]!.code = 7;
      await sql`UPDATE questionnaire_version SET definition = ${JSON.stringify(stale)}::jsonb WHERE id = ${draft.id}`.execute(t.database.db);

      const zh = await s.post(`/api/survey/questionnaire-versions/${draft.id}/publish`);
      expect(zh.statusCode).toBe(422);
      expect(zh.json().code).toBe('questionnaire_invalid');
      const zhIssue = zh.json().issues.find((i: { path: string }) => i.path === 'definition.questions.0.code');
      expect(zhIssue.message).toMatch(/[\u4e00-\u9fff]/);
      const en = await s.request({ method: 'POST', url: `/api/survey/questionnaire-versions/${draft.id}/publish`, headers: { 'x-lianxin-locale': 'en' } });
      const enIssue = en.json().issues.find((i: { path: string }) => i.path === 'definition.questions.0.code');
      expect(enIssue.message).toMatch(/expected string/i);
      expect((await s.get(`/api/survey/questionnaire-versions/${draft.id}`)).json().status).toBe('draft');
    });

    it('makes the next version as a draft copy, one draft at a time, and copies a version into a new questionnaire', async () => {
      const s = await t.as('supervisor');
      const { items } = (await s.get('/api/survey/questionnaires')).json();
      const standard = items.find((q: { standard: boolean }) => q.standard);
      const v1 = standard.versions[0].id;
      const next = await s.post(`/api/survey/questionnaire-versions/${v1}/new-version`);
      expect(next.statusCode).toBe(201);
      expect(next.json()).toMatchObject({ version: 2, status: 'draft', questionnaireId: standard.id });
      expect(next.json().definition).toEqual((await s.get(`/api/survey/questionnaire-versions/${v1}`)).json().definition);
      const another = await s.post(`/api/survey/questionnaire-versions/${v1}/new-version`);
      expect(another.statusCode).toBe(409);
      expect(another.json().code).toBe('questionnaire_draft_exists');
      const listed = (await s.get('/api/survey/questionnaires')).json().items.find((q: { id: string }) => q.id === standard.id);
      expect(listed.versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
        [2, 'draft'],
        [1, 'published'],
      ]);

      const copy = await s.post('/api/survey/questionnaires', { name: '复制', nameEn: 'Copy', copyFromVersionId: v1 });
      expect(copy.statusCode).toBe(201);
      expect(copy.json()).toMatchObject({ version: 1, status: 'draft', questionnaireNameEn: 'Copy' });
      expect(copy.json().questionnaireId).not.toBe(standard.id);
    });

    it('refuses bad requests clearly', async () => {
      const s = await t.as('supervisor');
      const both = await s.post('/api/survey/questionnaires', { name: 'x', standard: true, copyFromVersionId: '1' });
      expect(both.statusCode).toBe(400);
      const neither = await s.post('/api/survey/questionnaires', { name: 'x' });
      expect(neither.statusCode).toBe(400);
      const unknownField = await s.post('/api/survey/questionnaires', { name: 'x', standard: true, colour: 'red' });
      expect(unknownField.statusCode).toBe(400);
      const missingVersion = await s.post('/api/survey/questionnaires', { name: 'x', copyFromVersionId: '999999' });
      expect(missingVersion.statusCode).toBe(404);
      expect((await s.get('/api/survey/questionnaire-versions/999999')).statusCode).toBe(404);
      expect((await s.get('/api/survey/questionnaire-versions/abc')).statusCode).toBe(400);
      expect((await s.post('/api/survey/questionnaire-versions/999999/publish')).statusCode).toBe(404);
    });

    it('keeps other users out: township admins, cadres and other counties', async () => {
      const s = await t.as('supervisor');
      const versionId = (await s.get('/api/survey/questionnaires')).json().items[0].versions[0].id;
      const g = await t.as('gangcheng');
      expect((await g.get('/api/survey/questionnaires')).statusCode).toBe(403);
      expect((await g.get(`/api/survey/questionnaire-versions/${versionId}`)).statusCode).toBe(403);
      const leader = await t.as('leader');
      expect((await leader.get(`/api/survey/questionnaire-versions/${versionId}`)).statusCode).toBe(200);
      expect((await leader.post('/api/survey/questionnaires/standard')).json().code).toBe('read_only_role');
      // A version of another county is not found, whatever it is.
      const other = await t.database.db.insertInto('questionnaire').values({ county_code: '370902', name: '别县' }).returning('id').executeTakeFirstOrThrow();
      const otherVersion = await t.database.db
        .insertInto('questionnaire_version')
        .values({ questionnaire_id: other.id, county_code: '370902', version: 1, definition: JSON.stringify(STANDARD_QUESTIONNAIRE) })
        .returning('id')
        .executeTakeFirstOrThrow();
      expect((await s.get(`/api/survey/questionnaire-versions/${otherVersion.id}`)).statusCode).toBe(404);
      expect((await s.post(`/api/survey/questionnaire-versions/${otherVersion.id}/publish`)).statusCode).toBe(404);
      expect((await s.get('/api/survey/questionnaires')).json().items.every((q: { countyCode: string }) => q.countyCode === '370921')).toBe(true);
    });
  });
}
