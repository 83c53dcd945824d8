import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import { idNumber, insertHousehold } from '../../../../test/support/registry-fixture.ts';
import { startTestApp, testCipher, type TestApp } from '../../../../test/support/test-app.ts';
import { registerCase } from './register-case.ts';
import { GANGCHENG, GANGCHENG_VILLAGE, caseContext } from './testing/case-fixture.ts';

const shanghai = (s: string) => new Date(`${s}+08:00`);

for (const dialect of DIALECTS) {
  describe(`registerCase [${dialect.name}]`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(dialect);
      await insertHousehold(t.database.db, testCipher, {
        villageCode: GANGCHENG_VILLAGE,
        householdNo: 'C-1',
        members: [{ name: '王大娘', idNumber: idNumber('1950-02-03', 11), relationship: '户主', phones: ['13912345678'] }],
      });
    });
    afterAll(() => t?.close());

    it('registers a village case, links the resident by phone and dispatches it to the village on a working-day deadline', async () => {
      const ctx = await caseContext(t.database.db, 'cadre');
      // Friday 2026-09-25 15:00 in Shanghai is 中秋节: the festival, the weekend and 国庆 are skipped.
      const c = await registerCase(ctx, {
        channel: 'window',
        now: shanghai('2026-09-25T15:00:00'),
        intake: { categoryCode: 'env-road-light', regionCode: GANGCHENG_VILLAGE, title: '村口路灯不亮', description: '村口三盏路灯坏了两周', contactName: '王大娘', contactPhone: '139 1234 5678' },
      });
      expect(c.caseNo).toMatch(/^MQ20260925\d{6}$/);
      expect(c.trackingCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
      expect(c.status).toBe('dispatched');
      expect(c.unit?.level).toBe('village');
      expect(c.residentLinked).toBe(true);
      // accept within 8 working hours: all of Monday 09-28, 09:00–17:00
      expect(c.responseDueAt).toEqual(shanghai('2026-09-28T17:00:00'));
      // 7 working days: Sep 28, 29, 30, (Oct 1–7 off), Oct 8, 9, 10 (调休 Saturday), 12 → midnight after Oct 12
      expect(c.resolveDueAt).toEqual(shanghai('2026-10-13T00:00:00'));
      const row = await t.database.db.selectFrom('resident_case').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
      expect(row.contact_phone_masked).toBe('139****5678');
      expect(row.contact_phone_cipher).not.toContain('13912345678');
      expect(testCipher.decrypt(row.contact_phone_cipher!)).toBe('13912345678');
      const audit = await t.database.db.selectFrom('audit_log').select(['after']).where('action', '=', 'case.register').where('entity_id', '=', c.id).executeTakeFirstOrThrow();
      expect(JSON.stringify(audit.after)).not.toContain('13912345678');
    });

    it('leaves a department-first case waiting for the county when the category names no department', async () => {
      const ctx = await caseContext(t.database.db, 'admin');
      await t.database.db.updateTable('case_category').set({ department_id: null }).where('code', '=', 'env-pollution').execute();
      const c = await registerCase(ctx, { channel: 'phone', intake: { categoryCode: 'env-pollution', regionCode: GANGCHENG, title: '化工厂夜间排气', description: '夜里气味刺鼻' } });
      expect(c.status).toBe('registered');
      expect(c.unit).toBeNull();
    });

    it('refuses a region outside the actor’s subtree and an unknown category', async () => {
      const jiangji = await caseContext(t.database.db, 'jiangji');
      await expect(registerCase(jiangji, { channel: 'window', intake: { categoryCode: 'env-road-light', regionCode: GANGCHENG_VILLAGE, title: 't', description: 'd' } })).rejects.toMatchObject({ status: 422, code: 'case_region_invalid' });
      const cadre = await caseContext(t.database.db, 'cadre');
      await expect(registerCase(cadre, { channel: 'window', intake: { categoryCode: 'no-such', regionCode: GANGCHENG_VILLAGE, title: 't', description: 'd' } })).rejects.toMatchObject({ status: 422, code: 'case_category_unknown' });
    });
  });
}
