import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import { startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { demoTownshipCodes } from '../demo/index.ts';

const towns = demoTownshipCodes();
const gangcheng = towns.find((t) => t.name === '堽城镇')!.code;
const jiangji = towns.find((t) => t.name === '蒋集镇')!.code;

for (const dialect of DIALECTS) {
  describe(`regions [${dialect.name}]`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(dialect);
    });
    afterAll(async () => t?.close());

    it('lists the 13 townships of the county with their village counts', async () => {
      const admin = await t.as('admin');
      const res = await admin.get('/api/regions/370921/children');
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.parent.code).toBe('370921');
      expect(body.items).toHaveLength(13);
      for (const township of body.items) {
        expect(township.level).toBe('township');
        expect(township.childCount).toBeGreaterThanOrEqual(10);
        expect(township.childCount).toBeLessThanOrEqual(40);
        expect(township.synthetic).toBe(false);
      }
      const villages = await admin.get(`/api/regions/${gangcheng}/children`);
      expect(villages.json().items.every((v: { synthetic: boolean; level: string }) => v.synthetic && v.level === 'village')).toBe(true);
    });

    it('keeps a township admin inside their township: 404 for another, existing or not', async () => {
      const g = await t.as('gangcheng');
      expect((await g.get(`/api/regions/${gangcheng}/children`)).statusCode).toBe(200);
      const other = await g.get(`/api/regions/${jiangji}`);
      const missing = await g.get('/api/regions/370921999');
      expect(other.statusCode).toBe(404);
      expect(missing.statusCode).toBe(404);
      expect(other.json().code).toBe(missing.json().code);
      expect((await g.get('/api/regions/370921')).statusCode).toBe(404);
    });

    it('opens, renames, merges a village and keeps its history; closed villages are hidden by default', async () => {
      const g = await t.as('gangcheng');
      const code = `${gangcheng}990`;
      const opened = await g.post('/api/regions', { parentCode: gangcheng, code, name: '测试新村', openedOn: '2026-01-01' });
      expect(opened.statusCode).toBe(201);
      expect(opened.json().level).toBe('village');
      const renamed = await g.post(`/api/regions/${code}/rename`, { name: '测试幸福村', effectiveOn: '2026-03-01' });
      expect(renamed.json().name).toBe('测试幸福村');
      const merged = await g.post(`/api/regions/${code}/close`, { closedOn: '2026-06-01', successorCode: `${gangcheng}201`, reason: '撤并' });
      expect(merged.statusCode).toBe(200);
      expect(merged.json()).toMatchObject({ closedOn: '2026-06-01', successorCode: `${gangcheng}201` });
      const open = (await g.get(`/api/regions/${gangcheng}/children`)).json().items.map((r: { code: string }) => r.code);
      const all = (await g.get(`/api/regions/${gangcheng}/children?includeClosed=true`)).json().items.map((r: { code: string }) => r.code);
      expect(open).not.toContain(code);
      expect(all).toContain(code);
      const history = (await g.get(`/api/regions/${code}/history`)).json().items.map((e: { kind: string }) => e.kind);
      expect(history).toEqual(['open', 'rename', 'merge']);
    });

    it('moves a village with its subtree to another township (county admin)', async () => {
      const admin = await t.as('admin');
      const code = `${jiangji}201`;
      const res = await admin.post(`/api/regions/${code}/move`, { newParentCode: gangcheng, effectiveOn: '2026-07-01' });
      expect(res.statusCode).toBe(200);
      expect(res.json().parentCode).toBe(gangcheng);
      const g = await t.as('gangcheng');
      expect((await g.get(`/api/regions/${code}`)).statusCode).toBe(200);
      const j = await t.as('jiangji');
      expect((await j.get(`/api/regions/${code}`)).statusCode).toBe(404);
    });

    it('refuses what breaks the tree, with a clear code', async () => {
      const g = await t.as('gangcheng');
      const wrongPrefix = await g.post('/api/regions', { parentCode: gangcheng, code: `${jiangji}991`, name: 'x', openedOn: '2026-01-01' });
      expect(wrongPrefix.statusCode).toBe(422);
      expect(wrongPrefix.json().code).toBe('region_invalid_code');
      const own = await g.post(`/api/regions/${gangcheng}/rename`, { name: 'x', effectiveOn: '2026-01-01' });
      expect(own.statusCode).toBe(403);
      const leader = await t.as('leader');
      const ro = await leader.post('/api/regions', { parentCode: gangcheng, code: `${gangcheng}992`, name: 'x', openedOn: '2026-01-01' });
      expect(ro.statusCode).toBe(403);
      expect(ro.json().code).toBe('read_only_role');
    });

    it('never deletes a region, even straight in SQL', async () => {
      await expect(t.database.db.deleteFrom('region').where('code', '=', `${gangcheng}202`).execute()).rejects.toThrow(/never deleted/);
    });
  });
}
