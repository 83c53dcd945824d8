import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import { startTestApp, type Client, type TestApp } from '../../../../test/support/test-app.ts';
import { cliAuditSource } from '../audit/index.ts';
import { insertRegion } from '../regions/index.ts';
import { seedMissingCaseCategories } from './seed-missing-case-categories.ts';

const NEW_CATEGORY = {
  code: 'env-water',
  name: '饮水安全',
  nameEn: 'Drinking water',
  parentId: null as string | null,
  domain: 'environment',
  departmentId: null as string | null,
  startLevel: 'village',
  responseHours: 8,
  resolveDays: 5,
  urgentHours: 12,
  open311: true,
  active: true,
  sort: 30,
};

for (const dialect of DIALECTS) {
  describe(`case categories [${dialect.name}]`, () => {
    let t: TestApp;
    let admin: Client;
    let environmentId: string;
    beforeAll(async () => {
      t = await startTestApp(dialect, { CASE_SWEEP_INTERVAL_SECONDS: '0' });
      admin = await t.as('admin');
      environmentId = (await t.database.db.selectFrom('case_category').select('id').where('code', '=', 'environment').executeTakeFirstOrThrow()).id;
    }, 120_000);
    afterAll(() => t?.close());

    it('lists the county’s tree to every case reader, sorted, with departments named', async () => {
      for (const username of ['admin', 'leader', 'gangcheng', 'cadre', 'minzheng']) {
        const res = await (await t.as(username)).get('/api/case-categories');
        expect(res.statusCode).toBe(200);
        const { items } = res.json();
        expect(items.map((c: { code: string }) => c.code)).toEqual(['relief', 'environment', 'medical', 'education', 'security', 'culture', 'employment', 'cadre']);
        expect(items[0].children[0]).toMatchObject({ code: 'relief-dibao', departmentName: '县民政局', domain: 'hardship_relief', children: [] });
      }
      expect((await (await t.as('interviewer1')).get('/api/case-categories')).statusCode).toBe(403);
    });

    it('creates a category under a parent, audited; a duplicate code is 409', async () => {
      const zjj = await t.database.db.selectFrom('department').select('id').where('code', '=', 'zjj').executeTakeFirstOrThrow();
      const res = await admin.post('/api/case-categories', { ...NEW_CATEGORY, parentId: environmentId, departmentId: zjj.id });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ code: 'env-water', parentId: environmentId, departmentName: '县住房和城乡建设局', resolveDays: 5, open311: true });
      const audit = await t.database.db.selectFrom('audit_log').select(['entity_id', 'county_code']).where('action', '=', 'case_category.create').where('entity_id', '=', res.json().id).executeTakeFirstOrThrow();
      expect(audit.county_code).toBe('370921');
      const again = await admin.post('/api/case-categories', { ...NEW_CATEGORY, parentId: environmentId });
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('case_category_code_taken');
      expect((await (await t.as('gangcheng')).post('/api/case-categories', { ...NEW_CATEGORY, code: 'x-1' })).statusCode).toBe(403);
    });

    it('refuses a department of another county, an unknown parent, a cycle, and a code change', async () => {
      const other = await t.database.db.insertInto('department').values({ county_code: '370922', code: 'mzj', name: '外县民政局', name_en: null }).returning('id').executeTakeFirstOrThrow();
      const foreign = await admin.post('/api/case-categories', { ...NEW_CATEGORY, code: 'foreign-dept', departmentId: other.id });
      expect([foreign.statusCode, foreign.json().code]).toEqual([422, 'case_category_department_invalid']);
      const orphan = await admin.post('/api/case-categories', { ...NEW_CATEGORY, code: 'orphan', parentId: '999999' });
      expect([orphan.statusCode, orphan.json().code]).toEqual([422, 'case_category_parent_unknown']);
      const child = await t.database.db.selectFrom('case_category').select('id').where('code', '=', 'env-sanitation').executeTakeFirstOrThrow();
      const cycle = await admin.patch(`/api/case-categories/${environmentId}`, { parentId: child.id });
      expect([cycle.statusCode, cycle.json().code]).toEqual([422, 'case_category_cycle']);
      const self = await admin.patch(`/api/case-categories/${environmentId}`, { parentId: environmentId });
      expect(self.json().code).toBe('case_category_cycle');
      expect((await admin.patch(`/api/case-categories/${child.id}`, { code: 'renamed' })).statusCode).toBe(400);
      expect((await admin.patch('/api/case-categories/999999', { sort: 1 })).statusCode).toBe(404);
    });

    it('updates deadlines; deactivating a branch deactivates its leaves; no active child under an inactive parent', async () => {
      const relief = await t.database.db.selectFrom('case_category').select('id').where('code', '=', 'relief').executeTakeFirstOrThrow();
      const dibao = await t.database.db.selectFrom('case_category').select('id').where('code', '=', 'relief-dibao').executeTakeFirstOrThrow();
      const changed = await admin.patch(`/api/case-categories/${dibao.id}`, { resolveDays: 10, responseHours: 4 });
      expect(changed.json()).toMatchObject({ code: 'relief-dibao', resolveDays: 10, responseHours: 4 });
      const off = await admin.patch(`/api/case-categories/${relief.id}`, { active: false });
      expect(off.json().active).toBe(false);
      const leaves = await t.database.db.selectFrom('case_category').select(['code', 'active']).where('parent_id', '=', relief.id).execute();
      expect(leaves.every((l) => !l.active)).toBe(true);
      const audit = await t.database.db.selectFrom('audit_log').select('after').where('action', '=', 'case_category.update').where('entity_id', '=', relief.id).executeTakeFirstOrThrow();
      expect((audit.after as { deactivatedSubcategories: string[] }).deactivatedSubcategories).toContain('relief-dibao');
      const reactivate = await admin.patch(`/api/case-categories/${dibao.id}`, { active: true });
      expect([reactivate.statusCode, reactivate.json().code]).toEqual([422, 'case_category_parent_inactive']);
      const under = await admin.post('/api/case-categories', { ...NEW_CATEGORY, code: 'relief-new', parentId: relief.id });
      expect(under.json().code).toBe('case_category_parent_inactive');
      // An inactive child may be added under an inactive parent (prepared for later).
      expect((await admin.post('/api/case-categories', { ...NEW_CATEGORY, code: 'relief-later', parentId: relief.id, active: false })).statusCode).toBe(201);
      expect((await admin.patch(`/api/case-categories/${relief.id}`, { active: true })).statusCode).toBe(200);
      expect((await admin.patch(`/api/case-categories/${dibao.id}`, { active: true })).statusCode).toBe(200);
    });

    it('seeds the default tree at start for a county with accounts and none, once', async () => {
      const db = t.database.db;
      const county = await insertRegion(db, { parent: null, code: '370923', name: '东平县', level: 'county', openedOn: '2026-01-01' });
      await db.insertInto('department').values({ county_code: '370923', code: 'mzj', name: '东平县民政局', name_en: null }).execute();
      const ctx = { db, actor: null, source: cliAuditSource('serve') };
      expect(await seedMissingCaseCategories(ctx, {})).toEqual([]); // no accounts yet
      const adminRow = await db.selectFrom('app_user').select('password_hash').where('username', '=', 'admin').executeTakeFirstOrThrow();
      await db.insertInto('app_user').values({ username: 'dongping', display_name: '东平管理员', password_hash: adminRow.password_hash, region_id: county.id, county_code: '370923', roles: ['county_admin'] }).execute();
      expect(await seedMissingCaseCategories(ctx, {})).toEqual(['370923']);
      expect(await seedMissingCaseCategories(ctx, {})).toEqual([]);
      const rows = await db.selectFrom('case_category').select(['code', 'department_id']).where('county_code', '=', '370923').execute();
      expect(rows.length).toBeGreaterThan(20);
      const mzj = await db.selectFrom('department').select('id').where('county_code', '=', '370923').executeTakeFirstOrThrow();
      expect(rows.find((r) => r.code === 'relief-dibao')?.department_id).toBe(mzj.id);
    });
  });
}
