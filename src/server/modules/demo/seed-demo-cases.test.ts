import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import { testCipher } from '../../../../test/support/test-app.ts';
import type { DB } from '../../db/schema.ts';
import { CASE_CHANNELS, CASE_STATUSES } from '../../../shared/cases/index.ts';
import { cliAuditSource } from '../audit/index.ts';
import { seedDemo } from './seed-demo.ts';
import { DEMO_CASES, seedDemoCases, type SeedDemoCasesResult } from './seed-demo-cases.ts';

const source = cliAuditSource('test');
const NOW = new Date('2026-12-06T04:00:00Z');
const COUNTY = '370921';

for (const dialect of DIALECTS) {
  describe(`demo cases [${dialect.name}]`, () => {
    let database: Awaited<ReturnType<typeof dialect.open>>;
    let db: Kysely<DB>;
    let seeded: SeedDemoCasesResult;

    beforeAll(async () => {
      database = await dialect.open();
      db = database.db;
      await seedDemo({ db, actor: null, source });
      seeded = await seedDemoCases({ db, actor: null, source, cipher: testCipher }, { now: NOW });
      // Measured on a machine shared by several engineers' test runs (2 cores): see the report.
      console.info(`seedDemoCases [${dialect.name}]: ${seeded.cases} cases in ${seeded.ms} ms`, seeded.byStatus);
    }, 600_000);
    afterAll(async () => database?.close());

    it('files a few hundred cases over three months from every channel, in every state', async () => {
      expect(seeded.created).toBe(true);
      expect(seeded.cases).toBeGreaterThan(DEMO_CASES * 0.9);
      expect(Object.keys(seeded.byChannel).sort()).toEqual(CASE_CHANNELS.filter((c) => c !== 'survey').sort());
      expect(Object.keys(seeded.byStatus).sort()).toEqual([...CASE_STATUSES].sort());
      expect(seeded.overdue).toBeGreaterThan(0);
      expect(seeded.reopened).toBeGreaterThan(0);
      const span = await db.selectFrom('resident_case').select((eb) => [eb.fn.min('registered_at').as('first'), eb.fn.max('registered_at').as('last')]).where('county_code', '=', COUNTY).executeTakeFirstOrThrow();
      expect(NOW.getTime() - new Date(span.first as Date).getTime()).toBeGreaterThan(80 * 86_400_000);
      expect(new Date(span.last as Date).getTime()).toBeLessThanOrEqual(NOW.getTime());
      const kinds = new Set((await db.selectFrom('case_event').select('kind').distinct().where('county_code', '=', COUNTY).execute()).map((e) => e.kind));
      for (const kind of ['register', 'dispatch', 'accept', 'note', 'resolve', 'escalate', 'return', 'callback', 'reopen', 'close', 'merge']) expect(kinds, kind).toContain(kind);
      const callbacks = await db.selectFrom('case_callback').select(['outcome', 'solved']).where('county_code', '=', COUNTY).execute();
      expect(callbacks.some((c) => c.solved === false)).toBe(true);
      expect(callbacks.some((c) => c.outcome === 'unreachable')).toBe(true);
    });

    it('keeps every case’s history consistent with its state', async () => {
      const cases = await db.selectFrom('resident_case').selectAll().where('county_code', '=', COUNTY).orderBy('id').execute();
      const events = await db.selectFrom('case_event').selectAll().where('county_code', '=', COUNTY).orderBy('case_id').orderBy('at').orderBy('id').execute();
      const assignments = await db.selectFrom('case_assignment').selectAll().where('county_code', '=', COUNTY).orderBy('id').execute();
      const byCase = <T extends { case_id: string }>(rows: T[]) => {
        const map = new Map<string, T[]>();
        for (const r of rows) map.set(r.case_id, [...(map.get(r.case_id) ?? []), r]);
        return map;
      };
      const eventsOf = byCase(events);
      const assignmentsOf = byCase(assignments);
      for (const c of cases) {
        const history = eventsOf.get(c.id) ?? [];
        expect(history[0]?.kind, c.case_no).toBe('register');
        expect(new Date(history[0]!.at).getTime()).toBe(new Date(c.registered_at).getTime());
        // Time only moves forward, never past the present.
        for (let i = 1; i < history.length; i += 1) expect(new Date(history[i]!.at).getTime(), c.case_no).toBeGreaterThanOrEqual(new Date(history[i - 1]!.at).getTime());
        expect(new Date(history.at(-1)!.at).getTime()).toBeLessThanOrEqual(NOW.getTime());
        // The last step that changed the status left the case in it.
        const lastChange = history.filter((e) => e.to_status !== null).at(-1)!;
        expect(lastChange.to_status, `${c.case_no} ${history.map((e) => e.kind).join(',')}`).toBe(c.status);
        const mine = assignmentsOf.get(c.id) ?? [];
        const open = mine.filter((a) => a.ended_at === null);
        expect(open.length, c.case_no).toBeLessThanOrEqual(1);
        if (c.status === 'merged') {
          expect(c.merged_into_id).not.toBeNull();
          expect(open).toEqual([]);
        }
        if (['dispatched', 'accepted', 'in_progress'].includes(c.status)) {
          expect(open.length, c.case_no).toBe(1);
          expect(c.current_assignment_id).toBe(open[0]!.id);
          expect(c.unit_region_id ?? c.unit_department_id).toBe(open[0]!.unit_region_id ?? open[0]!.unit_department_id);
        }
        if (c.reopen_count > 0) expect(mine.some((a) => a.reopened)).toBe(true);
        // Every dispatch-like step names its assignment, each assignment once.
        const dispatches = history.filter((e) => ['dispatch', 'escalate', 'auto_escalate', 'reopen'].includes(e.kind) && e.to_status === 'dispatched');
        expect(dispatches.map((e) => e.assignment_id).sort()).toEqual(mine.map((a) => a.id).sort());
      }
    });

    it('gives the ranking units that clearly differ', async () => {
      const rows = await db
        .selectFrom('case_assignment')
        .select(['unit_department_id', 'unit_region_id'])
        .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.count<string>('accepted_at').as('accepted')])
        .where('county_code', '=', COUNTY)
        .where('accepted_at', 'is not', null)
        .groupBy(['unit_department_id', 'unit_region_id'])
        .execute();
      const onTime = await db
        .selectFrom('case_assignment')
        .select(['unit_department_id', 'unit_region_id'])
        .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.sum<string>(eb.case().when('accepted_at', '<=', eb.ref('response_due_at')).then(1).else(0).end()).as('on_time')])
        .where('county_code', '=', COUNTY)
        .groupBy(['unit_department_id', 'unit_region_id'])
        .having((eb) => eb.fn.countAll(), '>=', 5)
        .execute();
      expect(rows.length).toBeGreaterThan(10);
      const rates = onTime.map((r) => Number(r.on_time) / Number(r.n));
      expect(Math.max(...rates) - Math.min(...rates)).toBeGreaterThan(0.3);
    });

    it('does nothing the second time', async () => {
      const again = await seedDemoCases({ db, actor: null, source, cipher: testCipher }, { now: NOW });
      expect(again.created).toBe(false);
      const n = await db.selectFrom('resident_case').select((eb) => eb.fn.countAll<string>().as('n')).where('county_code', '=', COUNTY).executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(seeded.cases);
    });
  });
}
