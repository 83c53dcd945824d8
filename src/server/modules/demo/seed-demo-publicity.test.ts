import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import { cliAuditSource } from '../audit/index.ts';
import { seedDemo } from './seed-demo.ts';
import { seedDemoPublicity } from './seed-demo-publicity.ts';

const source = cliAuditSource('test');
const NOW = new Date('2026-12-06T04:00:00Z');

for (const dialect of DIALECTS) {
  describe(`demo publicity [${dialect.name}]`, () => {
    let database: Awaited<ReturnType<typeof dialect.open>>;
    beforeAll(async () => {
      database = await dialect.open();
      await seedDemo({ db: database.db, actor: null, source });
    });
    afterAll(async () => database?.close());

    it('logs 30–60 activities over the last two quarters, unevenly over townships, through the use case; a second run adds none', async () => {
      const db = database.db;
      const first = await seedDemoPublicity({ db, actor: null, source }, { now: NOW });
      expect(first.activities).toBeGreaterThanOrEqual(30);
      expect(first.activities).toBeLessThanOrEqual(60);
      const rows = await db.selectFrom('publicity_activity as a').innerJoin('region as r', 'r.id', 'a.region_id').innerJoin('region as p', 'p.id', 'r.parent_id').select(['a.held_on', 'r.code', 'r.level', 'p.code as parent']).execute();
      expect(rows).toHaveLength(first.activities);
      for (const r of rows) {
        expect(String(r.held_on) >= '2026-06-06' && String(r.held_on) <= '2026-12-05').toBe(true);
        expect(['township', 'village']).toContain(r.level);
      }
      const perTownship = new Map<string, number>();
      for (const r of rows) {
        const township = r.level === 'township' ? r.code : r.parent;
        perTownship.set(township, (perTownship.get(township) ?? 0) + 1);
      }
      expect(perTownship.size).toBeGreaterThan(6);
      expect(Math.max(...perTownship.values())).toBeGreaterThanOrEqual(2 * Math.min(...perTownship.values()));
      const audits = await db.selectFrom('audit_log').select('id').where('action', '=', 'publicity_activity.create').execute();
      expect(audits).toHaveLength(first.activities);
      expect(await seedDemoPublicity({ db, actor: null, source }, { now: NOW })).toEqual({ activities: 0, skipped: 'exists' });
    });
  });
}
