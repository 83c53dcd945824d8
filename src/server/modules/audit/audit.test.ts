import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import { startTestApp, type TestApp } from '../../../../test/support/test-app.ts';

for (const dialect of DIALECTS) {
  describe(`audit log [${dialect.name}]`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(dialect);
    });
    afterAll(async () => t?.close());

    it('cannot be edited, deleted or truncated, even straight in SQL', async () => {
      const { db } = t.database;
      await expect(db.updateTable('audit_log').set({ action: 'forged' }).execute()).rejects.toThrow(/append-only/);
      await expect(db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
      await expect(sql`TRUNCATE audit_log`.execute(db)).rejects.toThrow(/append-only/);
      const count = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      expect(Number(count.n)).toBeGreaterThan(0);
    });

    it('shows a township admin nothing: browsing it is for county admins', async () => {
      const g = await t.as('gangcheng');
      const res = await g.get('/api/audit');
      expect(res.statusCode).toBe(403);
    });

    it('filters by actor, action, region and time, newest first', async () => {
      await t.as('gangcheng');
      await t.as('jiangji');
      const admin = await t.as('admin');
      const byRegion = (await admin.get('/api/audit?regionCode=370921104&action=auth.login')).json().items;
      expect(byRegion.length).toBeGreaterThan(0);
      expect(byRegion.every((e: { actorName: string }) => e.actorName === 'gangcheng')).toBe(true);
      const all = (await admin.get('/api/audit?limit=200')).json().items;
      const times = all.map((e: { at: string }) => e.at);
      expect([...times].sort().reverse()).toEqual(times);
      const future = (await admin.get(`/api/audit?from=${encodeURIComponent('2099-01-01T00:00:00+08:00')}`)).json().items;
      expect(future).toEqual([]);
    });

    it('shows failed sign-ins of unknown usernames to the county admin', async () => {
      await t.anonymous.post('/api/auth/login', { username: 'intruder', password: 'guess' });
      const admin = await t.as('admin');
      const items = (await admin.get('/api/audit?action=auth.login_failed&actor=intruder')).json().items;
      expect(items).toHaveLength(1);
      expect(items[0].after).toEqual({ reason: 'unknown_user' });
      expect(items[0].regionCode).toBeNull();
    });
  });
}
